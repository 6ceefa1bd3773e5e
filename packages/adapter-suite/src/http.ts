import { type Agent, type IncomingHttpHeaders, request } from 'node:http';
import type { SuiteRequest } from './requests.js';

export interface SuiteResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface SendOptions {
  /** Sends the body in chunks with no `Content-Length`, so only counting bytes can limit it. */
  chunked?: boolean;
  /** Sends through this agent, keeping the connection open, instead of a fresh connection. */
  agent?: Agent;
}

/**
 * Posts `suiteRequest` over loopback, on a fresh connection unless an agent is given. Headers
 * go out as a raw list, because `fetch` merges a repeated name into one header and the suite
 * needs to send it twice.
 */
export function send(
  origin: string,
  suiteRequest: SuiteRequest,
  options: SendOptions = {},
): Promise<SuiteResponse> {
  const { hostname, port, host } = new URL(origin);
  const body = Buffer.from(suiteRequest.body, 'utf8');
  const framing: Array<[string, string]> = options.chunked
    ? [['Transfer-Encoding', 'chunked']]
    : [['Content-Length', String(body.byteLength)]];
  // Node adds no Host or Connection header of its own when headers are given as a list.
  const connection = options.agent ? 'keep-alive' : 'close';
  const headers = [['Host', host], ['Connection', connection], ...framing, ...suiteRequest.headers];

  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        hostname,
        port,
        method: 'POST',
        path: suiteRequest.path,
        headers: headers.flat(),
        agent: options.agent ?? false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);

    // Two writes, the second a turn later, so the app sees the body arrive in parts.
    const half = Math.ceil(body.byteLength / 2);
    outgoing.write(body.subarray(0, half));
    setImmediate(() => outgoing.end(body.subarray(half)));
  });
}
