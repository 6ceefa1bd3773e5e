import { randomBytes } from 'node:crypto';
import {
  TwilioGuardError,
  type TwilioGuardOptions,
  twilioGuardOptionsFromEnv,
} from '@twilio-guard/core';

type Env = Readonly<Record<string, string | undefined>>;

/** Everything the demos read from the environment, read once and checked at start-up. */
export interface DemoConfig {
  /** `NODE_ENV` is `production`. */
  production: boolean;
  /** `PORT`; 0 picks a free port. */
  port: number;
  /** Guard options from core's `twilioGuardOptionsFromEnv`, always with a token. */
  guard: TwilioGuardOptions;
  /** The token generated because none was set; never set in production. */
  generatedToken: string | undefined;
  /** `WEBHOOK_URL`: the public URL Twilio calls, when it differs from what the app sees. */
  webhookUrl: string | undefined;
  /** `REDIS_URL`: share replay and rate-limit state through Redis instead of memory. */
  redisUrl: string | undefined;
  /** `TWILIO_ACCOUNT_SID` with the first configured token: replies go out through Twilio. */
  twilioCredentials: { accountSid: string; authToken: string } | undefined;
  /** `TRUST_PROXY`: take the client address and scheme from `X-Forwarded-*` headers. */
  trustProxy: boolean;
}

/**
 * Reads the demo's configuration. Without `TWILIO_AUTH_TOKEN`, a random development token is made
 * outside production; in production a missing token is a `CONFIG_ERROR`, because a guard without
 * a token would refuse every webhook.
 */
export function loadDemoConfig(env: Env = process.env): DemoConfig {
  const production = env.NODE_ENV === 'production';
  const guard = twilioGuardOptionsFromEnv(env);
  const configured = configuredTokens(guard);

  let generatedToken: string | undefined;
  if (configured.length === 0) {
    if (production) {
      throw new TwilioGuardError(
        'CONFIG_ERROR',
        'TWILIO_AUTH_TOKEN is not set. In production the demo needs the auth token of the ' +
          'Twilio account that sends the webhooks (Twilio Console, Account Info).',
      );
    }
    generatedToken = randomBytes(16).toString('hex');
    guard.authToken = generatedToken;
  }

  const accountSid = env.TWILIO_ACCOUNT_SID?.trim() || undefined;
  const [firstToken] = configured;

  return {
    production,
    port: portFrom(env.PORT),
    guard,
    generatedToken,
    webhookUrl: typeof guard.webhookUrl === 'string' ? guard.webhookUrl : undefined,
    redisUrl: env.REDIS_URL?.trim() || undefined,
    twilioCredentials: accountSid && firstToken ? { accountSid, authToken: firstToken } : undefined,
    trustProxy: booleanFrom('TRUST_PROXY', env.TRUST_PROXY),
  };
}

function configuredTokens(options: TwilioGuardOptions): readonly string[] {
  const { authToken } = options;
  if (typeof authToken === 'string') return [authToken];
  return Array.isArray(authToken) ? authToken : [];
}

function portFrom(raw: string | undefined): number {
  const text = raw?.trim();
  if (!text) return 3000;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new TwilioGuardError('CONFIG_ERROR', `PORT must be a port number, got "${text}".`);
  }
  return port;
}

function booleanFrom(name: string, raw: string | undefined): boolean {
  const text = raw?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') return true;
  throw new TwilioGuardError('CONFIG_ERROR', `${name} must be true or false, got "${raw}".`);
}
