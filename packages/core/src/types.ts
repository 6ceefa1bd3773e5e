import type { TwilioGuardErrorCode } from './errors.js';

/** Header values as Node gives them: one string, a list for repeated headers, or absent. */
export type HeaderValue = string | readonly string[] | undefined;

/** Request parameters: a name maps to one value or, for a repeated name, every value in order. */
export type TwilioParams = Record<string, string | string[]>;

/** The body of a request, as much of it as the adapter could get. */
export type GuardBody =
  /** The exact bytes received. Preferred: every body type verifies from these. */
  | { raw: string | Uint8Array }
  /**
   * Parameters a framework body parser already produced. Trusted only when flat and from a form
   * body; `parserFix` tells the user how to keep the bytes in this framework when it is not.
   */
  | { parsed: unknown; parserFix?: string }
  /** No body at all (a GET webhook). */
  | { none: true };

/**
 * A request in the guard's neutral shape. Adapters build one from their framework's request; the
 * guard never sees a framework object.
 */
export interface GuardRequest {
  /** HTTP method, e.g. `POST`. */
  method: string;
  /**
   * The absolute URL the request arrived at: scheme and host as the adapter resolved them (trusting
   * forwarded headers only when the framework trusts its proxy) plus the raw request target,
   * query included, exactly as received.
   */
  url: string;
  /** Request headers with lower-case names. */
  headers: Readonly<Record<string, HeaderValue>>;
  /** The client address as the framework resolved it, if known. */
  ip: string | undefined;
  /**
   * The body, or a function that reads it only when the request carries a signature. It may
   * throw a `TwilioGuardError` (`payloadTooLarge`, `unreadableBody`, `bodyParserConflict`), which
   * becomes the verdict; the request still counts against the rate limit.
   */
  body: GuardBody | (() => Promise<GuardBody>);
}

export type SignatureAlgorithm = 'HMAC_SHA1' | 'HMAC_SHA256';

/** What the guard knows about an accepted request. Adapters attach it to the framework request. */
export interface TwilioRequestContext {
  /** `AccountSid` of the request, when Twilio sent one. */
  accountSid: string | undefined;
  /** `MessageSid` (or `SmsSid`) for messaging webhooks. */
  messageSid: string | undefined;
  /** `CallSid` for voice webhooks. */
  callSid: string | undefined;
  /** `From`, unmasked: it is the application's data. */
  from: string | undefined;
  /** `To`. */
  to: string | undefined;
  /** `Body` of a message. */
  body: string | undefined;
  /** Every signed parameter (form body, or none for JSON bodies). Null-prototype object. */
  params: Readonly<TwilioParams>;
  /** The raw body as text for JSON webhooks verified through `bodySHA256`. */
  rawBody: string | undefined;
  /** The nonce claimed for this request, when replay protection is on. */
  nonce: string | undefined;
  /** The URL variant the signature matched. */
  url: string;
  /** The algorithm the signature was made with. */
  algorithm: SignatureAlgorithm;
  /** Twilio's `I-Twilio-Idempotency-Token` header, when present. */
  idempotencyToken: string | undefined;
}

/** A response the adapter writes as it is: status, headers and body. */
export interface GuardResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The guard's decision. `continue`: set `headers`, attach `context` and run the handler.
 * `respond`: write `response` and do not run the handler (a rejection, or a duplicate that is
 * acknowledged with 200).
 */
export type GuardVerdict =
  | {
      action: 'continue';
      context: TwilioRequestContext;
      headers: Record<string, string>;
    }
  | {
      action: 'respond';
      /** Set for rejections; absent for an acknowledged duplicate. */
      code: TwilioGuardErrorCode | undefined;
      response: GuardResponse;
    };

/**
 * A log call: structured details first, then the message. pino takes exactly this order, and
 * `console` prints both.
 */
export type LogFn = (details: Record<string, unknown>, message: string) => void;

/** The logger shape `console` and pino both satisfy. */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}
