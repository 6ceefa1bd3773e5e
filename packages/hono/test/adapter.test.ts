import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { runAdapterSuite, type StartServer } from '@twilio-guard/adapter-suite';
import { Hono } from 'hono';
import { type TwilioGuardEnv, twilioGuard } from '../src/index.js';

const startServer: StartServer = async (options) => {
  const app = new Hono<TwilioGuardEnv>();
  if (options.parser !== 'none') {
    // Hono has no body-parser middleware; this is the closest: the body is parsed and cached
    // before the guard runs, flat (last value wins) or with `.` names nested.
    const nested = options.parser === 'nested';
    app.use('/webhook/*', async (c, next) => {
      await c.req.parseBody({ all: nested, dot: nested });
      await next();
    });
  }

  const guard = twilioGuard(options.guard, { trustProxy: options.trustProxy });
  app.post('/webhook/*', guard, (c) => {
    const context = c.get('twilio');
    options.onHandled(context);
    return c.json(context);
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

runAdapterSuite('hono', startServer);
