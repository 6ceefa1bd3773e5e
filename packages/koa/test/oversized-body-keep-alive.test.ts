import { Agent, request } from 'node:http';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp, startKoa } from './app.js';
import { AUTH_TOKEN, signedForm } from './signed.js';

interface Answer {
  status: number;
  connection: string | undefined;
}

let server: Awaited<ReturnType<typeof startKoa>>;
let agent: Agent;

beforeEach(async () => {
  const app = createApp({
    guard: { authToken: AUTH_TOKEN, bodyLimit: 512 },
    trustProxy: false,
    parser: 'none',
    onHandled: () => {},
  });
  server = await startKoa(app);
  // One kept-alive socket, so the second request reuses the first one's
  // connection if it can.
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
});

afterEach(async () => {
  agent.destroy();
  await server.close();
});

/**
 * Posts through the shared agent; `chunked` sends the body in two writes
 * without a length.
 */
function post(target: [string, RequestInit], chunked: boolean): Promise<Answer> {
  const [url, init] = target;
  const body = Buffer.from(String(init.body));
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (!chunked) headers['content-length'] = String(body.byteLength);

  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
      );
    });
    outgoing.on('error', reject);
    outgoing.write(body.subarray(0, 256));
    setImmediate(() => outgoing.end(body.subarray(256)));
  });
}

for (const chunked of [false, true]) {
  it(`answers the next request on a kept-alive client after a 413 (chunked: ${chunked})`, async () => {
    const large = signedForm(server.origin, { Body: 'x'.repeat(200_000), From: '+1' });
    const tooLarge = await post(large, chunked);
    expect(tooLarge).toEqual({ status: 413, connection: 'close' });

    const small = signedForm(server.origin, { Body: 'hi', From: '+14155550100' });
    expect(await post(small, false)).toEqual({ status: 200, connection: 'keep-alive' });
  });
}
