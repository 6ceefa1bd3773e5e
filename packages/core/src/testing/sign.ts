import { bodySha256, computeTwilioSignature } from '../signature.js';
import type { SignatureAlgorithm, TwilioParams } from '../types.js';

export interface SignTwilioRequestInput {
  /** Auth token, or a shared key's secret with `sharedKeyId`. */
  authToken: string;
  /** The public URL Twilio calls. */
  url: string;
  /** Form parameters; a list sends the name once per value. */
  params?: TwilioParams;
  /** A JSON body instead of form parameters: signed through `bodySHA256`. */
  json?: unknown;
  /** Signs with a shared key and sends `X-Twilio-Webhooks-Signature-Settings`. */
  sharedKeyId?: string;
  /** @default 'HMAC_SHA1', or 'HMAC_SHA256' with a shared key */
  algorithm?: SignatureAlgorithm;
}

export interface SignedTwilioRequest {
  /** The URL to send to (with `bodySHA256` appended for JSON bodies). */
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/**
 * Builds a request exactly as Twilio sends it: a form body encoded as Twilio encodes it (or a JSON
 * body with its hash in the URL), and the `X-Twilio-Signature` header.
 */
export function signTwilioRequest(input: SignTwilioRequestInput): SignedTwilioRequest {
  const algorithm = input.algorithm ?? (input.sharedKeyId ? 'HMAC_SHA256' : 'HMAC_SHA1');
  const headers: Record<string, string> = {};
  if (input.sharedKeyId) {
    headers['X-Twilio-Webhooks-Signature-Settings'] =
      `key=${input.sharedKeyId},algorithm=${algorithm}`;
  }

  if (input.json !== undefined) {
    const body = typeof input.json === 'string' ? input.json : JSON.stringify(input.json);
    const separator = input.url.includes('?') ? '&' : '?';
    const url = `${input.url}${separator}bodySHA256=${bodySha256(body)}`;
    headers['Content-Type'] = 'application/json';
    headers['X-Twilio-Signature'] = computeTwilioSignature(input.authToken, url, {}, algorithm);
    return { url, method: 'POST', headers, body };
  }

  const params = input.params ?? {};
  headers['Content-Type'] = 'application/x-www-form-urlencoded';
  headers['X-Twilio-Signature'] = computeTwilioSignature(
    input.authToken,
    input.url,
    params,
    algorithm,
  );
  return { url: input.url, method: 'POST', headers, body: encodeForm(params) };
}

/** Encodes parameters as Twilio does: spaces as `+`, everything else outside `[A-Za-z0-9*-._]` escaped. */
export function encodeForm(params: TwilioParams): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeFormComponent(name)}=${encodeFormComponent(item)}`);
    }
  }
  return pairs.join('&');
}

function encodeFormComponent(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}
