import type { AddressInfo } from 'node:net';
import { runDemo } from '@twilio-guard/demo-bot';
import { createApp } from './app.js';

await runDemo('Fastify', async (demo) => {
  const app = await createApp(demo);
  // Every interface, as Node's own `listen` does; Fastify alone would bind localhost only.
  await app.listen({ port: demo.config.port, host: '::' });
  const { port } = app.server.address() as AddressInfo;
  // Fastify's close stops accepting, drops idle connections and waits for requests in progress.
  return { port, close: () => app.close() };
});
