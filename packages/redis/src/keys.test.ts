import { describe, expect, it } from 'vitest';
import { keyNames } from './keys.js';

/** The part of a key Redis hashes for its Cluster slot: the first non-empty `{...}`, or all. */
function hashedPart(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open === -1 || close === -1 || close === open + 1 ? key : key.slice(open + 1, close);
}

describe('keyNames', () => {
  it('puts every single-slot key under the prefix as its one hash tag', () => {
    const keys = keyNames('twilio-guard:', 'single-slot');

    expect(keys.nonce('nonce:ab12')).toBe('{twilio-guard}:nonce:nonce:ab12');
    expect(keys.counter('rl:203.0.113.7')).toBe('{twilio-guard}:rate:rl:203.0.113.7');
  });

  it('keeps a caller key with braces inside the prefix tag', () => {
    const keys = keyNames('app-', 'single-slot');
    const names = [keys.nonce('{a}'), keys.counter('b}{c}'), keys.nonce('x')];

    expect(names[2]).toBe('{app-}nonce:x');
    expect(names.map(hashedPart)).toEqual(['app-', 'app-', 'app-']);
  });

  it('gives each per-key key its caller key as the tag', () => {
    const keys = keyNames('twilio-guard:', 'per-key');

    expect(keys.nonce('nonce:ab12')).toBe('twilio-guard:nonce:{nonce:ab12}');
    expect(keys.counter('rl:203.0.113.7')).toBe('twilio-guard:rate:{rl:203.0.113.7}');
    expect(hashedPart(keys.nonce('n'))).not.toBe(hashedPart(keys.counter('c')));
  });

  it('never gives a nonce and a counter of the same key one name', () => {
    for (const layout of ['single-slot', 'per-key'] as const) {
      const keys = keyNames('p:', layout);
      expect(keys.nonce('shared')).not.toBe(keys.counter('shared'));
    }
  });
});
