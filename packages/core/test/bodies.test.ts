import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { TwilioGuardError } from '../src/errors.js';
import { createTwilioGuard } from '../src/guard.js';
import type { GuardRequest } from '../src/types.js';
import { fixtures, statusOf, TOKEN, twilioRequest, WEBHOOK_URL } from './support/requests.js';

describe('webhooks shaped like real Twilio ones, signed by the twilio package', () => {
  it.each(Object.keys(fixtures))('%s verifies, with its context', async (name) => {
    const fixture = fixtures[name];
    if (!fixture) throw new Error(name);
    const guard = createTwilioGuard({ authToken: TOKEN });

    const verdict = await guard.check(twilioRequest({ params: fixture.params }));

    if (verdict.action !== 'continue') throw new Error(verdict.response.body);
    expect({ ...verdict.context.params }).toEqual(fixture.params);
    expect(verdict.context.accountSid).toBe(fixture.params.AccountSid);
  });

  it('verify from a flat parsed body as well as from the raw bytes', async () => {
    const params = fixtures['conversations-repeated-key-array']?.params ?? {};
    const guard = createTwilioGuard({ authToken: TOKEN });
    const request = { ...twilioRequest({ params }), body: { parsed: params } };

    expect((await guard.check(request)).action).toBe('continue');
  });
});

describe('JSON bodies signed through bodySHA256', () => {
  const json = JSON.stringify({ event: 'message.received', text: 'Grüße 👋' });
  const url = `${WEBHOOK_URL}?bodySHA256=${twilio.getExpectedBodyHash(json)}`;
  const signature = twilio.getExpectedTwilioSignature(TOKEN, url, {});

  function jsonRequest(body: GuardRequest['body']): GuardRequest {
    return {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', 'x-twilio-signature': signature },
      ip: '198.51.100.20',
      body,
    };
  }

  it('verify from the raw bytes, as text or as a byte array', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, replay: false });
    const asText = await guard.check(jsonRequest({ raw: json }));
    const asBytes = await guard.check(jsonRequest({ raw: new TextEncoder().encode(json) }));

    expect([statusOf(asText), statusOf(asBytes)]).toEqual([0, 0]);
    expect(asText.action === 'continue' && asText.context.rawBody).toBe(json);
  });

  it('fail closed when only a parsed body is at hand, or the bytes differ', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, replay: false });
    const verdicts = [
      await guard.check(jsonRequest({ parsed: JSON.parse(json) })),
      await guard.check(jsonRequest({ raw: `${json}\n` })),
      await guard.check({ ...jsonRequest({ raw: json }), url: WEBHOOK_URL }),
    ];
    expect(verdicts.map((verdict) => verdict.action === 'respond' && verdict.code)).toEqual([
      'BODY_PARSER_CONFLICT',
      'INVALID_SIGNATURE',
      'INVALID_SIGNATURE',
    ]);
  });

  it('name the fix when a parser kept only the parsed JSON', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, replay: false });
    const fix = 'Keep the bytes with express.json({ verify }).';
    const verdict = await guard.check(jsonRequest({ parsed: JSON.parse(json), parserFix: fix }));

    expect(verdict.action === 'respond' && verdict.response.status).toBe(500);
    expect(verdict.action === 'respond' && JSON.parse(verdict.response.body).detail).toContain(fix);
  });
});

describe('a body read on demand', () => {
  it('is read only after the signature header is found', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    const genuine = twilioRequest();
    let reads = 0;
    const lazy = (request: GuardRequest): GuardRequest => ({
      ...request,
      body: async () => {
        reads += 1;
        return genuine.body as { raw: string };
      },
    });

    expect((await guard.check(lazy(genuine))).action).toBe('continue');
    const unsigned = lazy(twilioRequest({ signature: undefined }));
    expect(await guard.check(unsigned)).toMatchObject({ code: 'MISSING_SIGNATURE' });
    expect(reads).toBe(1);
  });

  it('may refuse itself, and the refusal is the verdict', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN });
    const tooLarge = {
      ...twilioRequest(),
      body: async () => {
        throw new TwilioGuardError('PAYLOAD_TOO_LARGE', 'the body is larger than 65536 bytes.');
      },
    };
    const verdict = await guard.check(tooLarge);
    expect(verdict).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(statusOf(verdict)).toBe(413);
  });
});
