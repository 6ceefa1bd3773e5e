import { runDemo, serveHttp } from '@twilio-guard/demo-bot';
import { createApp } from './app.js';

await runDemo('Express', (demo) => serveHttp(createApp(demo), demo.config.port));
