import type { MetaRecord } from 'nextra'

const BREWING: MetaRecord = {
  'pour-over': '',
  // prettier-ignore
  'french-press': <><code>French</code> press</>,
  espresso: { title: 'Espresso at home' },
}

export default {
  index: { type: 'page', display: 'hidden' },
  docs: {
    type: 'page',
    title: 'Notes',
    items: {
      index: '',
      beans: '',
      brewing: { items: BREWING },
      shop: { title: 'Our shop', href: 'https://example.com/coffee' },
    },
  },
}
