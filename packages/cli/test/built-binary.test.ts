import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OracleServer, startOracleServer } from './oracle-server.js';

const run = promisify(execFile);

/**
 * A `--import` module that makes `vitest` unresolvable, as it is where the CLI is installed
 * without it. Core's `testing` entry loads vitest, so the CLI must never import that entry.
 */
const withoutVitest = (() => {
  const hooks = `export async function resolve(specifier, context, next) {
    if (specifier === 'vitest' || specifier.startsWith('vitest/')) {
      throw new Error('Cannot find package vitest');
    }
    return next(specifier, context);
  }`;
  const register = `import { register } from 'node:module';
    register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  return `data:text/javascript,${encodeURIComponent(register)}`;
})();
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const token = 'binary-test-token';
let server: OracleServer;

beforeAll(async () => {
  // Build from the current source, so the binary under test is never a stale one.
  await run('pnpm', ['build'], { cwd: packageDir });
  server = await startOracleServer(token);
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('the built twilio-guard binary', () => {
  it('is executable through its shebang and sends a message the official SDK accepts', async () => {
    accessSync(bin, constants.X_OK);
    const url = `${server.origin}/api/v1/whatsapp/webhook`;

    const { stdout, stderr } = await run(bin, ['send', url, '--body', 'order 2 margherita'], {
      env: { ...process.env, TWILIO_AUTH_TOKEN: token },
    });

    expect(stderr).toBe('');
    expect(stdout).toBe('HTTP 200 OK\naccepted\n');
    expect(server.received.at(-1)).toMatchObject({
      valid: true,
      params: { Body: 'order 2 margherita' },
    });
  });

  it('exits with the usage code when an argument is missing', async () => {
    const failure = await run(bin, ['send']).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    expect((failure as { stderr: string }).stderr).toMatch(/^twilio-guard send: missing required/);
  });

  it('runs where vitest is not installed', async () => {
    const url = `${server.origin}/hook`;
    const args = ['--import', withoutVitest, bin, 'sign', url, '--token', token];

    const { stdout } = await run(process.execPath, args);

    expect(stdout).toMatch(/^X-Twilio-Signature: \S{28}\n/);
  });
});
