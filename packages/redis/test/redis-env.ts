import { randomUUID } from 'node:crypto';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { afterEach, describe, inject } from 'vitest';
import type {} from '../../../scripts/redis-test-servers.js';

/** The servers the global setup found or started; see scripts/redis-test-servers.ts. */
export const redisTestEnv = inject('redisTestEnv');

const { url, clusterNodes, canStartServers, skipReason } = redisTestEnv;

/** A describe block that runs only when a standalone Redis is available. */
export function describeStandalone(name: string, body: () => void): void {
  describeWhen(Boolean(url), name, body);
}

/** A describe block that runs only when a Redis Cluster is available. */
export function describeCluster(name: string, body: () => void): void {
  describeWhen(Boolean(clusterNodes?.length), name, body);
}

/** A describe block that runs only when the tests may start and stop redis-server themselves. */
export function describeOwnServer(name: string, body: () => void): void {
  describeWhen(canStartServers, name, body);
}

function describeWhen(available: boolean, name: string, body: () => void): void {
  if (available) describe(name, body);
  else describe.skip(`${name} (skipped: ${skipReason})`, body);
}

/** Client options the README recommends: fail at once while Redis is unreachable. */
export const clientOptions: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 1 };

const opened: (Redis | Cluster)[] = [];

/** Quits every client a test opened; runs after each test, or earlier to stop a server. */
export async function quitClients(): Promise<void> {
  const clients = opened.splice(0);
  await Promise.all(
    clients.map((client) =>
      client.status === 'ready' ? client.quit().catch(() => {}) : client.disconnect(),
    ),
  );
}

afterEach(quitClients);

/** A connected standalone client, quit after the test. */
export async function connectStandalone(options: RedisOptions = {}, at = url): Promise<Redis> {
  if (!at) throw new Error('no standalone Redis');
  const client = new Redis(at, { ...clientOptions, ...options });
  opened.push(client);
  await ready(client);
  return client;
}

/** A connected Cluster client, quit after the test. */
export async function connectCluster(options: ClusterOptions = {}): Promise<Cluster> {
  if (!clusterNodes?.length) throw new Error('no Redis Cluster');
  const nodes = clusterNodes.map((node) => {
    const [host = '127.0.0.1', port = '6379'] = node.split(':');
    return { host, port: Number(port) };
  });
  const client = new Cluster(nodes, {
    enableOfflineQueue: false,
    redisOptions: clientOptions,
    ...options,
  });
  opened.push(client);
  await ready(client);
  return client;
}

function ready(client: Redis | Cluster): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    client.once('ready', resolve);
    client.once('end', () => reject(new Error('Redis connection ended before ready')));
  });
}

/** A key prefix no other test uses, so tests share one Redis without seeing each other. */
export function uniquePrefix(): string {
  return `test-${randomUUID()}:`;
}
