import { describe, expect, it } from 'vitest';
import { BackgroundWork } from './background-work.js';
import { createJsonLogger } from './logger.js';

function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({ write: (line) => lines.push(JSON.parse(line)) });
  return { lines, logger };
}

/** A promise with its resolve function, to finish work exactly when a test says so. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('BackgroundWork', () => {
  it('starts work only after the caller has returned', async () => {
    const { logger } = recordingLogger();
    const work = new BackgroundWork(logger);
    const steps: string[] = [];

    work.run({ name: 'test', messageSid: 'SM1' }, async () => {
      steps.push('work');
    });
    steps.push('response sent');
    await work.drain(1000);

    expect(steps).toEqual(['response sent', 'work']);
  });

  it('logs a failure with the message SID instead of rejecting', async () => {
    const { lines, logger } = recordingLogger();
    const work = new BackgroundWork(logger);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);

    try {
      work.run({ name: 'order-bot', messageSid: 'SM42' }, async () => {
        throw new Error('database is down');
      });
      expect(await work.drain(1000)).toBe(true);
      // Unhandled rejections are reported after a macrotask; give that a chance to happen.
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }

    expect(unhandled).toEqual([]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'work.failed',
        messageSid: 'SM42',
        err: { name: 'Error', message: 'database is down' },
      }),
    ]);
  });

  it('drains work in flight, including work started while draining', async () => {
    const { logger } = recordingLogger();
    const work = new BackgroundWork(logger);
    const first = gate();
    const second = gate();
    const finished: string[] = [];

    work.run({ name: 'a', messageSid: undefined }, async () => {
      await first.opened;
      finished.push('a');
      work.run({ name: 'b', messageSid: undefined }, async () => {
        await second.opened;
        finished.push('b');
      });
    });
    const drained = work.drain(5000);
    first.open();
    await new Promise((resolve) => setImmediate(resolve));
    second.open();

    expect(await drained).toBe(true);
    expect(finished).toEqual(['a', 'b']);
    expect(work.pending).toBe(0);
  });

  it('gives up draining at the deadline and says so', async () => {
    const { logger } = recordingLogger();
    const work = new BackgroundWork(logger);
    const never = gate();

    work.run({ name: 'stuck', messageSid: undefined }, () => never.opened);

    expect(await work.drain(20)).toBe(false);
    expect(work.pending).toBe(1);
    never.open();
  });
});
