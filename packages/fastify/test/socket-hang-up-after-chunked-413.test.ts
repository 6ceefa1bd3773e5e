import { Agent, request } from 'node:http';
import Fastify from 'fastify';
import twilio from 'twilio';
import { expect, it } from 'vitest';
import { twilioGuard } from '../src/index.js';
import { AUTH_TOKEN } from './signed.js';

// A chunked body over the limit is left half read. The 413 must end the connection, or a
// client that reuses it sees its next request fail with "socket hang up".
it('answers the next request of a kept-alive client after a chunked 413', async () => {
  const app = Fastify();
  await app.register(twilioGuard, { authToken: AUTH_TOKEN, bodyLimit: 512 });
  app.post('/webhook', { preHandler: app.twilioGuard }, async () => 'ok');
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  try {
    const url = `${origin}/webhook`;
    const tooLarge = await postChunked(agent, url, { Body: 'x'.repeat(200_000) });
    expect(tooLarge).toBe(413);
    expect(await postChunked(agent, url, { Body: 'small' })).toBe(200);
  } finally {
    agent.destroy();
    await app.close();
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
