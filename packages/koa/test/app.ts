import type { AddressInfo } from 'node:net';
import { bodyParser as nestedBodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { HarnessOptions, StartedServer } from '@twilio-guard/adapter-suite';
import Koa from 'koa';
import flatBodyParser from 'koa-bodyparser';
import { type TwilioGuardState, twilioGuard } from '../src/index.js';

/**
 * `koa-bodyparser` with qs told not to nest: no dotted or bracketed paths, and
 * repeated names stay lists however many values they carry. The types do not
 * list `queryString`, which the parser passes through to co-body.
 */
const flatParser = () =>
  flatBodyParser({
    queryString: { allowDots: false, depth: 0, arrayLimit: 1000 },
  } as Parameters<typeof flatBodyParser>[0]);

/**
 * The parser each harness setting stands for; both keep the raw body on
 * `ctx.request`.
 */
const PARSERS = {
  none: undefined,
  flat: flatParser,
  // `@koa/bodyparser` as most apps mount it: qs with dotted and bracketed names
  // nested.
  nested: () => nestedBodyParser(),
} as const;

/**
 * A Koa app with the guard on `POST /webhook`, built the way the README shows.
 */
export function createApp(options: HarnessOptions): Koa {
  const app = new Koa();
  app.proxy = options.trustProxy;

  const parser = PARSERS[options.parser];
  if (parser) app.use(parser());

  const router = new Router<TwilioGuardState>();
  router.post(['/webhook', '/webhook/'], twilioGuard(options.guard), (ctx) => {
    options.onHandled(ctx.state.twilio);
    ctx.body = ctx.state.twilio;
  });
  app.use(router.routes());
  return app;
}

/** Listens on a free loopback port. */
export async function startKoa(app: Koa): Promise<StartedServer> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
