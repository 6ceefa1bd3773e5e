import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTwilioGuard } from '../guard.js';
import type { TwilioGuardOptions } from '../options.js';
import type { TwilioGuardStore } from '../store.js';
import type { GuardRequest, GuardVerdict } from '../types.js';
import { signTwilioRequest } from './sign.js';
import { type CreateStore, type StoreSuiteOptions, uniqueKey, useStore } from './suite-support.js';

const TOKEN = 'conformance-auth-token';
const URL = 'https://guard.example.com/twilio/messages';

/** A delivery signed as Twilio signs it; `forged` signs it with another token. */
export function signedDelivery(options: { forged?: boolean } = {}): GuardRequest {
  const signed = signTwilioRequest({
    authToken: options.forged ? 'not-the-token' : TOKEN,
    url: URL,
    params: {
      AccountSid: 'AC00000000000000000000000000000000',
      MessageSid: `SM${randomUUID().replaceAll('-', '')}`,
      From: 'whatsapp:+15005550006',
      To: 'whatsapp:+15005550001',
      Body: 'conformance',
    },
  });
  const headers = Object.fromEntries(
    Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    method: signed.method,
    url: signed.url,
    headers,
    ip: '203.0.113.7',
    body: { raw: signed.body },
  };
}

/** The status of each verdict, with 0 standing for `continue` (the handler runs). */
function statuses(verdicts: GuardVerdict[]): number[] {
  return verdicts.map((verdict) => (verdict.action === 'continue' ? 0 : verdict.response.status));
}

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * What a guard built on the store does: one handler run per delivery however many copies
 * arrive at once, `429` past the limit with forged requests counted too, no nonce claimed for a
 * refused request, and `503` (fail closed) when the store cannot answer.
 */
export function describeGuardWithStore<Store extends TwilioGuardStore>(
  name: string,
  createStore: CreateStore<Store>,
  options: StoreSuiteOptions<Store> = {},
): void {
  describe(`a guard on ${name}`, () => {
    const store = useStore(createStore, options.disposeStore);

    /** Each test counts under its own key, so tests sharing one server do not meet. */
    function guard(overrides: TwilioGuardOptions = {}) {
      const clientKey = uniqueKey('client');
      return createTwilioGuard({
        authToken: TOKEN,
        store: store(),
        rateLimit: { max: 1_000, key: () => clientKey },
        ...overrides,
      });
    }

    it('accepts a signed delivery once and answers its replay 409', async () => {
      const check = guard();
      const delivery = signedDelivery();

      const first = await check.check(delivery);
      const replay = await check.check(delivery);

      expect(first.action).toBe('continue');
      expect(replay).toMatchObject({ action: 'respond', code: 'REPLAY_DETECTED' });
    });

    it('runs the handler once for 100 identical deliveries checked at once', async () => {
      const check = guard();
      const delivery = signedDelivery();
      const verdicts = await Promise.all(Array.from({ length: 100 }, () => check.check(delivery)));

      expect(countBy(statuses(verdicts))).toEqual({ 0: 1, 409: 99 });
    });

    it('acknowledges 99 of 100 identical deliveries with empty TwiML when asked to', async () => {
      const check = guard({ replay: { onDuplicate: 'acknowledge' } });
      const delivery = signedDelivery();
      const verdicts = await Promise.all(Array.from({ length: 100 }, () => check.check(delivery)));

      expect(countBy(statuses(verdicts))).toEqual({ 0: 1, 200: 99 });
    });

    it('counts forged requests too and answers 429 with Retry-After past the limit', async () => {
      const clientKey = uniqueKey('client');
      const check = guard({ rateLimit: { max: 3, key: () => clientKey } });

      const verdicts = [];
      verdicts.push(await check.check(signedDelivery({ forged: true })));
      verdicts.push(await check.check(signedDelivery({ forged: true })));
      verdicts.push(await check.check(signedDelivery()));
      verdicts.push(await check.check(signedDelivery()));

      expect(statuses(verdicts)).toEqual([403, 403, 0, 429]);
      const limited = verdicts[3];
      if (limited?.action !== 'respond') throw new Error('expected a response');
      expect(Number(limited.response.headers['Retry-After'])).toBeGreaterThan(0);
    });

    it('does not claim the nonce of a delivery the rate limit refuses', async () => {
      const clientKey = uniqueKey('client');
      const limited = guard({ rateLimit: { max: 1, key: () => clientKey } });
      const unlimited = guard({ rateLimit: false });
      const refused = signedDelivery();

      expect((await limited.check(signedDelivery())).action).toBe('continue');
      expect(await limited.check(refused)).toMatchObject({ code: 'RATE_LIMITED' });
      expect((await unlimited.check(refused)).action).toBe('continue');
    });

    const { createUnavailableStore } = options;
    if (createUnavailableStore) {
      describe('when the store cannot answer', () => {
        const unavailable = useStore(createUnavailableStore, options.disposeStore);

        it('answers 503 STORE_UNAVAILABLE, even with rateLimit.failOpen', async () => {
          const strict = createTwilioGuard({ authToken: TOKEN, store: unavailable() });
          const failOpen = createTwilioGuard({
            authToken: TOKEN,
            store: unavailable(),
            rateLimit: { failOpen: true },
          });

          const verdicts = [
            await strict.check(signedDelivery()),
            await failOpen.check(signedDelivery()),
          ];
          expect(statuses(verdicts)).toEqual([503, 503]);
          expect(verdicts[0]).toMatchObject({ code: 'STORE_UNAVAILABLE' });
        });

        it('lets requests through with failOpen when only the rate limit needs it', async () => {
          const check = createTwilioGuard({
            authToken: TOKEN,
            store: unavailable(),
            replay: false,
            rateLimit: { failOpen: true },
          });
          expect((await check.check(signedDelivery())).action).toBe('continue');
        });
      });
    }
  });
}
