/** The parts of `@hono/node-server`'s `IncomingMessage` binding the adapter reads. */
interface NodeIncoming {
  url?: unknown;
  httpVersionMajor?: unknown;
}

/** The `IncomingMessage` when the app runs on `@hono/node-server`, which binds it as `c.env`. */
export function nodeIncoming(env: unknown): NodeIncoming | undefined {
  const incoming = (env as { incoming?: unknown } | undefined)?.incoming;
  return typeof incoming === 'object' && incoming !== null ? incoming : undefined;
}
