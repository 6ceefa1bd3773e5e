import { TwilioGuardError } from './errors.js';
import { createLogger } from './logger.js';
import { assertPositiveInteger } from './options.js';
import { decideRateLimit, windowStart } from './rate-limit.js';
import type {
  RateLimitResult,
  RateLimitRule,
  StoreRequest,
  StoreResult,
  TwilioGuardStore,
} from './store.js';
import type { Logger } from './types.js';

export interface MemoryStoreOptions {
  /**
   * Most entries (nonces plus rate-limit counters) held at once. When full, the oldest entry is
   * dropped to make room and a warning is logged.
   * @default 100000
   */
  maxEntries?: number;
  /**
   * How often expired entries are swept, in milliseconds. The timer never keeps the process alive.
   * @default 60000
   */
  sweepIntervalMs?: number;
  /** Receives the warning when entries are dropped. */
  logger?: Partial<Logger>;
  /** @default Date.now */
  now?: () => number;
}

type Entry =
  | { kind: 'nonce'; expiresAt: number }
  | { kind: 'counter'; expiresAt: number; window: number; current: number; previous: number };

/**
 * Nonces and counters in this process's memory: for one instance, tests and development. Every
 * operation is O(1); entries expire lazily when read and in a periodic sweep. Instances behind a
 * load balancer need a shared store such as `@twilio-guard/redis`.
 */
export class MemoryStore implements TwilioGuardStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #timer: ReturnType<typeof setInterval>;
  #evictions = 0;
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    this.#maxEntries = assertPositiveInteger(options.maxEntries ?? 100_000, 'maxEntries');
    const sweepIntervalMs = assertPositiveInteger(
      options.sweepIntervalMs ?? 60_000,
      'sweepIntervalMs',
    );
    this.#logger = createLogger(options.logger);
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => this.sweep(), sweepIntervalMs);
    this.#timer.unref?.();
  }

  /** Entries held now, expired ones included until they are read or swept. */
  get size(): number {
    return this.#entries.size;
  }

  async claimNonce(key: string, ttlMs: number): Promise<boolean> {
    this.#assertOpen();
    return this.#claim(key, ttlMs, this.#now());
  }

  async hitRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    this.#assertOpen();
    return this.#hit(key, rule, this.#now());
  }

  async resetRateLimit(key: string): Promise<void> {
    this.#assertOpen();
    this.#entries.delete(key);
  }

  async checkRequest(request: StoreRequest): Promise<StoreResult> {
    this.#assertOpen();
    const now = this.#now();
    const result: StoreResult = {};
    if (request.rateLimit) {
      result.rateLimit = this.#hit(request.rateLimit.key, request.rateLimit.rule, now);
      if (!result.rateLimit.allowed) return result;
    }
    if (request.nonce)
      result.nonceClaimed = this.#claim(request.nonce.key, request.nonce.ttlMs, now);
    return result;
  }

  /** Drops every expired entry. Runs on the timer; callable directly. */
  sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
    }
  }

  /**
   * Stops the sweep timer and forgets every entry. Later calls reject: a closed store has
   * forgotten which nonces it saw, so answering would let replays through.
   */
  close(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#entries.clear();
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new TwilioGuardError('STORE_UNAVAILABLE', 'the MemoryStore has been closed.');
    }
  }

  #claim(key: string, ttlMs: number, now: number): boolean {
    const existing = this.#entries.get(key);
    if (existing && existing.expiresAt > now) return false;
    this.#set(key, { kind: 'nonce', expiresAt: now + ttlMs });
    return true;
  }

  #hit(key: string, rule: RateLimitRule, now: number): RateLimitResult {
    const window = windowStart(now, rule.windowMs);
    const stored = this.#entries.get(key);
    const counter = stored?.kind === 'counter' && stored.expiresAt > now ? stored : undefined;

    let current = 0;
    let previous = 0;
    if (counter?.window === window) {
      current = counter.current;
      previous = counter.previous;
    } else if (counter?.window === window - rule.windowMs) {
      previous = counter.current;
    }

    const result = decideRateLimit({ previous, current }, rule, now);
    if (result.allowed) {
      this.#set(key, {
        kind: 'counter',
        expiresAt: window + 2 * rule.windowMs,
        window,
        current: current + 1,
        previous,
      });
    }
    return result;
  }

  #set(key: string, entry: Entry): void {
    // Re-inserting moves the key to the end, so the Map's order is oldest write first.
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#evictOldest();
    this.#entries.set(key, entry);
  }

  #evictOldest(): void {
    const oldest = this.#entries.keys().next();
    if (oldest.done) return;
    this.#entries.delete(oldest.value);
    this.#evictions += 1;
    // Warn on the first eviction and then on every thousandth, not on each one.
    if (this.#evictions % 1000 === 1) {
      this.#logger.warn(
        { maxEntries: this.#maxEntries, evictions: this.#evictions },
        'twilio-guard: MemoryStore is full and dropped its oldest entries; raise maxEntries ' +
          'or use a shared store',
      );
    }
  }
}
