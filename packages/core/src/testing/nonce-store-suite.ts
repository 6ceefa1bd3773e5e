import { describe, expect, it } from 'vitest';
import type { NonceStore } from '../store.js';
import {
  type CreateStore,
  countTrue,
  LONG_MS,
  type StoreSuiteOptions,
  sleep,
  uniqueKey,
  useStore,
} from './suite-support.js';

/**
 * The `NonceStore` contract: a claim is atomic and exclusive until its TTL has passed, keys are
 * independent, and a store that cannot answer rejects. Call it at the top level of a test file.
 */
export function describeNonceStore<Store extends NonceStore>(
  name: string,
  createStore: CreateStore<Store>,
  options: StoreSuiteOptions<Store> = {},
): void {
  const scale = options.ttlScale ?? 1;

  describe(`${name} as a NonceStore`, () => {
    const store = useStore(createStore, options.disposeStore);

    it('claims a new key once and refuses it while the claim holds', async () => {
      const key = uniqueKey('nonce');
      expect(await store().claimNonce(key, LONG_MS)).toBe(true);
      expect(await store().claimNonce(key, LONG_MS)).toBe(false);
      expect(await store().claimNonce(key, LONG_MS)).toBe(false);
    });

    it('lets exactly one of 50 concurrent claims of a key win', async () => {
      const key = uniqueKey('nonce');
      const claims = Array.from({ length: 50 }, () => store().claimNonce(key, LONG_MS));
      expect(await countTrue(claims)).toBe(1);
    });

    it('keeps keys independent, even keys that differ only in case or by a suffix', async () => {
      const key = uniqueKey('nonce');
      expect(await store().claimNonce(key, LONG_MS)).toBe(true);
      expect(await store().claimNonce(key.toUpperCase(), LONG_MS)).toBe(true);
      expect(await store().claimNonce(`${key}:1`, LONG_MS)).toBe(true);
      expect(await store().claimNonce(key, LONG_MS)).toBe(false);
    });

    it('holds a claim for its whole TTL, not a shorter one', async () => {
      const key = uniqueKey('nonce');
      expect(await store().claimNonce(key, 1_500 * scale)).toBe(true);
      await sleep(300 * scale);
      expect(await store().claimNonce(key, 1_500 * scale)).toBe(false);
    });

    it('frees a claim once its TTL has passed, for exactly one new claimant', async () => {
      const key = uniqueKey('nonce');
      expect(await store().claimNonce(key, 150 * scale)).toBe(true);
      expect(await store().claimNonce(key, 150 * scale)).toBe(false);

      await sleep(350 * scale);
      const claims = Array.from({ length: 50 }, () => store().claimNonce(key, LONG_MS));
      expect(await countTrue(claims)).toBe(1);
    });

    it('expires each key on its own TTL', async () => {
      const short = uniqueKey('nonce');
      const long = uniqueKey('nonce');
      await store().claimNonce(short, 150 * scale);
      await store().claimNonce(long, LONG_MS);

      await sleep(350 * scale);
      expect(await store().claimNonce(short, LONG_MS)).toBe(true);
      expect(await store().claimNonce(long, LONG_MS)).toBe(false);
    });

    const { createUnavailableStore } = options;
    if (createUnavailableStore) {
      describe('when it cannot answer', () => {
        const unavailable = useStore(createUnavailableStore, options.disposeStore);

        it('rejects a claim instead of guessing', async () => {
          await expect(unavailable().claimNonce(uniqueKey('nonce'), LONG_MS)).rejects.toThrow();
        });
      });
    }
  });
}
