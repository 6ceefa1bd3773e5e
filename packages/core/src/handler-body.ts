import type { TwilioRequestContext } from './types.js';

/**
 * The body a route handler expects after the guard has read the stream in place of a body
 * parser: the signed form parameters, or a JSON webhook's parsed body (`undefined` when its bytes
 * are not JSON). Adapters hand it on as the framework's parsed body.
 */
export function bodyForHandler(context: TwilioRequestContext): unknown {
  if (context.rawBody === undefined) return context.params;
  try {
    return JSON.parse(context.rawBody);
  } catch {
    return undefined;
  }
}
