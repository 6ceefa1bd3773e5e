import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTwilioGuard, type RateLimitOptions } from '@twilio-guard/core';
import type { RedisStore } from '../src/index.js';
import { AUTH_TOKEN, type Delivery, WEBHOOK_URL } from './deliveries.js';

export interface Instance {
  /** Where to POST deliveries. */
  url: string;
  /** How many deliveries reached the handler. */
  handled(): number;
  close(): Promise<void>;
}

/**
 * One application instance: a node:http server whose webhook route runs the core guard on its
 * own RedisStore, behind a proxy that Twilio reaches at WEBHOOK_URL.
 */
export async function startInstance(store: RedisStore, rateLimit: RateLimitOptions) {
  const guard = createTwilioGuard({
    authToken: AUTH_TOKEN,
    webhookUrl: WEBHOOK_URL,
    store,
    rateLimit,
  });
  let handled = 0;

  const server = createServer(async (req, res) => {
    const verdict = await guard.check({
      method: req.method ?? 'POST',
      url: WEBHOOK_URL,
      headers: req.headers,
      ip: req.socket.remoteAddress,
      body: { raw: await readBody(req) },
    });
    if (verdict.action === 'respond') {
      const { status, headers, body } = verdict.response;
      res.writeHead(status, headers).end(body);
      return;
    }
    handled += 1;
    res.writeHead(200, { ...verdict.headers, 'content-type': 'text/xml' }).end('<Response/>');
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/twilio/whatsapp`,
    handled: () => handled,
    close: async () => {
      server.close();
      server.closeAllConnections();
      await once(server, 'close');
    },
  } satisfies Instance;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends a delivery as Twilio does and resolves with the response status. */
export async function send(instance: Instance, delivery: Delivery): Promise<number> {
  const response = await fetch(instance.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': delivery.signature,
    },
    body: delivery.body,
  });
  await response.arrayBuffer();
  return response.status;
}
