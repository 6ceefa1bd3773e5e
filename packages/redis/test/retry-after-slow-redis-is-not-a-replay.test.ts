import { createTwilioGuard } from '@twilio-guard/core';
import { afterEach, expect, it, vi } from 'vitest';
import { type RedisServer, startRedisServer } from '../../../scripts/redis-test-servers.js';
import { RedisStore } from '../src/index.js';
import { AUTH_TOKEN, guardRequest, newDelivery, WEBHOOK_URL } from './deliveries.js';
import { connectStandalone, describeOwnServer, quitClients } from './redis-env.js';

/**
 * When Redis answers after the store gave up, the guard has already answered 503, yet the
 * script still ran and claimed the delivery's nonce. Twilio's retry of that delivery must not
 * then be refused as a replay of a request that was never handled.
 */
describeOwnServer('a delivery answered 503 because Redis was slow', () => {
  let server: RedisServer | undefined;

  afterEach(async () => {
    await quitClients();
    await server?.dispose();
  });

  it('is accepted when Twilio retries it', async () => {
    server = await startRedisServer();
    const client = await connectStandalone({}, server.url);
    const admin = await connectStandalone({}, server.url);
    const store = new RedisStore({ client, keyPrefix: 'slow:', timeoutMs: 200 });
    const guard = createTwilioGuard({ authToken: AUTH_TOKEN, webhookUrl: WEBHOOK_URL, store });
    const delivery = newDelivery();
    await guard.check(guardRequest(newDelivery()));

    await admin.client('PAUSE', 1_000, 'ALL');
    const first = await guard.check(guardRequest(delivery));
    expect(first).toMatchObject({ action: 'respond', code: 'STORE_UNAVAILABLE' });

    // Once Redis resumes, the late script counts the request, claims the nonce and the claim
    // is released: the counter shows the script ran, the nonce count that it was released.
    await vi.waitFor(
      async () => {
        expect(await admin.hget('{slow}:rate:rl:203.0.113.7', 'c')).toBe('2');
        expect(await admin.keys('{slow}:nonce:*')).toHaveLength(1);
      },
      { timeout: 5_000, interval: 50 },
    );
    const retry = await guard.check(guardRequest(delivery));
    expect(retry.action).toBe('continue');
  });
});
