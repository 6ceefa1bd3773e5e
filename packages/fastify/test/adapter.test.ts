import formbody from '@fastify/formbody';
import { runAdapterSuite, type StartServer } from '@twilio-guard/adapter-suite';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import qs from 'qs';
import { twilioGuard } from '../src/index.js';

/** A form parser that nests bracketed and dotted names, as `qs` with `allowDots` does. */
async function nestedFormParser(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, qs.parse(body as string, { allowDots: true })),
  );
}

const startServer: StartServer = async (options) => {
  const app = Fastify({ trustProxy: options.trustProxy });
  if (options.parser === 'flat') await app.register(formbody);
  if (options.parser === 'nested') await nestedFormParser(app);
  await app.register(twilioGuard, options.guard);

  const handler = async (request: FastifyRequest) => {
    if (request.twilio) options.onHandled(request.twilio);
    return request.twilio;
  };
  app.post('/webhook', { preHandler: app.twilioGuard }, handler);
  app.post('/webhook/*', { preHandler: app.twilioGuard }, handler);

  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return { origin, close: () => app.close() };
};

runAdapterSuite('fastify', startServer);
