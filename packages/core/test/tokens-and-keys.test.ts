import twilio from 'twilio';
import { describe, expect, it, vi } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import { inboundParams, statusOf, TOKEN, twilioRequest, WEBHOOK_URL } from './support/requests.js';

const ACCOUNT_A = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const ACCOUNT_B = 'ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

describe('auth tokens', () => {
  it('accept each token of a rotation list', async () => {
    const guard = createTwilioGuard({ authToken: ['old-token', 'new-token'] });
    const verdicts = [
      await guard.check(twilioRequest({ token: 'old-token' })),
      await guard.check(twilioRequest({ token: 'new-token' })),
      await guard.check(twilioRequest({ token: 'retired-token' })),
    ];
    expect(verdicts.map(statusOf)).toEqual([0, 0, 403]);
  });

  it("come per account from a function of the request's AccountSid", async () => {
    const tokens: Record<string, string | string[]> = {
      [ACCOUNT_A]: 'token-a',
      [ACCOUNT_B]: ['token-b-old', 'token-b-new'],
    };
    const authToken = vi.fn(async (accountSid: string | undefined) =>
      accountSid ? tokens[accountSid] : undefined,
    );
    const guard = createTwilioGuard({ authToken });
    const from = (account: string, token: string) =>
      twilioRequest({ token, params: inboundParams({ AccountSid: account }) });

    const verdicts = [
      await guard.check(from(ACCOUNT_A, 'token-a')),
      await guard.check(from(ACCOUNT_B, 'token-b-new')),
      await guard.check(from(ACCOUNT_B, 'token-a')),
      await guard.check(from('ACcccccccccccccccccccccccccccccccc', 'token-a')),
    ];

    expect(verdicts.map((verdict) => verdict.action === 'respond' && verdict.code)).toEqual([
      false,
      false,
      'INVALID_SIGNATURE',
      'CONFIG_ERROR',
    ]);
    expect(authToken.mock.calls.map(([accountSid]) => accountSid)).toEqual([
      ACCOUNT_A,
      ACCOUNT_B,
      ACCOUNT_B,
      'ACcccccccccccccccccccccccccccccccc',
    ]);
  });

  it('missing altogether answer 500 CONFIG_ERROR', async () => {
    const verdicts = [
      await createTwilioGuard({}).check(twilioRequest()),
      await createTwilioGuard({ authToken: ['', ''] }).check(twilioRequest()),
    ];
    expect(verdicts.map(statusOf)).toEqual([500, 500]);
    expect(verdicts[0]).toMatchObject({ code: 'CONFIG_ERROR' });
  });
});

describe('shared keys', () => {
  const secret = 'shared-key-secret-value';
  const settings = (key: string) => ({
    'x-twilio-webhooks-signature-settings': `key=${key},algorithm=HMAC_SHA256`,
  });

  function sharedKeyRequest(key: string, algorithm = 'HMAC_SHA256') {
    const params = inboundParams();
    const signature = twilio.getExpectedTwilioSignature(secret, WEBHOOK_URL, params, algorithm);
    return twilioRequest({ params, signature, headers: settings(key) });
  }

  it('verify an HMAC-SHA256 signature with the key the settings header names', async () => {
    const guard = createTwilioGuard({ sharedKeys: { 'webhooks-key-1': secret } });
    const verdict = await guard.check(sharedKeyRequest('webhooks-key-1'));

    expect(verdict.action).toBe('continue');
    expect(verdict.action === 'continue' && verdict.context.algorithm).toBe('HMAC_SHA256');
  });

  it('refuse an unknown key id, even one an object inherits, and the wrong algorithm', async () => {
    const guard = createTwilioGuard({ authToken: secret, sharedKeys: { k1: secret } });
    const verdicts = [
      await guard.check(sharedKeyRequest('k2')),
      await guard.check(sharedKeyRequest('toString')),
      await guard.check(sharedKeyRequest('__proto__')),
      await guard.check(sharedKeyRequest('k1', 'HMAC_SHA1')),
    ];
    expect(verdicts.map(statusOf)).toEqual([403, 403, 403, 403]);
  });
});

describe('two X-Twilio-Signature headers', () => {
  it('are refused, whether as a list or joined by Node with a comma', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    const genuine = twilioRequest();
    const signature = genuine.headers['x-twilio-signature'] as string;
    const twice = (value: string | string[]) => ({
      ...genuine,
      headers: { ...genuine.headers, 'x-twilio-signature': value },
    });

    const verdicts = [
      await guard.check(twice([signature, signature])),
      await guard.check(twice(`${signature}, ${signature}`)),
      await guard.check(twice(['Zm9yZ2Vk', signature])),
    ];

    expect(verdicts.map((verdict) => verdict.action === 'respond' && verdict.code)).toEqual([
      'INVALID_SIGNATURE',
      'INVALID_SIGNATURE',
      'INVALID_SIGNATURE',
    ]);
    expect((await guard.check(genuine)).action).toBe('continue');
  });
});
