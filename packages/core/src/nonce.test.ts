import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveNonce } from './nonce.js';

const signature = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

describe('deriveNonce', () => {
  it('is the SHA-256 of the signature, so a byte-identical retry has the same nonce', () => {
    expect(deriveNonce(signature)).toBe(createHash('sha256').update(signature).digest('hex'));
    expect(deriveNonce(signature)).toBe(deriveNonce(signature));
  });

  it('covers the timestamp when there is one', () => {
    const withTimestamp = deriveNonce(signature, 1_748_779_200_000);
    expect(withTimestamp).not.toBe(deriveNonce(signature));
    expect(withTimestamp).not.toBe(deriveNonce(signature, 1_748_779_200_001));
    expect(withTimestamp).toBe(deriveNonce(signature, 1_748_779_200_000));
  });

  it('differs for different signatures', () => {
    expect(deriveNonce(signature)).not.toBe(deriveNonce(`${signature.slice(0, -2)}A=`));
  });
});
