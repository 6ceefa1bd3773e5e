/**
 * How the store spreads its keys over a Cluster's slots.
 *
 * - `'single-slot'`: every key carries one hash tag made from the key prefix
 *   (`{twilio-guard}:nonce:<key>`, `{twilio-guard}:rate:<key>`), so a rate limit and a nonce
 *   are checked by one script in one round trip, and one shard holds every key.
 * - `'per-key'`: each key carries its own caller key as the tag
 *   (`twilio-guard:nonce:{<key>}`), which spreads the keys over all shards; on a Cluster a
 *   request that needs both then takes two round trips.
 */
export type KeyLayout = 'single-slot' | 'per-key';

export const KEY_LAYOUTS: readonly KeyLayout[] = ['single-slot', 'per-key'];

/** The Redis key names for a caller's keys. */
export interface KeyNames {
  nonce(key: string): string;
  counter(key: string): string;
}

/**
 * Nonces and counters get different kinds, so the same caller key used for both never
 * collides (one is a string, the other a hash). The prefix holds no braces (options refuse
 * them), so the tag the store writes is the first one Redis finds in a key.
 */
export function keyNames(prefix: string, layout: KeyLayout): KeyNames {
  if (layout === 'per-key') {
    return {
      nonce: (key) => `${prefix}nonce:{${key}}`,
      counter: (key) => `${prefix}rate:{${key}}`,
    };
  }

  const tagged = singleSlotPrefix(prefix);
  return {
    nonce: (key) => `${tagged}nonce:${key}`,
    counter: (key) => `${tagged}rate:${key}`,
  };
}

/** `'twilio-guard:'` becomes `'{twilio-guard}:'`: the prefix's text, less one trailing `:`. */
export function singleSlotPrefix(prefix: string): string {
  const separator = prefix.endsWith(':') ? ':' : '';
  return `{${prefix.slice(0, prefix.length - separator.length)}}${separator}`;
}
