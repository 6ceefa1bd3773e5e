import { expect, it } from 'vitest';
import { withApp } from '../app.js';
import { expectAccepted } from '../expectations.js';
import { fixtureNamed } from '../fixtures.js';
import type { StartServer } from '../harness.js';

const { params } = fixtureNamed('whatsapp-status-callback');

export function replayScenarios(start: StartServer): void {
  it('rejects a replayed delivery with 409 REPLAY_DETECTED; the handler ran once', async () => {
    await withApp(start, {}, async (app) => {
      const request = app.signedForm({ params });
      expectAccepted(app, await app.send(request), params);
      const replayed = await app.send(request);
      expect(replayed.status).toBe(409);
      expect(JSON.parse(replayed.text).code).toBe('REPLAY_DETECTED');
      expect(app.handled).toHaveLength(1);
    });
  });

  it("acknowledges a duplicate with 200 and empty TwiML under 'acknowledge'", async () => {
    const guard = { replay: { onDuplicate: 'acknowledge' as const } };
    await withApp(start, { guard }, async (app) => {
      const request = app.signedForm({ params });
      expectAccepted(app, await app.send(request), params);
      const duplicate = await app.send(request);
      expect(duplicate.status).toBe(200);
      expect(duplicate.headers['content-type']).toMatch(/^text\/xml/);
      expect(duplicate.text).toContain('<Response/>');
      expect(app.handled).toHaveLength(1);
    });
  });

  it('lets exactly one of 50 identical concurrent deliveries through', async () => {
    await withApp(start, { guard: { rateLimit: false } }, async (app) => {
      const request = app.signedForm({ params });
      const responses = await Promise.all(Array.from({ length: 50 }, () => app.send(request)));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      expect(app.handled).toHaveLength(1);
    });
  });

  it('lets a duplicate through when replay is false', async () => {
    await withApp(start, { guard: { replay: false } }, async (app) => {
      const request = app.signedForm({ params });
      expectAccepted(app, await app.send(request), params);
      expectAccepted(app, await app.send(request), params, 1);
      expect(app.handled[1]?.nonce).toBeUndefined();
    });
  });
}
