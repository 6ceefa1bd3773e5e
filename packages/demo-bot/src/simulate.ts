import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  // A generated token belongs to its own demo: never sign for another URL with it.
  const sessionToken = session && session.webhookUrl === url ? session.generatedToken : undefined;
  const token = process.env.TWILIO_AUTH_TOKEN || sessionToken;
  if (!url) return fail('no demo is running. Start one with `pnpm demo` in another terminal.');
  if (!token) {
    return fail(
      `no token for ${url}: the demo uses TWILIO_AUTH_TOKEN from its environment; set the ` +
        'same variable in this shell.',
    );
  }

  const binary = cliBinary();
  if (!binary) return fail('the twilio-guard CLI is not built; run `pnpm build` first.');

  process.stdout.write(`sending "${text}" to ${url}\n`);
  const cliArgs = ['send', url, '--body', text, ...(replay ? ['--replay'] : [])];
  // The token travels in the environment, where other users' `ps` cannot see it.
  const child = spawn(process.execPath, [binary, ...cliArgs], {
    stdio: 'inherit',
    env: { ...process.env, TWILIO_AUTH_TOKEN: token },
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

/**
 * The CLI's built binary in this workspace. Found by path rather than as a dependency, so that
 * installing the workspace links no binary that has not been built yet.
 */
function cliBinary(): string | undefined {
  const manifest = fileURLToPath(new URL('../../cli/package.json', import.meta.url));
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  const binary = join(dirname(manifest), bin['twilio-guard'] ?? 'dist/bin.js');
  return existsSync(binary) ? binary : undefined;
}

function fail(message: string): number {
  process.stderr.write(`simulate: ${message}\n`);
  return 2;
}

process.exitCode = await simulate(process.argv.slice(2));
