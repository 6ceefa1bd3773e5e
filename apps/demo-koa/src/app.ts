import Router from '@koa/router';
import { type Demo, EMPTY_TWIML, ROUTES, TWIML_CONTENT_TYPE } from '@twilio-guard/demo-bot';
import { type TwilioGuardState, twilioGuard } from '@twilio-guard/koa';
import Koa from 'koa';

/** The demo's routes on Koa: the guarded webhook, health and the orders the bot placed. */
export function createApp(demo: Demo): Koa {
  const app = new Koa();
  // The guard rebuilds the URL Twilio signed from what Koa resolves, proxy headers included.
  app.proxy = demo.config.trustProxy;
  // One proxy in front: its X-Forwarded-For entry is the client; earlier ones the client wrote.
  app.maxIpsCount = 1;

  const router = new Router<TwilioGuardState>();
  router.post(ROUTES.webhook, twilioGuard(demo.guard), (ctx) => {
    ctx.type = TWIML_CONTENT_TYPE;
    ctx.body = EMPTY_TWIML;
    // The bot's work starts after Koa writes this response: Twilio waits at most 15 seconds.
    demo.receive(ctx.state.twilio);
  });
  router.get(ROUTES.health, (ctx) => {
    ctx.body = demo.health();
  });
  router.get(ROUTES.orders, async (ctx) => {
    ctx.body = await demo.orders();
  });

  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
