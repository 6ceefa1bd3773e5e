import type { HeaderValue } from './types.js';

/** The first value of a header an adapter may hand over as one string or as a list. */
export function firstHeaderValue(value: HeaderValue): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}
