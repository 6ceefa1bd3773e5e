import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTwilioGuard, type TwilioGuard } from '@twilio-guard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { capturedIo } from './captured-io.js';

const token = 'guard-test-token';
let close: (() => Promise<void>) | undefined;

/** A bare node:http app behind the core guard, answering 200 when the guard lets a request on. */
async function guardedServer(guard: TwilioGuard): Promise<string> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const verdict = await guard.check({
      method: req.method ?? 'POST',
      url: `http://${req.headers.host}${req.url}`,
      headers: req.headers,
      ip: req.socket.remoteAddress,
      body: { raw: Buffer.concat(chunks) },
    });
    if (verdict.action === 'respond') {
      res.writeHead(verdict.response.status, verdict.response.headers);
      res.end(verdict.response.body);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`handled ${verdict.context.body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await guard.close();
  };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('send against the twilio-guard core', () => {
  it('--replay: the guard handles the first copy and refuses the second with 409', async () => {
    const url = await guardedServer(createTwilioGuard({ authToken: token, rateLimit: false }));
    const io = capturedIo({ TWILIO_AUTH_TOKEN: token });

    const code = await run(['send', url, '--body', 'order 2 margherita', '--replay'], io);

    expect(code).toBe(0);
    expect(io.out()).toMatch(/^first: {2}HTTP 200 OK\nhandled order 2 margherita\n/);
    expect(io.out()).toMatch(/\nreplay: HTTP 409 Conflict\n.*"code":"REPLAY_DETECTED"/);
  });

  it('--count: distinct messages pass replay protection until the rate limit answers 429', async () => {
    const guard = createTwilioGuard({ authToken: token, rateLimit: { max: 3, windowMs: 60_000 } });
    const url = await guardedServer(guard);
    const io = capturedIo({ TWILIO_AUTH_TOKEN: token });

    const code = await run(['send', url, '--count', '5', '--concurrency', '1'], io);

    expect(code).toBe(1);
    expect(io.out()).toMatch(/\n {2}200 +3\n {2}429 +2\n$/);
  });
});
