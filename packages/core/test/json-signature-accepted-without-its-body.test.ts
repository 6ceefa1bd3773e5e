import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import type { GuardRequest } from '../src/types.js';
import { statusOf, TOKEN, WEBHOOK_URL } from './support/requests.js';

// The signature of a JSON webhook covers its URL alone; the body is bound only through the
// bodySHA256 the URL names. Whatever form of the request reproduces that signed URL must
// therefore still prove the body.
const json = JSON.stringify({ event: 'message.received', text: 'hello' });
const hash = twilio.getExpectedBodyHash(json);
const signature = twilio.getExpectedTwilioSignature(TOKEN, `${WEBHOOK_URL}?bodySHA256=${hash}`, {});

function forged(url: string, contentType: string | undefined, body: string): GuardRequest {
  const headers: Record<string, string> = { 'x-twilio-signature': signature };
  if (contentType) headers['content-type'] = contentType;
  return { method: 'POST', url, headers, ip: '198.51.100.20', body: { raw: body } };
}

describe("a JSON webhook's signature without the body it names", () => {
  const form = 'application/x-www-form-urlencoded';

  it.each([
    [
      'a percent-encoded bodySHA256 name, empty form',
      `${WEBHOOK_URL}?bodySHA25%36=${hash}`,
      form,
      '',
    ],
    [
      'a percent-encoded bodySHA256 name, no type',
      `${WEBHOOK_URL}?bodySHA25%36=${hash}`,
      undefined,
      '',
    ],
    ['bodySHA256 moved into a form name', `${WEBHOOK_URL}?`, form, `bodySHA256%3D${hash}`],
    ['the hash moved into a form name', `${WEBHOOK_URL}?bodySHA256=`, form, hash],
  ])('is refused: %s', async (_name, url, contentType, body) => {
    const guard = createTwilioGuard({ authToken: TOKEN, diagnostics: false });

    const verdict = await guard.check(forged(url, contentType, body));

    expect(statusOf(verdict)).toBe(403);
  });

  it('still verifies with the body it names', async () => {
    const guard = createTwilioGuard({ authToken: TOKEN, diagnostics: false });

    const verdict = await guard.check(
      forged(`${WEBHOOK_URL}?bodySHA256=${hash}`, 'application/json', json),
    );

    expect(statusOf(verdict)).toBe(0);
  });
});
