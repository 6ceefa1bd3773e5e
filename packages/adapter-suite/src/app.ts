import {
  MemoryStore,
  type TwilioGuardOptions,
  type TwilioRequestContext,
} from '@twilio-guard/core';
import type { HarnessOptions, StartServer } from './harness.js';
import { type SendOptions, type SuiteResponse, send } from './http.js';
import {
  AUTH_TOKEN,
  type SignedFormInput,
  type SuiteRequest,
  signedFormRequest,
} from './requests.js';

/** One running app under test, as a scenario sees it. */
export interface TestApp {
  origin: string;
  /** Every context the route handler received, in order. */
  handled: TwilioRequestContext[];
  send(request: SuiteRequest, options?: SendOptions): Promise<SuiteResponse>;
  /** A form post to this app, signed by the `twilio` package. */
  signedForm(input: SignedFormInput): SuiteRequest;
}

export interface AppOptions {
  /** Merged over the defaults: the suite's token and a fresh `MemoryStore`. */
  guard?: TwilioGuardOptions;
  /** @default false */
  trustProxy?: boolean;
  /** @default 'none' */
  parser?: HarnessOptions['parser'];
}

/** Starts an app with its own guard and store, runs `scenario` against it, then closes both. */
export async function withApp(
  start: StartServer,
  options: AppOptions,
  scenario: (app: TestApp) => Promise<void>,
): Promise<void> {
  const store = new MemoryStore();
  const handled: TwilioRequestContext[] = [];
  const server = await start({
    guard: { authToken: AUTH_TOKEN, store, ...options.guard },
    trustProxy: options.trustProxy ?? false,
    parser: options.parser ?? 'none',
    onHandled: (context) => handled.push(context),
  });

  try {
    await scenario({
      origin: server.origin,
      handled,
      send: (request, sendOptions) => send(server.origin, request, sendOptions),
      signedForm: (input) => signedFormRequest(server.origin, input),
    });
  } finally {
    await server.close();
    await store.close();
  }
}
