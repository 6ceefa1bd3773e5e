import { describe, expect, it } from 'vitest';
import { MAX_QUANTITY, parseCommand } from './parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['menu', { kind: 'menu' }],
    ['  MENU ', { kind: 'menu' }],
    ['status', { kind: 'status' }],
    ['Cancel', { kind: 'cancel' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('reads an order with a quantity and an item of several words', () => {
    expect(parseCommand('order 2 margherita')).toEqual({
      kind: 'order',
      quantity: 2,
      item: 'margherita',
    });
    expect(parseCommand('Order  3   Quattro   Formaggi')).toEqual({
      kind: 'order',
      quantity: 3,
      item: 'quattro formaggi',
    });
  });

  it('takes an order without a quantity as one', () => {
    expect(parseCommand('order funghi')).toEqual({ kind: 'order', quantity: 1, item: 'funghi' });
  });

  it.each(['0', String(MAX_QUANTITY + 1), '999999999999'])(
    'refuses the quantity %s with a reason',
    (quantity) => {
      const command = parseCommand(`order ${quantity} margherita`);
      expect(command.kind).toBe('help');
      expect(command).toMatchObject({ problem: expect.stringContaining(String(MAX_QUANTITY)) });
    },
  );

  it('explains an order that names no item', () => {
    expect(parseCommand('order')).toMatchObject({ kind: 'help', problem: expect.any(String) });
    expect(parseCommand('order 2')).toMatchObject({ kind: 'help', problem: expect.any(String) });
  });

  it.each([undefined, '', 'hello', 'menu please', 'status of my order', '2 margherita'])(
    'answers %j with plain help',
    (text) => {
      expect(parseCommand(text)).toEqual({ kind: 'help', problem: undefined });
    },
  );
});
