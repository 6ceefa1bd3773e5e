import type { RateLimitRule } from '@twilio-guard/core';
import { expect, it } from 'vitest';
import { RedisStore, type RedisStoreClient } from '../src/index.js';
import { connectStandalone, describeStandalone, uniquePrefix } from './redis-env.js';

const rule: RateLimitRule = { limit: 2, windowMs: 86_400_000, algorithm: 'sliding' };

/**
 * Some proxies in front of a Cluster look like one server to ioredis but refuse a script whose
 * keys hash to two slots. With the 'per-key' layout the store must then keep working, in two
 * steps; with the default layout its keys share a slot, so such a refusal is a real failure.
 */
describeStandalone('a client behind a proxy that refuses two-key scripts', () => {
  async function proxyClient() {
    const redis = await connectStandalone();
    const twoKeyScripts: number[] = [];
    const client: RedisStoreClient = {
      isCluster: false,
      evalsha: async (sha, numKeys, ...rest) => {
        if (numKeys > 1) {
          twoKeyScripts.push(numKeys);
          throw new Error("CROSSSLOT Keys in request don't hash to the same slot");
        }
        return redis.evalsha(sha, numKeys, ...rest);
      },
      eval: (script, numKeys, ...rest) => redis.eval(script, numKeys, ...rest),
      set: (key, value, unit, ttlMs, mode) => redis.set(key, value, unit, ttlMs, mode),
      del: (key) => redis.del(key),
      on: () => undefined,
      off: () => undefined,
    };
    return { client, twoKeyScripts };
  }

  const request = (nonce: string) => ({
    rateLimit: { key: 'rl:proxy', rule },
    nonce: { key: nonce, ttlMs: 60_000 },
  });

  it("still counts, claims and refuses with 'per-key', and stops sending two-key scripts", async () => {
    const { client, twoKeyScripts } = await proxyClient();
    const store = new RedisStore({ client, keyPrefix: uniquePrefix(), keyLayout: 'per-key' });

    const first = await store.checkRequest(request('a'));
    const replay = await store.checkRequest(request('a'));
    const limited = await store.checkRequest(request('b'));

    expect(first).toMatchObject({ rateLimit: { allowed: true }, nonceClaimed: true });
    expect(replay).toMatchObject({ rateLimit: { allowed: true }, nonceClaimed: false });
    expect(limited).toEqual({ rateLimit: expect.objectContaining({ allowed: false }) });
    expect(await store.claimNonce('b', 60_000)).toBe(true);
    expect(twoKeyScripts).toEqual([2]);
  });

  it('reports the refusal as STORE_UNAVAILABLE with the default layout, every time', async () => {
    const { client, twoKeyScripts } = await proxyClient();
    const store = new RedisStore({ client, keyPrefix: uniquePrefix() });

    for (const nonce of ['a', 'b']) {
      await expect(store.checkRequest(request(nonce))).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringMatching(/CROSSSLOT/),
      });
    }
    expect(twoKeyScripts).toEqual([2, 2]);
  });
});
