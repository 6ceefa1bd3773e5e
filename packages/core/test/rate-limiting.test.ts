import { describe, expect, it } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import type { TwilioGuardOptions } from '../src/options.js';
import type { GuardVerdict } from '../src/types.js';
import { inboundParams, manualClock, statusOf, TOKEN, twilioRequest } from './support/requests.js';

/** A guard on a clock set to the start of a rate-limit window. */
function guardAtWindowStart(options: TwilioGuardOptions = {}) {
  const clock = manualClock(Date.UTC(2025, 0, 1, 12, 0, 0));
  const guard = createTwilioGuard({ authToken: TOKEN, now: clock.read, ...options });
  return { guard, clock };
}

async function send(guard: ReturnType<typeof createTwilioGuard>, times: number, ip?: string) {
  const verdicts: GuardVerdict[] = [];
  for (let i = 0; i < times; i += 1) verdicts.push(await guard.check(twilioRequest({ ip })));
  return verdicts;
}

function headersOf(verdict: GuardVerdict | undefined): Record<string, string> {
  if (!verdict) throw new Error('no verdict');
  return verdict.action === 'continue' ? verdict.headers : verdict.response.headers;
}

describe('the default rate limit: 60 per minute per IP, sliding', () => {
  it('allows 60 requests a minute from one IP and refuses the 61st with Retry-After', async () => {
    const { guard } = guardAtWindowStart();
    const verdicts = await send(guard, 61);

    expect(verdicts.slice(0, 60).every((verdict) => verdict.action === 'continue')).toBe(true);
    expect(verdicts[60]).toMatchObject({ action: 'respond', code: 'RATE_LIMITED' });
    // The full minute fades over the next one: 60 * (W - e) / W + 1 <= 60 from e = 1 s on.
    expect(headersOf(verdicts[60])['Retry-After']).toBe('61');
    expect(statusOf((await send(guard, 1, '198.51.100.99'))[0] as GuardVerdict)).toBe(0);
  });

  it('refuses at the start of the next window, and allows exactly at Retry-After', async () => {
    const { guard, clock } = guardAtWindowStart();
    const start = clock.now;
    await send(guard, 60);

    clock.now = start + 60_000;
    expect(await send(guard, 1)).toMatchObject([{ code: 'RATE_LIMITED' }]);
    clock.now = start + 60_999;
    expect(await send(guard, 1)).toMatchObject([{ code: 'RATE_LIMITED' }]);
    clock.now = start + 61_000;
    expect(await send(guard, 1)).toMatchObject([{ action: 'continue' }]);
  });

  it('allows a second burst at the edge with the fixed algorithm', async () => {
    const { guard, clock } = guardAtWindowStart({ rateLimit: { algorithm: 'fixed' } });
    const start = clock.now;
    clock.now = start + 59_000;
    await send(guard, 60);

    clock.now = start + 60_000;
    const burst = await send(guard, 60);
    expect(burst.every((verdict) => verdict.action === 'continue')).toBe(true);
  });

  it('counts forged requests too', async () => {
    const { guard } = guardAtWindowStart({ rateLimit: { max: 2 } });
    const forged = [
      await guard.check(twilioRequest({ token: 'forger' })),
      await guard.check(twilioRequest({ signature: undefined })),
    ];
    const genuine = await guard.check(twilioRequest());

    expect([...forged, genuine].map(statusOf)).toEqual([403, 403, 429]);
  });
});

describe('rate-limit headers', () => {
  it('go on every checked response: continue, 403, 409, 429 and an acknowledged duplicate', async () => {
    const { guard } = guardAtWindowStart({ rateLimit: { max: 4 } });
    const acknowledging = createTwilioGuard({
      authToken: TOKEN,
      replay: { onDuplicate: 'acknowledge' },
    });
    const request = twilioRequest();

    const verdicts = [
      await guard.check(request),
      await guard.check(twilioRequest({ token: 'forger' })),
      await guard.check(request),
      await guard.check(twilioRequest()),
      await guard.check(twilioRequest()),
      await acknowledging.check(request),
      await acknowledging.check(request),
    ];

    expect(verdicts.map(statusOf)).toEqual([0, 403, 409, 0, 429, 0, 200]);
    const remaining = verdicts.map((verdict) => headersOf(verdict).RateLimit?.split(';')[1]);
    expect(remaining).toEqual(['r=3', 'r=2', 'r=1', 'r=0', 'r=0', 'r=59', 'r=58']);
    for (const verdict of verdicts) {
      expect(headersOf(verdict)['RateLimit-Policy']).toMatch(/^"twilio-guard";q=\d+;w=60$/);
    }
  });

  it('are left out with headers: false, except Retry-After on a 429', async () => {
    const { guard } = guardAtWindowStart({ rateLimit: { max: 1, headers: false } });
    const [allowed, refused] = await send(guard, 2);

    expect(headersOf(allowed)).toEqual({});
    expect(Object.keys(headersOf(refused)).sort()).toEqual([
      'Cache-Control',
      'Content-Type',
      'Retry-After',
    ]);
  });
});

describe('who counts as one client', () => {
  it('groups IPv6 addresses by /56, and by another prefix when configured', async () => {
    const { guard } = guardAtWindowStart({ rateLimit: { max: 2 } });
    await send(guard, 1, '2001:db8:1:100::1');
    await send(guard, 1, '2001:db8:1:1ff:ffff::2');

    expect(await send(guard, 1, '2001:db8:1:1aa::3')).toMatchObject([{ code: 'RATE_LIMITED' }]);
    expect(await send(guard, 1, '2001:db8:1:200::1')).toMatchObject([{ action: 'continue' }]);

    const per64 = guardAtWindowStart({ rateLimit: { max: 2, ipv6Prefix: 64 } }).guard;
    await send(per64, 2, '2001:db8:1:100::1');
    expect(await send(per64, 1, '2001:db8:1:101::1')).toMatchObject([{ action: 'continue' }]);
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address', async () => {
    const { guard } = guardAtWindowStart({ rateLimit: { max: 1 } });
    await send(guard, 1, '::ffff:198.51.100.9');
    expect(await send(guard, 1, '198.51.100.9')).toMatchObject([{ code: 'RATE_LIMITED' }]);
  });

  it('takes a key function, which sees the context only of verified requests', async () => {
    const seen: Array<string | undefined> = [];
    const { guard } = guardAtWindowStart({
      rateLimit: {
        max: 2,
        key: (_request, context) => {
          seen.push(context?.accountSid);
          return context?.accountSid && `account:${context.accountSid}`;
        },
      },
    });
    const fromAccount = (ip: string) =>
      twilioRequest({
        ip,
        params: inboundParams({ AccountSid: 'AC22222222222222222222222222222222' }),
      });

    await guard.check(fromAccount('198.51.100.1'));
    await guard.check(fromAccount('198.51.100.2'));
    const third = await guard.check(fromAccount('198.51.100.3'));
    // A forger naming the account is not verified, so it counts under its own IP.
    const forged = await guard.check({
      ...fromAccount('198.51.100.4'),
      headers: { 'x-twilio-signature': 'Zm9yZ2Vk' },
    });

    expect(third).toMatchObject({ code: 'RATE_LIMITED' });
    expect(forged).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(seen.at(-1)).toBeUndefined();
  });

  it('does not count a request a skip function exempts, and gives it no headers', async () => {
    const { guard } = guardAtWindowStart({
      rateLimit: { max: 1, skip: (request) => request.ip === '10.0.0.5' },
    });
    const skipped = await send(guard, 3, '10.0.0.5');
    const counted = await send(guard, 2, '198.51.100.1');

    expect(skipped.map(statusOf)).toEqual([0, 0, 0]);
    expect(headersOf(skipped[0])).toEqual({});
    expect(counted.map(statusOf)).toEqual([0, 429]);
  });
});
