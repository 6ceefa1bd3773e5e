import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import { TOKEN, twilioRequest } from './support/requests.js';

// An `async` hook fits the `void` hook type. Its rejection used to go unhandled, and an unhandled
// rejection ends a Node process by default. It is now caught and logged.
describe('an async hook that rejects', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);

  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
  });

  it('leaves the verdict alone, logs the failure and leaves no unhandled rejection', async () => {
    const error = vi.fn();
    const guard = createTwilioGuard({
      authToken: TOKEN,
      logger: { error },
      onAccepted: async () => Promise.reject(new Error('metrics down')),
      onRejected: async () => Promise.reject(new Error('alerting down')),
    });

    const accepted = await guard.check(twilioRequest());
    const rejected = await guard.check(twilioRequest({ token: 'forger' }));
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(accepted.action).toBe('continue');
    expect(rejected).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(unhandled).toEqual([]);
    expect(error).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: 'metrics down' }) },
      'twilio-guard: an asynchronous hook failed',
    );
  });
});
