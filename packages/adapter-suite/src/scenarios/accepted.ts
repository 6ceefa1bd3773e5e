import { expect, it } from 'vitest';
import { withApp } from '../app.js';
import { expectAccepted } from '../expectations.js';
import { webhookFixtures } from '../fixtures.js';
import type { StartServer } from '../harness.js';
import { signedJsonRequest } from '../requests.js';

export function acceptedScenarios(start: StartServer): void {
  for (const fixture of webhookFixtures) {
    it(`accepts a signed ${fixture.name} form post and attaches its context`, async () => {
      await withApp(start, {}, async (app) => {
        const response = await app.send(app.signedForm({ params: fixture.params }));
        expectAccepted(app, response, fixture.params);
      });
    });
  }

  it('accepts a JSON post signed through bodySHA256 and keeps its exact bytes', async () => {
    // Indentation and key order a re-serialisation would change, so only raw bytes verify.
    const body = '{\n  "to": "+14155550100",\n  "b": 1,  "a": "Zoë 🌻"\n}\n';
    await withApp(start, {}, async (app) => {
      const response = await app.send(signedJsonRequest(app.origin, body));
      expect(response.status, response.text).toBe(200);
      expect(app.handled).toHaveLength(1);
      expect(app.handled[0]?.rawBody).toBe(body);
      expect(Object.keys(app.handled[0]?.params ?? {})).toEqual([]);
    });
  });

  it('accepts accents, emoji and combining marks exactly as signed', async () => {
    const params = {
      Body: 'Cafe\u0301 crème, naïve — 🙏🏽 👩‍👩‍👧 ok',
      From: 'whatsapp:+14155550100',
      MessageSid: 'SM88888888888888888888888888888888',
      ProfileName: 'Zoë Ñandú 🌻',
    };
    await withApp(start, {}, async (app) => {
      const response = await app.send(app.signedForm({ params }));
      expectAccepted(app, response, params);
      expect(app.handled[0]?.body).toBe(params.Body);
    });
  });
}
