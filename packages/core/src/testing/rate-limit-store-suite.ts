import { describe, expect, it } from 'vitest';
import type { RateLimitRule, RateLimitStore } from '../store.js';
import {
  type CreateStore,
  countTrue,
  LONG_WINDOW_MS,
  type StoreSuiteOptions,
  sleep,
  uniqueKey,
  useStore,
} from './suite-support.js';

const ALGORITHMS = ['sliding', 'fixed'] as const;

/**
 * The `RateLimitStore` contract, for both algorithms: `limit` requests per window are allowed
 * and the next is refused with a delay, concurrent hits never overshoot, keys are independent,
 * a reset forgets a key, and counts fade with time as `RateLimitRule` describes.
 */
export function describeRateLimitStore<Store extends RateLimitStore>(
  name: string,
  createStore: CreateStore<Store>,
  options: StoreSuiteOptions<Store> = {},
): void {
  const scale = options.ttlScale ?? 1;

  describe(`${name} as a RateLimitStore`, () => {
    const store = useStore(createStore, options.disposeStore);

    /** Hits `key` `times` times, one after another, and returns every result. */
    async function hit(key: string, rule: RateLimitRule, times: number) {
      const results = [];
      for (let i = 0; i < times; i += 1) results.push(await store().hitRateLimit(key, rule));
      return results;
    }

    for (const algorithm of ALGORITHMS) {
      describe(`with the ${algorithm} algorithm`, () => {
        const rule: RateLimitRule = { limit: 5, windowMs: LONG_WINDOW_MS, algorithm };

        it('allows `limit` requests, counting `remaining` down to 0', async () => {
          const results = await hit(uniqueKey('rl'), rule, 5);

          expect(results.map((result) => result.allowed)).toEqual([true, true, true, true, true]);
          expect(results.map((result) => result.remaining)).toEqual([4, 3, 2, 1, 0]);
          for (const result of results) {
            expect(result.limit).toBe(5);
            expect(result.retryAfterMs).toBe(0);
            expect(result.resetMs).toBeGreaterThan(0);
            expect(result.resetMs).toBeLessThanOrEqual(rule.windowMs);
          }
        });

        it('refuses request limit + 1 and later ones, each with a delay to retry after', async () => {
          const key = uniqueKey('rl');
          await hit(key, rule, 5);
          const refused = await hit(key, rule, 2);

          for (const result of refused) {
            expect(result).toMatchObject({ allowed: false, limit: 5, remaining: 0 });
            expect(result.retryAfterMs).toBeGreaterThan(0);
            expect(result.retryAfterMs).toBeLessThanOrEqual(2 * rule.windowMs);
          }
        });

        it('allows exactly `limit` of 50 concurrent requests', async () => {
          const key = uniqueKey('rl');
          const concurrentRule = { ...rule, limit: 20 };
          const hits = Array.from({ length: 50 }, () =>
            store()
              .hitRateLimit(key, concurrentRule)
              .then((result) => result.allowed),
          );
          expect(await countTrue(hits)).toBe(20);
        });

        it('counts each key on its own', async () => {
          const key = uniqueKey('rl');
          await hit(key, rule, 6);

          const [other] = await hit(`${key}:other`, rule, 1);
          expect(other).toMatchObject({ allowed: true, remaining: 4 });
        });

        it('forgets a key on reset, and only that key', async () => {
          const key = uniqueKey('rl');
          const other = uniqueKey('rl');
          await hit(key, rule, 6);
          await hit(other, rule, 6);

          await store().resetRateLimit(key);
          const [afterReset] = await hit(key, rule, 1);
          const [untouched] = await hit(other, rule, 1);
          expect(afterReset).toMatchObject({ allowed: true, remaining: 4 });
          expect(untouched?.allowed).toBe(false);
          await expect(store().resetRateLimit(uniqueKey('never-used'))).resolves.toBeUndefined();
        });

        it('allows a full window again once the counted requests have faded', async () => {
          const key = uniqueKey('rl');
          const shortRule = { ...rule, windowMs: 200 * scale };
          await hit(key, shortRule, 6);

          // A fixed count ends with its window; a sliding one fades over the window after it.
          await sleep((algorithm === 'fixed' ? 250 : 450) * scale);
          const [result] = await hit(key, shortRule, 1);
          expect(result).toMatchObject({ allowed: true, remaining: 4 });
        });
      });
    }

    it('sliding: refuses at the start of a window what the window before used up', async () => {
      const outcome = await atNextWindowStart('sliding');
      expect(outcome.allowed).toBe(false);
    });

    it('fixed: allows a full window again as soon as the next window starts', async () => {
      const outcome = await atNextWindowStart('fixed');
      expect(outcome).toMatchObject({ allowed: true, remaining: 1 });
    });

    /**
     * Uses up a limit of 2 early in one window, then hits again just after the next window
     * starts. `resetMs` tells where the store's own clock is in its window, so this works
     * whatever the store's clock reads. Sliding refuses until half the next window has gone.
     */
    async function atNextWindowStart(algorithm: RateLimitRule['algorithm']) {
      const key = uniqueKey('rl');
      const rule: RateLimitRule = { limit: 2, windowMs: 600 * scale, algorithm };

      const probe = await store().hitRateLimit(uniqueKey('rl-probe'), rule);
      await sleep(probe.resetMs + 20 * scale);
      const results = await hit(key, rule, 2);
      expect(results.map((result) => result.allowed)).toEqual([true, true]);

      await sleep((results[1]?.resetMs ?? 0) + 50 * scale);
      const [outcome] = await hit(key, rule, 1);
      if (!outcome) throw new Error('no result');
      return outcome;
    }

    const { createUnavailableStore } = options;
    if (createUnavailableStore) {
      describe('when it cannot answer', () => {
        const unavailable = useStore(createUnavailableStore, options.disposeStore);

        it('rejects a hit instead of guessing', async () => {
          const rule: RateLimitRule = { limit: 5, windowMs: LONG_WINDOW_MS, algorithm: 'sliding' };
          await expect(unavailable().hitRateLimit(uniqueKey('rl'), rule)).rejects.toThrow();
        });
      });
    }
  });
}
