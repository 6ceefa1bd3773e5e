import { type Demo, EMPTY_TWIML, ROUTES, TWIML_CONTENT_TYPE } from '@twilio-guard/demo-bot';
import { twilioGuard } from '@twilio-guard/express';
import express, { type Express } from 'express';

/** The demo's routes on Express: the guarded webhook, health and the orders the bot placed. */
export function createApp(demo: Demo): Express {
  const app = express();
  app.disable('x-powered-by');
  // The guard rebuilds the URL Twilio signed from what Express resolves, proxy headers included.
  // One proxy in front: trust its hop only, so a client cannot choose its rate-limit key.
  app.set('trust proxy', demo.config.trustProxy ? 1 : false);

  app.post(ROUTES.webhook, twilioGuard(demo.guard), (req, res) => {
    // Answer first: Twilio waits at most 15 seconds, and the bot's work may take longer.
    res.set('Content-Type', TWIML_CONTENT_TYPE).send(EMPTY_TWIML);
    if (req.twilio) demo.receive(req.twilio);
  });

  app.get(ROUTES.health, (_req, res) => {
    res.json(demo.health());
  });

  app.get(ROUTES.orders, async (_req, res) => {
    res.json(await demo.orders());
  });

  return app;
}
