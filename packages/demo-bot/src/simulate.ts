import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { latestDevSession } from './dev-session.js';

/**
 * `pnpm simulate "order 2 margherita"`: sends one signed WhatsApp message to the demo running on
 * this machine, through the `twilio-guard send` command. The URL and a development token come
 * from the file the demo writes at start-up; `WEBHOOK_URL` and `TWILIO_AUTH_TOKEN` override them.
 * `--replay` sends the same request twice, to watch the second one get 409.
 */
async function simulate(args: string[]): Promise<number> {
  const replay = args.includes('--replay');
  const text = args.filter((arg) => arg !== '--replay').join(' ') || 'menu';
  const session = await latestDevSession();

  const url = process.env.WEBHOOK_URL || session?.webhookUrl;
  const token = process.env.TWILIO_AUTH_TOKEN || session?.generatedToken;
  if (!url) return fail('no demo is running. Start one with `pnpm demo` in another terminal.');
  if (!token) {
    return fail(
      'the running demo uses TWILIO_AUTH_TOKEN from its environment; set the same variable ' +
        'in this shell.',
    );
  }

  process.stdout.write(`sending "${text}" to ${url}\n`);
  const cliArgs = ['send', url, '--body', text, ...(replay ? ['--replay'] : [])];
  // The token travels in the environment, where other users' `ps` cannot see it.
  const child = spawn(process.execPath, [cliBinary(), ...cliArgs], {
    stdio: 'inherit',
    env: { ...process.env, TWILIO_AUTH_TOKEN: token },
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

function cliBinary(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@twilio-guard/cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin['twilio-guard'] ?? 'dist/bin.js');
}

function fail(message: string): number {
  process.stderr.write(`simulate: ${message}\n`);
  return 2;
}

process.exitCode = await simulate(process.argv.slice(2));
