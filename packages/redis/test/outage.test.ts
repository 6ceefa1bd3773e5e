import { createTwilioGuard, type TwilioGuard } from '@twilio-guard/core';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../scripts/redis-test-servers.js';
import { RedisStore } from '../src/index.js';
import { AUTH_TOKEN, guardRequest, newDelivery, WEBHOOK_URL } from './deliveries.js';
import { connectStandalone, describeOwnServer, quitClients } from './redis-env.js';

describeOwnServer('a guard on RedisStore while its own Redis fails and comes back', () => {
  let server: RedisServer;
  let guard: TwilioGuard;
  let store: RedisStore;
  const warn = vi.fn();

  beforeEach(async () => {
    server = await startRedisServer();
    const client = await connectStandalone({}, server.url);
    store = new RedisStore({ client, timeoutMs: 300, logger: { warn } });
    guard = createTwilioGuard({ authToken: AUTH_TOKEN, webhookUrl: WEBHOOK_URL, store });
  });

  afterEach(async () => {
    store.close();
    await quitClients();
    await server.dispose();
    warn.mockReset();
  });

  async function codeOf(delivery = newDelivery()) {
    const verdict = await guard.check(guardRequest(delivery));
    return verdict.action === 'continue' ? 'accepted' : verdict.code;
  }

  it('answers 503 while Redis is down and serves again once it is back', async () => {
    expect(await codeOf()).toBe('accepted');

    await server.stop();
    expect(await codeOf()).toBe('STORE_UNAVAILABLE');
    expect(await codeOf()).toBe('STORE_UNAVAILABLE');

    // Same port, empty data and an empty script cache: the scripts are sent again.
    await server.start();
    await vi.waitFor(async () => expect(await codeOf()).toBe('accepted'), {
      timeout: 10_000,
      interval: 100,
    });
  });

  it('reports the outage to the logger once, however often the client retries', async () => {
    await server.stop();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled(), { timeout: 5_000 });
    await codeOf();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toMatch(/Redis client reported an error/);
  });

  it('answers 503 when Redis refuses writes', async () => {
    const admin = await connectStandalone({}, server.url);
    await admin.config('SET', 'maxmemory', '1');

    expect(await codeOf()).toBe('STORE_UNAVAILABLE');

    await admin.config('SET', 'maxmemory', '0');
    expect(await codeOf()).toBe('accepted');
  });
});
