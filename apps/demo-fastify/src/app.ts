import { type Demo, EMPTY_TWIML, ROUTES, TWIML_CONTENT_TYPE } from '@twilio-guard/demo-bot';
import { twilioGuard } from '@twilio-guard/fastify';
import Fastify, { type FastifyInstance } from 'fastify';

/** The demo's routes on Fastify: the guarded webhook, health and the orders the bot placed. */
export async function createApp(demo: Demo): Promise<FastifyInstance> {
  // The guard rebuilds the URL Twilio signed from what Fastify resolves, proxy headers included.
  // One proxy in front: trust its hop only, so a client cannot choose its rate-limit key.
  const app = Fastify({ trustProxy: demo.config.trustProxy ? trustOneHop : false });
  await app.register(twilioGuard, demo.guard);

  app.post(ROUTES.webhook, { preHandler: app.twilioGuard }, async (request, reply) => {
    // Answer first: Twilio waits at most 15 seconds, and the bot's work may take longer.
    reply.type(TWIML_CONTENT_TYPE).send(EMPTY_TWIML);
    if (request.twilio) demo.receive(request.twilio);
    return reply;
  });

  app.get(ROUTES.health, async () => demo.health());

  app.get(ROUTES.orders, async () => demo.orders());

  return app;
}

/** Trusts the proxy that connected to us (hop 0) and no address it forwarded. */
function trustOneHop(_address: string, hop: number): boolean {
  return hop < 1;
}
