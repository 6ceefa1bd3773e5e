import { type Logger, TwilioGuardError } from '@twilio-guard/core';
import { KEY_LAYOUTS, type KeyLayout, singleSlotPrefix } from './keys.js';

/**
 * The part of an ioredis client (`Redis` or `Cluster`) the store uses. Any object with these
 * methods works, so a test can wrap a client to count what it sends.
 */
export interface RedisStoreClient {
  /** `true` for an ioredis `Cluster`: keys of one call may then live on different nodes. */
  readonly isCluster: boolean;
  evalsha(sha: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  set(key: string, value: string, unit: 'PX', ttlMs: number, mode: 'NX'): Promise<'OK' | null>;
  del(key: string): Promise<number>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

export interface RedisStoreOptions {
  /**
   * An ioredis 5 `Redis` or `Cluster` client. The store never connects or quits it. Create it
   * with `enableOfflineQueue: false` so that commands fail at once while Redis is unreachable
   * instead of waiting in memory for it to come back.
   */
  client: RedisStoreClient;
  /**
   * Prepended to every key. Must not contain `{` or `}`: the store places the hash tag itself.
   * With the `'single-slot'` layout its text (less a trailing `:`) becomes the hash tag, so it
   * must not be empty.
   * @default 'twilio-guard:'
   */
  keyPrefix?: string;
  /**
   * `'single-slot'` puts every key under one hash tag, so a request needing a rate limit and a
   * nonce costs one script call on a Cluster too, and one shard holds all the store's keys.
   * `'per-key'` spreads keys over the shards, for traffic too heavy for one; an accepted
   * request then costs two round trips on a Cluster. Changing it orphans the keys already
   * written, which expire on their own.
   * @default 'single-slot'
   */
  keyLayout?: KeyLayout;
  /**
   * How long one store call may take, in milliseconds, before it rejects and the guard answers
   * `503 STORE_UNAVAILABLE`.
   * @default 500
   */
  timeoutMs?: number;
  /** Receives a warning when the client reports a connection error. Silent by default. */
  logger?: Partial<Logger>;
}

/** Options with every default applied. */
export interface RedisStoreConfig {
  client: RedisStoreClient;
  keyPrefix: string;
  keyLayout: KeyLayout;
  timeoutMs: number;
  logger: Partial<Logger>;
}

export function resolveRedisStoreOptions(options: RedisStoreOptions): RedisStoreConfig {
  const { client } = options;
  if (typeof client?.evalsha !== 'function' || typeof client.set !== 'function') {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      'RedisStore needs an ioredis Redis or Cluster client in options.client.',
    );
  }

  const keyPrefix = options.keyPrefix ?? 'twilio-guard:';
  if (/[{}]/.test(keyPrefix)) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `RedisStore keyPrefix must not contain braces, got ${JSON.stringify(keyPrefix)}; the ` +
        'store adds the hash tag itself.',
    );
  }

  const keyLayout = options.keyLayout ?? 'single-slot';
  if (!KEY_LAYOUTS.includes(keyLayout)) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `RedisStore keyLayout must be 'single-slot' or 'per-key', got ${JSON.stringify(keyLayout)}.`,
    );
  }
  // Redis hashes a whole key whose braces are empty, so `{}` would tag nothing.
  if (keyLayout === 'single-slot' && singleSlotPrefix(keyPrefix).startsWith('{}')) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `RedisStore keyPrefix ${JSON.stringify(keyPrefix)} leaves an empty hash tag; the ` +
        "'single-slot' layout needs a prefix with some text, such as 'twilio-guard:'.",
    );
  }

  const timeoutMs = options.timeoutMs ?? 500;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `RedisStore timeoutMs must be a positive integer, got ${timeoutMs}.`,
    );
  }

  return { client, keyPrefix, keyLayout, timeoutMs, logger: options.logger ?? {} };
}
