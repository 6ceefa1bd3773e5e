import type { RateLimitRule } from '@twilio-guard/core';
import type { Cluster, Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import {
  connectCluster,
  connectStandalone,
  describeCluster,
  describeStandalone,
  uniquePrefix,
} from './redis-env.js';

const rule: RateLimitRule = { limit: 3, windowMs: 86_400_000, algorithm: 'sliding' };

function storeBehaviour(connect: () => Promise<Redis | Cluster>) {
  async function setup() {
    const client = await connect();
    const keyPrefix = uniquePrefix();
    return { client, keyPrefix, store: new RedisStore({ client, keyPrefix }) };
  }

  it('claims a nonce once, with a millisecond expiry', async () => {
    const { client, keyPrefix, store } = await setup();

    expect(await store.claimNonce('nonce:a', 1_234)).toBe(true);
    expect(await store.claimNonce('nonce:a', 1_234)).toBe(false);

    const ttl = await client.pttl(`${keyPrefix}nonce:{nonce:a}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_234);
  });

  it('keeps the counter in one hash that expires two windows after its window began', async () => {
    const { client, keyPrefix, store } = await setup();
    const windowMs = 60_000;

    await store.hitRateLimit('rl:203.0.113.7', { ...rule, windowMs });
    const key = `${keyPrefix}rate:{rl:203.0.113.7}`;
    const stored = await client.hgetall(key);

    const window = Number(stored.w);
    expect(window % windowMs).toBe(0);
    expect(stored).toMatchObject({ c: '1', p: '0' });
    expect(await client.pexpiretime(key)).toBe(window + 2 * windowMs);
  });

  it('does not count refused requests', async () => {
    const { client, keyPrefix, store } = await setup();
    const fixed: RateLimitRule = { ...rule, algorithm: 'fixed' };

    for (let i = 0; i < 8; i++) await store.hitRateLimit('rl:x', fixed);

    expect(await client.hget(`${keyPrefix}rate:{rl:x}`, 'c')).toBe('3');
  });

  it('keeps a nonce and a counter of the same key apart', async () => {
    const { store } = await setup();

    expect(await store.claimNonce('shared', 60_000)).toBe(true);
    expect(await store.hitRateLimit('shared', rule)).toMatchObject({ allowed: true });
    expect(await store.claimNonce('shared', 60_000)).toBe(false);
  });

  it('keeps each key small: a one-byte value, or a hash of three small numbers', async () => {
    const { client, keyPrefix, store } = await setup();
    const nonce = `nonce:${'ab'.repeat(32)}`;
    await store.claimNonce(nonce, 300_000);
    await store.hitRateLimit('rl:203.0.113.7', rule);

    const nonceKey = `${keyPrefix}nonce:{${nonce}}`;
    const counterKey = `${keyPrefix}rate:{rl:203.0.113.7}`;
    expect(await client.get(nonceKey)).toBe('1');
    expect(Object.keys(await client.hgetall(counterKey)).sort()).toEqual(['c', 'p', 'w']);
    // A hash this small stays in Redis's compact encoding; a larger one would cost far more.
    expect(await client.object('ENCODING', counterKey)).toMatch(/^(listpack|ziplist)$/);
    expect(await client.memory('USAGE', nonceKey)).toBeLessThan(256);
    expect(await client.memory('USAGE', counterKey)).toBeLessThan(256);
  });
}

describeStandalone(`RedisStore on a standalone server`, () => {
  storeBehaviour(() => connectStandalone());
});

describeCluster(`RedisStore on a three-master Cluster`, () => {
  storeBehaviour(() => connectCluster());
});
