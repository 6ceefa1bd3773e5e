import { describe, expect, it } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import type { ReplayOptions } from '../src/options.js';
import { manualClock, statusOf, TOKEN, twilioRequest, WEBHOOK_URL } from './support/requests.js';

const clock = manualClock(Date.UTC(2025, 5, 1, 12, 0, 0));
const now = clock.now;

function guardWith(replay: ReplayOptions) {
  return createTwilioGuard({ authToken: TOKEN, now: () => now, replay });
}

const withHeader = (value: string) => twilioRequest({ headers: { 'x-request-time': value } });

describe('timestamps', () => {
  it('are ignored unless configured', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, now: () => now });
    expect((await guard.check(withHeader('garbage'))).action).toBe('continue');
    expect((await guard.check(withHeader('1000'))).action).toBe('continue');
  });

  it('are read from a header as epoch seconds, epoch milliseconds or an HTTP date', async () => {
    const guard = guardWith({ timestamp: { header: 'X-Request-Time' } });
    const values = [String(now / 1000 - 10), String(now - 10_000), new Date(now).toUTCString()];

    const verdicts = await Promise.all(values.map((value) => guard.check(withHeader(value))));
    expect(verdicts.map(statusOf)).toEqual([0, 0, 0]);
  });

  it('refuse one older than the window (400 REQUEST_TOO_OLD)', async () => {
    const guard = guardWith({ windowMs: 60_000, timestamp: { header: 'x-request-time' } });
    expect((await guard.check(withHeader(String(now - 60_000)))).action).toBe('continue');
    expect(await guard.check(withHeader(String(now - 60_001)))).toMatchObject({
      code: 'REQUEST_TOO_OLD',
    });
  });

  it('refuse one further ahead than maxClockSkewMs, or unreadable (INVALID_TIMESTAMP)', async () => {
    const guard = guardWith({ maxClockSkewMs: 5_000, timestamp: { header: 'x-request-time' } });
    const verdicts = [
      await guard.check(withHeader(String(now + 5_000))),
      await guard.check(withHeader(String(now + 5_001))),
      await guard.check(withHeader('next tuesday')),
    ];
    expect(verdicts.map((verdict) => verdict.action === 'respond' && verdict.code)).toEqual([
      false,
      'INVALID_TIMESTAMP',
      'INVALID_TIMESTAMP',
    ]);
  });

  it('may be missing unless required', async () => {
    const optional = guardWith({ timestamp: { header: 'x-request-time' } });
    const required = guardWith({ timestamp: { header: 'x-request-time', required: true } });

    expect((await optional.check(twilioRequest())).action).toBe('continue');
    expect(await required.check(twilioRequest())).toMatchObject({ code: 'INVALID_TIMESTAMP' });
  });

  it('can come from a read function, e.g. a parameter of the signed URL', async () => {
    // A timestamp inside the signed URL cannot be changed without breaking the signature.
    const guard = guardWith({
      timestamp: { read: (request) => new URL(request.url).searchParams.get('t') ?? undefined },
    });
    const url = `${WEBHOOK_URL}?t=${now / 1000}`;
    const delivery = twilioRequest({ url });
    const restamped = { ...delivery, url: `${WEBHOOK_URL}?t=${now / 1000 + 1}` };

    expect((await guard.check(delivery)).action).toBe('continue');
    expect(await guard.check(delivery)).toMatchObject({ code: 'REPLAY_DETECTED' });
    expect(await guard.check(restamped)).toMatchObject({ code: 'INVALID_SIGNATURE' });
  });

  it('enter the nonce: one signature with two timestamps is two deliveries', async () => {
    const guard = guardWith({ timestamp: { header: 'x-request-time' } });
    const first = withHeader(String(now - 1_000));
    const second = { ...first, headers: { ...first.headers, 'x-request-time': String(now) } };

    const verdicts = [
      await guard.check(first),
      await guard.check(second),
      await guard.check(second),
    ];
    expect(verdicts.map(statusOf)).toEqual([0, 0, 409]);
  });
});
