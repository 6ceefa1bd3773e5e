import { describe, expect, it } from 'vitest';
import type { RateLimitRule, StoreRequest, TwilioGuardStore } from '../store.js';
import {
  type CreateStore,
  countTrue,
  LONG_MS,
  LONG_WINDOW_MS,
  type StoreSuiteOptions,
  uniqueKey,
  useStore,
} from './suite-support.js';

const rule: RateLimitRule = { limit: 3, windowMs: LONG_WINDOW_MS, algorithm: 'sliding' };

/**
 * The `checkRequest` contract: one call counts the rate limit and, only when that allows the
 * request, claims the nonce, sharing state with `hitRateLimit` and `claimNonce`.
 */
export function describeCheckRequestStore<Store extends TwilioGuardStore>(
  name: string,
  createStore: CreateStore<Store>,
  options: StoreSuiteOptions<Store> = {},
): void {
  describe(`${name}.checkRequest`, () => {
    const getStore = useStore(createStore, options.disposeStore);

    function check(request: StoreRequest) {
      const store = getStore();
      if (typeof store.checkRequest !== 'function') {
        throw new Error(
          `${name} has no checkRequest method: pass { checkRequest: false } to ` +
            'describeTwilioGuardStore, or do not call describeCheckRequestStore for it.',
        );
      }
      return store.checkRequest(request);
    }

    function request(rateLimitKey: string, nonceKey: string): StoreRequest {
      return {
        rateLimit: { key: rateLimitKey, rule },
        nonce: { key: nonceKey, ttlMs: LONG_MS },
      };
    }

    it('counts the request and claims its nonce in one call', async () => {
      const rateLimitKey = uniqueKey('rl');
      const nonceKey = uniqueKey('nonce');

      const first = await check(request(rateLimitKey, nonceKey));
      const second = await check(request(rateLimitKey, nonceKey));

      expect(first.rateLimit).toMatchObject({ allowed: true, remaining: 2 });
      expect(first.nonceClaimed).toBe(true);
      expect(second.rateLimit).toMatchObject({ allowed: true, remaining: 1 });
      expect(second.nonceClaimed).toBe(false);
    });

    it('does not claim the nonce of a request the rate limit refuses', async () => {
      const rateLimitKey = uniqueKey('rl');
      for (let i = 0; i < rule.limit; i += 1) await check(request(rateLimitKey, uniqueKey('n')));
      const refusedNonce = uniqueKey('nonce');

      const refused = await check(request(rateLimitKey, refusedNonce));

      expect(refused.rateLimit?.allowed).toBe(false);
      expect(refused.nonceClaimed).toBeUndefined();
      expect(await getStore().claimNonce(refusedNonce, LONG_MS)).toBe(true);
    });

    it('answers a request with only a nonce, or only a rate limit, with only that part', async () => {
      const nonceOnly = await check({ nonce: { key: uniqueKey('nonce'), ttlMs: LONG_MS } });
      const rateLimitOnly = await check({ rateLimit: { key: uniqueKey('rl'), rule } });

      expect(nonceOnly).toEqual({ nonceClaimed: true });
      expect(rateLimitOnly.nonceClaimed).toBeUndefined();
      expect(rateLimitOnly.rateLimit).toMatchObject({ allowed: true, remaining: 2 });
    });

    it('shares counts and claims with hitRateLimit and claimNonce', async () => {
      const rateLimitKey = uniqueKey('rl');
      const nonceKey = uniqueKey('nonce');
      await check(request(rateLimitKey, nonceKey));
      await check(request(rateLimitKey, uniqueKey('nonce')));

      const third = await getStore().hitRateLimit(rateLimitKey, rule);
      const fourth = await getStore().hitRateLimit(rateLimitKey, rule);
      expect(third).toMatchObject({ allowed: true, remaining: 0 });
      expect(fourth.allowed).toBe(false);
      expect(await getStore().claimNonce(nonceKey, LONG_MS)).toBe(false);
    });

    it('lets exactly one of 50 concurrent requests claim a nonce', async () => {
      const nonceKey = uniqueKey('nonce');
      const wideRule = { ...rule, limit: 1_000 };
      const checks = Array.from({ length: 50 }, () =>
        check({
          rateLimit: { key: uniqueKey('rl'), rule: wideRule },
          nonce: { key: nonceKey, ttlMs: LONG_MS },
        }).then((result) => result.nonceClaimed === true),
      );
      expect(await countTrue(checks)).toBe(1);
    });

    const { createUnavailableStore } = options;
    if (createUnavailableStore) {
      describe('when it cannot answer', () => {
        const unavailable = useStore(createUnavailableStore, options.disposeStore);

        it('rejects instead of guessing', async () => {
          const store = unavailable();
          const checking = store.checkRequest?.(request(uniqueKey('rl'), uniqueKey('nonce')));
          await expect(checking).rejects.toThrow();
        });
      });
    }
  });
}
