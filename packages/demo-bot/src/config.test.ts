import { isTwilioGuardError } from '@twilio-guard/core';
import { describe, expect, it } from 'vitest';
import { loadDemoConfig } from './config.js';

function configError(env: Record<string, string>): string {
  try {
    loadDemoConfig(env);
  } catch (error) {
    if (isTwilioGuardError(error) && error.code === 'CONFIG_ERROR') return error.message;
    throw error;
  }
  throw new Error('expected a CONFIG_ERROR');
}

describe('loadDemoConfig', () => {
  it('generates a fresh development token when none is set outside production', () => {
    const first = loadDemoConfig({});
    const second = loadDemoConfig({});

    expect(first.generatedToken).toMatch(/^[0-9a-f]{32}$/);
    expect(first.guard.authToken).toBe(first.generatedToken);
    expect(second.generatedToken).not.toBe(first.generatedToken);
  });

  it('refuses to run in production without a token', () => {
    expect(configError({ NODE_ENV: 'production' })).toMatch(/TWILIO_AUTH_TOKEN is not set/);
  });

  it('uses the configured tokens and generates none', () => {
    const config = loadDemoConfig({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'one, two' });

    expect(config.generatedToken).toBeUndefined();
    expect(config.guard.authToken).toEqual(['one', 'two']);
  });

  it('passes the guard variables through core', () => {
    const config = loadDemoConfig({
      TWILIO_AUTH_TOKEN: 'secret',
      WEBHOOK_URL: 'https://bot.example.com/api/v1/whatsapp/webhook',
      TWILIO_NONCE_WINDOW_MS: '60000',
      TWILIO_CLOCK_SKEW_MS: '5000',
      RATE_LIMIT_MAX: '5',
      RATE_LIMIT_WINDOW_MS: '1000',
    });

    expect(config.webhookUrl).toBe('https://bot.example.com/api/v1/whatsapp/webhook');
    expect(config.guard.replay).toEqual({ windowMs: 60_000, maxClockSkewMs: 5000 });
    expect(config.guard.rateLimit).toEqual({ max: 5, windowMs: 1000 });
    expect(() => loadDemoConfig({ RATE_LIMIT_MAX: 'lots' })).toThrow(/RATE_LIMIT_MAX/);
  });

  it('reads the port, 3000 by default, and refuses one that is not a port', () => {
    expect(loadDemoConfig({}).port).toBe(3000);
    expect(loadDemoConfig({ PORT: '8080' }).port).toBe(8080);
    expect(configError({ PORT: '70000' })).toMatch(/PORT/);
    expect(configError({ PORT: 'http' })).toMatch(/PORT/);
  });

  it('uses Redis only when REDIS_URL is set', () => {
    expect(loadDemoConfig({}).redisUrl).toBeUndefined();
    expect(loadDemoConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
  });

  it('sends through Twilio only with an account SID and a token of its own', () => {
    const sid = 'AC0123456789abcdef0123456789abcdef';
    expect(loadDemoConfig({ TWILIO_ACCOUNT_SID: sid }).twilioCredentials).toBeUndefined();
    expect(
      loadDemoConfig({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'new,old' }).twilioCredentials,
    ).toEqual({ accountSid: sid, authToken: 'new' });
  });

  it('reads TRUST_PROXY as a yes or no', () => {
    expect(loadDemoConfig({}).trustProxy).toBe(false);
    expect(loadDemoConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(configError({ TRUST_PROXY: 'maybe' })).toMatch(/TRUST_PROXY/);
  });
});
