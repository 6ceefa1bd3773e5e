import { rateLimitKeyForIp } from './client-ip.js';
import { type GuardConfig, resolveConfig } from './config.js';
import { isTwilioGuardError, TwilioGuardError } from './errors.js';
import { inspectRequest } from './inspect.js';
import { maskPhone } from './mask.js';
import type { TwilioGuardOptions } from './options.js';
import { emptyTwimlResponse, problemResponse } from './problem.js';
import { rateLimitHeaders, retryAfterSeconds } from './rate-limit.js';
import type { StoreRequest, StoreResult } from './store.js';
import type { GuardRequest, GuardVerdict, TwilioRequestContext } from './types.js';

export interface TwilioGuard {
  /** Runs every check on one request. Never rejects: failures are verdicts. */
  check(request: GuardRequest): Promise<GuardVerdict>;
  /** Releases the store when the guard created it. */
  close(): Promise<void>;
  /** The body size limit adapters apply when they read the body themselves. */
  readonly bodyLimit: number;
}

const GUARD = Symbol.for('twilio-guard.guard');

export function isTwilioGuard(value: unknown): value is TwilioGuard {
  return typeof value === 'object' && value !== null && GUARD in value;
}

/** Builds a guard from options, or returns `guardOrOptions` when it already is one. */
export function createTwilioGuard(
  guardOrOptions: TwilioGuardOptions | TwilioGuard = {},
): TwilioGuard {
  if (isTwilioGuard(guardOrOptions)) return guardOrOptions;
  const config = resolveConfig(guardOrOptions);

  return {
    [GUARD]: true,
    bodyLimit: config.bodyLimit,
    check: (request) => checkRequest(request, config),
    close: async () => {
      if (config.ownsStore) await config.store.close?.();
    },
  } as TwilioGuard;
}

async function checkRequest(request: GuardRequest, config: GuardConfig): Promise<GuardVerdict> {
  try {
    return await decide(request, config);
  } catch (cause) {
    return unexpectedFailure(cause, request, config);
  }
}

async function decide(request: GuardRequest, config: GuardConfig): Promise<GuardVerdict> {
  // A failure here is a verdict, not an exit: the request must still be counted below.
  const inspected = await inspectRequest(request, config).then(
    (context) => ({ context, error: undefined }),
    (error: unknown) => ({ context: undefined, error: asGuardError(error, config) }),
  );

  const { context: verified } = inspected;
  const rateLimit =
    config.rateLimit && !config.rateLimit.skip(request, verified) ? config.rateLimit : undefined;
  const storeRequest: StoreRequest = {};
  if (rateLimit) {
    const key =
      rateLimit.key(request, verified) ?? rateLimitKeyForIp(request.ip, rateLimit.ipv6Prefix);
    storeRequest.rateLimit = { key: `rl:${key}`, rule: rateLimit.rule };
  }
  const nonce = verified?.nonce;
  if (nonce && config.replay)
    storeRequest.nonce = { key: `nonce:${nonce}`, ttlMs: config.replay.windowMs };

  const stored = await callStore(storeRequest, config);
  if (stored instanceof TwilioGuardError) return reject(stored, {}, request, config);

  const headers: Record<string, string> =
    stored.rateLimit && rateLimit?.headers
      ? rateLimitHeaders(stored.rateLimit, rateLimit.rule)
      : {};

  if (stored.rateLimit && !stored.rateLimit.allowed) {
    const error = new TwilioGuardError('RATE_LIMITED', 'too many requests from this client.', {
      headers: { 'Retry-After': retryAfterSeconds(stored.rateLimit) },
    });
    return reject(error, headers, request, config);
  }
  if (inspected.error) return reject(inspected.error, headers, request, config);

  const context = inspected.context as TwilioRequestContext;
  if (stored.nonceClaimed === false) {
    if (config.replay?.onDuplicate === 'acknowledge') {
      config.logger.debug(logDetails(context), 'twilio-guard: duplicate acknowledged');
      return { action: 'respond', code: undefined, response: emptyTwimlResponse(headers) };
    }
    const error = new TwilioGuardError('REPLAY_DETECTED', 'this request was already received.');
    return reject(error, headers, request, config);
  }

  config.onAccepted(context, request);
  return { action: 'continue', context, headers };
}

/**
 * A failure of our own checks passes through; anything else (a token resolver, `webhookUrl` or
 * timestamp reader that threw, a body stream that broke) becomes `VALIDATION_ERROR`.
 */
function asGuardError(error: unknown, config: GuardConfig): TwilioGuardError {
  if (isTwilioGuardError(error)) return error;
  config.logger.error({ err: error }, 'twilio-guard: unexpected failure while checking a request');
  return validationError(error);
}

function validationError(cause: unknown): TwilioGuardError {
  return new TwilioGuardError('VALIDATION_ERROR', 'the request could not be checked.', { cause });
}

/** One round trip when the store can do both checks at once; otherwise rate limit, then nonce. */
async function callStore(
  request: StoreRequest,
  config: GuardConfig,
): Promise<StoreResult | TwilioGuardError> {
  const { store } = config;
  if (!request.rateLimit && !request.nonce) return {};
  try {
    if (store.checkRequest) return await store.checkRequest(request);
    const result: StoreResult = {};
    if (request.rateLimit) {
      result.rateLimit = await store.hitRateLimit(request.rateLimit.key, request.rateLimit.rule);
      if (!result.rateLimit.allowed) return result;
    }
    if (request.nonce)
      result.nonceClaimed = await store.claimNonce(request.nonce.key, request.nonce.ttlMs);
    return result;
  } catch (cause) {
    config.logger.error({ err: cause }, 'twilio-guard: the store failed');
    if (config.rateLimit?.failOpen && request.rateLimit) {
      // The rate limit fails open, the nonce never does: ask again without the rate limit.
      const { rateLimit: _skipped, ...rest } = request;
      return callStore(rest, config);
    }
    return new TwilioGuardError(
      'STORE_UNAVAILABLE',
      'the replay and rate-limit store is unavailable.',
      { cause },
    );
  }
}

/** A rejection: `onRejected` hears of it first; if the hook throws, the caller answers 500. */
function reject(
  error: TwilioGuardError,
  headers: Record<string, string>,
  request: GuardRequest,
  config: GuardConfig,
): GuardVerdict {
  config.onRejected(error, request);
  return { action: 'respond', code: error.code, response: problemResponse(error, headers) };
}

/**
 * The last line of `check`: whatever threw (a `key` or `skip` function, a hook, a store that
 * returned nonsense), the answer is `500 VALIDATION_ERROR`. `onRejected` is told once more, but
 * it may be what threw, so a second failure is only logged.
 */
function unexpectedFailure(
  cause: unknown,
  request: GuardRequest,
  config: GuardConfig,
): GuardVerdict {
  const error = validationError(cause);
  config.logger.error({ err: cause }, 'twilio-guard: unexpected failure while checking a request');
  try {
    config.onRejected(error, request);
  } catch (hookError) {
    config.logger.error({ err: hookError }, 'twilio-guard: the onRejected hook threw');
  }
  return { action: 'respond', code: error.code, response: problemResponse(error, {}) };
}

function logDetails(context: TwilioRequestContext): Record<string, unknown> {
  return {
    messageSid: context.messageSid,
    callSid: context.callSid,
    from: maskPhone(context.from),
  };
}
