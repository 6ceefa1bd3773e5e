/**
 * Throwaway Redis servers for the Redis test suites. As a vitest globalSetup it provides a
 * standalone URL and Cluster nodes to the tests: REDIS_URL and REDIS_CLUSTER_NODES when set,
 * otherwise servers it starts from redis-server on loopback ports in temp dirs and stops after.
 * With neither, the suites skip with one line of reason, or fail when REQUIRE_REDIS=1.
 * Tests that stop and restart a server start their own with `startRedisServer`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the Redis suites get through `inject('redisTestEnv')`. */
export interface RedisTestEnv {
  /** A standalone server's URL. */
  url: string | undefined;
  /** A Cluster's master nodes, `host:port` each. */
  clusterNodes: string[] | undefined;
  /** Whether redis-server can be started, for tests that stop one mid-test. */
  canStartServers: boolean;
  /** Why a missing part is missing, shown as the skipped suite's name. */
  skipReason: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisTestEnv: RedisTestEnv;
  }
}

interface ProjectLike {
  provide(key: 'redisTestEnv', value: RedisTestEnv): void;
}

export default async function setup(project: ProjectLike): Promise<() => Promise<void>> {
  const canStartServers = hasRedisServer();
  const started: { dispose(): Promise<void> }[] = [];

  let url = process.env.REDIS_URL || undefined;
  if (!url && canStartServers) {
    const server = await startRedisServer();
    started.push(server);
    url = server.url;
  }

  let clusterNodes = process.env.REDIS_CLUSTER_NODES?.split(',').filter(Boolean);
  if (!clusterNodes?.length && canStartServers) {
    const cluster = await startRedisCluster();
    started.push(cluster);
    clusterNodes = cluster.nodes;
  }

  const missing = [
    url ? '' : 'REDIS_URL',
    clusterNodes?.length ? '' : 'REDIS_CLUSTER_NODES',
    canStartServers ? '' : 'redis-server on the PATH',
  ].filter(Boolean);
  const skipReason = `no ${missing.join(', no ')}`;
  if (missing.length > 0) {
    if (process.env.REQUIRE_REDIS === '1')
      throw new Error(`REQUIRE_REDIS=1 but some Redis suites cannot run: ${skipReason}.`);
    process.stderr.write(`Redis suites that need them are skipped: ${skipReason}.\n`);
  }

  project.provide('redisTestEnv', { url, clusterNodes, canStartServers, skipReason });
  return async () => {
    await Promise.all(started.map((server) => server.dispose()));
  };
}

export interface RedisServer {
  port: number;
  url: string;
  /** Stops the server; `start` brings it back on the same port, empty. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server for good and deletes its directory. */
  dispose(): Promise<void>;
}

export async function startRedisServer(extraArgs: string[] = []): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'twilio-guard-redis-'));
  let child: ChildProcess | undefined;
  process.once('exit', () => child?.kill('SIGKILL'));

  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', serverArgs(port, dir, extraArgs), { stdio: 'ignore' });
      await waitFor(async () => (await redisCommand(port, ['PING'])).startsWith('+PONG'));
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  await server.start();
  return server;
}

/** Three masters with no replicas, slots split evenly, as `redis-cli --cluster create` does. */
export async function startRedisCluster(): Promise<{
  nodes: string[];
  dispose(): Promise<void>;
}> {
  const servers: RedisServer[] = [];
  for (let i = 0; i < 3; i++) {
    servers.push(
      await startRedisServer([
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        '2000',
      ]),
    );
  }

  const slotsPerNode = Math.ceil(16384 / servers.length);
  for (const [index, server] of servers.entries()) {
    const first = index * slotsPerNode;
    const last = Math.min(16383, first + slotsPerNode - 1);
    const slots = Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
    await redisCommand(server.port, ['CLUSTER', 'SET-CONFIG-EPOCH', String(index + 1)]);
    await redisCommand(server.port, ['CLUSTER', 'ADDSLOTS', ...slots]);
  }
  const [seed] = servers;
  for (const server of servers.slice(1)) {
    await redisCommand(server.port, ['CLUSTER', 'MEET', '127.0.0.1', String(seed?.port)]);
  }

  for (const server of servers) {
    await waitFor(async () => {
      const info = await redisCommand(server.port, ['CLUSTER', 'INFO']);
      return info.includes('cluster_state:ok') && info.includes('cluster_known_nodes:3');
    });
  }

  return {
    nodes: servers.map((server) => `127.0.0.1:${server.port}`),
    dispose: async () => {
      await Promise.all(servers.map((server) => server.dispose()));
    },
  };
}

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function serverArgs(port: number, dir: string, extraArgs: string[]): string[] {
  return [
    ...['--bind', '127.0.0.1', '--port', String(port), '--dir', dir],
    ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    ...extraArgs,
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor(ready: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Redis test server not ready after ${timeoutMs} ms`);
}

/**
 * Sends one command and resolves with the raw reply text. Enough for the status and bulk
 * replies of setting up a server; the tests themselves talk to Redis through ioredis.
 */
export function redisCommand(port: number, args: string[]): Promise<string> {
  const request = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(2000, () => socket.destroy(new Error('Redis reply timed out')));
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (!isComplete(reply)) return;
      socket.end();
      resolve(reply);
    });
    socket.write(request);
  });
}

function isComplete(reply: string): boolean {
  const lineEnd = reply.indexOf('\r\n');
  if (lineEnd === -1) return false;
  if (!reply.startsWith('$')) return true;
  const length = Number(reply.slice(1, lineEnd));
  return length < 0 || Buffer.byteLength(reply) >= lineEnd + 2 + length + 2;
}
