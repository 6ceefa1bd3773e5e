import { MemoryStore } from '@twilio-guard/core';
import express from 'express';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { twilioGuard } from '../src/index.js';
import { type Listening, listen } from './listen.js';

const authToken = 'express0test0token';
const json = '{ "event": "onMessageAdded",  "body": "Zoë" }';

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function postJson(app: express.Express): Promise<{ status: number; problem: unknown }> {
  server = await listen(app);
  const path = `/webhook?bodySHA256=${twilio.getExpectedBodyHash(json)}`;
  const signature = twilio.getExpectedTwilioSignature(authToken, server.origin + path, {});
  const response = await fetch(server.origin + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Twilio-Signature': signature },
    body: json,
  });
  const text = await response.text();
  return { status: response.status, problem: response.ok ? text : JSON.parse(text) };
}

function appWith(parser: express.RequestHandler | undefined): express.Express {
  const app = express();
  if (parser) app.use(parser);
  const guard = twilioGuard({ authToken, store: new MemoryStore() });
  app.post('/webhook', guard, (req, res) => res.type('text').send(req.twilio?.rawBody));
  return app;
}

describe('a JSON parser mounted before the guard', () => {
  it('is reported as BODY_PARSER_CONFLICT naming the verify hook, not a silent 403', async () => {
    const { status, problem } = await postJson(appWith(express.json()));
    expect(status).toBe(500);
    expect(problem).toMatchObject({ code: 'BODY_PARSER_CONFLICT' });
    expect((problem as { detail: string }).detail).toContain('verify');
  });

  it('verifies when its verify hook keeps the bytes in req.rawBody', async () => {
    const keep = express.json({
      verify: (req, _res, bytes) => Object.assign(req, { rawBody: bytes }),
    });
    const { status, problem } = await postJson(appWith(keep));
    expect(status).toBe(200);
    expect(problem).toBe(json);
  });

  it('verifies without any parser, from the bytes the guard read itself', async () => {
    const { status, problem } = await postJson(appWith(undefined));
    expect(status).toBe(200);
    expect(problem).toBe(json);
  });
});

describe('a JSON webhook with no parser before the guard', () => {
  it('reaches the handler with req.body parsed, as express.json() would leave it', async () => {
    const app = express();
    const guard = twilioGuard({ authToken, store: new MemoryStore() });
    app.post('/webhook', guard, (req, res) => res.json({ body: req.body }));

    const { status, problem } = await postJson(app);
    expect(status).toBe(200);
    expect(JSON.parse(problem as string)).toEqual({ body: JSON.parse(json) });
  });
});
