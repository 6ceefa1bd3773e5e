import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';

/**
 * The URLs Twilio may have signed for a request that arrived at `url`, most likely first, without
 * repeats. The family is the one the official `twilio` package accepts: the URL as received with
 * its port removed and with the default port added, then the same for the URL as `new URL()`
 * normalises it, and those again with the query re-encoded the way Node's legacy `querystring`
 * does. The URL as received comes first so that a valid request usually costs one HMAC.
 */
export function candidateUrls(url: string): string[] {
  return [...eachCandidateUrl(url)];
}

/**
 * `candidateUrls`, one at a time: a signature that matches the URL as received is found before
 * the URL is parsed and its query re-encoded, which costs more than the HMAC itself.
 */
export function* eachCandidateUrl(url: string): Generator<string, void, undefined> {
  const seen = new Set<string>();
  for (const candidate of candidateFamily(url)) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    yield candidate;
  }
}

function* candidateFamily(url: string): Generator<string, void, undefined> {
  yield url;
  yield removePort(url);
  yield addPort(url);

  const normalized = normalizeUrl(url);
  if (normalized === undefined) return;
  const withoutPort = removePort(normalized);
  const withPort = addPort(normalized);
  yield withoutPort;
  yield withPort;
  yield withLegacyQuery(withoutPort);
  yield withLegacyQuery(withPort);
}

interface UrlParts {
  scheme: string;
  userInfo: string;
  host: string;
  port: string;
  rest: string;
}

const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

/** Splits a URL without normalising it, so the path and query keep the characters Twilio signed. */
function splitUrl(url: string): UrlParts | undefined {
  const match = AUTHORITY.exec(url);
  if (!match) return undefined;

  const [prefix, scheme = '', authority = ''] = match;
  const userInfoEnd = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // In an IPv6 literal the port's colon comes after the closing bracket.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);

  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

export function removePort(url: string): string {
  const parts = splitUrl(url);
  if (!parts) return url;
  return parts.scheme + parts.userInfo + parts.host + parts.rest;
}

export function addPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

/**
 * `new URL()` also resolves dot segments (`/admin/../sms` becomes `/sms`; `%2e` and backslashes
 * count too), but a router matches the path as received, so such a request would reach another
 * route than the one signed. Twilio never sends them, so those URLs get no normalised candidates.
 */
function normalizeUrl(url: string): string | undefined {
  if (hasDotSegment(url)) return undefined;
  try {
    return new URL(url).toString();
  } catch {
    return undefined;
  }
}

function withLegacyQuery(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1 || queryStart === url.length - 1) return url;
  const query = parseQuery(url.slice(queryStart + 1));
  return `${url.slice(0, queryStart)}?${stringifyQuery(query)}`;
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function hasDotSegment(url: string): boolean {
  const rest = splitUrl(url)?.rest ?? url;
  const path = rest.split(/[?#]/, 1)[0] ?? rest;
  return path.split(/[/\\]/).some((segment) => DOT_SEGMENT.test(segment));
}
