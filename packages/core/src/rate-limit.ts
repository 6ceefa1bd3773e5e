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
 */
export function decideRateLimit(
  counts: WindowCounts,
  rule: RateLimitRule,
  now: number,
): RateLimitResult {
  const { limit, windowMs } = rule;
  const elapsed = now % windowMs;
  const resetMs = windowMs - elapsed;
  const weight = rule.algorithm === 'sliding' ? (windowMs - elapsed) / windowMs : 0;
  const used = counts.previous * weight + counts.current;

  if (used + 1 <= limit) {
    const remaining = Math.max(0, Math.floor(limit - used - 1));
    return { allowed: true, limit, remaining, resetMs, retryAfterMs: 0 };
  }

  return { allowed: false, limit, remaining: 0, resetMs, retryAfterMs: waitMs(counts, rule, now) };
}

/** How long until one more request fits, assuming no other request arrives meanwhile. */
function waitMs(counts: WindowCounts, rule: RateLimitRule, now: number): number {
  const { limit, windowMs } = rule;
  const elapsed = now % windowMs;
  const resetMs = windowMs - elapsed;
  if (rule.algorithm === 'fixed' || limit < 1) return resetMs;

  // Within this window the previous count fades linearly; find when enough of it has gone.
  const room = limit - 1 - counts.current;
  if (room >= 0 && counts.previous > 0) {
    const fadeAt = Math.ceil(windowMs * (1 - room / counts.previous));
    if (fadeAt < windowMs) return Math.max(1, fadeAt - elapsed);
  }

  // Otherwise wait for the next window, where this window's count fades in turn.
  const fadeNext =
    counts.current > 0 ? Math.ceil(windowMs * (1 - (limit - 1) / counts.current)) : 0;
  return resetMs + Math.max(0, fadeNext);
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
