import { describe, expect, it } from 'vitest';
import { startupBanner } from './banner.js';
import { loadDemoConfig } from './config.js';

describe('startupBanner', () => {
  it('prints the URL, the store and a ready command with the generated token', () => {
    const config = loadDemoConfig({});
    const banner = startupBanner({ framework: 'Express', config, port: 3000, store: 'memory' });

    expect(banner).toContain('listening on http://localhost:3000');
    expect(banner).toContain('POST http://localhost:3000/api/v1/whatsapp/webhook');
    expect(banner).toContain('store    memory');
    expect(banner).toContain('pnpm simulate "order 2 margherita"');
    expect(banner).toContain(
      `TWILIO_AUTH_TOKEN=${config.generatedToken} node packages/cli/dist/bin.js send`,
    );
  });

  it('never prints a token from the environment', () => {
    for (const NODE_ENV of ['development', 'production']) {
      const config = loadDemoConfig({ NODE_ENV, TWILIO_AUTH_TOKEN: 'a1b2c3d4e5' });
      const banner = startupBanner({ framework: 'Koa', config, port: 8080, store: 'memory' });

      expect(banner).toContain('listening on http://localhost:8080');
      expect(banner).not.toContain('a1b2c3d4e5');
    }
  });

  it('shows WEBHOOK_URL as the webhook, since that is the URL Twilio signs', () => {
    const config = loadDemoConfig({
      WEBHOOK_URL: 'https://bot.example.com/api/v1/whatsapp/webhook',
    });
    const banner = startupBanner({ framework: 'Hono', config, port: 3000, store: 'memory' });

    expect(banner).toContain('POST https://bot.example.com/api/v1/whatsapp/webhook');
  });
});
