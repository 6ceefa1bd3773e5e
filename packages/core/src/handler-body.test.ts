import { describe, expect, it } from 'vitest';
import { bodyForHandler } from './handler-body.js';
import type { TwilioRequestContext } from './types.js';

function context(fields: Partial<TwilioRequestContext>): TwilioRequestContext {
  return {
    accountSid: undefined,
    messageSid: undefined,
    callSid: undefined,
    from: undefined,
    to: undefined,
    body: undefined,
    params: {},
    rawBody: undefined,
    nonce: undefined,
    url: 'https://example.com/hook',
    algorithm: 'HMAC_SHA1',
    idempotencyToken: undefined,
    ...fields,
  };
}

describe('bodyForHandler', () => {
  it('gives the form parameters of a form webhook', () => {
    const params = { Body: 'hi', To: ['+1', '+2'] };
    expect(bodyForHandler(context({ params }))).toBe(params);
  });

  it('parses the body of a JSON webhook, and gives undefined for bytes that are not JSON', () => {
    expect(bodyForHandler(context({ rawBody: '{"EventType":"onMessageAdded"}' }))).toEqual({
      EventType: 'onMessageAdded',
    });
    expect(bodyForHandler(context({ rawBody: 'not json' }))).toBeUndefined();
  });
});
