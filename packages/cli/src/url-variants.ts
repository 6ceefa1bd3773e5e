/** One way a URL Twilio signed can differ from the URL an app reconstructs. */
export type UrlChange =
  | { kind: 'scheme'; from: string; to: string }
  | { kind: 'port'; from: string | undefined; to: string }
  | { kind: 'trailing-slash'; added: boolean }
  | { kind: 'query-dropped'; query: string };

/** A URL near the received one, and what was changed to reach it. */
export interface UrlVariant {
  url: string;
  changes: UrlChange[];
}

export interface UrlParts {
  scheme: string;
  userInfo: string;
  host: string;
  port: string | undefined;
  path: string;
  query: string | undefined;
}

const URL_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/i;

/**
 * Ports tried besides the URL's own. `candidateUrls` already removes any port and adds the
 * default one, so only a non-default port Twilio signed and the app never saw is left to guess:
 * the usual TLS and development listeners.
 */
const LIKELY_PORTS = ['8443', '8080', '3000', '8000', '5000'];

/** Splits a URL without normalising it, so each part keeps the exact characters Twilio signed. */
export function splitUrl(url: string): UrlParts | undefined {
  const match = URL_SHAPE.exec(url);
  if (!match) return undefined;

  const [, scheme = '', authority = '', path = '', query] = match;
  const userInfoEnd = authority.lastIndexOf('@') + 1;
  const hostAndPort = authority.slice(userInfoEnd);
  // In an IPv6 literal the port's colon comes after the closing bracket.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, userInfoEnd),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? undefined : hostAndPort.slice(portStart + 1),
    path,
    query,
  };
}

export function joinUrl(parts: UrlParts): string {
  const port = parts.port === undefined ? '' : `:${parts.port}`;
  const query = parts.query === undefined ? '' : `?${parts.query}`;
  return `${parts.scheme}://${parts.userInfo}${parts.host}${port}${parts.path}${query}`;
}

/**
 * Every combination of scheme toggled, port changed, trailing slash toggled and query dropped,
 * fewest changes first, the URL itself excluded. `keepParam` survives a dropped query: for a
 * JSON body that is `bodySHA256`, which Twilio always signs.
 */
export function urlVariants(url: string, keepParam?: string): UrlVariant[] {
  const parts = splitUrl(url);
  if (!parts) return [];

  const variants: UrlVariant[] = [];
  for (const scheme of schemeChoices(parts)) {
    for (const port of portChoices(parts)) {
      for (const path of pathChoices(parts)) {
        for (const query of queryChoices(parts, keepParam)) {
          const next = { ...parts, scheme, port, path, query };
          const changes = changesBetween(parts, next);
          if (changes.length > 0) variants.push({ url: joinUrl(next), changes });
        }
      }
    }
  }
  return variants.sort((a, b) => a.changes.length - b.changes.length);
}

function schemeChoices(parts: UrlParts): string[] {
  const toggled = parts.scheme.toLowerCase() === 'https' ? 'http' : 'https';
  return [parts.scheme, toggled];
}

function portChoices(parts: UrlParts): (string | undefined)[] {
  return [...new Set([parts.port, ...LIKELY_PORTS])];
}

function pathChoices(parts: UrlParts): string[] {
  if (parts.path === '') return [''];
  const toggled = parts.path.endsWith('/') ? parts.path.slice(0, -1) : `${parts.path}/`;
  return [parts.path, toggled];
}

function queryChoices(parts: UrlParts, keepParam: string | undefined): (string | undefined)[] {
  if (parts.query === undefined) return [undefined];
  const kept = parts.query
    .split('&')
    .filter((pair) => keepParam !== undefined && pair.startsWith(`${keepParam}=`))
    .join('&');
  const dropped = kept === '' ? undefined : kept;
  return dropped === parts.query ? [parts.query] : [parts.query, dropped];
}

function changesBetween(from: UrlParts, to: UrlParts): UrlChange[] {
  const changes: UrlChange[] = [];
  if (from.scheme !== to.scheme) changes.push({ kind: 'scheme', from: from.scheme, to: to.scheme });
  if (to.port !== undefined && from.port !== to.port) {
    changes.push({ kind: 'port', from: from.port, to: to.port });
  }
  if (from.path !== to.path) {
    changes.push({ kind: 'trailing-slash', added: to.path.length > from.path.length });
  }
  if (from.query !== to.query) {
    const kept = new Set(to.query?.split('&'));
    const removed = (from.query ?? '').split('&').filter((pair) => !kept.has(pair));
    changes.push({ kind: 'query-dropped', query: removed.join('&') });
  }
  return changes;
}
