import { describe, expect, it } from 'vitest';
import { BackgroundWork } from './background-work.js';
import type { RunningServer } from './http-server.js';
import { createJsonLogger } from './logger.js';
import { shutdown } from './shutdown.js';

const logger = createJsonLogger({ write: () => {} });

function fakeServer(steps: string[], close: () => Promise<void> = async () => {}): RunningServer {
  return {
    port: 0,
    close: async () => {
      steps.push('server closing');
      await close();
      steps.push('server closed');
    },
  };
}

describe('shutdown', () => {
  it('closes the server, then finishes the work in flight, then releases the store', async () => {
    const steps: string[] = [];
    const work = new BackgroundWork(logger);
    work.run({ name: 'reply', messageSid: 'SM1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      steps.push('work finished');
    });

    const outcome = await shutdown(
      {
        server: fakeServer(steps),
        work,
        release: [() => void steps.push('guard released'), () => void steps.push('store closed')],
        logger,
      },
      5000,
    );

    expect(outcome).toEqual({ closed: true, drained: true });
    expect(steps).toEqual([
      'server closing',
      'server closed',
      'work finished',
      'guard released',
      'store closed',
    ]);
  });

  it('stops waiting at the deadline and still releases everything', async () => {
    const steps: string[] = [];
    const work = new BackgroundWork(logger);
    work.run({ name: 'stuck', messageSid: 'SM2' }, () => new Promise(() => {}));

    const outcome = await shutdown(
      {
        server: fakeServer(steps, () => new Promise(() => {})),
        work,
        release: [() => void steps.push('store closed')],
        logger,
      },
      30,
    );

    expect(outcome).toEqual({ closed: false, drained: false });
    expect(steps).toEqual(['server closing', 'store closed']);
  });

  it('releases the rest when one resource fails to close', async () => {
    const steps: string[] = [];
    const outcome = await shutdown(
      {
        server: fakeServer(steps),
        work: new BackgroundWork(logger),
        release: [
          () => Promise.reject(new Error('redis already gone')),
          () => void steps.push('session file removed'),
        ],
        logger,
      },
      1000,
    );

    expect(outcome).toEqual({ closed: true, drained: true });
    expect(steps).toContain('session file removed');
  });
});
