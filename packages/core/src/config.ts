import { isProductionEnv } from './env.js';
import { TwilioGuardError } from './errors.js';
import { firstHeaderValue } from './header-value.js';
import { createLogger } from './logger.js';
import { MemoryStore } from './memory-store.js';
import {
  type AuthTokenResolver,
  assertPositiveInteger,
  DEFAULTS,
  type TimestampOptions,
  type TwilioGuardOptions,
} from './options.js';
import type { WebhookUrlOption } from './public-url.js';
import type { RateLimitRule, TwilioGuardStore } from './store.js';
import type { GuardRequest, Logger, TwilioRequestContext } from './types.js';

/** Options with every default applied once; nothing here is optional. */
export interface GuardConfig {
  resolveTokens: AuthTokenResolver;
  sharedKeys: Readonly<Record<string, string>>;
  webhookUrl: WebhookUrlOption | undefined;
  replay:
    | {
        windowMs: number;
        onDuplicate: 'reject' | 'acknowledge';
        timestamp: ResolvedTimestamp | undefined;
      }
    | undefined;
  rateLimit:
    | {
        rule: RateLimitRule;
        key: (
          request: GuardRequest,
          context: TwilioRequestContext | undefined,
        ) => string | undefined;
        skip: (request: GuardRequest, context: TwilioRequestContext | undefined) => boolean;
        ipv6Prefix: number;
        headers: boolean;
        failOpen: boolean;
      }
    | undefined;
  store: TwilioGuardStore;
  ownsStore: boolean;
  bodyLimit: number;
  diagnostics: boolean;
  logger: Logger;
  onAccepted: (context: TwilioRequestContext, request: GuardRequest) => void;
  onRejected: (error: TwilioGuardError, request: GuardRequest) => void;
  now: () => number;
}

export interface ResolvedTimestamp {
  read: (request: GuardRequest) => string | number | undefined;
  required: boolean;
  maxClockSkewMs: number;
}

const noop = () => {};

export function resolveConfig(options: TwilioGuardOptions = {}): GuardConfig {
  const logger = createLogger(options.logger);
  const now = options.now ?? Date.now;
  const replay = resolveReplay(options);
  const rateLimit = resolveRateLimit(options);
  const bodyLimit = assertPositiveInteger(options.bodyLimit ?? DEFAULTS.bodyLimit, 'bodyLimit');

  // Created last, so that a bad option above does not leave a store (and its timer) behind.
  const ownsStore = options.store === undefined;
  const store = options.store ?? new MemoryStore({ logger, now });

  return {
    resolveTokens: tokenResolver(options.authToken),
    sharedKeys: options.sharedKeys ?? {},
    webhookUrl: options.webhookUrl,
    replay,
    rateLimit,
    store,
    ownsStore,
    bodyLimit,
    diagnostics: options.diagnostics ?? !isProductionEnv(),
    logger,
    onAccepted: options.onAccepted ? catchAsyncFailure(options.onAccepted, logger) : noop,
    onRejected: options.onRejected ? catchAsyncFailure(options.onRejected, logger) : noop,
    now,
  };
}

/**
 * Hooks are typed as returning nothing, yet an `async` function fits the type. Its promise is not
 * awaited (a slow hook must not hold the response), but a rejection is logged here, because an
 * unhandled rejection ends a Node process. A synchronous throw still reaches the guard.
 */
function catchAsyncFailure<A extends unknown[]>(
  hook: (...args: A) => unknown,
  logger: Logger,
): (...args: A) => void {
  return (...args) => {
    const result = hook(...args);
    if (isPromiseLike(result)) {
      result.then(undefined, (error: unknown) => {
        logger.error({ err: error }, 'twilio-guard: an asynchronous hook failed');
      });
    }
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function tokenResolver(authToken: TwilioGuardOptions['authToken']): AuthTokenResolver {
  if (typeof authToken === 'function') return authToken;
  return () => authToken;
}

function resolveReplay(options: TwilioGuardOptions): GuardConfig['replay'] {
  if (options.replay === false) return undefined;
  const replay = options.replay ?? {};
  const onDuplicate = replay.onDuplicate ?? 'reject';
  if (onDuplicate !== 'reject' && onDuplicate !== 'acknowledge') {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `replay.onDuplicate must be 'reject' or 'acknowledge', got ${String(onDuplicate)}.`,
    );
  }
  return {
    windowMs: assertPositiveInteger(replay.windowMs ?? DEFAULTS.replayWindowMs, 'replay.windowMs'),
    onDuplicate,
    timestamp:
      replay.timestamp &&
      resolveTimestamp(replay.timestamp, replay.maxClockSkewMs ?? DEFAULTS.maxClockSkewMs),
  };
}

function resolveTimestamp(options: TimestampOptions, maxClockSkewMs: number): ResolvedTimestamp {
  const { header, read } = options;
  if (!read && !header) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      'replay.timestamp needs a header name or a read function.',
    );
  }
  const headerName = header?.toLowerCase();
  return {
    read:
      read ??
      ((request) =>
        headerName === undefined ? undefined : firstHeaderValue(request.headers[headerName])),
    required: options.required ?? false,
    maxClockSkewMs: nonNegative(maxClockSkewMs),
  };
}

function nonNegative(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `replay.maxClockSkewMs must be a non-negative integer, got ${value}.`,
    );
  }
  return value;
}

function resolveRateLimit(options: TwilioGuardOptions): GuardConfig['rateLimit'] {
  if (options.rateLimit === false) return undefined;
  const rateLimit = options.rateLimit ?? {};
  const algorithm = rateLimit.algorithm ?? 'sliding';
  if (algorithm !== 'sliding' && algorithm !== 'fixed') {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `rateLimit.algorithm must be 'sliding' or 'fixed', got ${String(algorithm)}.`,
    );
  }
  const ipv6Prefix = rateLimit.ipv6Prefix ?? DEFAULTS.ipv6Prefix;
  if (!Number.isInteger(ipv6Prefix) || ipv6Prefix < 1 || ipv6Prefix > 128) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `rateLimit.ipv6Prefix must be an integer from 1 to 128, got ${ipv6Prefix}.`,
    );
  }
  const limit = assertPositiveInteger(rateLimit.max ?? DEFAULTS.rateLimitMax, 'rateLimit.max');
  const windowMs = assertPositiveInteger(
    rateLimit.windowMs ?? DEFAULTS.rateLimitWindowMs,
    'rateLimit.windowMs',
  );
  // decideRateLimit compares counts scaled by the window in integers, exact below 2^53.
  if (!Number.isSafeInteger(2 * limit * windowMs)) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `rateLimit.max times rateLimit.windowMs is too large to count exactly (${limit} × ${windowMs}).`,
    );
  }
  return {
    rule: { limit, windowMs, algorithm },
    key: rateLimit.key ?? (() => undefined),
    skip: rateLimit.skip ?? (() => false),
    ipv6Prefix,
    headers: rateLimit.headers ?? true,
    failOpen: rateLimit.failOpen ?? false,
  };
}
