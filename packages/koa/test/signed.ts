import type { TwilioParams } from '@twilio-guard/core';
import twilio from 'twilio';

export const AUTH_TOKEN = 'koa0test0auth0token0not0real0';

/** A form post signed by the official `twilio` package, ready for `fetch`. */
export function signedForm(
  origin: string,
  params: TwilioParams,
  path = '/webhook',
): [url: string, init: RequestInit] {
  const url = `${origin}${path}`;
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }

  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params),
  };
  return [url, { method: 'POST', headers, body: body.toString() }];
}

/** A JSON post signed through `bodySHA256`, as Twilio signs JSON bodies. */
export function signedJson(origin: string, body: string): [url: string, init: RequestInit] {
  const url = `${origin}/webhook?bodySHA256=${twilio.getExpectedBodyHash(body)}`;
  const headers = {
    'content-type': 'application/json',
    'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, {}),
  };
  return [url, { method: 'POST', headers, body }];
}
