import { TwilioGuardError } from './errors.js';
import type { WebhookUrlOption } from './public-url.js';
import type { TwilioGuardStore } from './store.js';
import type { GuardRequest, Logger, TwilioRequestContext } from './types.js';

/** Tokens for a request: one, several during rotation, or none configured. */
export type AuthTokens = string | readonly string[] | undefined;

/** The token(s) for the account that sent a request (subaccounts, many tenants). */
export type AuthTokenResolver = (
  accountSid: string | undefined,
) => AuthTokens | Promise<AuthTokens>;

export interface TimestampOptions {
  /** Header that carries the timestamp (epoch seconds, epoch milliseconds or an HTTP date). */
  header?: string;
  /** Reads the timestamp from the request instead of a header. */
  read?: (request: GuardRequest) => string | number | undefined;
  /**
   * Whether a request without a timestamp is refused with `INVALID_TIMESTAMP`.
   * @default false
   */
  required?: boolean;
}

export interface ReplayOptions {
  /**
   * How long a nonce is held, and how old a timestamped request may be.
   * @default 300000
   */
  windowMs?: number;
  /**
   * What a duplicate gets. `reject`: `409 REPLAY_DETECTED`. `acknowledge`: 200 with an empty
   * TwiML response, because a real Twilio retry is byte-identical to a replay and Twilio treats
   * any non-2xx answer as a failure. The handler never runs twice in either mode.
   * @default 'reject'
   */
  onDuplicate?: 'reject' | 'acknowledge';
  /** Where a request's timestamp comes from. Twilio signs none, so there is no default. */
  timestamp?: TimestampOptions;
  /**
   * How far ahead of this server's clock a timestamp may be, when timestamps are checked.
   * @default 30000
   */
  maxClockSkewMs?: number;
}

export interface RateLimitOptions {
  /**
   * Requests allowed per window and key.
   * @default 60
   */
  max?: number;
  /**
   * Window length in milliseconds.
   * @default 60000
   */
  windowMs?: number;
  /**
   * `sliding` weighs the previous window's count by how much of it the sliding window still
   * covers, so there is no double burst at a window edge. `fixed` counts per fixed window.
   * @default 'sliding'
   */
  algorithm?: 'sliding' | 'fixed';
  /**
   * Replaces the client IP as the counting key; `undefined` falls back to the IP. `context` is
   * set only for a verified request, so a forger cannot spend another account's allowance:
   * `(request, context) => context?.accountSid` counts verified requests per account and the
   * rest per IP.
   */
  key?: (request: GuardRequest, context: TwilioRequestContext | undefined) => string | undefined;
  /**
   * Exempts a request from counting when it returns `true`. `context` is set only for a
   * verified request.
   */
  skip?: (request: GuardRequest, context: TwilioRequestContext | undefined) => boolean;
  /**
   * IPv6 addresses sharing this many leading bits count as one client.
   * @default 56
   */
  ipv6Prefix?: number;
  /**
   * Whether responses carry `RateLimit-Policy` and `RateLimit` headers.
   * @default true
   */
  headers?: boolean;
  /**
   * Whether to let requests through when the store cannot count them.
   * @default false
   */
  failOpen?: boolean;
}

export interface TwilioGuardOptions {
  /**
   * Auth token(s). A list accepts each (rotation: primary and secondary). A function receives the
   * request's `AccountSid` and returns its token(s). No token gives `500 CONFIG_ERROR`.
   */
  authToken?: string | readonly string[] | AuthTokenResolver;
  /**
   * Shared-key secrets by key id, for webhooks whose `X-Twilio-Webhooks-Signature-Settings`
   * header names a key and an algorithm (`HMAC_SHA256`).
   */
  sharedKeys?: Readonly<Record<string, string>>;
  /**
   * The public URL Twilio calls (`WEBHOOK_URL`), or a function of the request. Set it behind
   * proxies that rewrite the host, scheme or path. Without it the adapter's resolved URL is used.
   */
  webhookUrl?: WebhookUrlOption;
  /** Replay protection, or `false` to turn it off. */
  replay?: ReplayOptions | false;
  /** Rate limiting per client, or `false` to turn it off. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Where nonces and counters live. Share one store between instances behind a load balancer.
   * @default a new MemoryStore
   */
  store?: TwilioGuardStore;
  /**
   * Largest body the adapters read, in bytes; larger bodies get `413 PAYLOAD_TOO_LARGE`.
   * @default 65536
   */
  bodyLimit?: number;
  /**
   * On `INVALID_SIGNATURE`, try likely alternative URLs (other scheme, forwarded host, port,
   * trailing slash) and log which one matched. The response never reveals it.
   * @default true unless NODE_ENV is 'production'
   */
  diagnostics?: boolean;
  /** Receives warnings and diagnostics. Silent by default. */
  logger?: Partial<Logger>;
  /** Called for every accepted request. */
  onAccepted?: (context: TwilioRequestContext, request: GuardRequest) => void;
  /** Called for every rejection, with the error that caused it. */
  onRejected?: (error: TwilioGuardError, request: GuardRequest) => void;
  /**
   * The clock, in epoch milliseconds.
   * @default Date.now
   */
  now?: () => number;
}

export const DEFAULTS = {
  replayWindowMs: 300_000,
  maxClockSkewMs: 30_000,
  rateLimitMax: 60,
  rateLimitWindowMs: 60_000,
  ipv6Prefix: 56,
  bodyLimit: 65_536,
} as const;

export function assertPositiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TwilioGuardError('CONFIG_ERROR', `${name} must be a positive integer, got ${value}.`);
  }
  return value;
}
