import { describe, expect, it, vi } from 'vitest';
import type { TwilioGuardError } from '../src/errors.js';
import { createTwilioGuard } from '../src/guard.js';
import type { TwilioGuardOptions } from '../src/options.js';
import { statusOf, TOKEN, twilioRequest } from './support/requests.js';

// A hook that threw inside `reject` used to escape `check` as a rejected promise, which an
// adapter turns into an unhandled error or a crash. Every user function must end as a verdict.
const boom = () => {
  throw new Error('hook failed');
};

const cases: Array<[string, TwilioGuardOptions, ReturnType<typeof twilioRequest>?]> = [
  ['onRejected, on a rejection', { onRejected: boom }, twilioRequest({ signature: undefined })],
  ['onAccepted', { onAccepted: boom }],
  ['rateLimit.key', { rateLimit: { key: boom } }],
  ['rateLimit.skip', { rateLimit: { skip: boom } }],
  ['webhookUrl', { webhookUrl: boom }],
  ['an authToken resolver', { authToken: boom }],
  ['an async authToken resolver', { authToken: async () => boom() }],
  ['replay.timestamp.read', { replay: { timestamp: { read: boom } } }],
];

describe('a user function that throws', () => {
  it.each(cases)('%s: check resolves 500 VALIDATION_ERROR', async (_name, options, request) => {
    const guard = createTwilioGuard({ authToken: TOKEN, ...options });
    const verdict = await guard.check(request ?? twilioRequest());

    expect(verdict).toMatchObject({ action: 'respond', code: 'VALIDATION_ERROR' });
    expect(statusOf(verdict)).toBe(500);
  });

  it('onRejected that always throws is still answered, and its failure is logged', async () => {
    const error = vi.fn();
    const onRejected = vi.fn((_error: TwilioGuardError) => boom());
    const guard = createTwilioGuard({ authToken: TOKEN, onRejected, logger: { error } });

    const verdict = await guard.check(twilioRequest({ token: 'forger' }));

    expect(verdict).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(onRejected.mock.calls.map(([rejection]) => rejection.code)).toEqual([
      'INVALID_SIGNATURE',
      'VALIDATION_ERROR',
    ]);
    expect(error).toHaveBeenCalledWith(
      expect.anything(),
      'twilio-guard: the onRejected hook threw',
    );
  });

  it('a logger that throws as well cannot make check reject', async () => {
    const logger = { debug: boom, info: boom, warn: boom, error: boom };
    const guard = createTwilioGuard({
      authToken: TOKEN,
      logger,
      onRejected: boom,
      onAccepted: boom,
    });

    await expect(guard.check(twilioRequest())).resolves.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });
});
