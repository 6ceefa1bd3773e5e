import type { BackgroundWork } from './background-work.js';
import type { RunningServer } from './http-server.js';
import type { Logger } from './logger.js';

export interface ShutdownParts {
  server: RunningServer;
  work: BackgroundWork;
  /** Run last, in order, once nothing uses them any more (the guard, the store). */
  release: ReadonlyArray<() => Promise<void> | void>;
  logger: Logger;
}

export interface ShutdownOutcome {
  /** Every request in progress was answered before the deadline. */
  closed: boolean;
  /** Every piece of background work finished before the deadline. */
  drained: boolean;
}

/**
 * Stops a demo in order: no new connections, requests in progress answered, background work
 * finished, then the store released. Requests and work share one deadline of `timeoutMs`, so a
 * hung piece of work cannot keep the process alive past it.
 */
export async function shutdown(parts: ShutdownParts, timeoutMs: number): Promise<ShutdownOutcome> {
  const deadline = Date.now() + timeoutMs;

  const closed = await settlesBefore(parts.server.close(), deadline);
  const drained = await parts.work.drain(Math.max(0, deadline - Date.now()));

  for (const release of parts.release) {
    try {
      await release();
    } catch (error) {
      parts.logger.warn({ err: error }, 'a resource did not close cleanly');
    }
  }
  return { closed, drained };
}

/** `true` when `promise` settles before `deadline`, `false` when time runs out first. */
async function settlesBefore(promise: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  const settled = promise.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}
