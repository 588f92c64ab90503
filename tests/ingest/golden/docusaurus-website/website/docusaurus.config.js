// The bicycle club's site lives in website/; its pages are the repository's own docs/.
const path = require('path');

module.exports = {
  title: 'Bicycle Care',
  tagline: 'Keeping an ordinary bicycle running, one job at a time.',
  i18n: {defaultLocale: 'en', locales: ['en', 'fr']},
  presets: [
    [
      'classic',
      {
        docs: {
          path: '../docs',
          sidebarPath: './sidebars.json',
          editUrl: ({docPath}) => `https://example.org/edit/${docPath}`,
        },
        blog: {path: 'blog'},
      },
    ],
  ],
};
