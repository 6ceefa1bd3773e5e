import { readdir, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  devSessionDir,
  latestDevSession,
  removeDevSession,
  writeDevSession,
} from './dev-session.js';

describe('dev sessions', () => {
  it('finds the running demo, readable only by its user', async () => {
    const file = await writeDevSession({
      pid: process.pid,
      framework: 'Test',
      webhookUrl: 'http://localhost:1/api/v1/whatsapp/webhook',
      generatedToken: 'dev-token',
      startedAt: new Date(Date.now() + 60_000).toISOString(),
    });

    try {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await latestDevSession()).toMatchObject({ pid: process.pid, framework: 'Test' });
    } finally {
      await removeDevSession(file);
    }
  });

  it('removes the file of a demo that is no longer running', async () => {
    // Far above any pid the kernel hands out (pid_max is at most 2^22).
    const deadPid = 2 ** 30;
    await writeDevSession({
      pid: deadPid,
      framework: 'Gone',
      webhookUrl: 'http://localhost:2/api/v1/whatsapp/webhook',
      generatedToken: undefined,
      startedAt: new Date(Date.now() + 120_000).toISOString(),
    });

    const latest = await latestDevSession();

    expect(latest?.pid).not.toBe(deadPid);
    expect(await readdir(devSessionDir())).not.toContain(`${deadPid}.json`);
  });
});
