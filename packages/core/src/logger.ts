import type { LogFn, Logger } from './types.js';

const silent = () => {};

/**
 * Completes a partial logger; missing levels are silent, so the library never prints by itself.
 * A level that throws is ignored: a broken logger must not turn a verdict into a crash.
 */
export function createLogger(logger: Partial<Logger> | undefined): Logger {
  return {
    debug: level(logger, 'debug'),
    info: level(logger, 'info'),
    warn: level(logger, 'warn'),
    error: level(logger, 'error'),
  };
}

function level(logger: Partial<Logger> | undefined, name: keyof Logger): LogFn {
  const log = logger?.[name];
  if (typeof log !== 'function') return silent;
  return (details, message) => {
    try {
      log.call(logger, details, message);
    } catch {
      // Nothing is left to report a logging failure to.
    }
  };
}
