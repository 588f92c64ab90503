// A VuePress 1 site of our own: an object sidebar, v1 pairs, a group, and a Chinese translation.
const { description } = require('../../package')

module.exports = {
  title: 'The Rigging Room',
  description: 'How the club rigs, reefs and reads the sky.',
  locales: {
    '/': { lang: 'en-GB' },
    '/zh/': { lang: 'zh-CN', title: '索具间' }
  },
  themeConfig: {
    nav: [
      { text: 'Rigging', link: '/rigging/' },
      { text: 'Sky', link: '/weather/' }
    ],
    sidebar: {
      '/rigging/': [
        ['', 'About rigging'],
        'knots',
        {
          title: 'Sails',
          collapsable: false,
          children: ['sails/main', ['sails/jib.md', 'The jib']]
        }
      ],
      '/weather/': ['clouds', 'wind.html', 'https://example.org/forecast', 'fog']
    },
    locales: {
      '/zh/': { sidebar: { '/zh/rigging/': [''] } }
    }
  }
}
