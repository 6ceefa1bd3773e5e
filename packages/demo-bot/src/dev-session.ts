import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a running demo tells `pnpm simulate` about itself: where it listens and, when the token
 * was generated for development, that token. A token from the environment is never written.
 */
export interface DevSession {
  pid: number;
  framework: string;
  /** The URL the guard verifies signatures against. */
  webhookUrl: string;
  generatedToken: string | undefined;
  startedAt: string;
}

/** One file per running demo, so two demos on two ports do not overwrite each other. */
export function devSessionDir(): string {
  return join(tmpdir(), `twilio-guard-demo-${process.getuid?.() ?? 'user'}`);
}

export async function writeDevSession(session: DevSession): Promise<string> {
  const dir = devSessionDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${session.pid}.json`);
  // Only this user may read it: it can hold a (development) token.
  await writeFile(file, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export async function removeDevSession(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** The most recently started demo that is still running; files of stopped demos are removed. */
export async function latestDevSession(): Promise<DevSession | undefined> {
  const dir = devSessionDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  const live: DevSession[] = [];

  for (const name of names.filter((entry) => entry.endsWith('.json'))) {
    const file = join(dir, name);
    const session = await readSession(file);
    if (session && isRunning(session.pid)) live.push(session);
    else await removeDevSession(file);
  }

  return live.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}

async function readSession(file: string): Promise<DevSession | undefined> {
  try {
    const session = JSON.parse(await readFile(file, 'utf8')) as DevSession;
    return typeof session.pid === 'number' && typeof session.webhookUrl === 'string'
      ? session
      : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
