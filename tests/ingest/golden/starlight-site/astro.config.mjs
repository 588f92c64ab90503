// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

const site = process.env.SITE_URL ?? 'https://lanterns.example.org';

export default defineConfig({
	site,
	integrations: [
		starlight({
			title: { en: 'Lantern Keeping', fr: 'Tenir le phare' },
			description: 'How the island volunteers keep the old lighthouse lit.',
			social: [{ icon: 'github', label: 'Source', href: `${site}/source` }],
			locales: {
				root: { label: 'English', lang: 'en' },
				fr: { label: 'Français', lang: 'fr' },
			},
			sidebar: [
				{
					label: 'First nights',
					translations: { fr: 'Premières nuits' },
					items: [
						'first-nights/arriving',
						{ slug: 'first-nights/the-log', label: 'Keeping the log' },
						{ label: 'Shift rota', link: '/first-nights/rota/' },
					],
				},
				{
					label: 'The lamp',
					items: [
						{ label: 'Lenses', collapsed: true, items: [{ autogenerate: { directory: 'lamp/lenses' } }] },
						// Written as Starlight before 0.39 wrote a group of one folder.
						{ label: 'Fuel', badge: 'New', autogenerate: { directory: 'lamp/fuel' } },
					],
				},
				{
					label: 'Reference',
					items: [
						{ autogenerate: { directory: 'reference' } },
						{ label: 'Tide tables', link: 'https://tides.example.org/' },
					],
				},
			],
		}),
	],
});
