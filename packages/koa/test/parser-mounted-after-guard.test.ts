import Koa from 'koa';
import koaBodyParser from 'koa-bodyparser';
import { afterEach, expect, it } from 'vitest';
import { type TwilioGuardState, twilioGuard } from '../src/index.js';
import { startKoa } from './app.js';
import { AUTH_TOKEN, signedForm, signedJson } from './signed.js';

const params = { Body: 'Two seats, please', From: '+14155550100', MediaUrl0: 'https://x/y' };

let server: Awaited<ReturnType<typeof startKoa>> | undefined;
afterEach(() => server?.close());

/**
 * The guard reads the stream itself, so later middleware must find the body
 * already there.
 */
async function start(...middleware: Koa.Middleware[]) {
  const app = new Koa<TwilioGuardState>();
  app.use(twilioGuard({ authToken: AUTH_TOKEN }));
  for (const layer of middleware) app.use(layer);
  app.use((ctx) => {
    const { body, rawBody } = ctx.request as { body?: unknown; rawBody?: unknown };
    ctx.body = { body, rawBody: rawBody ?? null };
  });
  server = await startKoa(app);
  return server.origin;
}

it('hands the verified form params on as ctx.request.body', async () => {
  const response = await fetch(...signedForm(await start(), params));

  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ body: params, rawBody: null });
});

it('lets a body parser mounted after the guard skip instead of reading a spent stream', async () => {
  const origin = await start(koaBodyParser());

  const form = await fetch(...signedForm(origin, params));
  expect(form.status).toBe(200);
  expect(await form.json()).toEqual({ body: params, rawBody: null });

  const json = '{ "event": "delivered",  "n": 1 }';
  const response = await fetch(...signedJson(origin, json));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ body: JSON.parse(json), rawBody: json });
});
