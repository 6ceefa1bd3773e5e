import { randomUUID } from 'node:crypto';
import { signTwilioRequest, type TwilioParams } from '@twilio-guard/core';

/** What a webhook carries: form parameters, or a JSON body signed through `bodySHA256`. */
export type Payload = { params: TwilioParams } | { json: string };

export interface OutgoingRequest {
  /** Where to send it; for a JSON body, with `bodySHA256` appended. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A request as Twilio sends it: a form body encoded as Twilio encodes it, or a JSON body with
 * its hash in the URL; the signature; Twilio's user agent; and a fresh idempotency token (a
 * Twilio retry repeats the token, so a replay reuses the whole request instead).
 */
export function signedRequest(url: string, token: string, payload: Payload): OutgoingRequest {
  const signed = signTwilioRequest({ authToken: token, url, ...payload });
  return {
    url: signed.url,
    headers: {
      'User-Agent': 'TwilioProxy/1.1',
      'I-Twilio-Idempotency-Token': randomUUID(),
      ...signed.headers,
    },
    body: signed.body,
  };
}
