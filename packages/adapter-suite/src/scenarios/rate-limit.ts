import { expect, it } from 'vitest';
import { withApp } from '../app.js';
import { expectAccepted, expectRejected } from '../expectations.js';
import { fixtureNamed } from '../fixtures.js';
import type { StartServer } from '../harness.js';
import { unsignedFormRequest } from '../requests.js';

const { params } = fixtureNamed('voice-gather-speech');

export function rateLimitScenarios(start: StartServer): void {
  it('answers request limit+1 with 429, Retry-After and RateLimit headers', async () => {
    const guard = { rateLimit: { max: 3, windowMs: 60_000 }, replay: false as const };
    await withApp(start, { guard }, async (app) => {
      const request = app.signedForm({ params });
      for (let sent = 0; sent < 3; sent += 1) {
        const response = await app.send(request);
        expectAccepted(app, response, params, sent);
        expect(response.headers.ratelimit).toContain(`r=${2 - sent}`);
      }

      app.handled.length = 0;
      const limited = await app.send(request);
      expectRejected(app, limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.headers['ratelimit-policy']).toBe('"twilio-guard";q=3;w=60');
      expect(limited.headers.ratelimit).toMatch(/^"twilio-guard";r=0;t=\d+$/);
    });
  });

  it('counts requests that fail verification too', async () => {
    const guard = { rateLimit: { max: 2, windowMs: 60_000 } };
    await withApp(start, { guard }, async (app) => {
      await app.send(unsignedFormRequest(params));
      await app.send(unsignedFormRequest(params));
      const limited = await app.send(app.signedForm({ params }));
      expectRejected(app, limited, 429, 'RATE_LIMITED');
    });
  });

  it('never limits and sends no RateLimit headers when rateLimit is false', async () => {
    await withApp(start, { guard: { rateLimit: false } }, async (app) => {
      // More requests than the default limit of 60 per minute.
      const responses = await Promise.all(
        Array.from({ length: 65 }, () => app.send(unsignedFormRequest(params))),
      );
      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(response.headers.ratelimit).toBeUndefined();
      }
      expectAccepted(app, await app.send(app.signedForm({ params })), params);
    });
  });
}
