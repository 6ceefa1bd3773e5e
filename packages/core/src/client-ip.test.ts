import { describe, expect, it } from 'vitest';
import { rateLimitKeyForIp } from './client-ip.js';

describe('rateLimitKeyForIp', () => {
  it('counts IPv4 addresses one by one', () => {
    expect(rateLimitKeyForIp('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKeyForIp('203.0.113.8')).not.toBe(rateLimitKeyForIp('203.0.113.7'));
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(rateLimitKeyForIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKeyForIp('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their first 56 bits by default', () => {
    const a = rateLimitKeyForIp('2001:db8:1234:5600::1');
    const sameSlash56 = rateLimitKeyForIp('2001:db8:1234:56ff:ffff:ffff:ffff:ffff');
    const nextSlash56 = rateLimitKeyForIp('2001:db8:1234:5700::1');

    expect(a).toBe('2001:0db8:1234:5600:0000:0000:0000:0000/56');
    expect(sameSlash56).toBe(a);
    expect(nextSlash56).not.toBe(a);
  });

  it('takes another prefix length', () => {
    const a = rateLimitKeyForIp('2001:db8:1234:5601::1', 64);
    const b = rateLimitKeyForIp('2001:db8:1234:5602::1', 64);
    expect(a).not.toBe(b);
    expect(rateLimitKeyForIp('2001:db8:1234:5601::1', 48)).toBe(
      rateLimitKeyForIp('2001:db8:1234:ffff::1', 48),
    );
    expect(rateLimitKeyForIp('2001:db8::1', 128)).not.toBe(rateLimitKeyForIp('2001:db8::2', 128));
  });

  it('reads every spelling of one address the same way', () => {
    const full = rateLimitKeyForIp('2001:0db8:0000:0000:0000:0000:0000:0001');
    expect(rateLimitKeyForIp('2001:db8::1')).toBe(full);
    expect(rateLimitKeyForIp('[2001:db8::1]')).toBe(full);
    expect(rateLimitKeyForIp('2001:DB8::1')).toBe(full);
    expect(rateLimitKeyForIp('fe80::1%eth0')).toBe(rateLimitKeyForIp('fe80::1'));
  });

  it('counts requests without a known address under one key', () => {
    expect(rateLimitKeyForIp(undefined)).toBe('unknown');
    expect(rateLimitKeyForIp('')).toBe('unknown');
  });
});
