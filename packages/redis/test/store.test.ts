import type { RateLimitRule } from '@twilio-guard/core';
import type { Cluster, Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { type KeyLayout, RedisStore } from '../src/index.js';
import {
  connectCluster,
  connectStandalone,
  describeCluster,
  describeStandalone,
  uniquePrefix,
} from './redis-env.js';

const rule: RateLimitRule = { limit: 3, windowMs: 86_400_000, algorithm: 'sliding' };

/** The key names each layout documents, for a prefix ending in `:`. */
const layouts = {
  'single-slot': (prefix: string, kind: string, key: string) =>
    `{${prefix.slice(0, -1)}}:${kind}:${key}`,
  'per-key': (prefix: string, kind: string, key: string) => `${prefix}${kind}:{${key}}`,
} satisfies Record<KeyLayout, unknown>;

function storeBehaviour(connect: () => Promise<Redis | Cluster>, keyLayout: KeyLayout) {
  async function setup() {
    const client = await connect();
    const keyPrefix = uniquePrefix();
    const store = new RedisStore({ client, keyPrefix, keyLayout });
    const keyOf = (kind: 'nonce' | 'rate', key: string) => layouts[keyLayout](keyPrefix, kind, key);
    return { client, keyOf, store };
  }

  it('claims a nonce once, with a millisecond expiry', async () => {
    const { client, keyOf, store } = await setup();

    expect(await store.claimNonce('nonce:a', 1_234)).toBe(true);
    expect(await store.claimNonce('nonce:a', 1_234)).toBe(false);

    const ttl = await client.pttl(keyOf('nonce', 'nonce:a'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_234);
  });

  it('keeps the counter in one hash that expires two windows after its window began', async () => {
    const { client, keyOf, store } = await setup();
    const windowMs = 60_000;

    await store.hitRateLimit('rl:203.0.113.7', { ...rule, windowMs });
    const key = keyOf('rate', 'rl:203.0.113.7');
    const stored = await client.hgetall(key);

    const window = Number(stored.w);
    expect(window % windowMs).toBe(0);
    expect(stored).toMatchObject({ c: '1', p: '0' });
    expect(await client.pexpiretime(key)).toBe(window + 2 * windowMs);
  });

  it('does not count refused requests', async () => {
    const { client, keyOf, store } = await setup();
    const fixed: RateLimitRule = { ...rule, algorithm: 'fixed' };

    for (let i = 0; i < 8; i++) await store.hitRateLimit('rl:x', fixed);

    expect(await client.hget(keyOf('rate', 'rl:x'), 'c')).toBe('3');
  });

  it('counts and claims in one check, and claims nothing for a refused request', async () => {
    const { client, keyOf, store } = await setup();
    const limitOne: RateLimitRule = { ...rule, limit: 1 };
    const request = (nonce: string) => ({
      rateLimit: { key: 'rl:both', rule: limitOne },
      nonce: { key: nonce, ttlMs: 60_000 },
    });

    const accepted = await store.checkRequest(request('nonce:first'));
    const refused = await store.checkRequest(request('nonce:second'));

    expect(accepted).toMatchObject({ rateLimit: { allowed: true }, nonceClaimed: true });
    expect(refused).toEqual({ rateLimit: expect.objectContaining({ allowed: false }) });
    expect(await client.hget(keyOf('rate', 'rl:both'), 'c')).toBe('1');
    expect(await client.exists(keyOf('nonce', 'nonce:first'))).toBe(1);
    expect(await client.exists(keyOf('nonce', 'nonce:second'))).toBe(0);
  });

  it('keeps a nonce and a counter of the same key apart', async () => {
    const { store } = await setup();

    expect(await store.claimNonce('shared', 60_000)).toBe(true);
    expect(await store.hitRateLimit('shared', rule)).toMatchObject({ allowed: true });
    expect(await store.claimNonce('shared', 60_000)).toBe(false);
  });

  it('keeps each key small: a one-byte value, or a hash of three small numbers', async () => {
    const { client, keyOf, store } = await setup();
    const nonce = `nonce:${'ab'.repeat(32)}`;
    await store.claimNonce(nonce, 300_000);
    await store.hitRateLimit('rl:203.0.113.7', rule);

    const nonceKey = keyOf('nonce', nonce);
    const counterKey = keyOf('rate', 'rl:203.0.113.7');
    expect(await client.get(nonceKey)).toBe('1');
    expect(Object.keys(await client.hgetall(counterKey)).sort()).toEqual(['c', 'p', 'w']);
    // A hash this small stays in Redis's compact encoding; a larger one would cost far more.
    expect(await client.object('ENCODING', counterKey)).toMatch(/^(listpack|ziplist)$/);
    expect(await client.memory('USAGE', nonceKey)).toBeLessThan(256);
    expect(await client.memory('USAGE', counterKey)).toBeLessThan(256);
  });
}

describeStandalone('RedisStore on a standalone server', () => {
  storeBehaviour(() => connectStandalone(), 'single-slot');
});

describeStandalone("RedisStore on a standalone server, keyLayout 'per-key'", () => {
  storeBehaviour(() => connectStandalone(), 'per-key');
});

describeCluster('RedisStore on a three-master Cluster', () => {
  storeBehaviour(() => connectCluster(), 'single-slot');
});

describeCluster("RedisStore on a three-master Cluster, keyLayout 'per-key'", () => {
  storeBehaviour(() => connectCluster(), 'per-key');
});

describeCluster('where the keys of each layout land on a three-master Cluster', () => {
  /** Writes 20 nonces and 20 counters, then counts this store's keys on each master. */
  async function keysPerMaster(keyLayout: KeyLayout) {
    const client = await connectCluster();
    const keyPrefix = uniquePrefix();
    const store = new RedisStore({ client, keyPrefix, keyLayout });
    for (let i = 0; i < 20; i++) {
      await store.claimNonce(`nonce:${i}`, 60_000);
      await store.hitRateLimit(`rl:198.51.100.${i}`, rule);
    }

    const pattern = `*${keyPrefix.slice(0, -1)}*`;
    const masters = client.nodes('master');
    const counts = await Promise.all(
      masters.map(async (node) => (await node.keys(pattern)).length),
    );
    return counts.filter((count) => count > 0).sort((a, b) => b - a);
  }

  it('keeps every key of the default layout on one master', async () => {
    expect(await keysPerMaster('single-slot')).toEqual([40]);
  });

  it("spreads the keys of the 'per-key' layout over the masters", async () => {
    const counts = await keysPerMaster('per-key');

    expect(counts.length).toBeGreaterThan(1);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(40);
  });
});
