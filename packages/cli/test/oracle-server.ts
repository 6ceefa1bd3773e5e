import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/** A request as the server received it, and whether the official `twilio` package accepts it. */
export interface ReceivedRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  params: Record<string, string | string[]>;
  valid: boolean;
}

export interface OracleServer {
  origin: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Decides the answer to a request the server has checked; by default 200 if valid, else 403. */
export type Responder = (request: ReceivedRequest, index: number) => number;

/**
 * A webhook endpoint on 127.0.0.1 that judges every request with the official `twilio` package
 * (`validateRequest` for forms, `validateRequestWithBody` for JSON), so what it accepts is what
 * Twilio's own SDK accepts.
 */
export async function startOracleServer(
  token: string,
  respond: Responder = (request) => (request.valid ? 200 : 403),
): Promise<OracleServer> {
  const received: ReceivedRequest[] = [];
  let origin = '';

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = `${origin}${req.url}`;
    const signature = String(req.headers['x-twilio-signature'] ?? '');
    const isJson = req.headers['content-type'] === 'application/json';
    const params = isJson ? {} : formParams(body);
    const valid = isJson
      ? twilio.validateRequestWithBody(token, signature, url, body)
      : twilio.validateRequest(token, signature, url, params);

    const request = { url, headers: req.headers, body, params, valid };
    received.push(request);
    const status = respond(request, received.length - 1);
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(valid ? 'accepted' : 'bad signature');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Repeated names become lists, which is how `twilio.validateRequest` expects them. */
function formParams(body: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = params[name];
    if (existing === undefined) params[name] = value;
    else params[name] = [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return params;
}
