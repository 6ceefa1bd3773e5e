import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A started server as the demo lifecycle sees it. */
export interface RunningServer {
  /** The port it listens on (the real one when 0 was asked for). */
  port: number;
  /** Stops accepting connections and resolves once the requests in progress are answered. */
  close(): Promise<void>;
}

/** Serves a Node request listener (an Express app, `koa.callback()`, ...) on `port`. */
export async function serveHttp(listener: RequestListener, port: number): Promise<RunningServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

/**
 * Stops accepting connections, drops idle keep-alive connections (which would otherwise hold
 * `close` open until the client lets go) and waits for requests in progress.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
