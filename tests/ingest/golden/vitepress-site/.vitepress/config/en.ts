import type { DefaultTheme, LocaleSpecificConfig } from 'vitepress'

const ovenCount = 1

export const enConfig: LocaleSpecificConfig<DefaultTheme.Config> = {
  themeConfig: {
    nav: [
      { text: 'Basics', link: '/flour' },
      { text: 'Starter', link: '/starter/' },
    ],

    sidebar: {
      '/starter/': [
        {
          text: 'Keeping a starter',
          base: '/starter/',
          items: [
            { text: 'Why bother', link: 'index' },
            { text: 'Feeding it', link: 'feeding' },
            { text: `Baking with ${ovenCount} oven`, link: 'first-bake' },
          ],
        },
      ],
      '/': [
        {
          text: 'Basics',
          collapsed: false,
          items: [
            { text: 'Flour', link: '/flour' },
            { text: 'Kneading by hand', link: '/kneading.html' },
            { text: 'Proving', link: '/proving#warm-places' },
          ],
        },
        { text: 'Troubleshooting', link: '/troubleshooting' },
        { text: 'Our shop', link: 'https://example.com/shop' },
      ],
    },
  },
}
