import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../demo.js';
import { runDemoProcess, startDemoProcess } from './demo-process.js';
import { signedWhatsappMessage } from './signed-message.js';

/** A built demo under `NODE_ENV=production`: no token, no start; a token is never printed. */
export function describeProduction(framework: string, built: () => string): void {
  describe(`${framework} demo in production`, () => {
    it('refuses to start without TWILIO_AUTH_TOKEN, and says why', async () => {
      const result = await runDemoProcess({ main: built(), env: { NODE_ENV: 'production' } });

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/TWILIO_AUTH_TOKEN is not set/);
    });

    it('starts with a token and never prints it', async () => {
      const token = randomBytes(16).toString('hex');
      const demo = await startDemoProcess({
        main: built(),
        env: { NODE_ENV: 'production', TWILIO_AUTH_TOKEN: token },
      });
      try {
        const forged = signedWhatsappMessage({
          url: `${demo.origin}${ROUTES.webhook}`,
          authToken: 'not-the-token',
          body: 'menu',
        });
        expect((await forged.send()).status).toBe(403);
        expect(await demo.stop('SIGTERM')).toBe(0);
      } finally {
        await demo.stop('SIGKILL');
      }

      expect(demo.stdout()).toContain('listening on');
      expect(demo.stdout() + demo.stderr()).not.toContain(token);
    });
  });
}
