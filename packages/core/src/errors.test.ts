import { describe, expect, it } from 'vitest';
import { isTwilioGuardError, STATUS_BY_CODE, TwilioGuardError } from './errors.js';

describe('TwilioGuardError', () => {
  it('maps every code to its status', () => {
    expect(STATUS_BY_CODE).toEqual({
      RATE_LIMITED: 429,
      PAYLOAD_TOO_LARGE: 413,
      MISSING_SIGNATURE: 403,
      CONFIG_ERROR: 500,
      BODY_PARSER_CONFLICT: 500,
      INVALID_BODY: 400,
      REQUEST_TOO_OLD: 400,
      INVALID_TIMESTAMP: 400,
      INVALID_SIGNATURE: 403,
      REPLAY_DETECTED: 409,
      STORE_UNAVAILABLE: 503,
      VALIDATION_ERROR: 500,
    });
  });

  it('carries code, status, title, cause and a message prefixed with the package', () => {
    const cause = new Error('down');
    const error = new TwilioGuardError('STORE_UNAVAILABLE', 'the store is unavailable.', { cause });

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'TwilioGuardError',
      code: 'STORE_UNAVAILABLE',
      status: 503,
    });
    expect(error.message).toBe('twilio-guard: the store is unavailable.');
    expect(error.title).toBe('Validation store unavailable');
    expect(error.cause).toBe(cause);
    expect(error.headers).toEqual({});
  });

  it('is recognised by isTwilioGuardError, and a plain Error is not', () => {
    expect(isTwilioGuardError(new TwilioGuardError('CONFIG_ERROR', 'x'))).toBe(true);
    expect(isTwilioGuardError(new Error('x'))).toBe(false);
    expect(isTwilioGuardError({ code: 'CONFIG_ERROR' })).toBe(false);
  });
});
