/** The most of one item a single message may order. */
export const MAX_QUANTITY = 20;

/** What a customer asked for, read from the text of one message. */
export type Command =
  | { kind: 'menu' }
  | { kind: 'order'; quantity: number; item: string }
  | { kind: 'status' }
  | { kind: 'cancel' }
  | { kind: 'help'; problem: string | undefined };

/**
 * Reads a message: `menu`, `order <qty> <item>` (the quantity may be left out and means one),
 * `status`, `cancel`. Case and extra spaces do not matter. Anything else, or an order that cannot
 * be read, is `help`, with `problem` saying what was wrong when the customer clearly tried.
 */
export function parseCommand(text: string | undefined): Command {
  const words = (text ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [verb, ...rest] = words;

  if (verb === 'menu' && rest.length === 0) return { kind: 'menu' };
  if (verb === 'status' && rest.length === 0) return { kind: 'status' };
  if (verb === 'cancel' && rest.length === 0) return { kind: 'cancel' };
  if (verb === 'order') return parseOrder(rest);
  return { kind: 'help', problem: undefined };
}

function parseOrder(words: string[]): Command {
  const [first, ...others] = words;
  if (first === undefined) return help('Say what to order, e.g. "order 2 margherita".');

  if (!/^\d+$/.test(first)) return { kind: 'order', quantity: 1, item: words.join(' ') };

  const quantity = Number(first);
  if (quantity < 1 || quantity > MAX_QUANTITY) {
    return help(`The quantity must be from 1 to ${MAX_QUANTITY}.`);
  }
  if (others.length === 0) return help('Say which item to order, e.g. "order 2 margherita".');
  return { kind: 'order', quantity, item: others.join(' ') };
}

function help(problem: string): Command {
  return { kind: 'help', problem };
}
