import twilio from 'twilio';
import { describe, expect, it, vi } from 'vitest';
import {
  ACCOUNT_SID,
  inboundParams,
  manualClock,
  problemOf,
  statusOf,
  TOKEN,
  twilioRequest,
  WEBHOOK_URL,
} from '../test/support/requests.js';
import { createTwilioGuard, isTwilioGuard } from './guard.js';
import { MemoryStore } from './memory-store.js';
import type { TwilioGuardStore } from './store.js';

describe('createTwilioGuard verdicts', () => {
  it('lets a signed request continue with its context and rate-limit headers', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    const params = inboundParams({ Body: 'Hola 👋' });
    const request = twilioRequest({
      params,
      headers: { 'i-twilio-idempotency-token': 'idem-1' },
    });

    const verdict = await guard.check(request);

    if (verdict.action !== 'continue') throw new Error(`rejected: ${verdict.response.body}`);
    expect(verdict.context).toMatchObject({
      accountSid: ACCOUNT_SID,
      messageSid: params.MessageSid,
      from: 'whatsapp:+14155550100',
      to: 'whatsapp:+14155550123',
      body: 'Hola 👋',
      url: WEBHOOK_URL,
      algorithm: 'HMAC_SHA1',
      idempotencyToken: 'idem-1',
    });
    expect(verdict.context.nonce).toMatch(/^[0-9a-f]{64}$/);
    expect(verdict.headers).toEqual({
      'RateLimit-Policy': '"twilio-guard";q=60;w=60',
      RateLimit: expect.stringMatching(/^"twilio-guard";r=59;t=\d+$/),
    });
  });

  it('answers a rejection with an application/problem+json document', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    const verdict = await guard.check(twilioRequest({ signature: 'bm90LWEtc2lnbmF0dXJl' }));

    expect(verdict).toMatchObject({ action: 'respond', code: 'INVALID_SIGNATURE' });
    if (verdict.action !== 'respond') return;
    expect(verdict.response.status).toBe(403);
    expect(verdict.response.headers['Content-Type']).toBe(
      'application/problem+json; charset=utf-8',
    );
    expect(problemOf(verdict)).toEqual({
      type: 'urn:twilio-guard:error:invalid-signature',
      title: 'Invalid Twilio signature',
      status: 403,
      detail: expect.stringMatching(/^twilio-guard: /),
      code: 'INVALID_SIGNATURE',
    });
  });

  it('recognises a guard and passes it through instead of wrapping it', () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    expect(isTwilioGuard(guard)).toBe(true);
    expect(isTwilioGuard({ check: () => {} })).toBe(false);
    expect(createTwilioGuard(guard)).toBe(guard);
  });

  it('closes the store it created, and leaves a store it was given open', async () => {
    const given = new MemoryStore();
    await createTwilioGuard({ authToken: TOKEN, store: given }).close();
    await expect(given.claimNonce('n', 1_000)).resolves.toBe(true);

    const owning = createTwilioGuard({ authToken: TOKEN });
    await owning.close();
    expect(await owning.check(twilioRequest())).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    given.close();
  });
});

describe('precedence when several checks fail', () => {
  const oldTimestamp = { 'x-timestamp': '1000' };
  const timestamps = { timestamp: { header: 'X-Timestamp' } };

  it('429 RATE_LIMITED before 403 MISSING_SIGNATURE', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, rateLimit: { max: 1 } });
    await guard.check(twilioRequest());
    const verdict = await guard.check(twilioRequest({ signature: undefined }));
    expect(verdict).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('403 MISSING_SIGNATURE before 500 CONFIG_ERROR', async () => {
    const guard = createTwilioGuard({});
    const verdict = await guard.check(twilioRequest({ signature: undefined }));
    expect(verdict).toMatchObject({ code: 'MISSING_SIGNATURE' });
    expect(statusOf(verdict)).toBe(403);
  });

  it('500 CONFIG_ERROR before 400 REQUEST_TOO_OLD', async () => {
    const guard = createTwilioGuard({ replay: timestamps });
    const verdict = await guard.check(twilioRequest({ headers: oldTimestamp }));
    expect(verdict).toMatchObject({ code: 'CONFIG_ERROR' });
    expect(statusOf(verdict)).toBe(500);
  });

  it('400 REQUEST_TOO_OLD and INVALID_TIMESTAMP before 403 INVALID_SIGNATURE', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, replay: timestamps });
    const forged = { token: 'another-token' };

    const old = await guard.check(twilioRequest({ ...forged, headers: oldTimestamp }));
    const junk = await guard.check(
      twilioRequest({ ...forged, headers: { 'x-timestamp': 'soon' } }),
    );

    expect(old).toMatchObject({ code: 'REQUEST_TOO_OLD' });
    expect(junk).toMatchObject({ code: 'INVALID_TIMESTAMP' });
    expect([statusOf(old), statusOf(junk)]).toEqual([400, 400]);
  });

  it('403 INVALID_SIGNATURE before 409 REPLAY_DETECTED', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    const request = twilioRequest();
    await guard.check(request);

    const tampered = { ...request, body: { raw: `${(request.body as { raw: string }).raw}&X=1` } };
    expect(await guard.check(tampered)).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(await guard.check(request)).toMatchObject({ code: 'REPLAY_DETECTED' });
  });

  it('429 RATE_LIMITED before 409 REPLAY_DETECTED', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, rateLimit: { max: 1 } });
    const request = twilioRequest();
    await guard.check(request);
    expect(await guard.check(request)).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('problem documents', () => {
  const secret = 'super-secret-token-value-000000';

  async function allRejections() {
    const clock = manualClock();
    const guard = createTwilioGuard({
      authToken: (accountSid) => {
        if (accountSid === 'ACthrows') throw new Error(`lookup failed for ${secret}`);
        return accountSid === 'ACnone' ? undefined : secret;
      },
      replay: { timestamp: { header: 'x-timestamp' } },
      now: clock.read,
    });
    const forged = twilioRequest({ token: 'forger' });
    const expectedSignature = twilio.getExpectedTwilioSignature(
      secret,
      forged.url,
      Object.fromEntries(new URLSearchParams((forged.body as { raw: string }).raw)),
    );
    const requests = [
      forged,
      twilioRequest({ signature: undefined }),
      twilioRequest({ params: inboundParams({ AccountSid: 'ACnone' }) }),
      twilioRequest({ params: inboundParams({ AccountSid: 'ACthrows' }) }),
      twilioRequest({ token: secret, headers: { 'x-timestamp': '12' } }),
      twilioRequest({ token: secret, headers: { 'x-timestamp': 'later' } }),
    ];
    const verdicts = await Promise.all(requests.map((request) => guard.check(request)));
    return { verdicts, expectedSignature };
  }

  it('never hold the token, an expected signature or a stack', async () => {
    const { verdicts, expectedSignature } = await allRejections();
    expect(verdicts.map((verdict) => verdict.action === 'respond' && verdict.code)).toEqual([
      'INVALID_SIGNATURE',
      'MISSING_SIGNATURE',
      'CONFIG_ERROR',
      'VALIDATION_ERROR',
      'REQUEST_TOO_OLD',
      'INVALID_TIMESTAMP',
    ]);

    for (const verdict of verdicts) {
      if (verdict.action !== 'respond') throw new Error('expected a response');
      const { body } = verdict.response;
      expect(body).not.toContain(secret);
      expect(body).not.toContain(expectedSignature);
      expect(body).not.toMatch(/\n\s+at |Error:/);
      expect(Object.keys(problemOf(verdict)).sort()).toEqual([
        'code',
        'detail',
        'status',
        'title',
        'type',
      ]);
    }
  });
});

describe('store failures', () => {
  function failingStore(withCheckRequest: boolean): TwilioGuardStore {
    const fail = () => Promise.reject(new Error('connection refused'));
    const store: TwilioGuardStore = {
      claimNonce: fail,
      hitRateLimit: fail,
      resetRateLimit: fail,
    };
    if (withCheckRequest) store.checkRequest = fail;
    return store;
  }

  it.each([true, false])('fail closed with 503 (store has checkRequest: %s)', async (combined) => {
    const error = vi.fn();
    const guard = createTwilioGuard({
      authToken: TOKEN,
      store: failingStore(combined),
      logger: { error },
    });

    const verdict = await guard.check(twilioRequest());

    expect(verdict).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(statusOf(verdict)).toBe(503);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'twilio-guard: the store failed',
    );
  });

  it('let rate limiting fail open with failOpen, while replay protection stays closed', async () => {
    const nonces = new MemoryStore();
    const store: TwilioGuardStore = {
      claimNonce: (key, ttlMs) => nonces.claimNonce(key, ttlMs),
      hitRateLimit: () => Promise.reject(new Error('counter shard down')),
      resetRateLimit: async () => {},
    };
    const guard = createTwilioGuard({ authToken: TOKEN, store, rateLimit: { failOpen: true } });
    const request = twilioRequest();

    const first = await guard.check(request);
    const replay = await guard.check(request);

    expect(first.action).toBe('continue');
    expect(first.action === 'continue' && first.headers).toEqual({});
    expect(replay).toMatchObject({ code: 'REPLAY_DETECTED' });
    nonces.close();
  });

  it('answer 500 VALIDATION_ERROR when the store resolves something malformed', async () => {
    const store = new MemoryStore();
    store.checkRequest = async () => undefined as never;
    const guard = createTwilioGuard({ authToken: TOKEN, store });

    expect(await guard.check(twilioRequest())).toMatchObject({ code: 'VALIDATION_ERROR' });
    store.close();
  });
});
