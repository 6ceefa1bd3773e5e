import type { TwilioParams } from '@twilio-guard/core';
import twilio from 'twilio';

export const AUTH_TOKEN = 'fastify0test0token0not0a0real0one';

/** `app.inject()` requests carry this Host unless told otherwise. */
export const INJECT_ORIGIN = 'http://localhost:80';

export interface SignedForm {
  headers: Record<string, string>;
  payload: string;
}

/** A form post as Twilio sends it, signed by the official `twilio` package. */
export function signedForm(url: string, params: TwilioParams): SignedForm {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params),
    },
    payload: body.toString(),
  };
}
