import twilio from 'twilio';
import { expect, it } from 'vitest';
import { computeTwilioSignature, verifyTwilioSignature } from './signature.js';

// The URL ends in a high surrogate and the only name is a low surrogate. Encoded separately each
// half became U+FFFD; encoded together they form U+1F64F, which is what the twilio package signs.
const url = 'https://example.com/hook/\ud83d';
const params = { '\ude4f': 'x' };

it('signs a surrogate pair split between the URL and the first name as one character', () => {
  const expected = twilio.getExpectedTwilioSignature('token', url, params);
  expect(computeTwilioSignature('token', url, params)).toBe(expected);
});

it('accepts the signature the twilio package makes for that request', () => {
  const signature = twilio.getExpectedTwilioSignature('token', url, params);
  expect(verifyTwilioSignature({ authToken: 'token', signature, url, params })).toBe(true);
});
