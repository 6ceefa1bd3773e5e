import {
  bodySha256,
  bodySha256Param,
  candidateUrls,
  computeTwilioSignature,
  type TwilioParams,
} from '@twilio-guard/core';
import { splitUrl, type UrlChange, urlVariants } from './url-variants.js';

export interface DiagnoseInput {
  /** The URL the app reconstructed for the request. */
  url: string;
  token: string;
  /** The `X-Twilio-Signature` header received. */
  signature: string;
  /** Form parameters received; ignored with `json`. */
  params: TwilioParams;
  /** The JSON body received, exactly. */
  json?: string;
}

/** What the signature verifies for, if anything. */
export type Finding =
  /** One of the URLs the official validator tries: the request verifies as it is. */
  | { kind: 'verified'; url: string; variant: string }
  /** The URL Twilio signed, near the one received, and the `changes` that lead to it. */
  | { kind: 'url-mismatch'; url: string; changes: UrlChange[] }
  /** The URL alone, without the parameters: Twilio signed no form body. */
  | { kind: 'params-unsigned'; url: string; changes: UrlChange[] }
  | { kind: 'no-match'; tried: number };

export interface Diagnosis {
  finding: Finding;
  /** 20 bytes for HMAC-SHA1 (auth token), 32 for HMAC-SHA256 (shared key), else malformed. */
  signatureShape: 'sha1' | 'sha256' | 'malformed';
  /** For a JSON body: the hash in the URL (absent when the URL had none) and the body's. */
  bodyHash: { inUrl: string | undefined; ofBody: string } | undefined;
}

/**
 * Finds the URL a signature was made for: first among the official candidates, then among
 * variants with the scheme, port, trailing slash or query changed, then (for a form) the same
 * URLs without parameters. Each step is tried only when the previous one found nothing.
 */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const bodyHash = input.json === undefined ? undefined : jsonBodyHash(input.url, input.json);
  // Without bodySHA256 in the URL a JSON body is unsigned, so diagnose the URL Twilio would use.
  const url =
    bodyHash && bodyHash.inUrl === undefined ? withBodyHash(input.url, bodyHash.ofBody) : input.url;
  const params = input.json === undefined ? input.params : {};
  const diagnosis = { signatureShape: signatureShape(input.signature), bodyHash };

  const signs = (candidate: string, signed: TwilioParams) =>
    computeTwilioSignature(input.token, candidate, signed) === input.signature;

  const official = candidateUrls(url).find((candidate) => signs(candidate, params));
  if (official !== undefined) {
    const variant = describeCandidate(url, official);
    return { ...diagnosis, finding: { kind: 'verified', url: official, variant } };
  }

  const variants = urlVariants(url, bodyHash ? 'bodySHA256' : undefined);
  // Reports the exact URL Twilio signed, which may be a candidate of the variant (port dropped).
  const matching = (signed: TwilioParams) => {
    for (const { url: variantUrl, changes } of variants) {
      const signedUrl = candidateUrls(variantUrl).find((c) => signs(c, signed));
      if (signedUrl !== undefined) return { url: signedUrl, changes };
    }
    return undefined;
  };

  const mismatch = matching(params);
  if (mismatch) return { ...diagnosis, finding: { kind: 'url-mismatch', ...mismatch } };

  if (Object.keys(params).length > 0) {
    const bare = signs(url, {}) ? { url, changes: [] } : matching({});
    if (bare) return { ...diagnosis, finding: { kind: 'params-unsigned', ...bare } };
  }
  return { ...diagnosis, finding: { kind: 'no-match', tried: variants.length + 1 } };
}

function jsonBodyHash(url: string, json: string) {
  return { inUrl: bodySha256Param(url), ofBody: bodySha256(json) };
}

function withBodyHash(url: string, hash: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
}

function signatureShape(signature: string): Diagnosis['signatureShape'] {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return 'malformed';
  const bytes = Buffer.from(signature, 'base64').length;
  if (bytes === 20) return 'sha1';
  return bytes === 32 ? 'sha256' : 'malformed';
}

/** Names the official candidate that matched, relative to the URL as received. */
function describeCandidate(received: string, candidate: string): string {
  if (candidate === received) return 'exactly as received';
  const from = splitUrl(received);
  const to = splitUrl(candidate);
  if (!from || !to) return 'as normalized';

  const notes: string[] = [];
  if (from.port !== to.port) {
    notes.push(to.port ? `with port ${to.port} added` : `with port ${from.port} removed`);
  }
  const restDiffers = `${from.path}?${from.query}` !== `${to.path}?${to.query}`;
  if (restDiffers || from.scheme !== to.scheme || from.host !== to.host) {
    const normalizedQuery = splitUrl(new URL(received).href)?.query;
    notes.push(
      to.query === normalizedQuery
        ? 'normalized as the WHATWG URL parser does'
        : "with the query re-encoded as Node's legacy querystring does",
    );
  }
  return notes.join(', ');
}
