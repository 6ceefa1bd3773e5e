import { expect, it } from 'vitest';
import { withApp } from '../app.js';
import { expectRejected } from '../expectations.js';
import { fixtureNamed } from '../fixtures.js';
import type { StartServer } from '../harness.js';
import { encodeForm, signedJsonRequest, unsignedFormRequest } from '../requests.js';

const { params } = fixtureNamed('whatsapp-inbound-text');

export function rejectedScenarios(start: StartServer): void {
  it('rejects a tampered parameter with 403 INVALID_SIGNATURE', async () => {
    await withApp(start, {}, async (app) => {
      const signed = app.signedForm({ params });
      const tampered = { ...signed, body: encodeForm({ ...params, Body: 'Send 200 seats' }) };
      expectRejected(app, await app.send(tampered), 403, 'INVALID_SIGNATURE');
    });
  });

  it('rejects a missing signature with 403 MISSING_SIGNATURE', async () => {
    await withApp(start, {}, async (app) => {
      const response = await app.send(unsignedFormRequest(params));
      expectRejected(app, response, 403, 'MISSING_SIGNATURE');
    });
  });

  it('rejects a request signed with another token with 403 INVALID_SIGNATURE', async () => {
    await withApp(start, {}, async (app) => {
      const request = app.signedForm({ params, token: 'another0token0of0the0same0size' });
      expectRejected(app, await app.send(request), 403, 'INVALID_SIGNATURE');
    });
  });

  it('rejects a JSON body changed after signing with 403 INVALID_SIGNATURE', async () => {
    await withApp(start, {}, async (app) => {
      const signed = signedJsonRequest(app.origin, '{"amount":1}');
      const response = await app.send({ ...signed, body: '{"amount":9}' });
      expectRejected(app, response, 403, 'INVALID_SIGNATURE');
    });
  });

  it('rejects two X-Twilio-Signature headers with 403, even when both are valid', async () => {
    await withApp(start, {}, async (app) => {
      const signed = app.signedForm({ params });
      const doubled = { ...signed, headers: [...signed.headers, ...signed.headers.slice(1)] };
      expect(doubled.headers.filter(([name]) => name === 'X-Twilio-Signature')).toHaveLength(2);
      expectRejected(app, await app.send(doubled), 403, 'INVALID_SIGNATURE');
    });
  });

  it('rejects malformed percent-encoding with 400 INVALID_BODY, not 500', async () => {
    await withApp(start, {}, async (app) => {
      const signed = app.signedForm({ params });
      const response = await app.send({ ...signed, body: 'Body=%E0%A4%A&From=%ZZ' });
      expectRejected(app, response, 400, 'INVALID_BODY');
    });
  });
}
