import { TwilioGuardError } from './errors.js';
import type { TwilioGuardOptions } from './options.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Guard options from environment variables: `TWILIO_AUTH_TOKEN` (comma-separated for rotation),
 * `WEBHOOK_URL`, `TWILIO_CLOCK_SKEW_MS`, `TWILIO_NONCE_WINDOW_MS`, `RATE_LIMIT_MAX`,
 * `RATE_LIMIT_WINDOW_MS`. A bad value throws a `CONFIG_ERROR` naming the variable, so a
 * misconfigured process stops at start-up rather than refusing every webhook.
 */
export function twilioGuardOptionsFromEnv(env: Env = process.env): TwilioGuardOptions {
  const options: TwilioGuardOptions = {};

  const tokens = (env.TWILIO_AUTH_TOKEN ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  if (tokens.length > 0) options.authToken = tokens;

  const webhookUrl = env.WEBHOOK_URL?.trim();
  if (webhookUrl) {
    if (!URL.canParse(webhookUrl)) throw badVariable('WEBHOOK_URL', 'an absolute URL', webhookUrl);
    options.webhookUrl = webhookUrl;
  }

  const windowMs = integerVariable(env, 'TWILIO_NONCE_WINDOW_MS', 1);
  const maxClockSkewMs = integerVariable(env, 'TWILIO_CLOCK_SKEW_MS', 0);
  if (windowMs !== undefined || maxClockSkewMs !== undefined) {
    options.replay = {};
    if (windowMs !== undefined) options.replay.windowMs = windowMs;
    if (maxClockSkewMs !== undefined) options.replay.maxClockSkewMs = maxClockSkewMs;
  }

  const max = integerVariable(env, 'RATE_LIMIT_MAX', 1);
  const rateWindowMs = integerVariable(env, 'RATE_LIMIT_WINDOW_MS', 1);
  if (max !== undefined || rateWindowMs !== undefined) {
    options.rateLimit = {};
    if (max !== undefined) options.rateLimit.max = max;
    if (rateWindowMs !== undefined) options.rateLimit.windowMs = rateWindowMs;
  }

  options.diagnostics = env.NODE_ENV !== 'production';
  return options;
}

function integerVariable(env: Env, name: string, minimum: number): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < minimum) {
    throw badVariable(name, `an integer of at least ${minimum}`, raw);
  }
  return value;
}

function badVariable(name: string, expected: string, got: string): TwilioGuardError {
  return new TwilioGuardError('CONFIG_ERROR', `${name} must be ${expected}, got "${got}".`);
}

/** Whether this process runs in production, by `NODE_ENV`. */
export function isProductionEnv(): boolean {
  return globalThis.process?.env?.NODE_ENV === 'production';
}
