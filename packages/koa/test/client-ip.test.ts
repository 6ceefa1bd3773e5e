import { createTwilioGuard } from '@twilio-guard/core';
import Koa from 'koa';
import { afterEach, expect, it } from 'vitest';
import { twilioGuard } from '../src/index.js';
import { startKoa } from './app.js';

let server: Awaited<ReturnType<typeof startKoa>> | undefined;
afterEach(() => server?.close());

/**
 * One request per client a proxy names in X-Forwarded-For; each client may send
 * one.
 */
async function statusesFor(proxy: boolean, clients: string[]): Promise<number[]> {
  const guard = createTwilioGuard({ authToken: 'token', rateLimit: { max: 1 } });
  const app = new Koa();
  app.proxy = proxy;
  app.use(twilioGuard(guard));
  server = await startKoa(app);

  const statuses: number[] = [];
  for (const client of clients) {
    const headers = { 'x-forwarded-for': client, 'content-type': 'text/plain' };
    const response = await fetch(`${server.origin}/webhook`, { method: 'POST', headers });
    statuses.push(response.status);
  }
  return statuses;
}

it('counts each forwarded client on its own when app.proxy is set', async () => {
  // 403: unsigned but counted; 429: that client's second request.
  expect(await statusesFor(true, ['203.0.113.7', '198.51.100.9', '203.0.113.7'])).toEqual([
    403, 403, 429,
  ]);
});

it('counts by the socket address and ignores X-Forwarded-For without app.proxy', async () => {
  expect(await statusesFor(false, ['203.0.113.7', '198.51.100.9'])).toEqual([403, 429]);
});
