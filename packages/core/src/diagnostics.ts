import type { GuardConfig } from './config.js';
import { firstHeaderValue } from './header-value.js';
import { maskPhonesIn } from './mask.js';
import { rawQuery } from './public-url.js';
import { bodySha256, bodySha256Param, matchTwilioSignature } from './signature.js';
import type { GuardRequest, HeaderValue, SignatureAlgorithm, TwilioParams } from './types.js';

/** What a failed verification checked: the same inputs are tried again with other URLs. */
export interface FailedVerification {
  /** The URL verification used (the configured `webhookUrl`, or the adapter's URL). */
  url: string;
  signature: string;
  keys: readonly string[];
  algorithm: SignatureAlgorithm;
  params: Readonly<TwilioParams>;
  rawBody: string | Uint8Array | undefined;
}

/** A URL Twilio may have signed instead, and what differs from the URL used. */
export interface UrlVariant {
  url: string;
  scheme: 'same' | 'other';
  host: 'same' | 'x-forwarded-host' | 'host';
  slashToggled: boolean;
  /** The request's own URL, tried when a configured `webhookUrl` was used. */
  fromRequest: boolean;
}

/**
 * The request's own URL, then two schemes × four hosts (as used, as used without its port,
 * X-Forwarded-Host, Host) × two paths, capped here. Each variant goes through
 * `matchTwilioSignature`, which also removes the port and adds the default one (at most six URL
 * candidates), so one diagnosis costs at most 16 × 6 × tokens = 96 × tokens HMACs.
 */
export const MAX_VARIANTS = 16;

const ABSOLUTE_URL = /^(https?):\/\/([^/?#]*)([^?#]*)(.*)$/is;
const PLAIN_HOST = /^[^\s/?#@\\]+$/;

/**
 * After `INVALID_SIGNATURE`, looks for the URL Twilio signed among likely alternatives and logs
 * one warning that says what to configure, or one debug line when none matches. Only logs: the
 * response stays the same, and neither the token nor any expected signature is ever logged.
 */
export function diagnoseSignature(
  request: GuardRequest,
  config: Pick<GuardConfig, 'logger' | 'webhookUrl'>,
  failed: FailedVerification,
): void {
  try {
    diagnose(request, config, failed);
  } catch {
    // A diagnosis is advice for the operator; failing to give it must not change the verdict.
  }
}

function diagnose(
  request: GuardRequest,
  config: Pick<GuardConfig, 'logger' | 'webhookUrl'>,
  failed: FailedVerification,
): void {
  const configuredUrl = maskPhonesIn(failed.url);
  const bodyHash = bodySha256Param(failed.url);
  if (bodyHash !== undefined && !bodyHashMatches(failed.rawBody, bodyHash)) {
    const message =
      'twilio-guard: the body does not hash to bodySHA256; check that nothing rewrites the body ' +
      'before the guard reads it';
    config.logger.debug({ configuredUrl }, message);
    return;
  }

  const variants = urlVariants(failed.url, request, config.webhookUrl !== undefined);
  for (const variant of variants) {
    const match = matchTwilioSignature({ ...failed, authToken: failed.keys, url: variant.url });
    if (!match) continue;
    const hint = hintFor(variant, match.url, request, config.webhookUrl !== undefined);
    const details = { matchedUrl: maskPhonesIn(match.url), configuredUrl, hint };
    config.logger.warn(details, 'twilio-guard: the signature matches a different URL');
    return;
  }

  const message =
    'twilio-guard: no URL variant matched the signature; check that the auth token belongs to ' +
    'the account that sent the request';
  config.logger.debug({ configuredUrl, variantsTried: variants.length }, message);
}

/** Likely URLs Twilio signed when `used` failed, most likely first, without repeats. */
export function urlVariants(
  used: string,
  request: GuardRequest,
  webhookUrlConfigured: boolean,
): UrlVariant[] {
  const variants: UrlVariant[] = [];
  const seen = new Set([used]);
  const add = (variant: UrlVariant) => {
    if (seen.has(variant.url) || variants.length >= MAX_VARIANTS) return;
    seen.add(variant.url);
    variants.push(variant);
  };

  const same = { scheme: 'same', host: 'same', slashToggled: false } as const;
  if (webhookUrlConfigured) add({ ...same, url: request.url, fromRequest: true });

  const parts = ABSOLUTE_URL.exec(used);
  if (!parts) return variants;
  const [, scheme = '', authority = '', path = '', tail = ''] = parts;
  const hosts = [
    { host: 'same', authority },
    { host: 'same', authority: removePort(authority) },
    { host: 'x-forwarded-host', authority: firstHeader(request.headers['x-forwarded-host']) },
    { host: 'host', authority: firstHeader(request.headers.host) },
  ] as const;

  for (const slashToggled of [false, true]) {
    const variantPath = slashToggled ? toggleSlash(path) : path;
    for (const { host, authority: hostAuthority } of hosts) {
      if (hostAuthority === undefined || !PLAIN_HOST.test(hostAuthority)) continue;
      for (const schemeChange of ['same', 'other'] as const) {
        const variantScheme = schemeChange === 'same' ? scheme : otherScheme(scheme);
        const url = `${variantScheme}://${hostAuthority}${variantPath}${tail}`;
        add({ url, scheme: schemeChange, host, slashToggled, fromRequest: false });
      }
    }
  }
  return variants;
}

function hintFor(
  variant: UrlVariant,
  matchedUrl: string,
  request: GuardRequest,
  webhookUrlConfigured: boolean,
): string {
  // A configured webhookUrl without a query gets the request's query appended, so suggest it bare.
  const query = rawQuery(matchedUrl);
  const bare = query !== '' && query === rawQuery(request.url);
  const suggested = maskPhonesIn(bare ? matchedUrl.slice(0, matchedUrl.indexOf('?')) : matchedUrl);
  if (variant.fromRequest) {
    return `webhookUrl is not the URL Twilio signed: set it to ${suggested} or remove it`;
  }
  if (webhookUrlConfigured) return `set webhookUrl to ${suggested}`;

  const proxyHeaders: string[] = [];
  const forwardedProto = firstHeader(request.headers['x-forwarded-proto'])?.toLowerCase();
  const matchedScheme = matchedUrl.slice(0, matchedUrl.indexOf(':')).toLowerCase();
  if (variant.scheme === 'other' && matchedScheme === forwardedProto) {
    proxyHeaders.push('X-Forwarded-Proto');
  }
  if (variant.host === 'x-forwarded-host') proxyHeaders.push('X-Forwarded-Host');
  if (proxyHeaders.length === 0) return `set webhookUrl to ${suggested}`;
  const counted = `${proxyHeaders.join(' and ')} ${proxyHeaders.length === 1 ? 'counts' : 'count'}`;
  return `trust the proxy so ${counted}, or set webhookUrl to ${suggested}`;
}

/** The first value of a header that proxies may repeat or join with commas. */
function firstHeader(value: HeaderValue): string | undefined {
  return firstHeaderValue(value)?.split(',', 1)[0]?.trim() || undefined;
}

function otherScheme(scheme: string): string {
  return scheme.toLowerCase() === 'https' ? 'http' : 'https';
}

/** The authority without its port; an IPv6 literal's colons sit inside brackets. */
function removePort(authority: string): string {
  return authority.replace(/:\d*$/, '');
}

function toggleSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
}

function bodyHashMatches(rawBody: string | Uint8Array | undefined, expected: string): boolean {
  return rawBody !== undefined && bodySha256(rawBody) === expected;
}
