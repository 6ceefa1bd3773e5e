import type { Logger } from './types.js';

const silent = () => {};

/** Completes a partial logger; missing levels are silent, so the library never prints by itself. */
export function createLogger(logger: Partial<Logger> | undefined): Logger {
  return {
    debug: logger?.debug?.bind(logger) ?? silent,
    info: logger?.info?.bind(logger) ?? silent,
    warn: logger?.warn?.bind(logger) ?? silent,
    error: logger?.error?.bind(logger) ?? silent,
  };
}
