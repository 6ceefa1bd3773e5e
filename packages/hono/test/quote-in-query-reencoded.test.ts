import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { twilioGuard } from '../src/index.js';
import { signedForm } from './signed.js';

// @hono/node-server rebuilds c.req.url with `new URL()` when the target holds a `%`, and that
// turns `'` in the query into `%27`. Twilio signs the URL as configured, quote included.
it("verifies a query holding both ' and a percent escape under node-server", async () => {
  const app = new Hono();
  app.post('/webhook', twilioGuard({ authToken: 'hono0test0token0not0a0real0one' }), (c) =>
    c.text(c.get('twilio').url),
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(started),
    );
  });

  try {
    const { port } = server.address() as AddressInfo;
    const target = "/webhook?name=O'Neil&note=%7e";
    const url = `http://127.0.0.1:${port}${target}`;
    const params = { From: '+14155550100', MessageSid: 'SM22222222222222222222222222222222' };
    const response = await post(port, target, signedForm(url, params));

    expect(response.status, response.text).toBe(200);
    expect(response.text).toBe(url);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

/** `fetch` would re-encode the quote itself; node:http sends the target as written. */
function post(port: number, path: string, init: RequestInit) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers = init.headers as Record<string, string>;
    const outgoing = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(init.body as string);
  });
}
