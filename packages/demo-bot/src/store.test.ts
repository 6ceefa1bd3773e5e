import { isTwilioGuardError } from '@twilio-guard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLogger } from './logger.js';
import { openDemoStore } from './store.js';
import { freePort } from './testing/free-port.js';
import { describeWithRedis, type TestRedis, testRedis } from './testing/redis-server.js';

const logger = createJsonLogger({ write: () => {} });

describe('openDemoStore', () => {
  it('keeps state in memory without REDIS_URL', async () => {
    const opened = await openDemoStore(undefined, logger);

    expect(opened.description).toBe('memory');
    expect(await opened.store.claimNonce('nonce:a', 60_000)).toBe(true);
    expect(await opened.store.claimNonce('nonce:a', 60_000)).toBe(false);
    await opened.close();
  });

  it('refuses to start when Redis cannot be reached, without printing the password', async () => {
    const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
    const error = await openDemoStore(url, logger).catch((caught: unknown) => caught);

    expect(isTwilioGuardError(error) && error.code).toBe('CONFIG_ERROR');
    expect(String((error as Error).message)).toMatch(/could not connect to Redis/);
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});

describeWithRedis('openDemoStore with REDIS_URL', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await testRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('shares nonces through Redis between two stores', async () => {
    const first = await openDemoStore(redis.url, logger);
    const second = await openDemoStore(redis.url, logger);
    const key = `nonce:demo-store-${Date.now()}-${Math.random()}`;

    expect(first.description).toMatch(/^redis \(redis:\/\//);
    expect(await first.store.claimNonce(key, 60_000)).toBe(true);
    expect(await second.store.claimNonce(key, 60_000)).toBe(false);
    await Promise.all([first.close(), second.close()]);
  });
});
