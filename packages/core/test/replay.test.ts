import { describe, expect, it, vi } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import { EMPTY_TWIML } from '../src/problem.js';
import type { GuardVerdict } from '../src/types.js';
import { manualClock, statusOf, TOKEN, twilioRequest } from './support/requests.js';

function tally(verdicts: GuardVerdict[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of verdicts.map(statusOf)) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe('100 identical deliveries checked at once', () => {
  it('continue exactly once and answer the other 99 with 409', async () => {
    const onAccepted = vi.fn();
    const guard = createTwilioGuard({ authToken: TOKEN, rateLimit: { max: 1_000 }, onAccepted });
    const delivery = twilioRequest();

    const verdicts = await Promise.all(Array.from({ length: 100 }, () => guard.check(delivery)));

    expect(tally(verdicts)).toEqual({ 0: 1, 409: 99 });
    expect(onAccepted).toHaveBeenCalledTimes(1);
  });

  it("answer the 99 with 200 and empty TwiML under onDuplicate: 'acknowledge'", async () => {
    const guard = createTwilioGuard({
      authToken: TOKEN,
      rateLimit: { max: 1_000 },
      replay: { onDuplicate: 'acknowledge' },
    });
    const delivery = twilioRequest();

    const verdicts = await Promise.all(Array.from({ length: 100 }, () => guard.check(delivery)));

    expect(tally(verdicts)).toEqual({ 0: 1, 200: 99 });
    const acknowledged = verdicts.find((verdict) => verdict.action === 'respond');
    expect(acknowledged).toMatchObject({
      code: undefined,
      response: { body: EMPTY_TWIML, headers: { 'Content-Type': 'text/xml; charset=utf-8' } },
    });
  });
});

describe('nonces', () => {
  it('are claimed only by verified requests', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    const genuine = twilioRequest();
    const raw = (genuine.body as { raw: string }).raw;
    const tampered = { ...genuine, body: { raw: raw.replace('Body=', 'Body=PAY+NOW+') } };

    expect(await guard.check(tampered)).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect((await guard.check(genuine)).action).toBe('continue');
  });

  it('are held for replay.windowMs, then forgotten', async () => {
    const clock = manualClock();
    const start = clock.now;
    const guard = createTwilioGuard({
      authToken: TOKEN,
      now: clock.read,
      replay: { windowMs: 1_000 },
    });
    const delivery = twilioRequest();
    await guard.check(delivery);

    clock.now = start + 999;
    expect(await guard.check(delivery)).toMatchObject({ code: 'REPLAY_DETECTED' });
    clock.now = start + 1_000;
    expect((await guard.check(delivery)).action).toBe('continue');
  });

  it('are not kept with replay: false, so duplicates continue', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, replay: false });
    const delivery = twilioRequest();
    const verdicts = [await guard.check(delivery), await guard.check(delivery)];

    expect(verdicts.map(statusOf)).toEqual([0, 0]);
    expect(verdicts[0]?.action === 'continue' && verdicts[0].context.nonce).toBeUndefined();
  });

  it('treat a Twilio retry, which is byte-identical, as the delivery it repeats', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    const headers = { 'i-twilio-idempotency-token': 'a1b2c3' };
    const delivery = twilioRequest({ headers });
    const retry = { ...delivery, ip: '198.51.100.77' };

    expect((await guard.check(delivery)).action).toBe('continue');
    expect(await guard.check(retry)).toMatchObject({ code: 'REPLAY_DETECTED' });
  });
});
