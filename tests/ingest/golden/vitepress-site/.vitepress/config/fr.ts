export const frConfig = {
  themeConfig: {
    sidebar: { '/fr/': [{ text: 'Farine', link: '/fr/farine' }] },
  },
}
