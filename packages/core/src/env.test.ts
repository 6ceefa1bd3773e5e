import { describe, expect, it } from 'vitest';
import { twilioGuardOptionsFromEnv } from './env.js';

describe('twilioGuardOptionsFromEnv', () => {
  it('reads every variable', () => {
    const options = twilioGuardOptionsFromEnv({
      TWILIO_AUTH_TOKEN: 'primary, secondary ,',
      WEBHOOK_URL: 'https://hooks.example.com/twilio',
      TWILIO_CLOCK_SKEW_MS: '0',
      TWILIO_NONCE_WINDOW_MS: '600000',
      RATE_LIMIT_MAX: '300',
      RATE_LIMIT_WINDOW_MS: '30000',
      NODE_ENV: 'production',
    });

    expect(options).toEqual({
      authToken: ['primary', 'secondary'],
      webhookUrl: 'https://hooks.example.com/twilio',
      replay: { windowMs: 600_000, maxClockSkewMs: 0 },
      rateLimit: { max: 300, windowMs: 30_000 },
      diagnostics: false,
    });
  });

  it('leaves out what is unset or blank, so the defaults apply', () => {
    expect(twilioGuardOptionsFromEnv({ TWILIO_AUTH_TOKEN: ' ', RATE_LIMIT_MAX: '' })).toEqual({
      diagnostics: true,
    });
  });

  it.each([
    ['RATE_LIMIT_MAX', '0'],
    ['RATE_LIMIT_MAX', '1e3'],
    ['RATE_LIMIT_WINDOW_MS', '60s'],
    ['TWILIO_NONCE_WINDOW_MS', '-5'],
    ['TWILIO_CLOCK_SKEW_MS', '1.5'],
    ['WEBHOOK_URL', '/twilio/hook'],
  ])('refuses %s=%s with CONFIG_ERROR naming the variable', (name, value) => {
    expect(() => twilioGuardOptionsFromEnv({ [name]: value })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringContaining(name) }),
    );
  });

  it('never puts a token in an error message', () => {
    const token = 'abcdef0123456789abcdef0123456789';
    let message = '';
    try {
      twilioGuardOptionsFromEnv({ TWILIO_AUTH_TOKEN: token, RATE_LIMIT_MAX: 'many' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('RATE_LIMIT_MAX');
    expect(message).not.toContain(token);
  });
});
