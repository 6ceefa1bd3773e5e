import { runAdapterSuite } from '@twilio-guard/adapter-suite';
import { createApp, startKoa } from './app.js';

runAdapterSuite('koa', (options) => startKoa(createApp(options)));
