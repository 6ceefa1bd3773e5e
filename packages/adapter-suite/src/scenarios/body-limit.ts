import { Agent } from 'node:http';
import { it } from 'vitest';
import { withApp } from '../app.js';
import { expectAccepted, expectRejected } from '../expectations.js';
import { fixtureNamed } from '../fixtures.js';
import type { StartServer } from '../harness.js';

const { params } = fixtureNamed('whatsapp-inbound-text');
const oversized = { ...params, Body: 'x'.repeat(4096) };

export function bodyLimitScenarios(start: StartServer): void {
  for (const chunked of [false, true]) {
    const framing = chunked ? 'sent chunked' : 'with Content-Length';
    it(`rejects a body over bodyLimit (${framing}) with 413 PAYLOAD_TOO_LARGE`, async () => {
      await withApp(start, { guard: { bodyLimit: 512 } }, async (app) => {
        const response = await app.send(app.signedForm({ params: oversized }), { chunked });
        expectRejected(app, response, 413, 'PAYLOAD_TOO_LARGE');
      });
    });
  }

  it('answers the next request of a kept-alive client after a 413', async () => {
    // One socket: the second request reuses the first one's connection unless the app closed
    // it, and a reset mid-body (the app stopped reading) fails the send.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await withApp(start, { guard: { bodyLimit: 512 } }, async (app) => {
        const large = { ...params, Body: 'x'.repeat(200_000) };
        const tooLarge = await app.send(app.signedForm({ params: large }), { agent });
        expectRejected(app, tooLarge, 413, 'PAYLOAD_TOO_LARGE');

        const next = await app.send(app.signedForm({ params }), { agent });
        expectAccepted(app, next, params);
      });
    } finally {
      agent.destroy();
    }
  });
}
