/**
 * The state the guard keeps between requests goes through these interfaces. A store may
 * implement one, both, or `TwilioGuardStore.checkRequest`, which does both in one call so that
 * a request costs one round trip.
 */

/** Replay protection's state: nonces that have been seen. */
export interface NonceStore {
  /**
   * Claims `key` for `ttlMs` milliseconds, atomically: of any number of concurrent calls with the
   * same key (from any number of processes sharing the store), exactly one resolves `true`, and
   * every other call resolves `false` until the claim expires. After `ttlMs` the key may be
   * claimed again. Rejects when the store cannot answer; it must never guess.
   */
  claimNonce(key: string, ttlMs: number): Promise<boolean>;
}

/** How a rate limit counts. */
export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /**
   * `sliding`: the current fixed window's count plus the previous window's count weighted by the
   * share of the previous window still inside the sliding window. `fixed`: the count of the
   * current fixed window (windows start at multiples of `windowMs` since the epoch).
   */
  algorithm: 'sliding' | 'fixed';
}

/** The outcome of one counted request. */
export interface RateLimitResult {
  /** Whether this request fits in the limit. A refused request is not counted. */
  allowed: boolean;
  /** The rule's limit. */
  limit: number;
  /** Requests still allowed now, after this one (0 when refused). */
  remaining: number;
  /** Milliseconds until the current fixed window ends and its count starts to fade. */
  resetMs: number;
  /** When refused: milliseconds until one more request would be allowed. Otherwise 0. */
  retryAfterMs: number;
}

/** Rate limiting's state: counters per key. */
export interface RateLimitStore {
  /**
   * Counts one request for `key` under `rule` and says whether it is allowed, atomically: of
   * concurrent calls, no more than `rule.limit` are allowed in a window. Refused requests are not
   * counted. Rejects when the store cannot answer.
   */
  hitRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitResult>;
  /** Forgets every count for `key`. */
  resetRateLimit(key: string): Promise<void>;
}

/** One request's worth of store work, for stores that do both in one round trip. */
export interface StoreRequest {
  rateLimit?: { key: string; rule: RateLimitRule };
  /** Claimed only when the rate limit (if any) allows the request. */
  nonce?: { key: string; ttlMs: number };
}

export interface StoreResult {
  rateLimit?: RateLimitResult;
  /** `true` claimed, `false` already held; absent when no claim was attempted. */
  nonceClaimed?: boolean;
}

/** A store that serves both checks. `checkRequest`, when present, is used instead of two calls. */
export interface TwilioGuardStore extends NonceStore, RateLimitStore {
  /**
   * Does `request.rateLimit` and then, only if that allowed the request, `request.nonce`, as if
   * by the two calls above, in one round trip.
   */
  checkRequest?(request: StoreRequest): Promise<StoreResult>;
  /** Releases timers and connections the store owns. */
  close?(): Promise<void> | void;
}
