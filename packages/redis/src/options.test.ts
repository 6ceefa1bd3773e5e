import { describe, expect, it } from 'vitest';
import { type RedisStoreClient, resolveRedisStoreOptions } from './options.js';

const client: RedisStoreClient = {
  isCluster: false,
  evalsha: async () => null,
  eval: async () => null,
  set: async () => 'OK',
  del: async () => 1,
  on: () => undefined,
  off: () => undefined,
};

describe('resolveRedisStoreOptions', () => {
  it('applies the defaults', () => {
    expect(resolveRedisStoreOptions({ client })).toEqual({
      client,
      keyPrefix: 'twilio-guard:',
      keyLayout: 'single-slot',
      timeoutMs: 500,
      logger: {},
    });
  });

  it('refuses a missing client, naming what it needs', () => {
    const options = { client: undefined as unknown as RedisStoreClient };
    expect(() => resolveRedisStoreOptions(options)).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringMatching(/ioredis/) }),
    );
  });

  it('refuses a key prefix with braces, which would move the hash tag', () => {
    expect(() => resolveRedisStoreOptions({ client, keyPrefix: 'app{1}:' })).toThrow(/braces/);
    expect(() =>
      resolveRedisStoreOptions({ client, keyPrefix: 'app}:', keyLayout: 'per-key' }),
    ).toThrow(/braces/);
  });

  it.each(['', ':'])('refuses the key prefix %j as an empty single-slot hash tag', (keyPrefix) => {
    expect(() => resolveRedisStoreOptions({ client, keyPrefix })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringMatching(/empty/) }),
    );
  });

  it('accepts an empty key prefix with the per-key layout, whose tags are the keys', () => {
    const config = resolveRedisStoreOptions({ client, keyPrefix: '', keyLayout: 'per-key' });
    expect(config).toMatchObject({ keyPrefix: '', keyLayout: 'per-key' });
  });

  it('refuses an unknown key layout', () => {
    const keyLayout = 'spread' as unknown as 'per-key';
    expect(() => resolveRedisStoreOptions({ client, keyLayout })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringMatching(/spread/) }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses timeoutMs %s', (timeoutMs) => {
    expect(() => resolveRedisStoreOptions({ client, timeoutMs })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR' }),
    );
  });
});
