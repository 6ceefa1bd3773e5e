import type { RateLimitResult, StoreResult } from '@twilio-guard/core';

/** Reads a hit's reply, `[allowed, remaining, resetMs, retryAfterMs, ...]`. */
export function toRateLimitResult(reply: unknown, limit: number): RateLimitResult {
  const [allowed, remaining, resetMs, retryAfterMs] = reply as number[];
  return {
    allowed: allowed === 1,
    limit,
    remaining: Number(remaining),
    resetMs: Number(resetMs),
    retryAfterMs: Number(retryAfterMs),
  };
}

/** Reads a checked request's reply: a hit's fields, then 1 claimed, 0 held, -1 not tried. */
export function toStoreResult(reply: unknown, limit: number): StoreResult {
  const rateLimit = toRateLimitResult(reply, limit);
  const claimed = (reply as number[])[4];
  return claimed === -1 ? { rateLimit } : { rateLimit, nonceClaimed: claimed === 1 };
}
