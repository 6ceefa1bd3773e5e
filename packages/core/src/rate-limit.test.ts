import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideRateLimit,
  rateLimitHeaders,
  retryAfterSeconds,
  type WindowCounts,
  windowStart,
} from './rate-limit.js';
import type { RateLimitRule } from './store.js';

const sliding: RateLimitRule = { limit: 10, windowMs: 60_000, algorithm: 'sliding' };

/** The counts a store holds at `later` if nothing was counted after `now`. */
function countsLater(counts: WindowCounts, windowMs: number, now: number, later: number) {
  const windowsPassed = (windowStart(later, windowMs) - windowStart(now, windowMs)) / windowMs;
  if (windowsPassed === 0) return counts;
  if (windowsPassed === 1) return { previous: counts.current, current: 0 };
  return { previous: 0, current: 0 };
}

describe('decideRateLimit', () => {
  it('weighs the previous window by the share the sliding window still covers', () => {
    // 15 s into the window, 45/60 of the previous one is still covered: 8 * 0.75 + 3 = 9 used.
    const result = decideRateLimit({ previous: 8, current: 3 }, sliding, 120_000 + 15_000);
    expect(result).toEqual({
      allowed: true,
      limit: 10,
      remaining: 0,
      resetMs: 45_000,
      retryAfterMs: 0,
    });
    expect(decideRateLimit({ previous: 8, current: 4 }, sliding, 135_000).allowed).toBe(false);
  });

  it('ignores the previous window with the fixed algorithm', () => {
    const fixed = { ...sliding, algorithm: 'fixed' as const };
    const result = decideRateLimit({ previous: 100, current: 9 }, fixed, 1_000);
    expect(result).toMatchObject({ allowed: true, remaining: 0, resetMs: 59_000 });
  });

  it('tells a refused fixed-window request to wait for the next window', () => {
    const fixed = { ...sliding, algorithm: 'fixed' as const };
    const result = decideRateLimit({ previous: 0, current: 10 }, fixed, 60_000 + 20_000);
    expect(result).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 40_000 });
  });

  it('gives the exact wait: allowed after retryAfterMs, refused one ms before', () => {
    const rules = fc.record({
      limit: fc.integer({ min: 1, max: 200 }),
      windowMs: fc.integer({ min: 1_000, max: 3_600_000 }),
      algorithm: fc.constantFrom('sliding' as const, 'fixed' as const),
    });
    const cases = rules.chain((rule) =>
      fc.record({
        rule: fc.constant(rule),
        previous: fc.integer({ min: 0, max: rule.limit * 2 }),
        current: fc.integer({ min: 0, max: rule.limit }),
        now: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
      }),
    );

    fc.assert(
      fc.property(cases, ({ rule, previous, current, now }) => {
        const counts = { previous, current };
        const result = decideRateLimit(counts, rule, now);
        if (result.allowed) return result.retryAfterMs === 0;

        const at = now + result.retryAfterMs;
        const before = at - 1;
        const allowedAt = decideRateLimit(countsLater(counts, rule.windowMs, now, at), rule, at);
        const allowedBefore = decideRateLimit(
          countsLater(counts, rule.windowMs, now, before),
          rule,
          before,
        );
        return result.retryAfterMs > 0 && allowedAt.allowed && !allowedBefore.allowed;
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('rate-limit headers', () => {
  it('states quota and window, then remaining and seconds to reset', () => {
    const result = decideRateLimit({ previous: 0, current: 4 }, sliding, 1_500);
    expect(rateLimitHeaders(result, sliding)).toEqual({
      'RateLimit-Policy': '"twilio-guard";q=10;w=60',
      RateLimit: '"twilio-guard";r=5;t=59',
    });
  });

  it('counts seconds to a retry for a refused request, never 0', () => {
    const fixed = { ...sliding, algorithm: 'fixed' as const };
    const refused = decideRateLimit({ previous: 0, current: 10 }, fixed, 59_999);
    expect(refused.retryAfterMs).toBe(1);
    expect(retryAfterSeconds(refused)).toBe('1');
    expect(rateLimitHeaders(refused, fixed).RateLimit).toBe('"twilio-guard";r=0;t=1');
  });

  it('waits into the next window while the full last window fades (sliding)', () => {
    // Next window: 10 * (W - e) / W + 1 <= 10 from e = W / 10 on, so 1 ms + 6 s.
    const refused = decideRateLimit({ previous: 0, current: 10 }, sliding, 59_999);
    expect(refused.retryAfterMs).toBe(6_001);
    expect(retryAfterSeconds(refused)).toBe('7');
  });
});
