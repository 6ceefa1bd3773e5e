import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { eventually, freePort } from './free-port.js';

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * A describe block for tests that need Redis: skipped with one line of reason when there is
 * neither `REDIS_URL` nor a `redis-server` to start, except under `REQUIRE_REDIS=1`, where the
 * block runs and fails.
 */
export function describeWithRedis(name: string, body: () => void): void {
  const available =
    Boolean(process.env.REDIS_URL) ||
    spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (available || process.env.REQUIRE_REDIS === '1') describe(name, body);
  else describe.skip(`${name} (skipped: no REDIS_URL and no redis-server on the PATH)`, body);
}

/**
 * `REDIS_URL` when set (CI starts one), otherwise a throwaway `redis-server` from the `PATH` on a
 * free loopback port, with nothing saved to disk.
 */
export async function testRedis(): Promise<TestRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };

  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'twilio-guard-demo-redis-'));
  const server = spawn(
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.once('close', () => resolve()));
  let spawnError: Error | undefined;
  server.once('error', (error) => {
    spawnError = error;
  });

  await eventually(
    async () => ((await answersPing(port)) ? true : undefined),
    `redis-server to listen on port ${port}`,
  ).catch((timeout: Error) => {
    server.kill('SIGKILL');
    throw spawnError ?? timeout;
  });

  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}
