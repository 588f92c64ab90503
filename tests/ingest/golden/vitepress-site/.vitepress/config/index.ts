import { defineConfig } from 'vitepress'
import { enConfig } from './en'
import { frConfig } from './fr'

export default defineConfig({
  title: 'Bread at Home',
  description: 'Baking plain loaves in an ordinary kitchen',
  cleanUrls: true,

  locales: {
    root: { label: 'English', lang: 'en-GB', ...enConfig },
    fr: { label: 'Français', lang: 'fr-FR', link: '/fr/', ...frConfig },
  },
})
