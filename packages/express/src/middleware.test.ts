import { createTwilioGuard, MemoryStore } from '@twilio-guard/core';
import express from 'express';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { type Listening, listen } from '../test/listen.js';
import { twilioGuard } from './index.js';

const authToken = 'express0test0token';
const params = { Body: 'Hola 🌻', From: 'whatsapp:+14155550100', 'Foo[bar]': 'baz' };

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(app: express.Express, path = '/webhook'): Promise<Response> {
  server ??= await listen(app);
  const url = server.origin + path;
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
}

describe('twilioGuard', () => {
  it('hands the signed parameters to the handler as req.body when no parser ran', async () => {
    const app = express();
    const guard = twilioGuard({ authToken, store: new MemoryStore() });
    app.post('/webhook', guard, (req, res) => res.json({ ...req.body }));

    const response = await post(app);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(params);
  });

  it('sets the rate-limit headers on the response the handler writes', async () => {
    const app = express();
    const guard = twilioGuard({ authToken, store: new MemoryStore(), rateLimit: { max: 5 } });
    app.post('/webhook', guard, (_req, res) => res.send('ok'));

    const response = await post(app);
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit')).toMatch(/r=4/);
  });

  it('shares one guard between routes, so they count against one limit', async () => {
    const store = new MemoryStore();
    const guard = createTwilioGuard({ authToken, store, rateLimit: { max: 1 } });
    const app = express();
    app.post('/webhook', twilioGuard(guard), (_req, res) => res.send('ok'));
    app.post('/other', twilioGuard(guard), (_req, res) => res.send('ok'));

    expect((await post(app, '/webhook')).status).toBe(200);
    expect((await post(app, '/other')).status).toBe(429);
    await store.close();
  });

  it('reports a nesting parser without kept bytes as BODY_PARSER_CONFLICT', async () => {
    const app = express();
    app.use(express.urlencoded({ extended: true }));
    app.post('/webhook', twilioGuard({ authToken, store: new MemoryStore() }), (_req, res) =>
      res.send('ok'),
    );

    const response = await post(app);
    expect(response.status).toBe(500);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('BODY_PARSER_CONFLICT');
    expect(problem.detail).toContain('extended: false');
  });
});
