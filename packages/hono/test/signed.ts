import type { TwilioParams } from '@twilio-guard/core';
import twilio from 'twilio';

export const AUTH_TOKEN = 'hono0test0token0not0a0real0one';

/** A form post as Twilio sends it, signed by the official `twilio` package. */
export function signedForm(url: string, params: TwilioParams): RequestInit {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params),
    },
    body: body.toString(),
  };
}

/** A JSON post signed as Twilio signs JSON: the body's hash in the URL, the URL signed alone. */
export function signedJson(url: string, body: string): { url: string; init: RequestInit } {
  const signedUrl = `${url}?bodySHA256=${twilio.getExpectedBodyHash(body)}`;
  return {
    url: signedUrl,
    init: {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, signedUrl, {}),
      },
      body,
    },
  };
}
