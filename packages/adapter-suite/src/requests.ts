import { encodeForm, type TwilioParams } from '@twilio-guard/core';
import twilio from 'twilio';

/** A made-up auth token; every scenario's guard is configured with it. */
export const AUTH_TOKEN = 'suite0auth0token0not0a0real0one';

const FORM = 'application/x-www-form-urlencoded';

/** Header name and value pairs, in order; a name may repeat. */
export type RawHeaders = Array<[name: string, value: string]>;

/** A request as the suite sends it to the app under test. */
export interface SuiteRequest {
  /** Request target, query included, exactly as it goes on the wire. */
  path: string;
  headers: RawHeaders;
  body: string;
}

export interface SignedFormInput {
  params: TwilioParams;
  /** @default '/webhook' */
  path?: string;
  /** The URL Twilio signed. @default the app's origin followed by `path` */
  signedUrl?: string;
  /** @default AUTH_TOKEN */
  token?: string;
}

/** A form post signed by the official `twilio` package, encoded as Twilio encodes it. */
export function signedFormRequest(origin: string, input: SignedFormInput): SuiteRequest {
  const path = input.path ?? '/webhook';
  const url = input.signedUrl ?? `${origin}${path}`;
  const signature = twilio.getExpectedTwilioSignature(input.token ?? AUTH_TOKEN, url, input.params);

  return {
    path,
    headers: [
      ['Content-Type', FORM],
      ['X-Twilio-Signature', signature],
    ],
    body: encodeForm(input.params),
  };
}

/**
 * A JSON post signed the way Twilio signs JSON: the body's SHA-256 goes into the URL as
 * `bodySHA256` and the signature covers the URL alone.
 */
export function signedJsonRequest(origin: string, body: string, path = '/webhook'): SuiteRequest {
  const separator = path.includes('?') ? '&' : '?';
  const target = `${path}${separator}bodySHA256=${twilio.getExpectedBodyHash(body)}`;
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${origin}${target}`, {});

  return {
    path: target,
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Twilio-Signature', signature],
    ],
    body,
  };
}

/** A form post with no signature at all. */
export function unsignedFormRequest(params: TwilioParams, path = '/webhook'): SuiteRequest {
  return { path, headers: [['Content-Type', FORM]], body: encodeForm(params) };
}

export { encodeForm };
