import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface Listening {
  origin: string;
  close(): Promise<void>;
}

/** Serves `app` on a free loopback port. */
export async function listen(app: Express): Promise<Listening> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
