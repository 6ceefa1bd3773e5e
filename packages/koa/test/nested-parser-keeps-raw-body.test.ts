import { bodyParser } from '@koa/bodyparser';
import type { TwilioParams } from '@twilio-guard/core';
import Koa from 'koa';
import koaBodyParser from 'koa-bodyparser';
import { describe, expect, it } from 'vitest';
import { type TwilioGuardState, twilioGuard } from '../src/index.js';
import { startKoa } from './app.js';
import { AUTH_TOKEN, signedForm } from './signed.js';

/**
 * Names qs rebuilds into objects and lists, which would lose what Twilio
 * signed.
 */
const params = {
  'Foo[]': ['one', 'two'],
  'Foo[bar]': 'baz',
  From: '+14155550100',
  'MessagingBinding.Address': ['+14155550150', '+13255550160'],
};

const parsers = {
  '@koa/bodyparser': () => bodyParser(),
  'koa-bodyparser': () => koaBodyParser(),
};

describe.each(Object.entries(parsers))('after %s nested the names', (_name, parser) => {
  it('verifies from the raw body the parser kept, and leaves its body alone', async () => {
    const seen: Array<{ params: TwilioParams; body: unknown }> = [];
    const app = new Koa<TwilioGuardState>();
    app.use(parser());
    app.use(twilioGuard({ authToken: AUTH_TOKEN }));
    app.use((ctx) => {
      seen.push({ params: { ...ctx.state.twilio.params }, body: ctx.request.body });
      ctx.status = 204;
    });

    const server = await startKoa(app);
    try {
      const response = await fetch(...signedForm(server.origin, params));
      expect(response.status, await response.text()).toBe(204);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.params).toEqual(params);
      // The parser's own nested object is what the app asked for; only the
      // context is flat.
      expect(seen[0]?.body).toMatchObject({ Foo: { bar: 'baz' } });
    } finally {
      await server.close();
    }
  });
});
