import { expect, it } from 'vitest';
import { withApp } from '../app.js';
import { expectAccepted, expectRejected } from '../expectations.js';
import { fixtureNamed } from '../fixtures.js';
import type { StartServer } from '../harness.js';
import type { SuiteRequest } from '../requests.js';

const { params } = fixtureNamed('whatsapp-inbound-media');
const PUBLIC_HOST = 'hooks.example.com';

/** TLS ends at a proxy: the app sees plain http, and the proxy says what the client used. */
function viaProxy(request: SuiteRequest): SuiteRequest {
  return {
    ...request,
    headers: [
      ...request.headers,
      ['X-Forwarded-Proto', 'https'],
      ['X-Forwarded-Host', PUBLIC_HOST],
    ],
  };
}

export function urlScenarios(start: StartServer): void {
  it('verifies against the https public URL when the app trusts its proxy', async () => {
    await withApp(start, { trustProxy: true }, async (app) => {
      const signedUrl = `https://${PUBLIC_HOST}/webhook`;
      const response = await app.send(viaProxy(app.signedForm({ params, signedUrl })));
      expectAccepted(app, response, params);
      expect(app.handled[0]?.url).toMatch(/^https:\/\/hooks\.example\.com(:443)?\/webhook$/);
    });
  });

  it('ignores X-Forwarded-* headers when the app does not trust a proxy', async () => {
    await withApp(start, { trustProxy: false }, async (app) => {
      const signedUrl = `https://${PUBLIC_HOST}/webhook`;
      const response = await app.send(viaProxy(app.signedForm({ params, signedUrl })));
      expectRejected(app, response, 403, 'INVALID_SIGNATURE');
    });
  });

  it('verifies the request target exactly as received, query bytes included', async () => {
    // `%7e` and `+` change if the query is decoded and encoded again.
    const path = '/webhook?note=%7e&q=a+b&to=%2B14155550100';
    await withApp(start, {}, async (app) => {
      expectAccepted(app, await app.send(app.signedForm({ params, path })), params);
    });
  });

  it('verifies against a configured webhookUrl with the request query appended', async () => {
    const webhookUrl = 'https://public.example.com/twilio/inbound';
    const path = '/webhook?tenant=acme&note=%7e';
    await withApp(start, { guard: { webhookUrl } }, async (app) => {
      const signedUrl = `${webhookUrl}?tenant=acme&note=%7e`;
      expectAccepted(app, await app.send(app.signedForm({ params, path, signedUrl })), params);
    });
  });

  it('rejects a configured webhookUrl signature whose query differs from the request', async () => {
    const webhookUrl = 'https://public.example.com/twilio/inbound';
    await withApp(start, { guard: { webhookUrl } }, async (app) => {
      const request = app.signedForm({
        params,
        path: '/webhook?tenant=acme',
        signedUrl: webhookUrl,
      });
      expectRejected(app, await app.send(request), 403, 'INVALID_SIGNATURE');
    });
  });
}
