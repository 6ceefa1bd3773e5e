import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { expect, it } from 'vitest';
import { type TwilioGuardState, twilioGuard } from '../src/index.js';
import { startKoa } from './app.js';
import { AUTH_TOKEN, signedJson } from './signed.js';

it('reads the body itself when a parser set ctx.request.body but skipped the type', async () => {
  const app = new Koa<TwilioGuardState>();
  // Form only: a JSON body is left unread, yet ctx.request.body becomes {}.
  app.use(bodyParser({ enableTypes: ['form'] }));
  app.use(twilioGuard({ authToken: AUTH_TOKEN }));
  app.use((ctx) => {
    ctx.body = { rawBody: ctx.state.twilio.rawBody };
  });
  const server = await startKoa(app);

  try {
    const json = '{"status":"read",\n "sid": "SM1"}';
    const response = await fetch(...signedJson(server.origin, json));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ rawBody: json });
  } finally {
    await server.close();
  }
});
