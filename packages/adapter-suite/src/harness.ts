import type { TwilioGuardOptions, TwilioRequestContext } from '@twilio-guard/core';

/** How the suite asks an adapter's test to set up its app. */
export interface HarnessOptions {
  /** Guard options for this scenario (token, store, rate limit, replay, webhookUrl...). */
  guard: TwilioGuardOptions;
  /**
   * Whether the framework trusts its proxy (Express `trust proxy`, Fastify `trustProxy`, Koa
   * `app.proxy`, the Hono adapter's own option), so `X-Forwarded-*` headers count.
   */
  trustProxy: boolean;
  /**
   * Which framework body parser runs before the guard: none (the adapter reads the raw body),
   * a flat form parser, or a nested (qs-style, `extended: true`) form parser. An adapter whose
   * framework has no such parser maps `nested` to the closest equivalent that nests names.
   */
  parser: 'none' | 'flat' | 'nested';
  /** Called by the route handler each time it runs, with the context the adapter attached. */
  onHandled: (context: TwilioRequestContext) => void;
}

/**
 * Starts the app on 127.0.0.1 with the guard mounted on `POST /webhook` (any path under it is
 * fine too, so `/webhook?x=1` and `/webhook/` route to it). The route handler calls
 * `onHandled(context)` and answers 200 with `application/json` body `JSON.stringify(context)`.
 */
export type StartServer = (options: HarnessOptions) => Promise<StartedServer>;

export interface StartedServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  close(): Promise<void>;
}
