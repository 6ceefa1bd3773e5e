import { describe, expect, it } from 'vitest';
import { TwilioGuardError } from './errors.js';
import { firstParam, paramsFromParsedBody, parseFormBody } from './params.js';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseFormBody', () => {
  it('keeps every value of a repeated name, in order', () => {
    const params = parseFormBody('MediaUrl=b&To=%2B1&MediaUrl=a&MediaUrl=b');
    expect(params.MediaUrl).toEqual(['b', 'a', 'b']);
    expect(params.To).toBe('+1');
  });

  it('reads + as a space and %2B as a plus', () => {
    const params = parseFormBody('Body=2+seats+%2B+1&Na+me=x');
    expect(params.Body).toBe('2 seats + 1');
    expect(params['Na me']).toBe('x');
  });

  it('decodes UTF-8 text and keeps empty values and names without =', () => {
    const params = parseFormBody('Body=Zo%C3%AB+%F0%9F%99%8F&Empty=&Flag&&');
    expect(params).toEqual({ Body: 'Zoë 🙏', Empty: '', Flag: '' });
  });

  it('turns malformed percent-encoding into INVALID_BODY', () => {
    for (const body of ['Body=100%', 'Body=%zz', 'B%ody=x', 'Body=%C3']) {
      const error = thrownBy(() => parseFormBody(body));
      expect(error).toBeInstanceOf(TwilioGuardError);
      expect((error as TwilioGuardError).code).toBe('INVALID_BODY');
      expect((error as TwilioGuardError).status).toBe(400);
    }
  });

  it('keeps __proto__, constructor and prototype as plain own names', () => {
    const params = parseFormBody('__proto__=x&constructor=y&prototype=z&__proto__[polluted]=1');
    expect(Object.keys(params)).toEqual([
      '__proto__',
      'constructor',
      'prototype',
      '__proto__[polluted]',
    ]);
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(params)).toBe(null);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'x')).toBe(false);
  });

  it('collects repeated __proto__ values without touching any prototype', () => {
    const params = parseFormBody('__proto__=a&__proto__=b');
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toEqual(['a', 'b']);
    expect(Object.getPrototypeOf(params)).toBe(null);
  });

  it('gives an empty object for an empty body', () => {
    expect(Object.keys(parseFormBody(''))).toEqual([]);
  });
});

describe('paramsFromParsedBody', () => {
  it('copies a flat body of strings and string lists', () => {
    const params = paramsFromParsedBody({ Body: 'hi', MediaUrl: ['a', 'b'] });
    expect(params).toEqual({ Body: 'hi', MediaUrl: ['a', 'b'] });
    expect(Object.getPrototypeOf(params)).toBe(null);
  });

  it('treats a missing body as no params', () => {
    expect(Object.keys(paramsFromParsedBody(undefined))).toEqual([]);
    expect(Object.keys(paramsFromParsedBody(null))).toEqual([]);
  });

  it.each([
    ['a nested object', { Body: 'hi', user: { name: 'x' } }],
    ['a list holding an object', { items: [{ a: '1' }] }],
    ['a number', { NumMedia: 0 }],
    ['a top-level list', ['Body', 'hi']],
    ['a string', 'Body=hi'],
  ])('refuses %s as BODY_PARSER_CONFLICT', (_, parsed) => {
    const error = thrownBy(() => paramsFromParsedBody(parsed));
    expect(error).toBeInstanceOf(TwilioGuardError);
    expect((error as TwilioGuardError).code).toBe('BODY_PARSER_CONFLICT');
  });

  it('keeps an own __proto__ name from a parser as data', () => {
    const params = paramsFromParsedBody(JSON.parse('{"__proto__":"x"}'));
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(params)).toBe(null);
  });
});

describe('firstParam', () => {
  it('gives the first value of a repeated name and the value of a single one', () => {
    expect(firstParam({ To: ['+1', '+2'], From: '+3' }, 'To')).toBe('+1');
    expect(firstParam({ To: ['+1', '+2'], From: '+3' }, 'From')).toBe('+3');
    expect(firstParam({}, 'To')).toBeUndefined();
  });
});
