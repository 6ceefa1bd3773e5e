import twilio from 'twilio';
import { expect, it } from 'vitest';
import { signTwilioRequest } from './index.js';

it('signs from the main entry exactly as the twilio package expects', () => {
  const url = 'https://example.com/hook';
  const params = { Body: 'Zoë 🌻', To: ['+2', '+1'] };
  const signed = signTwilioRequest({ authToken: 'token', url, params });

  expect(signed.headers['X-Twilio-Signature']).toBe(
    twilio.getExpectedTwilioSignature('token', url, params),
  );
  expect(new URLSearchParams(signed.body).getAll('To')).toEqual(['+2', '+1']);
});
