import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { createTwilioGuard, type GuardBody, TwilioGuardError } from '@twilio-guard/core';
import type { HarnessOptions, StartServer } from '../src/index.js';

/**
 * The smallest adapter that passes the suite: plain `node:http`, no framework. It proves the
 * suite can be passed and shows each thing an adapter resolves.
 */
export const startNodeHttpApp: StartServer = async (options) => {
  const guard = createTwilioGuard(options.guard);

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/webhook')) {
      res.writeHead(404).end();
      return;
    }

    const verdict = await guard.check({
      method: req.method,
      url: `${scheme(req, options)}://${host(req, options)}${req.url}`,
      headers: req.headers,
      ip: req.socket.remoteAddress,
      body: () => readBody(req, guard.bodyLimit, options.parser),
    });

    if (verdict.action === 'respond') {
      res.writeHead(verdict.response.status, verdict.response.headers);
      res.end(verdict.response.body);
      return;
    }
    options.onHandled(verdict.context);
    res.writeHead(200, { ...verdict.headers, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(verdict.context));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await guard.close();
    },
  };
};

function scheme(req: IncomingMessage, options: HarnessOptions): string {
  const forwarded = req.headers['x-forwarded-proto'];
  return options.trustProxy && typeof forwarded === 'string' ? forwarded : 'http';
}

function host(req: IncomingMessage, options: HarnessOptions): string {
  const forwarded = req.headers['x-forwarded-host'];
  return options.trustProxy && typeof forwarded === 'string' ? forwarded : (req.headers.host ?? '');
}

async function readBody(
  req: IncomingMessage,
  limit: number,
  parser: HarnessOptions['parser'],
): Promise<GuardBody> {
  const raw = await readRaw(req, limit);
  if (parser === 'none' || !req.headers['content-type']?.includes('form')) return { raw };
  const flat = parseQuery(raw.toString('utf8'));
  return { parsed: parser === 'flat' ? flat : nestBrackets(flat) };
}

/**
 * Collects the body up to `limit`. Past it, the rest is still read and dropped: destroying the
 * request would reset a kept-alive connection under a client that is still writing.
 */
function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
      else reject(new TwilioGuardError('PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes.`));
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What a qs-style parser does to `a[b]=1&c[]=2`: `{ a: { b: '1' }, c: ['2'] }`. */
function nestBrackets(flat: Record<string, unknown>): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const match = /^([^[]+)\[([^\]]*)\]$/.exec(name);
    if (!match?.[1]) nested[name] = value;
    else if (match[2] === '') nested[match[1]] = [value].flat();
    else nested[match[1]] = { ...(nested[match[1]] as object), [match[2] ?? '']: value };
  }
  return nested;
}
