import { createTwilioGuard, MemoryStore, type TwilioGuardOptions } from '@twilio-guard/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { twilioGuard } from '../src/index.js';
import { AUTH_TOKEN, INJECT_ORIGIN, signedForm } from './signed.js';

const params = {
  AccountSid: 'AC11111111111111111111111111111111',
  Body: 'Two seats, please',
  From: 'whatsapp:+14155550100',
  MessageSid: 'SM22222222222222222222222222222222',
  'MessagingBinding.Address': ['+14155550150', '+13255550160'],
};

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** An app with a guarded `POST /hook` and an unguarded `POST /open`, both echoing the body. */
async function buildApp(guard: TwilioGuardOptions | ReturnType<typeof createTwilioGuard> = {}) {
  const app = Fastify();
  apps.push(app);
  const options = 'check' in guard ? guard : { authToken: AUTH_TOKEN, ...guard };
  await app.register(twilioGuard, options);
  app.post('/hook', { preHandler: app.twilioGuard }, async (request) => ({
    from: request.twilio?.from,
    body: request.body,
  }));
  app.post('/open', async (request) => ({ twilio: request.twilio, body: request.body }));
  return app;
}

describe('the fastify plugin', () => {
  it('guards only the routes that use app.twilioGuard', async () => {
    const app = await buildApp();
    const open = await app.inject({ method: 'POST', url: '/open', ...signedForm('x', params) });
    expect(open.statusCode).toBe(200);
    expect(open.json().twilio).toBeNull();
    expect(open.headers.ratelimit).toBeUndefined();

    const unsigned = { 'content-type': 'application/x-www-form-urlencoded' };
    const guarded = await app.inject({
      method: 'POST',
      url: '/hook',
      headers: unsigned,
      payload: 'Body=hi',
    });
    expect(guarded.statusCode).toBe(403);
    expect(guarded.json().code).toBe('MISSING_SIGNATURE');
  });

  it('gives handlers the parsed form with every value of a repeated name', async () => {
    const app = await buildApp();
    const form = signedForm(`${INJECT_ORIGIN}/hook`, params);
    const response = await app.inject({ method: 'POST', url: '/hook', ...form });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ from: params.From, body: params });
  });

  it('keeps the app body limit on routes it does not guard', async () => {
    const app = await buildApp({ bodyLimit: 512 });
    const large = { ...params, Body: 'x'.repeat(4096) };
    const form = signedForm(`${INJECT_ORIGIN}/hook`, large);

    const open = await app.inject({ method: 'POST', url: '/open', ...form });
    expect(open.statusCode).toBe(200);
    expect(open.json().body.Body).toBe(large.Body);

    const guarded = await app.inject({ method: 'POST', url: '/hook', ...form });
    expect(guarded.statusCode).toBe(413);
    expect(guarded.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(guarded.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('counts a body over the limit against the rate limit', async () => {
    const app = await buildApp({ bodyLimit: 512, rateLimit: { max: 1 } });
    const large = signedForm(`${INJECT_ORIGIN}/hook`, { ...params, Body: 'x'.repeat(4096) });
    const first = await app.inject({ method: 'POST', url: '/hook', ...large });
    expect(first.statusCode).toBe(413);

    const valid = signedForm(`${INJECT_ORIGIN}/hook`, params);
    const second = await app.inject({ method: 'POST', url: '/hook', ...valid });
    expect(second.statusCode).toBe(429);
    expect(second.json().code).toBe('RATE_LIMITED');
  });

  it("keeps a guarded route's own bodyLimit", async () => {
    const app = await buildApp({ bodyLimit: 512 });
    app.post('/roomy', { preHandler: app.twilioGuard, bodyLimit: 8192 }, async () => 'ok');
    const large = { ...params, Body: 'x'.repeat(4096) };
    const form = signedForm(`${INJECT_ORIGIN}/roomy`, large);
    const response = await app.inject({ method: 'POST', url: '/roomy', ...form });
    expect(response.statusCode, response.body).toBe(200);
  });

  it("passes other parse errors to the route's own error handler", async () => {
    const app = await buildApp();
    app.post(
      '/strict',
      {
        preHandler: app.twilioGuard,
        errorHandler: (error, _request, reply) => reply.code(422).send({ seen: error.code }),
      },
      async () => 'ok',
    );
    const response = await app.inject({
      method: 'POST',
      url: '/strict',
      headers: { 'content-type': 'application/json' },
      payload: '{"unterminated":',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ seen: 'FST_ERR_CTP_INVALID_JSON_BODY' });
  });

  it('keeps JSON protections on the routes it does not guard', async () => {
    const app = await buildApp();
    const response = await app.inject({
      method: 'POST',
      url: '/open',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"admin":true}}',
    });
    expect(response.statusCode).toBe(400);
  });

  it('shares a guard given to two apps, and leaves it open when an app closes', async () => {
    const store = new MemoryStore();
    const guard = createTwilioGuard({ authToken: AUTH_TOKEN, store });
    const first = await buildApp(guard);
    const second = await buildApp(guard);
    const form = signedForm(`${INJECT_ORIGIN}/hook`, params);

    expect((await first.inject({ method: 'POST', url: '/hook', ...form })).statusCode).toBe(200);
    await first.close();
    const replayed = await second.inject({ method: 'POST', url: '/hook', ...form });
    expect(replayed.statusCode).toBe(409);
    expect(replayed.json().code).toBe('REPLAY_DETECTED');
    await store.close();
  });

  it('leaves a JSON parser the app added itself in place', async () => {
    const app = Fastify();
    apps.push(app);
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
      done(null, { custom: body }),
    );
    await app.register(twilioGuard, { authToken: AUTH_TOKEN });
    app.post('/open', async (request) => request.body);
    const response = await app.inject({
      method: 'POST',
      url: '/open',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":1}',
    });
    expect(response.json()).toEqual({ custom: '{"a":1}' });
  });
});
