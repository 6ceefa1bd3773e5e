import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROUTES } from '../demo.js';
import { type DemoProcess, startDemoProcess } from './demo-process.js';
import { describeWithRedis, type TestRedis, testRedis } from './redis-server.js';
import { signedWhatsappMessage } from './signed-message.js';

/** Two built demos behind one public URL share replay state through Redis. */
export function describeSharedRedis(framework: string, built: () => string): void {
  describeWithRedis(`${framework} demo, two instances sharing Redis`, () => {
    const token = randomBytes(16).toString('hex');
    // Both instances sit behind one public URL, as behind a load balancer; Twilio signs that URL.
    const publicUrl = `https://bot.example.com${ROUTES.webhook}`;
    let redis: TestRedis;
    let instances: DemoProcess[] = [];

    beforeAll(async () => {
      redis = await testRedis();
      const env = {
        TWILIO_AUTH_TOKEN: token,
        WEBHOOK_URL: publicUrl,
        REDIS_URL: redis.url,
        // A Redis shared with other test suites may hold their counts for 127.0.0.1 too.
        RATE_LIMIT_MAX: '100000',
      };
      const started = await Promise.allSettled([
        startDemoProcess({ main: built(), env }),
        startDemoProcess({ main: built(), env }),
      ]);
      // Keep whichever started, so that afterAll stops it even when the other failed.
      instances = started.flatMap((result) =>
        result.status === 'fulfilled' ? [result.value] : [],
      );
      const failure = started.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    });
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.stop('SIGKILL')));
      await redis?.stop();
    });

    it('reports the Redis store in /healthz', async () => {
      const health = await fetch(`${instances[0]?.origin}${ROUTES.health}`).then((r) => r.json());
      expect(health).toMatchObject({ status: 'ok', store: expect.stringMatching(/^redis/) });
    });

    it('accepts a message on one instance and refuses its replay on the other', async () => {
      const [first, second] = instances as [DemoProcess, DemoProcess];
      const message = signedWhatsappMessage({ url: publicUrl, authToken: token, body: 'menu' });

      expect((await message.send(`${first.origin}${ROUTES.webhook}`)).status).toBe(200);
      expect((await message.send(`${second.origin}${ROUTES.webhook}`)).status).toBe(409);
    });

    it('both stop on SIGTERM and exit 0', async () => {
      const codes = await Promise.all(instances.map((instance) => instance.stop('SIGTERM')));
      expect(codes).toEqual([0, 0]);
    });
  });
}
