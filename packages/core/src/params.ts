import { bodyParserConflict } from './body-errors.js';
import { TwilioGuardError } from './errors.js';
import type { TwilioParams } from './types.js';

/**
 * Parses an `application/x-www-form-urlencoded` body the way Twilio encodes it: `+` is a space,
 * names may repeat (every value is kept, in order), and names are plain data, so `__proto__` is
 * an ordinary key of a null-prototype object. Malformed percent-encoding is an `INVALID_BODY`.
 */
export function parseFormBody(body: string): TwilioParams {
  const params: TwilioParams = Object.create(null);
  if (body === '') return params;

  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const name = decodeFormComponent(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? '' : decodeFormComponent(pair.slice(separator + 1));
    appendParam(params, name, value);
  }
  return params;
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch (error) {
    throw new TwilioGuardError('INVALID_BODY', 'the form body has malformed percent-encoding.', {
      cause: error,
    });
  }
}

function appendParam(params: TwilioParams, name: string, value: string): void {
  const existing = params[name];
  if (existing === undefined) params[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else params[name] = [existing, value];
}

/**
 * Accepts a body a framework parser already produced, when it is flat: every value a string or a
 * list of strings. A nested object means the parser rebuilt bracketed or dotted names into
 * structures, and the names Twilio signed can no longer be recovered with certainty.
 */
export function paramsFromParsedBody(parsed: unknown, parserFix?: string): TwilioParams {
  const params: TwilioParams = Object.create(null);
  if (parsed === undefined || parsed === null) return params;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw nestedNames(parserFix);

  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') params[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      params[name] = [...value];
    } else throw nestedNames(parserFix);
  }
  return params;
}

function nestedNames(parserFix: string | undefined) {
  return bodyParserConflict(
    'a body parser turned the form body into nested objects, so the signed parameter names ' +
      'are lost.',
    parserFix ?? 'Mount the guard before the body parser, or use a parser that keeps names flat.',
  );
}

/** The first value of a parameter. */
export function firstParam(params: Readonly<TwilioParams>, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}
