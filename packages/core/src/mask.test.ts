import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesIn } from './mask.js';

describe('maskPhone', () => {
  it.each([
    ['+14155550100', '+1415*****00'],
    ['whatsapp:+14155550100', 'whatsapp:+1415*****00'],
    ['messenger:14155550100', 'messenger:1415*****00'],
    ['14155550100', '1415*****00'],
    ['+447700900123', '+4477******23'],
    ['12345', '1**45'],
  ])('masks %s as %s', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });

  it('hides a short address completely', () => {
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('sms:12')).toBe('sms:**');
    expect(maskPhone('')).toBe('');
  });

  it('never shows more than the head and the last two digits', () => {
    const number = '+14155550199';
    const masked = maskPhone(number) ?? '';
    expect(masked).toHaveLength(number.length);
    expect(masked).not.toContain('555');
    expect(masked.endsWith('99')).toBe(true);
  });

  it('passes undefined through', () => {
    expect(maskPhone(undefined)).toBeUndefined();
  });
});

describe('maskPhonesIn', () => {
  it('masks numbers in a URL query, encoded or not, and keeps the rest', () => {
    const url = 'https://x.example/hook?From=whatsapp%3A%2B14155550100&To=+447700900123&n=42';
    expect(maskPhonesIn(url)).toBe(
      'https://x.example/hook?From=whatsapp%3A%2B1415*****00&To=+4477******23&n=42',
    );
  });

  it('leaves ports, addresses and short numbers alone', () => {
    const url = 'http://192.168.100.200:65535/a/123456?x=1';
    expect(maskPhonesIn(url)).toBe(url);
  });
});
