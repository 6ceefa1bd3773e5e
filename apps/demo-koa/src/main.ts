import { runDemo, serveHttp } from '@twilio-guard/demo-bot';
import { createApp } from './app.js';

await runDemo('Koa', (demo) => serveHttp(createApp(demo).callback(), demo.config.port));
