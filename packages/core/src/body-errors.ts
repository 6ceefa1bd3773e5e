import { TwilioGuardError } from './errors.js';

/**
 * The errors an adapter's body reader throws from `GuardRequest.body`. They live here so every
 * adapter answers the same code with the same words.
 */
export function payloadTooLarge(limit: number, cause?: unknown): TwilioGuardError {
  return new TwilioGuardError(
    'PAYLOAD_TOO_LARGE',
    `the request body is larger than ${limit} bytes. Raise bodyLimit if Twilio sends more.`,
    { cause },
  );
}

/** An aborted upload, or a body that does not match its `Content-Length`. */
export function unreadableBody(cause?: unknown): TwilioGuardError {
  return new TwilioGuardError('INVALID_BODY', 'the request body could not be read.', { cause });
}

/**
 * A parser ran before the guard and kept only its result where the signed bytes or names are
 * needed. `fix` is the adapter's framework-specific advice.
 */
export function bodyParserConflict(what: string, fix: string | undefined): TwilioGuardError {
  const advice = fix ?? 'Mount the guard before the body parser, or keep the raw body bytes.';
  return new TwilioGuardError('BODY_PARSER_CONFLICT', `${what} ${advice}`);
}
