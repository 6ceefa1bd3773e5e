import type { Logger } from './logger.js';

/** What a piece of work is about, for the log line when it fails. */
export interface WorkLabel {
  /** The `MessageSid` the work answers. */
  messageSid: string | undefined;
  /** A short name, e.g. `order-bot`. */
  name: string;
}

/**
 * Runs work after the response has gone, and keeps track of it. A failure is logged with the
 * message SID and swallowed: a webhook's side work must never crash the process or surface as an
 * unhandled rejection. `drain` lets shutdown wait for the work still in flight.
 */
export class BackgroundWork {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Pieces of work started and not yet finished. */
  get pending(): number {
    return this.#inFlight.size;
  }

  /** Starts `work` on a later turn of the event loop, so the caller's response goes out first. */
  run(label: WorkLabel, work: () => Promise<void>): void {
    const started = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => {
        this.#logger.error(
          { event: 'work.failed', work: label.name, messageSid: label.messageSid, err: error },
          'work after a webhook failed',
        );
      })
      .finally(() => this.#inFlight.delete(started));
    this.#inFlight.add(started);
  }

  /**
   * Waits until no work is in flight, or `timeoutMs` has passed. Resolves whether everything
   * finished. Work started while draining is waited for too.
   */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });

    try {
      while (this.#inFlight.size > 0) {
        const settled = await Promise.race([
          Promise.allSettled([...this.#inFlight]).then(() => true as const),
          timedOut,
        ]);
        if (!settled) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
