import type { Logger as GuardLogger } from '@twilio-guard/core';

export type Logger = GuardLogger;
export type LogLevel = keyof Logger;

export interface JsonLoggerOptions {
  /**
   * Receives each line, newline included.
   * @default writes to standard output
   */
  write?: (line: string) => void;
  /**
   * The quietest level written.
   * @default 'info'
   */
  level?: LogLevel;
  /** Fields added to every line, e.g. the framework name. */
  base?: Record<string, unknown>;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Any field whose name mentions a token or a secret is replaced before it is written. */
const SECRET_NAME = /token|secret|password|authorization/i;

/**
 * A logger that writes one JSON object per line (`time`, `level`, `msg`, then the details), the
 * shape log shippers and `pino-pretty` read. Errors become their name, code and message.
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const threshold = RANK[options.level ?? 'info'];

  const at =
    (level: LogLevel) =>
    (details: Record<string, unknown>, message: string): void => {
      if (RANK[level] < threshold) return;
      const entry = {
        time: new Date().toISOString(),
        level,
        msg: message,
        ...options.base,
        ...details,
      };
      write(`${JSON.stringify(entry, redact)}\n`);
    };

  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function redact(key: string, value: unknown): unknown {
  if (key !== '' && SECRET_NAME.test(key)) return '[redacted]';
  if (value instanceof Error) return describeError(value);
  return value;
}

function describeError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }) };
}
