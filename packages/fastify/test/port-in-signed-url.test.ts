import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { twilioGuard } from '../src/index.js';
import { AUTH_TOKEN, signedForm } from './signed.js';

// Fastify 5's `request.hostname` drops the port while `request.host` keeps it. Twilio signs a
// non-default port when the webhook URL has one, so verifying against the hostname fails.
it('verifies a webhook URL with a non-default port', async () => {
  const app = Fastify({ trustProxy: true });
  await app.register(twilioGuard, { authToken: AUTH_TOKEN });
  app.post('/hook', { preHandler: app.twilioGuard }, async (request) => request.twilio?.url);

  const params = { From: '+14155550100', MessageSid: 'SM22222222222222222222222222222222' };
  const form = signedForm('https://hooks.example.com:8443/hook', params);
  const response = await app.inject({
    method: 'POST',
    url: '/hook',
    headers: {
      ...form.headers,
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'hooks.example.com:8443',
    },
    payload: form.payload,
  });

  expect(response.statusCode, response.body).toBe(200);
  expect(response.body).toBe('https://hooks.example.com:8443/hook');
  await app.close();
});
