import { EXIT, type ExitCode } from './exit-codes.js';
import type { OutgoingRequest } from './signed-request.js';

/** The answer to one request, or why none came. */
export type Delivery =
  | { answered: true; status: number; statusText: string; body: string }
  | { answered: false; error: string };

/**
 * Sends one request. Redirects are returned rather than followed, as Twilio does not follow a
 * redirect with the same POST, so a 3xx is a misconfiguration worth seeing.
 */
export async function deliver(request: OutgoingRequest, timeoutMs: number): Promise<Delivery> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { answered: true, status: response.status, statusText: response.statusText, body };
  } catch (error) {
    return { answered: false, error: networkFailure(error, timeoutMs) };
  }
}

export type Unanswered = Extract<Delivery, { answered: false }>;

export function isSuccess(delivery: Delivery): boolean {
  return delivery.answered && delivery.status >= 200 && delivery.status < 300;
}

export function isUnanswered(delivery: Delivery): delivery is Unanswered {
  return !delivery.answered;
}

/** A network failure outranks a rejection: the server's verdict on the rest is unknown. */
export function exitCodeOf(deliveries: readonly Delivery[]): ExitCode {
  if (deliveries.some(isUnanswered)) return EXIT.NETWORK;
  return deliveries.every(isSuccess) ? EXIT.OK : EXIT.REJECTED;
}

/** fetch reports every failure as "fetch failed"; the reason is in `cause`. */
function networkFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
