import type { TwilioParams } from '@twilio-guard/core';
import Koa from 'koa';
import { type KoaBodyMiddlewareOptions, koaBody } from 'koa-body';
import { afterEach, expect, it } from 'vitest';
import { type TwilioGuardState, twilioGuard } from '../src/index.js';
import { startKoa } from './app.js';
import { AUTH_TOKEN, signedForm, signedJson } from './signed.js';

let server: Awaited<ReturnType<typeof startKoa>> | undefined;
let handled = 0;
afterEach(() => server?.close());

/**
 * `koa-body` keeps no bytes unless `includeUnparsed` is set; its qs nests
 * dotted names.
 */
async function start(options: Partial<KoaBodyMiddlewareOptions> = {}): Promise<string> {
  handled = 0;
  const app = new Koa<TwilioGuardState>();
  app.use(koaBody(options));
  app.use(twilioGuard({ authToken: AUTH_TOKEN }));
  app.use((ctx) => {
    handled += 1;
    ctx.body = ctx.state.twilio.params;
  });
  server = await startKoa(app);
  return server.origin;
}

const nested: TwilioParams = { 'Foo[bar]': 'baz', From: '+14155550100', 'A.B': 'c' };

it('answers 500 BODY_PARSER_CONFLICT naming the fix when nested names are all it has', async () => {
  const response = await fetch(...signedForm(await start(), nested));

  expect(response.status).toBe(500);
  const problem = (await response.json()) as { code: string; detail: string };
  expect(problem.code).toBe('BODY_PARSER_CONFLICT');
  expect(problem.detail).toMatch(/before the body parser/);
  expect(handled).toBe(0);
});

it('verifies from the parsed body when the parser left the names flat', async () => {
  const params = { Body: 'Hello', From: '+14155550100', To: ['+1', '+2'] };
  const response = await fetch(...signedForm(await start(), params));

  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(params);
  expect(handled).toBe(1);
});

it('verifies nested names once the parser keeps the raw body (includeUnparsed)', async () => {
  const response = await fetch(...signedForm(await start({ includeUnparsed: true }), nested));

  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(nested);
});

it('answers 500 BODY_PARSER_CONFLICT for a JSON body whose bytes it dropped', async () => {
  const response = await fetch(...signedJson(await start(), '{"event":"delivered"}'));

  expect(response.status).toBe(500);
  const problem = (await response.json()) as { code: string; detail: string };
  expect(problem.code).toBe('BODY_PARSER_CONFLICT');
  expect(problem.detail).toMatch(/includeUnparsed/);
  expect(handled).toBe(0);
});
