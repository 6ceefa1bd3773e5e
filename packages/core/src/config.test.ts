import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.js';
import { MemoryStore } from './memory-store.js';
import type { TwilioGuardOptions } from './options.js';

describe('resolveConfig', () => {
  it('applies every documented default', async () => {
    const config = resolveConfig({});

    expect(config.replay).toEqual({
      windowMs: 300_000,
      onDuplicate: 'reject',
      timestamp: undefined,
    });
    expect(config.rateLimit).toMatchObject({
      rule: { limit: 60, windowMs: 60_000, algorithm: 'sliding' },
      ipv6Prefix: 56,
      headers: true,
      failOpen: false,
    });
    expect(config.bodyLimit).toBe(65_536);
    expect(config.store).toBeInstanceOf(MemoryStore);
    expect(config.ownsStore).toBe(true);
    expect(await config.resolveTokens('AC1')).toBeUndefined();
    config.store.close?.();
  });

  it('applies the timestamp defaults: optional, 30 s of clock skew', () => {
    const config = resolveConfig({ replay: { timestamp: { header: 'X-Timestamp' } } });
    expect(config.replay?.timestamp).toMatchObject({ required: false, maxClockSkewMs: 30_000 });
    const read = config.replay?.timestamp?.read;
    const headers = { 'x-timestamp': '1700000000' };
    expect(read?.({ method: 'POST', url: '/', headers, ip: undefined, body: { none: true } })).toBe(
      '1700000000',
    );
    config.store.close?.();
  });

  it('turns replay protection and rate limiting off with false', () => {
    const config = resolveConfig({ replay: false, rateLimit: false });
    expect(config.replay).toBeUndefined();
    expect(config.rateLimit).toBeUndefined();
    config.store.close?.();
  });

  const invalid: Array<[string, TwilioGuardOptions]> = [
    ['replay.onDuplicate', { replay: { onDuplicate: 'ignore' as never } }],
    ['replay.windowMs', { replay: { windowMs: 0 } }],
    ['replay.maxClockSkewMs', { replay: { maxClockSkewMs: -1, timestamp: { header: 'x-t' } } }],
    ['replay.timestamp', { replay: { timestamp: {} } }],
    ['rateLimit.algorithm', { rateLimit: { algorithm: 'token-bucket' as never } }],
    ['rateLimit.ipv6Prefix', { rateLimit: { ipv6Prefix: 129 } }],
    ['rateLimit.max', { rateLimit: { max: 1.5 } }],
    ['rateLimit.windowMs', { rateLimit: { windowMs: -60_000 } }],
    ['too large to count exactly', { rateLimit: { max: 2 ** 30, windowMs: 2 ** 30 } }],
    ['bodyLimit', { bodyLimit: Number.NaN }],
  ];

  it.each(invalid)('refuses a bad %s with CONFIG_ERROR naming it', (name, options) => {
    expect(() => resolveConfig(options)).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringContaining(name) }),
    );
  });
});
