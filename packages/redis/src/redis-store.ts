import type {
  RateLimitResult,
  RateLimitRule,
  StoreRequest,
  StoreResult,
  TwilioGuardStore,
} from '@twilio-guard/core';
import { withDeadline } from './deadline.js';
import { type KeyNames, keyNames } from './keys.js';
import { CHECK_REQUEST_LUA, HIT_RATE_LIMIT_LUA } from './lua.js';
import {
  type RedisStoreConfig,
  type RedisStoreOptions,
  resolveRedisStoreOptions,
} from './options.js';
import { toRateLimitResult, toStoreResult } from './replies.js';
import { defineScript, hasReplyPrefix, runScript } from './scripts.js';

const HIT_RATE_LIMIT = defineScript(HIT_RATE_LIMIT_LUA);
const CHECK_REQUEST = defineScript(CHECK_REQUEST_LUA);

type RateLimitRequest = NonNullable<StoreRequest['rateLimit']>;
type NonceRequest = NonNullable<StoreRequest['nonce']>;

/**
 * Nonces and rate-limit counters in Redis, shared by every instance that uses the same Redis.
 * An accepted request costs one script call: the counter and the nonce in one atomic step.
 * With the `'per-key'` layout on a Cluster the two keys live in different slots, so the nonce
 * is claimed in a second call, sent only when the rate limit allowed the request.
 */
export class RedisStore implements TwilioGuardStore {
  readonly #config: RedisStoreConfig;
  readonly #keys: KeyNames;
  /**
   * Whether a request's counter and nonce may sit in different slots: the `'per-key'` layout
   * on a Cluster, or once a proxy in front of one refuses a two-key script.
   */
  #twoSteps: boolean;
  #outageReported = false;

  constructor(options: RedisStoreOptions) {
    this.#config = resolveRedisStoreOptions(options);
    const { client, keyPrefix, keyLayout } = this.#config;
    this.#keys = keyNames(keyPrefix, keyLayout);
    this.#twoSteps = keyLayout === 'per-key' && client.isCluster;
    client.on('error', this.#onClientError);
  }

  claimNonce(key: string, ttlMs: number): Promise<boolean> {
    const nonce = { key: this.#keys.nonce(key), ttlMs };
    return this.#call(
      'claim a nonce',
      () => this.#claim(nonce),
      (claimed) => {
        if (claimed) this.#release(nonce.key);
      },
    );
  }

  hitRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    return this.#call('count a request', () => this.#hit({ key, rule }));
  }

  resetRateLimit(key: string): Promise<void> {
    const counter = this.#keys.counter(key);
    return this.#call('reset a rate limit', async () => {
      await this.#config.client.del(counter);
    });
  }

  checkRequest(request: StoreRequest): Promise<StoreResult> {
    const { rateLimit, nonce } = request;
    if (!rateLimit) {
      if (!nonce) return Promise.resolve({});
      return this.claimNonce(nonce.key, nonce.ttlMs).then((nonceClaimed) => ({ nonceClaimed }));
    }
    if (!nonce)
      return this.hitRateLimit(rateLimit.key, rateLimit.rule).then((r) => ({ rateLimit: r }));

    const claim = { key: this.#keys.nonce(nonce.key), ttlMs: nonce.ttlMs };
    return this.#call(
      'check a request',
      (signal) => this.#check(rateLimit, claim, signal),
      (late) => {
        if (late.nonceClaimed) this.#release(claim.key);
      },
    );
  }

  /** Stops listening to the client. The client stays open: whoever created it quits it. */
  close(): void {
    this.#config.client.off('error', this.#onClientError);
  }

  async #check(
    rateLimit: RateLimitRequest,
    nonce: NonceRequest,
    signal: AbortSignal,
  ): Promise<StoreResult> {
    if (!this.#twoSteps) {
      try {
        return await this.#checkAtomically(rateLimit, nonce);
      } catch (error) {
        // Under one hash tag the keys share a slot, so CROSSSLOT there is a real failure.
        const spread = this.#config.keyLayout === 'per-key';
        if (!spread || !hasReplyPrefix(error, 'CROSSSLOT')) throw error;
        this.#twoSteps = true;
      }
    }

    // The nonce is claimed only after the counter allowed the request, never in parallel:
    // a refused delivery that held its nonce would turn Twilio's retry of it into a replay.
    const result: StoreResult = { rateLimit: await this.#hit(rateLimit) };
    if (!result.rateLimit?.allowed || signal.aborted) return result;
    result.nonceClaimed = await this.#claim(nonce);
    return result;
  }

  async #checkAtomically(rateLimit: RateLimitRequest, nonce: NonceRequest): Promise<StoreResult> {
    const { limit, windowMs, algorithm } = rateLimit.rule;
    const keys = [this.#keys.counter(rateLimit.key), nonce.key];
    const args = [limit, windowMs, algorithm, nonce.ttlMs];
    return toStoreResult(await runScript(this.#config.client, CHECK_REQUEST, keys, args), limit);
  }

  async #hit({ key, rule }: RateLimitRequest): Promise<RateLimitResult> {
    const keys = [this.#keys.counter(key)];
    const args = [rule.limit, rule.windowMs, rule.algorithm];
    return toRateLimitResult(
      await runScript(this.#config.client, HIT_RATE_LIMIT, keys, args),
      rule.limit,
    );
  }

  async #claim({ key, ttlMs }: NonceRequest): Promise<boolean> {
    return (await this.#config.client.set(key, '1', 'PX', ttlMs, 'NX')) === 'OK';
  }

  /** Frees a claim whose answer came too late to be acted on, so a retry is not a replay. */
  #release(key: string): void {
    this.#config.client.del(key).catch(() => {
      // The claim then expires with its TTL; there is nobody left to tell.
    });
  }

  async #call<T>(
    what: string,
    work: (signal: AbortSignal) => Promise<T>,
    onLate?: (value: T) => void,
  ): Promise<T> {
    const { timeoutMs } = this.#config;
    const value = await withDeadline(work, { what, timeoutMs, onLate });
    this.#outageReported = false;
    return value;
  }

  /**
   * An ioredis client with no `error` listener prints every reconnect failure. This listener
   * reports the first error of an outage; calls fail meanwhile and the guard answers 503.
   */
  readonly #onClientError = (error: Error): void => {
    if (this.#outageReported) return;
    this.#outageReported = true;
    // A listener that throws would become an uncaught exception; a logger must not end the process.
    try {
      this.#config.logger.warn?.(
        { err: error },
        'twilio-guard: the Redis client reported an error; webhooks get 503 until it recovers',
      );
    } catch {}
  };
}
