import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { paramsFromPairs, positiveInteger, resolveToken, webhookUrl } from './arguments.js';

describe('paramsFromPairs', () => {
  it('keeps a repeated name as a list in the order given', () => {
    const params = paramsFromPairs(['To=+2', 'Body=hi', 'To=+1', 'To=+3']);
    expect({ ...params }).toEqual({ To: ['+2', '+1', '+3'], Body: 'hi' });
  });

  it('splits at the first "=" so values may contain "=" and be empty', () => {
    expect({ ...paramsFromPairs(['Body=a=b', 'Empty=']) }).toEqual({ Body: 'a=b', Empty: '' });
  });

  it('treats __proto__ as an ordinary parameter name', () => {
    const params = paramsFromPairs(['__proto__=x']);
    expect(Object.keys(params)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toBe('x');
  });

  it('refuses a pair without a name or without "="', () => {
    expect(() => paramsFromPairs(['Body'])).toThrow(InvalidArgumentError);
    expect(() => paramsFromPairs(['=value'])).toThrow(/NAME=VALUE/);
  });
});

describe('positiveInteger', () => {
  it('accepts whole numbers from 1 and refuses everything else', () => {
    expect(positiveInteger('25')).toBe(25);
    for (const bad of ['0', '-1', '1.5', '1e3', 'ten', '']) {
      expect(() => positiveInteger(bad)).toThrow(InvalidArgumentError);
    }
  });
});

describe('resolveToken', () => {
  it('prefers --token, falls back to TWILIO_AUTH_TOKEN, and names both when neither is set', () => {
    expect(resolveToken('flag', { TWILIO_AUTH_TOKEN: 'env' })).toBe('flag');
    expect(resolveToken(undefined, { TWILIO_AUTH_TOKEN: 'env' })).toBe('env');
    expect(() => resolveToken(undefined, {})).toThrow(/--token.*TWILIO_AUTH_TOKEN/);
  });
});

describe('webhookUrl', () => {
  it('returns an http(s) URL byte for byte, without normalising it', () => {
    const url = 'https://Example.com:443/a/../b?x=%7e&y= z';
    expect(webhookUrl(url, 'url')).toBe(url);
  });

  it('refuses relative URLs and other schemes', () => {
    expect(() => webhookUrl('/webhook', 'url')).toThrow(/not an absolute URL/);
    expect(() => webhookUrl('ftp://example.com/x', '--url')).toThrow(/http:\/\/ or https:\/\//);
  });
});
