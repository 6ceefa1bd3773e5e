import { getRequestListener } from '@hono/node-server';
import { runDemo, serveHttp } from '@twilio-guard/demo-bot';
import { createApp } from './app.js';

await runDemo('Hono', (demo) =>
  serveHttp(getRequestListener(createApp(demo).fetch), demo.config.port),
);
