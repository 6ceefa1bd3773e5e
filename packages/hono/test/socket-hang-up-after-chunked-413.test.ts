import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import twilio from 'twilio';
import { expect, it } from 'vitest';
import { twilioGuard } from '../src/index.js';
import { AUTH_TOKEN } from './signed.js';

// A chunked body over the limit is left half read, and node-server then drops the socket
// instead of draining it. Unless the 413 says `Connection: close`, a client that reuses the
// connection sees its next request fail with "socket hang up".
it('answers the next request of a kept-alive client after a chunked 413', async () => {
  const app = new Hono();
  app.post('/webhook', twilioGuard({ authToken: AUTH_TOKEN, bodyLimit: 512 }), (c) => c.text('ok'));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  try {
    const url = `http://127.0.0.1:${port}/webhook`;
    const tooLarge = await postChunked(agent, url, { Body: 'x'.repeat(200_000) });
    expect(tooLarge).toBe(413);
    expect(await postChunked(agent, url, { Body: 'small' })).toBe(200);
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

function postChunked(agent: Agent, url: string, params: Record<string, string>) {
  const body = Buffer.from(new URLSearchParams(params).toString());
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'transfer-encoding': 'chunked',
    'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params),
  };
  return new Promise<number>((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    for (let start = 0; start < body.byteLength; start += 16_384) {
      outgoing.write(body.subarray(start, start + 16_384));
    }
    outgoing.end();
  });
}
