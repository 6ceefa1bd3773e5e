import { describe, expect, it } from 'vitest';
import { rateLimitKeyForIp } from '../src/client-ip.js';

// A proxy may write an IPv4-mapped address in any IPv6 spelling. Read only in the dotted
// short form, every other spelling fell into the all-zero /56 shared by every IPv4 client.
describe('an IPv4-mapped address in another IPv6 spelling', () => {
  it.each([
    '::ffff:c000:201',
    '::FFFF:C000:0201',
    '0:0:0:0:0:ffff:192.0.2.1',
    '0000:0000:0000:0000:0000:ffff:c000:0201',
    '[::ffff:c000:201]',
  ])('%s counts as 192.0.2.1', (spelling) => {
    expect(rateLimitKeyForIp(spelling)).toBe('192.0.2.1');
  });

  it('keeps two mapped clients apart', () => {
    expect(rateLimitKeyForIp('::ffff:c000:202')).toBe('192.0.2.2');
  });

  it('leaves addresses that only look similar as IPv6', () => {
    expect(rateLimitKeyForIp('::c000:201')).toMatch(/\/56$/);
    expect(rateLimitKeyForIp('64:ff9b::192.0.2.1')).toMatch(/\/56$/);
  });
});
