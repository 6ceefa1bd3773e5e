import { describe, expect, it } from 'vitest';
import { findMenuItem, formatPrice, MENU, menuText } from './menu.js';

describe('findMenuItem', () => {
  it('finds an item by id, by name in any case, and by its plural', () => {
    expect(findMenuItem('margherita')?.id).toBe('margherita');
    expect(findMenuItem('Quattro Formaggi')?.id).toBe('quattro-formaggi');
    expect(findMenuItem('margheritas')?.id).toBe('margherita');
  });

  it('finds nothing for an item not on the menu', () => {
    expect(findMenuItem('hawaiian')).toBeUndefined();
    expect(findMenuItem('')).toBeUndefined();
  });
});

describe('menuText', () => {
  it('lists every item with its price', () => {
    const text = menuText();
    for (const item of MENU)
      expect(text).toContain(`${item.name}: ${formatPrice(item.priceCents)}`);
  });
});
