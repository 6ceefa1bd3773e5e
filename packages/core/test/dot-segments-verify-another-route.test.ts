import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import { candidateUrls } from '../src/url-candidates.js';
import { inboundParams, statusOf, TOKEN, twilioRequest } from './support/requests.js';

// Routers match the path as received, dot segments included: `/admin/../sms` reaches a route
// under `/admin/`. A signature Twilio issued for `/sms` must not verify that request.
const SIGNED = 'https://hooks.example.com/sms';

describe('a path with dot segments', () => {
  it.each([
    '/admin/../sms',
    '/admin/%2e%2e/sms',
    '/admin/%2E%2e/sms',
    '/admin/..%2fsms/../../sms',
    '/./sms',
    '/admin\\..\\sms',
  ])('%s does not verify with the signature for /sms', async (path) => {
    const params = inboundParams();
    const signature = twilio.getExpectedTwilioSignature(TOKEN, SIGNED, params);
    const url = `https://hooks.example.com${path}`;
    const guard = createTwilioGuard({ authToken: TOKEN, diagnostics: false });

    const verdict = await guard.check(twilioRequest({ url, params, signature }));

    expect(candidateUrls(url)).not.toContain(SIGNED);
    expect(statusOf(verdict)).toBe(403);
  });

  it('still verifies a path that only needs re-encoding, such as braces', async () => {
    const params = inboundParams();
    const signature = twilio.getExpectedTwilioSignature(TOKEN, `${SIGNED}/%7Bid%7D`, params);
    const url = `${SIGNED}/{id}`;
    const guard = createTwilioGuard({ authToken: TOKEN, diagnostics: false });

    expect(statusOf(await guard.check(twilioRequest({ url, params, signature })))).toBe(0);
  });
});
