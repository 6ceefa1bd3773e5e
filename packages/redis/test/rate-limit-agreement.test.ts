import { decideRateLimit, type RateLimitRule, type WindowCounts } from '@twilio-guard/core';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { connectStandalone, describeStandalone, uniquePrefix } from './redis-env.js';

async function redisNow(client: Redis): Promise<number> {
  const [seconds, micros] = await client.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/**
 * The script reads Redis's clock, which a test cannot set. Its `resetMs` gives the time within
 * the window, and the clock readings before and after the call bound the time to one window,
 * so the exact `now` the script used is known and core's arithmetic can be run on it.
 */
function nowUsed(resetMs: number, windowMs: number, before: number, after: number): number {
  const elapsed = windowMs - resetMs;
  let now = after - (after % windowMs) + elapsed;
  if (now > after) now -= windowMs;
  expect(now).toBeGreaterThanOrEqual(before);
  return now;
}

/** The counts a store holding `seeded` sees at `now`, as MemoryStore reads them. */
function countsAt(seeded: { window: number } & WindowCounts, now: number, windowMs: number) {
  const window = now - (now % windowMs);
  if (seeded.window === window) return { previous: seeded.previous, current: seeded.current };
  if (seeded.window === window - windowMs) return { previous: seeded.current, current: 0 };
  return { previous: 0, current: 0 };
}

/** Counts around the limit, where allowing and refusing meet, and far from it. */
const sample = fc
  .record({
    limit: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 100_000 })),
    windowMs: fc.integer({ min: 2_000, max: 86_400_000 }),
    algorithm: fc.constantFrom<RateLimitRule['algorithm']>('sliding', 'fixed'),
    windowsAgo: fc.constantFrom(0, 1, 2),
    currentShare: fc.double({ min: 0, max: 2, noNaN: true }),
    previousShare: fc.double({ min: 0, max: 2, noNaN: true }),
    throughCheckRequest: fc.boolean(),
  })
  .map(({ currentShare, previousShare, ...rest }) => ({
    ...rest,
    current: Math.round(rest.limit * currentShare),
    previous: Math.round(rest.limit * previousShare),
  }));

describeStandalone('the Lua rate limit against core decideRateLimit', () => {
  it('gives the same result as decideRateLimit for the same counts and time', async () => {
    const client = await connectStandalone();
    const keyPrefix = uniquePrefix();
    const store = new RedisStore({ client, keyPrefix });
    let run = 0;

    await fc.assert(
      fc.asyncProperty(sample, async (input) => {
        const rule: RateLimitRule = {
          limit: input.limit,
          windowMs: input.windowMs,
          algorithm: input.algorithm,
        };
        const key = `rl:agreement-${run++}`;
        const counter = `{${keyPrefix.slice(0, -1)}}:rate:${key}`;

        const before = await redisNow(client);
        const window = before - (before % rule.windowMs) - input.windowsAgo * rule.windowMs;
        const seeded = { window, current: input.current, previous: input.previous };
        await client.hset(counter, { w: window, c: seeded.current, p: seeded.previous });
        await client.pexpire(counter, 3_600_000);

        const result = input.throughCheckRequest
          ? (await store.checkRequest({ rateLimit: { key, rule }, nonce: { key, ttlMs: 1_000 } }))
              .rateLimit
          : await store.hitRateLimit(key, rule);
        const after = await redisNow(client);

        if (!result) throw new Error('no rate-limit result');
        const now = nowUsed(result.resetMs, rule.windowMs, before, after);
        const counts = countsAt(seeded, now, rule.windowMs);
        expect(result).toEqual(decideRateLimit(counts, rule, now));

        const stored = await client.hgetall(counter);
        const expectedCurrent = result.allowed ? counts.current + 1 : seeded.current;
        expect(Number(stored.c)).toBe(expectedCurrent);
      }),
      { numRuns: 400 },
    );
  });
});
