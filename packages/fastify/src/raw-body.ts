import { parseFormBody } from '@twilio-guard/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/**
 * The exact body bytes of each request our parsers read. The guard verifies
 * from these while handlers get the parsed body. Module-wide, so a second
 * registration in another scope shares it.
 */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request);
}

/**
 * Adds a form parser (Fastify has none and answers form posts with 415) and
 * replaces the default JSON parser with one that parses the same way but keeps
 * the bytes. Limits stay the app's: a guarded route gets the guard's limit as
 * its own. A parser the app registered before us is left in place, and the
 * guard then verifies from what that parser produced.
 */
export function addRawBodyParsers(app: FastifyInstance): void {
  if (!app.hasContentTypeParser(FORM)) {
    app.addContentTypeParser(FORM, { parseAs: 'buffer' }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      try {
        // Flat, with every value of a repeated name: what Twilio signed.
        done(null, parseFormBody(body.toString('utf8')));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  }

  const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = app.initialConfig;
  const parseJson = app.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);
  try {
    app.addContentTypeParser(JSON_TYPE, { parseAs: 'buffer' }, (request, body, done) => {
      rawBodies.set(request, body as Buffer);
      parseJson(request, body.toString('utf8'), done);
    });
  } catch (error) {
    // Fastify lets the default JSON parser be replaced, but not one the app
    // added itself.
    if ((error as { code?: string }).code !== 'FST_ERR_CTP_ALREADY_PRESENT') throw error;
  }
}
