import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { bodySha256Param, computeTwilioSignature, verifyTwilioSignature } from './signature.js';

const published = {
  token: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  },
  signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
};

describe('computeTwilioSignature', () => {
  it("reproduces Twilio's published example", () => {
    expect(computeTwilioSignature(published.token, published.url, published.params)).toBe(
      published.signature,
    );
  });

  it('signs repeated names with their distinct values sorted, as the twilio package does', () => {
    const params = { To: ['+2', '+1', '+2'], Body: '' };
    const url = 'https://example.com/hook';
    expect(computeTwilioSignature('token', url, params)).toBe(
      twilio.getExpectedTwilioSignature('token', url, params),
    );
  });
});

describe('verifyTwilioSignature', () => {
  it('accepts the published example and rejects a changed digit', () => {
    const input = {
      authToken: published.token,
      url: published.url,
      signature: published.signature,
    };
    expect(verifyTwilioSignature({ ...input, params: published.params })).toBe(true);
    expect(
      verifyTwilioSignature({ ...input, params: { ...published.params, Digits: '1235' } }),
    ).toBe(false);
  });

  it('accepts either token during rotation', () => {
    const signature = computeTwilioSignature('secondary', published.url, published.params);
    const input = { signature, url: published.url, params: published.params };
    expect(verifyTwilioSignature({ ...input, authToken: ['primary', 'secondary'] })).toBe(true);
    expect(verifyTwilioSignature({ ...input, authToken: ['primary'] })).toBe(false);
  });

  it('accepts the URL with the default port added or removed', () => {
    const signature = computeTwilioSignature(published.token, published.url, published.params);
    const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
    expect(
      verifyTwilioSignature({
        authToken: '12345',
        signature,
        url: withPort,
        params: published.params,
      }),
    ).toBe(true);
  });

  it('verifies a JSON body through bodySHA256 and fails closed without the raw body', () => {
    const body = JSON.stringify({ hello: 'wörld' });
    const hash = twilio.getExpectedBodyHash(body);
    const url = `https://example.com/hook?bodySHA256=${hash}`;
    const signature = computeTwilioSignature('token', url, {});
    expect(twilio.validateRequestWithBody('token', signature, url, body)).toBe(true);
    expect(verifyTwilioSignature({ authToken: 'token', signature, url, rawBody: body })).toBe(true);
    expect(verifyTwilioSignature({ authToken: 'token', signature, url })).toBe(false);
    expect(verifyTwilioSignature({ authToken: 'token', signature, url, rawBody: `${body} ` })).toBe(
      false,
    );
  });
});

describe('verifyTwilioSignature refusals the twilio package does not make', () => {
  it('never accepts a signature made with an empty token', () => {
    // An unset token must verify nothing, even though an empty HMAC key is well defined.
    const signature = computeTwilioSignature('', published.url, published.params);
    expect(twilio.validateRequest('', signature, published.url, published.params)).toBe(true);
    const input = { signature, url: published.url, params: published.params };
    expect(verifyTwilioSignature({ ...input, authToken: '' })).toBe(false);
    expect(verifyTwilioSignature({ ...input, authToken: ['', 'other'] })).toBe(false);
  });

  it('refuses a signature for an algorithm it does not know', () => {
    const signature = computeTwilioSignature('token', published.url, published.params);
    const input = { authToken: 'token', signature, url: published.url, params: published.params };
    const algorithm = 'MD5' as unknown as 'HMAC_SHA1';
    expect(verifyTwilioSignature({ ...input, algorithm })).toBe(false);
  });
});

describe('bodySha256Param', () => {
  it('reads the hash from the query, decoded', () => {
    expect(bodySha256Param('https://x/a?b=1&bodySHA256=ab%63#f')).toBe('abc');
  });

  it('finds nothing in a fragment, where new URL() finds no query either', () => {
    const url = 'https://x/a#f?bodySHA256=abc';
    expect(new URL(url).searchParams.get('bodySHA256')).toBe(null);
    expect(bodySha256Param(url)).toBeUndefined();
    expect(bodySha256Param('https://x/bodySHA256?x=1')).toBeUndefined();
  });
});
