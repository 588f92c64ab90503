// The harbour handbook's site settings: Chapterwise reads its strings and never runs it.
const lightCodeTheme = require('prism-react-renderer').themes.github;

/** @type {import('@docusaurus/types').Config} */
const config = {
  themeConfig: {
    navbar: {title: 'Handbook', items: [{type: 'doc', docId: 'welcome', label: 'Read'}]},
    prism: {theme: lightCodeTheme},
  },
  title: 'Harbour Handbook',
  tagline: 'Everything the harbour club knows about boats, in one place.',
  url: 'https://handbook.example.org',
  baseUrl: '/',
};

module.exports = config;
