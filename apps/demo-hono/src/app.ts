import { type Demo, EMPTY_TWIML, ROUTES, TWIML_CONTENT_TYPE } from '@twilio-guard/demo-bot';
import { type TwilioGuardEnv, twilioGuard } from '@twilio-guard/hono';
import { Hono } from 'hono';

/** The demo's routes on Hono: the guarded webhook, health and the orders the bot placed. */
export function createApp(demo: Demo): Hono<TwilioGuardEnv> {
  const app = new Hono<TwilioGuardEnv>();
  // Hono has no app-wide proxy setting; the adapter takes it, to rebuild the URL Twilio signed.
  const guard = twilioGuard(demo.guard, { trustProxy: demo.config.trustProxy });

  app.post(ROUTES.webhook, guard, (c) => {
    // The bot's work starts after this response is written: Twilio waits at most 15 seconds.
    demo.receive(c.get('twilio'));
    return c.body(EMPTY_TWIML, 200, { 'Content-Type': TWIML_CONTENT_TYPE });
  });

  app.get(ROUTES.health, (c) => c.json(demo.health()));

  app.get(ROUTES.orders, async (c) => c.json(await demo.orders()));

  return app;
}
