import { TwilioGuardError } from '@twilio-guard/core';
import { describe, expect, it, vi } from 'vitest';
import { withDeadline } from './deadline.js';

const never = () => new Promise<never>(() => {});

describe('withDeadline', () => {
  it('resolves with the result of work that finishes in time', async () => {
    await expect(withDeadline(async () => 42, { what: 'answer', timeoutMs: 1_000 })).resolves.toBe(
      42,
    );
  });

  it('turns a failure into STORE_UNAVAILABLE that keeps the cause', async () => {
    const cause = new Error('ECONNREFUSED');
    const error = await withDeadline(() => Promise.reject(cause), {
      what: 'claim a nonce',
      timeoutMs: 1_000,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TwilioGuardError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', cause });
    expect((error as Error).message).toMatch(/could not claim a nonce: ECONNREFUSED/);
  });

  it('rejects with STORE_UNAVAILABLE when work never settles', async () => {
    const error = await withDeadline(never, { what: 'count a request', timeoutMs: 20 }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/did not count a request within 20 ms/);
  });

  it('tells work that the caller gave up, and hands a late result to onLate', async () => {
    let finish: (value: string) => void = () => {};
    let signal: AbortSignal | undefined;
    const onLate = vi.fn();

    const call = withDeadline(
      (given) => {
        signal = given;
        return new Promise<string>((resolve) => {
          finish = resolve;
        });
      },
      { what: 'check a request', timeoutMs: 20, onLate },
    );
    await expect(call).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(signal?.aborted).toBe(true);

    finish('late');
    await vi.waitFor(() => expect(onLate).toHaveBeenCalledWith('late'));
  });

  it('swallows a failure that arrives after the caller gave up', async () => {
    let fail: (error: Error) => void = () => {};
    const call = withDeadline(
      () =>
        new Promise<never>((_, reject) => {
          fail = reject;
        }),
      { what: 'reset a rate limit', timeoutMs: 20 },
    );
    await expect(call).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

    // An unhandled rejection here would fail the run.
    fail(new Error('connection closed'));
    await new Promise((resolve) => setImmediate(resolve));
  });
});
