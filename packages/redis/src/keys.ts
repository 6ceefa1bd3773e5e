/**
 * Where the store keeps a key's state. The caller's key sits inside a hash tag, so everything one
 * key owns maps to one Cluster slot. Nonces and counters get different kinds, so the same caller
 * key used for both never collides (one is a string, the other a hash).
 */
export function nonceKey(prefix: string, key: string): string {
  return `${prefix}nonce:{${key}}`;
}

export function counterKey(prefix: string, key: string): string {
  return `${prefix}rate:{${key}}`;
}
