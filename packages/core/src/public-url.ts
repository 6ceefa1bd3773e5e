import type { GuardRequest } from './types.js';

export type WebhookUrlOption = string | ((request: GuardRequest) => string);

/**
 * The public URL to verify against. A configured URL (Twilio's `WEBHOOK_URL`) loses any
 * `#fragment`, which carries Twilio's connection overrides and is never sent; when it has no
 * query and the request has one, the request's raw query is appended, so callbacks that carry
 * per-message query parameters verify. Without configuration, the URL the adapter resolved.
 */
export function resolvePublicUrl(request: GuardRequest, webhookUrl?: WebhookUrlOption): string {
  if (webhookUrl === undefined) return request.url;

  const configured = typeof webhookUrl === 'function' ? webhookUrl(request) : webhookUrl;
  const base = configured.split('#', 1)[0] ?? configured;
  if (base.includes('?')) return base;

  const query = rawQuery(request.url);
  return query === '' ? base : `${base}?${query}`;
}

/**
 * The query of a URL exactly as written, without `?` and without any fragment. The fragment is
 * cut first: a `?` inside `#...` starts no query, as `new URL()` agrees.
 */
export function rawQuery(url: string): string {
  const beforeFragment = url.split('#', 1)[0] ?? url;
  const queryStart = beforeFragment.indexOf('?');
  return queryStart === -1 ? '' : beforeFragment.slice(queryStart + 1);
}
