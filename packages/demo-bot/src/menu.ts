/** One dish the bot sells. */
export interface MenuItem {
  /** The word customers type, e.g. `margherita`. */
  id: string;
  /** The name replies use. */
  name: string;
  /** Price of one, in cents. */
  priceCents: number;
}

export const MENU: readonly MenuItem[] = [
  { id: 'margherita', name: 'Margherita', priceCents: 850 },
  { id: 'marinara', name: 'Marinara', priceCents: 700 },
  { id: 'diavola', name: 'Diavola', priceCents: 1050 },
  { id: 'funghi', name: 'Funghi', priceCents: 950 },
  { id: 'quattro-formaggi', name: 'Quattro Formaggi', priceCents: 1100 },
];

/**
 * The menu item a customer meant, by id or name, ignoring case, spaces versus dashes and a plural
 * `s` ("2 margheritas", "quattro formaggi").
 */
export function findMenuItem(words: string): MenuItem | undefined {
  const wanted = words.trim().toLowerCase().replace(/\s+/g, '-');
  const singular = wanted.endsWith('s') ? wanted.slice(0, -1) : wanted;
  return MENU.find((item) => item.id === wanted || item.id === singular);
}

export function formatPrice(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

export function menuText(): string {
  const lines = MENU.map((item) => `• ${item.name}: ${formatPrice(item.priceCents)}`);
  return ['Our menu:', ...lines, 'Order with: order 2 margherita'].join('\n');
}
