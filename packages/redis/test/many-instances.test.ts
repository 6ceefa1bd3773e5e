import type { RateLimitOptions } from '@twilio-guard/core';
import type { Cluster, Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import { RedisStore } from '../src/index.js';
import { newDelivery } from './deliveries.js';
import { type Instance, send, startInstance } from './http-instance.js';
import {
  connectCluster,
  connectStandalone,
  describeCluster,
  describeStandalone,
  uniquePrefix,
} from './redis-env.js';

/** Two instances behind one load balancer: separate clients and stores, one shared Redis. */
function twoInstances(connect: () => Promise<Redis | Cluster>) {
  const running: Instance[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((instance) => instance.close()));
  });

  async function start(rateLimit: RateLimitOptions = { max: 1_000 }) {
    const keyPrefix = uniquePrefix();
    for (let i = 0; i < 2; i++) {
      const store = new RedisStore({ client: await connect(), keyPrefix });
      running.push(await startInstance(store, rateLimit));
    }
    const [a, b] = running as [Instance, Instance];
    return { a, b };
  }

  it('refuses on B a delivery A already took, with 409', async () => {
    const { a, b } = await start();
    const delivery = newDelivery();

    expect(await send(a, delivery)).toBe(200);
    expect(await send(b, delivery)).toBe(409);
    expect(await send(a, delivery)).toBe(409);
    expect(a.handled() + b.handled()).toBe(1);
  });

  it('accepts exactly one of 100 identical deliveries sent at once to A and B', async () => {
    const { a, b } = await start();
    const delivery = newDelivery();

    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => send(i % 2 === 0 ? a : b, delivery)),
    );

    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(99);
    expect(a.handled() + b.handled()).toBe(1);
  });

  it('counts one client against one limit across both instances', async () => {
    const { a, b } = await start({ max: 4, windowMs: 86_400_000 });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await send(a, newDelivery()));
    for (let i = 0; i < 3; i++) statuses.push(await send(b, newDelivery()));

    expect(statuses.filter((status) => status === 200)).toHaveLength(4);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
}

describeStandalone('two instances sharing a standalone Redis', () => {
  twoInstances(() => connectStandalone());
});

describeCluster('two instances sharing a Redis Cluster', () => {
  twoInstances(() => connectCluster());
});
