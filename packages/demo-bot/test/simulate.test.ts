import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../src/demo.js';
import { type DemoProcess, startDemoProcess } from '../src/testing/demo-process.js';
import { ensureBuilt } from '../src/testing/ensure-built.js';
import { eventually } from '../src/testing/free-port.js';
import { ordersOf } from '../src/testing/inspect-demo.js';

const workspace = join(import.meta.dirname, '..', '..', '..');

/** Runs the built simulate script as `pnpm simulate` does, and collects what it printed. */
function simulate(args: string[], env: Record<string, string>) {
  const script = join(import.meta.dirname, '..', 'dist', 'simulate.js');
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('pnpm simulate', () => {
  const token = randomBytes(16).toString('hex');
  let demo: DemoProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    const [main] = await Promise.all([
      ensureBuilt(join(workspace, 'apps', 'demo-express')),
      ensureBuilt(join(workspace, 'packages', 'cli'), 'dist/bin.js'),
      ensureBuilt(join(workspace, 'packages', 'demo-bot'), 'dist/simulate.js'),
    ]);
    demo = await startDemoProcess({ main, env: { TWILIO_AUTH_TOKEN: token } });
    env = { TWILIO_AUTH_TOKEN: token, WEBHOOK_URL: `${demo.origin}${ROUTES.webhook}` };
  }, 240_000);
  afterAll(async () => {
    await demo?.stop('SIGKILL');
  });

  it('sends one signed message through the CLI, which the demo turns into an order', async () => {
    const result = await simulate(['order', '3', 'diavola'], env);

    expect(result.output).toContain('HTTP 200');
    expect(result.code).toBe(0);
    const order = await eventually(
      async () => (await ordersOf(demo.origin)).find((o) => o.itemId === 'diavola'),
      'the simulated order to appear',
    );
    expect(order.quantity).toBe(3);
  });

  it('shows a replay being refused with --replay', async () => {
    const result = await simulate(['--replay', 'menu'], env);

    expect(result.output).toMatch(/first: +HTTP 200/);
    expect(result.output).toMatch(/replay: +HTTP 409/);
    expect(result.code).toBe(0);
  });

  it('explains what to do when the demo uses a token it does not know', async () => {
    const result = await simulate(['menu'], { WEBHOOK_URL: env.WEBHOOK_URL ?? '' });

    expect(result.code).toBe(2);
    expect(result.output).toMatch(/set the same variable in this shell/);
  });
});
