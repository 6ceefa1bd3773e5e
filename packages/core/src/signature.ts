import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { rawQuery } from './public-url.js';
import type { SignatureAlgorithm, TwilioParams } from './types.js';
import { eachCandidateUrl } from './url-candidates.js';

const HASH_BY_ALGORITHM: Record<SignatureAlgorithm, string> = {
  HMAC_SHA1: 'sha1',
  HMAC_SHA256: 'sha256',
};

/**
 * The part of the signed string that follows the URL: each parameter name with its value, names
 * in JavaScript's default sort order; a repeated name contributes each distinct value, sorted,
 * preceded by the name.
 */
export function signedParamsString(params: Readonly<TwilioParams> | undefined): string {
  if (!params) return '';
  let data = '';
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (Array.isArray(value)) {
      for (const item of [...new Set(value)].sort()) data += name + item;
    } else {
      data += name + value;
    }
  }
  return data;
}

function hmacBase64(
  algorithm: SignatureAlgorithm,
  key: string,
  url: string,
  paramsString: string,
): string {
  // Encoded as one string, as the official twilio package does: a surrogate pair split between
  // the URL's last character and the first name must become one UTF-8 character, not two U+FFFD.
  return createHmac(HASH_BY_ALGORITHM[algorithm], key)
    .update(url + paramsString, 'utf8')
    .digest('base64');
}

/**
 * The signature Twilio sends in `X-Twilio-Signature` for `url` and `params`, signed with
 * `authToken` (or a shared key's secret for `HMAC_SHA256`).
 */
export function computeTwilioSignature(
  authToken: string,
  url: string,
  params?: Readonly<TwilioParams>,
  algorithm: SignatureAlgorithm = 'HMAC_SHA1',
): string {
  return hmacBase64(algorithm, authToken, url, signedParamsString(params));
}

/** SHA-256 of the body bytes as lower-case hex: what Twilio puts in `bodySHA256`. */
export function bodySha256(body: string | Uint8Array): string {
  return createHash('sha256')
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('hex');
}

/** Compares two strings' UTF-8 bytes in time that does not depend on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // The expected length is fixed by the algorithm and not secret, so leaving early is safe.
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface VerifyTwilioSignatureInput {
  /** One token, or several during rotation (each is accepted). */
  authToken: string | readonly string[];
  /** The `X-Twilio-Signature` header, exactly as received. */
  signature: string | undefined;
  /** The public URL Twilio called, query included. */
  url: string;
  /** Form parameters. Ignored when the URL carries `bodySHA256`. */
  params?: Readonly<TwilioParams>;
  /** The exact body of a JSON webhook, required when the URL carries `bodySHA256`. */
  rawBody?: string | Uint8Array;
  /** @default 'HMAC_SHA1' */
  algorithm?: SignatureAlgorithm;
}

/** Where a signature matched: the URL variant and the token's position in the list. */
export interface SignatureMatch {
  url: string;
  tokenIndex: number;
}

/**
 * Finds the URL variant and token that produce `signature`, or `undefined`. For a JSON body
 * (the URL carries `bodySHA256`) the URL alone is signed and the body's hash must also match.
 * Costs one HMAC per (candidate URL × token) tried, at most 6 × tokens.
 */
export function matchTwilioSignature(
  input: VerifyTwilioSignatureInput,
): SignatureMatch | undefined {
  const { signature, url } = input;
  const algorithm = input.algorithm ?? 'HMAC_SHA1';
  if (!signature || !Object.hasOwn(HASH_BY_ALGORITHM, algorithm)) return undefined;

  const tokens = typeof input.authToken === 'string' ? [input.authToken] : input.authToken;
  const paramsString = bodySha256Param(url) === undefined ? signedParamsString(input.params) : '';

  // Up to six candidates may name a hash; the body is hashed for the first of them only.
  const { rawBody } = input;
  let hashOfBody: string | undefined;
  const bodyHash = () => (hashOfBody ??= rawBody === undefined ? undefined : bodySha256(rawBody));

  for (const candidate of eachCandidateUrl(url)) {
    if (!provesItsBody(candidate, paramsString, bodyHash)) continue;
    for (const [tokenIndex, token] of tokens.entries()) {
      if (!token) continue;
      const expected = hmacBase64(algorithm, token, candidate, paramsString);
      if (constantTimeEqual(signature, expected)) return { url: candidate, tokenIndex };
    }
  }
  return undefined;
}

/**
 * A signed string that carries `bodySHA256` is a JSON webhook's, whichever way the request
 * spelled it (an encoded name, or the name spread over form parameters): it holds only with no
 * form parameters and the exact body whose hash it names.
 */
function provesItsBody(
  candidate: string,
  paramsString: string,
  bodyHash: () => string | undefined,
): boolean {
  const expectedHash = bodySha256Param(candidate + paramsString);
  if (expectedHash === undefined) return true;
  const actualHash = paramsString === '' ? bodyHash() : undefined;
  return actualHash !== undefined && constantTimeEqual(actualHash, expectedHash);
}

/** `true` when `signature` is what Twilio would send for this request. */
export function verifyTwilioSignature(input: VerifyTwilioSignatureInput): boolean {
  return matchTwilioSignature(input) !== undefined;
}

/** The `bodySHA256` query parameter of a URL, or `undefined` when it has none. */
export function bodySha256Param(url: string): string | undefined {
  // Only percent-encoding can spell the name without its letters; skip parsing otherwise.
  if (!url.includes('bodySHA256') && !url.includes('%')) return undefined;
  return new URLSearchParams(rawQuery(url)).get('bodySHA256') ?? undefined;
}
