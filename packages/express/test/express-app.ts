import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StartServer } from '@twilio-guard/adapter-suite';
import express from 'express';
import { twilioGuard } from '../src/index.js';
import { listen } from './listen.js';

interface AppVariant {
  /** Form parsers keep the bytes they read in `req.rawBody`, through their `verify` hook. */
  keepRawBody?: boolean;
}

/** Starts an Express 5 app shaped as the adapter suite's harness asks. */
export function expressApp(variant: AppVariant = {}): StartServer {
  return async (options) => {
    const app = express();
    app.set('trust proxy', options.trustProxy);

    const verify = variant.keepRawBody ? keepRawBody : undefined;
    if (options.parser !== 'none') {
      app.use(express.urlencoded({ extended: options.parser === 'nested', verify }));
    }

    app.post('/webhook', twilioGuard(options.guard), (req, res) => {
      if (!req.twilio) throw new Error('The guard let a request through without a context.');
      options.onHandled(req.twilio);
      res.json(req.twilio);
    });

    return listen(app);
  };
}

function keepRawBody(req: IncomingMessage, _res: ServerResponse, bytes: Buffer): void {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = bytes;
}
