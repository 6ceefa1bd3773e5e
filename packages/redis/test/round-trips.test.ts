import { createTwilioGuard, type TwilioGuard } from '@twilio-guard/core';
import type { Cluster, Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type KeyLayout, RedisStore } from '../src/index.js';
import { watchCommands } from './command-log.js';
import { AUTH_TOKEN, guardRequest, newDelivery, WEBHOOK_URL } from './deliveries.js';
import {
  connectCluster,
  connectStandalone,
  describeCluster,
  describeStandalone,
  redisTestEnv,
  uniquePrefix,
} from './redis-env.js';

/** Commands Redis runs for one request through a guard with rate limiting and replay checks. */
function roundTrips(
  connect: () => Promise<Redis | Cluster>,
  nodes: () => string[],
  keyLayout: KeyLayout,
  expected: { accepted: string[]; duplicate: string[]; limited: string[] },
) {
  let guard: TwilioGuard;
  let keyPrefix: string;
  let log: Awaited<ReturnType<typeof watchCommands>>;

  beforeEach(async () => {
    keyPrefix = uniquePrefix();
    const store = new RedisStore({ client: await connect(), keyPrefix, keyLayout });
    guard = createTwilioGuard({
      authToken: AUTH_TOKEN,
      webhookUrl: WEBHOOK_URL,
      store,
      rateLimit: { max: 3, windowMs: 86_400_000 },
    });
    log = await watchCommands(nodes());
    // The first call on a node may need the script's source once (NOSCRIPT, then EVAL).
    await guard.check(guardRequest(newDelivery()));
  });

  afterEach(() => log.stop());

  async function commandsFor(delivery = newDelivery()) {
    // Each layout writes the prefix's text into every key, with or without its trailing `:`.
    const text = keyPrefix.slice(0, -1);
    const commands = await log.commandsDuring(() => guard.check(guardRequest(delivery)), text);
    return commands.map((args) => args[0]?.toUpperCase()).sort();
  }

  it('sends the expected commands for an accepted, a duplicate and a limited request', async () => {
    const delivery = newDelivery();

    expect(await commandsFor(delivery)).toEqual(expected.accepted);
    expect(await commandsFor(delivery)).toEqual(expected.duplicate);
    expect(await commandsFor()).toEqual(expected.limited);
  });
}

describeStandalone('commands per request on a standalone server', () => {
  roundTrips(
    () => connectStandalone(),
    () => [redisTestEnv.url ?? ''],
    'single-slot',
    { accepted: ['EVALSHA'], duplicate: ['EVALSHA'], limited: ['EVALSHA'] },
  );

  it('sends the script source only after Redis answers NOSCRIPT, then the hash again', async () => {
    const client = await connectStandalone();
    const keyPrefix = uniquePrefix();
    const store = new RedisStore({ client, keyPrefix });
    const rule = { limit: 5, windowMs: 60_000, algorithm: 'fixed' as const };
    const log = await watchCommands([redisTestEnv.url ?? '']);
    const hit = () => store.hitRateLimit('rl:a', rule);

    await client.script('FLUSH');
    const afterFlush = await log.commandsDuring(hit, keyPrefix.slice(0, -1));
    const next = await log.commandsDuring(hit, keyPrefix.slice(0, -1));
    await log.stop();

    expect(afterFlush.map((args) => args[0]?.toUpperCase())).toEqual(['EVALSHA', 'EVAL']);
    expect(next.map((args) => args[0]?.toUpperCase())).toEqual(['EVALSHA']);
  });
});

describeCluster('commands per request on a Cluster', () => {
  roundTrips(
    () => connectCluster(),
    () => redisTestEnv.clusterNodes ?? [],
    'single-slot',
    { accepted: ['EVALSHA'], duplicate: ['EVALSHA'], limited: ['EVALSHA'] },
  );
});

describeCluster("commands per request on a Cluster, keyLayout 'per-key'", () => {
  roundTrips(
    () => connectCluster(),
    () => redisTestEnv.clusterNodes ?? [],
    'per-key',
    { accepted: ['EVALSHA', 'SET'], duplicate: ['EVALSHA', 'SET'], limited: ['EVALSHA'] },
  );
});
