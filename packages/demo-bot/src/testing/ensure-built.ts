import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Builds a workspace package and what it depends on when `artifact` is missing, so a test of a
 * built program also runs on its own (`pnpm test` builds everything first). Tests of several apps
 * start at once and share dependencies, so one build runs at a time, under a lock directory.
 * Resolves the artifact's path.
 */
export async function ensureBuilt(packageDir: string, artifact = 'dist/main.js'): Promise<string> {
  const main = join(packageDir, artifact);
  if (existsSync(main)) return main;

  const lock = join(tmpdir(), 'twilio-guard-demo-build.lock');
  await acquire(lock);
  try {
    if (!existsSync(main)) build(packageDir);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(main)) throw new Error(`Building ${packageDir} did not produce ${artifact}.`);
  return main;
}

function build(appDir: string): void {
  const { name } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
    name: string;
  };
  const result = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', `--filter=${name}...`, '--output-logs=errors-only'],
    {
      cwd: workspaceRoot(appDir),
      encoding: 'utf8',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
  if (result.status !== 0) {
    throw new Error(`Building ${name} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function workspaceRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm workspace above ${from}.`);
    dir = parent;
  }
  return dir;
}

/** Waits until this process creates the lock directory; a lock older than 5 minutes is stale. */
async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      if (isStale(lock)) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function isStale(lock: string): boolean {
  try {
    const { mtimeMs } = statSync(lock);
    return Date.now() - mtimeMs > 5 * 60_000;
  } catch {
    return false;
  }
}
