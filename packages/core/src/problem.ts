import type { TwilioGuardError } from './errors.js';
import type { GuardResponse } from './types.js';

/**
 * An `application/problem+json` (RFC 9457) response for a rejection. It says what failed and
 * carries the stable `code`; it never holds a token, an expected signature or a stack.
 */
export function problemResponse(
  error: TwilioGuardError,
  headers: Record<string, string>,
): GuardResponse {
  const body = {
    type: `urn:twilio-guard:error:${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
  };
  return {
    status: error.status,
    headers: {
      ...headers,
      ...error.headers,
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Cache-Control': 'no-store',
    },
    body: JSON.stringify(body),
  };
}

/** An empty TwiML answer: Twilio takes it as success and sends nothing back to the user. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export function emptyTwimlResponse(headers: Record<string, string>): GuardResponse {
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': 'text/xml; charset=utf-8' },
    body: EMPTY_TWIML,
  };
}
