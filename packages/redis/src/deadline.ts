import { TwilioGuardError } from '@twilio-guard/core';

export interface Deadline<T> {
  /** What the call does, for the error message: `claim a nonce`. */
  what: string;
  timeoutMs: number;
  /**
   * Receives a result that arrived after the call had already been given up on, so that a
   * claim nobody will act on can be released.
   */
  onLate?: (value: T) => void;
}

/**
 * Runs `work` and settles within `timeoutMs`: with its result, or with a `STORE_UNAVAILABLE`
 * error when Redis fails or is too slow. `work` sees an aborted signal once the caller has given
 * up, so that it starts no further step. A late failure is swallowed: nobody waits for it.
 */
export function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  deadline: Deadline<T>,
): Promise<T> {
  const controller = new AbortController();
  const { what, timeoutMs, onLate } = deadline;

  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      controller.abort();
      reject(
        new TwilioGuardError(
          'STORE_UNAVAILABLE',
          `Redis did not ${what} within ${timeoutMs} ms; check that it is reachable and not ` +
            'overloaded.',
        ),
      );
    }, timeoutMs);

    work(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return onLate?.(value);
        clearTimeout(timer);
        resolve(value);
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        clearTimeout(timer);
        controller.abort();
        reject(unavailable(what, cause));
      },
    );
  });
}

function unavailable(what: string, cause: unknown): TwilioGuardError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new TwilioGuardError('STORE_UNAVAILABLE', `Redis could not ${what}: ${reason}`, {
    cause,
  });
}
