import type { RateLimitResult, RateLimitRule } from './store.js';

/** Counts of the current fixed window and the one before it, as a store keeps them. */
export interface WindowCounts {
  previous: number;
  current: number;
}

/**
 * Decides one request from the stored counts at time `now`. Every store uses this arithmetic
 * (the Redis store runs the same steps in Lua against Redis's clock), so limits agree wherever
 * state lives. The caller adds one to `current` only when the result is allowed.
 *
 * With `e` the time elapsed in the current window of length `W`, a sliding window has used
 * `previous * (W - e) / W + current`. Every comparison is made scaled by `W`, in integers, so
 * a request at the very edge is never allowed or refused by a rounding error.
 */
export function decideRateLimit(
  counts: WindowCounts,
  rule: RateLimitRule,
  now: number,
): RateLimitResult {
  const { limit, windowMs } = rule;
  const resetMs = windowMs - (now % windowMs);
  const previousWeight = rule.algorithm === 'sliding' ? resetMs : 0;
  const free = limit * windowMs - counts.previous * previousWeight - counts.current * windowMs;

  if (free >= windowMs) {
    const remaining = floorDiv(free - windowMs, windowMs);
    return { allowed: true, limit, remaining, resetMs, retryAfterMs: 0 };
  }

  return { allowed: false, limit, remaining: 0, resetMs, retryAfterMs: waitMs(counts, rule, now) };
}

/** How long until one more request fits, assuming no other request arrives meanwhile. */
function waitMs(counts: WindowCounts, rule: RateLimitRule, now: number): number {
  const { limit, windowMs } = rule;
  const elapsed = now % windowMs;
  const resetMs = windowMs - elapsed;
  if (rule.algorithm === 'fixed') return resetMs;

  // Within this window the previous count fades linearly: one more fits from the first `e`
  // with previous * (W - e) <= room * W.
  const room = limit - 1 - counts.current;
  if (room >= 0 && counts.previous > 0) {
    const fadeAt = windowMs - floorDiv(room * windowMs, counts.previous);
    if (fadeAt < windowMs) return Math.max(1, fadeAt - elapsed);
  }

  // Otherwise this window's count becomes the previous one and fades in turn; at the latest,
  // two windows from now nothing counted so far weighs at all.
  const fadeNext =
    counts.current > 0 ? windowMs - floorDiv((limit - 1) * windowMs, counts.current) : 0;
  return resetMs + Math.min(windowMs, Math.max(0, fadeNext));
}

/** `Math.floor(a / b)` for non-negative safe integers, exact where float division may round. */
function floorDiv(a: number, b: number): number {
  let quotient = Math.floor(a / b);
  if (quotient * b > a) quotient -= 1;
  else if ((quotient + 1) * b <= a) quotient += 1;
  return quotient;
}

/** The fixed window `now` falls in, as its start time: the suffix of a store's counter keys. */
export function windowStart(now: number, windowMs: number): number {
  return now - (now % windowMs);
}

/**
 * `RateLimit-Policy` and `RateLimit` headers as the IETF httpapi draft defines them
 * (draft-ietf-httpapi-ratelimit-headers-10): quota, window and remaining, reset in seconds.
 */
export function rateLimitHeaders(result: RateLimitResult, rule: RateLimitRule) {
  const windowSeconds = Math.ceil(rule.windowMs / 1000);
  const resetSeconds = Math.ceil(
    (result.allowed ? result.resetMs : Math.max(result.retryAfterMs, 1)) / 1000,
  );
  return {
    'RateLimit-Policy': `"twilio-guard";q=${rule.limit};w=${windowSeconds}`,
    RateLimit: `"twilio-guard";r=${result.remaining};t=${resetSeconds}`,
  };
}

/** `Retry-After` in whole seconds, never 0 for a refused request. */
export function retryAfterSeconds(result: RateLimitResult): string {
  return String(Math.max(1, Math.ceil(result.retryAfterMs / 1000)));
}
