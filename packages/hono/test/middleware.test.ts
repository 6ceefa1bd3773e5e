import type { TwilioRequestContext } from '@twilio-guard/core';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { twilioGuard } from '../src/index.js';
import { AUTH_TOKEN, signedForm, signedJson } from './signed.js';

const URL = 'http://localhost/webhook';
const params = {
  AccountSid: 'AC11111111111111111111111111111111',
  Body: 'Two seats, please',
  From: 'whatsapp:+14155550100',
  MessageSid: 'SM22222222222222222222222222222222',
  'MessagingBinding.Address': ['+14155550150', '+13255550160'],
};

describe('the hono middleware', () => {
  it('types c.get("twilio") on a plain Hono app and composes with its variables', async () => {
    const app = new Hono<{ Variables: { tenant: string } }>();
    app.use(async (c, next) => {
      c.set('tenant', 'acme');
      await next();
    });
    app.post('/webhook', twilioGuard({ authToken: AUTH_TOKEN }), (c) => {
      const context: TwilioRequestContext = c.get('twilio');
      const tenant: string = c.get('tenant');
      return c.json({ from: context.from, tenant });
    });

    const response = await app.request(URL, signedForm(URL, params));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ from: params.From, tenant: 'acme' });
  });

  it('leaves the body readable by the handler, through Hono or the raw request', async () => {
    const app = new Hono();
    const guard = twilioGuard({ authToken: AUTH_TOKEN, replay: false });
    app.post('/webhook', guard, async (c) => c.json(await c.req.parseBody({ all: true })));
    app.post('/raw', guard, async (c) => c.text(await c.req.raw.text()));

    const parsed = await app.request(URL, signedForm(URL, params));
    expect(parsed.status).toBe(200);
    expect(await parsed.json()).toEqual(params);

    const rawUrl = 'http://localhost/raw';
    const init = signedForm(rawUrl, params);
    const raw = await app.request(rawUrl, init);
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe(init.body);
  });

  it('verifies JSON that Hono read and cached before the guard', async () => {
    const app = new Hono();
    app.use(async (c, next) => {
      await c.req.json();
      await next();
    });
    app.post('/webhook', twilioGuard({ authToken: AUTH_TOKEN }), (c) =>
      c.text(c.get('twilio').rawBody ?? ''),
    );

    const body = '{ "b": 1,\n  "a": "Zoë" }';
    const { url, init } = signedJson(URL, body);
    const response = await app.request(url, init);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
  });

  it('says how to fix a body Hono kept only as form data', async () => {
    const app = new Hono();
    app.use(async (c, next) => {
      await c.req.formData();
      await next();
    });
    app.post('/webhook', twilioGuard({ authToken: AUTH_TOKEN }), (c) => c.text('ran'));

    const response = await app.request(URL, signedForm(URL, params));
    expect(response.status).toBe(500);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('BODY_PARSER_CONFLICT');
    expect(problem.detail).toMatch(/before the body parser/);
  });

  it('rate-limits by the address clientIp returns', async () => {
    const app = new Hono();
    const guard = twilioGuard(
      { authToken: AUTH_TOKEN, rateLimit: { max: 1 }, replay: false },
      { clientIp: (c) => c.req.header('cf-connecting-ip') },
    );
    app.post('/webhook', guard, (c) => c.text('ok'));
    const from = (ip: string) => {
      const init = signedForm(URL, params);
      return app.request(URL, { ...init, headers: { ...init.headers, 'cf-connecting-ip': ip } });
    };

    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.8')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
  });

  it('counts X-Forwarded-For only when the proxy is trusted', async () => {
    for (const trustProxy of [true, false]) {
      const app = new Hono();
      const guard = twilioGuard(
        { authToken: AUTH_TOKEN, rateLimit: { max: 1 }, replay: false },
        { trustProxy },
      );
      app.post('/webhook', guard, (c) => c.text('ok'));
      const via = (ip: string) => {
        const init = signedForm(URL, params);
        // The client wrote the first value; the trusted proxy appended the address it saw.
        const headers = { ...init.headers, 'x-forwarded-for': `10.0.0.1, ${ip}` };
        return app.request(URL, { ...init, headers });
      };

      expect((await via('203.0.113.7')).status).toBe(200);
      expect((await via('203.0.113.8')).status).toBe(trustProxy ? 200 : 429);
    }
  });

  it('keys a client by the hop its proxy appended, not by a value the client wrote', async () => {
    const app = new Hono();
    const guard = twilioGuard(
      { authToken: AUTH_TOKEN, rateLimit: { max: 1 }, replay: false },
      { trustProxy: true },
    );
    app.post('/webhook', guard, (c) => c.text('ok'));
    const spoofing = (claimed: string) => {
      const init = signedForm(URL, params);
      const headers = { ...init.headers, 'x-forwarded-for': `${claimed}, 203.0.113.7` };
      return app.request(URL, { ...init, headers });
    };

    expect((await spoofing('198.51.100.1')).status).toBe(200);
    expect((await spoofing('198.51.100.2')).status).toBe(429);
  });

  it('sends RateLimit headers on the handler response', async () => {
    const app = new Hono();
    app.post('/webhook', twilioGuard({ authToken: AUTH_TOKEN }), (c) => c.text('ok'));
    const response = await app.request(URL, signedForm(URL, params));
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit')).toMatch(/^"twilio-guard";r=59;t=\d+$/);
  });
});
