import { randomBytes } from 'node:crypto';
import { EMPTY_TWIML, maskPhone } from '@twilio-guard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../demo.js';
import { type DemoProcess, runDemoProcess, startDemoProcess } from './demo-process.js';
import { ensureBuilt } from './ensure-built.js';
import { eventually } from './free-port.js';
import { logLines, ordersOf } from './inspect-demo.js';
import { type TestRedis, testRedis } from './redis-server.js';
import { signedWhatsappMessage } from './signed-message.js';

export interface DemoSmokeSuiteOptions {
  /** The app's folder, holding `package.json` and, once built, `dist/main.js`. */
  appDir: string;
  /** The framework's name, for test titles. */
  framework: string;
}

/** Building a cold workspace (core, demo-bot, the adapter, the app) can take a while. */
const BUILD_TIMEOUT_MS = 240_000;

/**
 * The smoke test every demo app passes: the BUILT app runs as its own process, and a WhatsApp
 * message signed by the official `twilio` package goes through all three checks, gets empty TwiML
 * at once and becomes an order; a replay gets 409, a forgery 403, SIGTERM exits 0. Then two
 * instances share replay state through Redis, and production refuses to start without a token.
 */
export function describeDemoSmoke({ appDir, framework }: DemoSmokeSuiteOptions): void {
  let main = '';
  beforeAll(async () => {
    main = await ensureBuilt(appDir);
  }, BUILD_TIMEOUT_MS);

  describe(`${framework} demo, one instance with the memory store`, () => {
    const token = randomBytes(16).toString('hex');
    let demo: DemoProcess;
    const webhook = () => `${demo.origin}${ROUTES.webhook}`;
    const order = () =>
      signedWhatsappMessage({ url: webhook(), authToken: token, body: 'order 2 margherita' });
    let placed: ReturnType<typeof order>;

    beforeAll(async () => {
      demo = await startDemoProcess({ main, env: { TWILIO_AUTH_TOKEN: token } });
      placed = order();
    });
    afterAll(async () => {
      await demo?.stop('SIGKILL');
    });

    it('answers a signed WhatsApp message with empty TwiML', async () => {
      const response = await placed.send();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(await response.text()).toBe(EMPTY_TWIML);
    });

    it('places the order after answering, as GET /orders shows', async () => {
      const confirmed = await eventually(async () => {
        const orders = await ordersOf(demo.origin);
        return orders.find((o) => o.messageSid === placed.messageSid && o.status === 'confirmed');
      }, `order ${placed.messageSid} to be confirmed`);

      expect(confirmed).toMatchObject({ itemId: 'margherita', quantity: 2 });
      expect(confirmed.customer).toBe(maskPhone(placed.from));
    });

    it('refuses the same request again with 409, without a second order', async () => {
      const replay = await placed.send();

      expect(replay.status).toBe(409);
      expect(await replay.json()).toMatchObject({ code: 'REPLAY_DETECTED' });
      const orders = await ordersOf(demo.origin);
      expect(orders.filter((o) => o.messageSid === placed.messageSid)).toHaveLength(1);
    });

    it('refuses a request signed with another token with 403', async () => {
      const forged = signedWhatsappMessage({
        url: webhook(),
        authToken: randomBytes(16).toString('hex'),
        body: 'order 20 diavola',
      });
      const response = await forged.send();

      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'INVALID_SIGNATURE' });
    });

    it('logs one line per verdict, the sender masked and the token nowhere', () => {
      const verdicts = logLines(demo.stdout()).filter((line) =>
        String(line.event).startsWith('webhook.'),
      );

      expect(verdicts.map((line) => line.code ?? line.event)).toEqual([
        'webhook.accepted',
        'REPLAY_DETECTED',
        'INVALID_SIGNATURE',
      ]);
      expect(verdicts[0]).toMatchObject({
        messageSid: placed.messageSid,
        from: maskPhone(placed.from),
      });
      const output = demo.stdout() + demo.stderr();
      expect(output).not.toContain(token);
      expect(output).not.toContain(placed.from);
    });

    it('stops on SIGTERM and exits 0', async () => {
      expect(await demo.stop('SIGTERM')).toBe(0);
      expect(logLines(demo.stdout()).at(-1)).toMatchObject({
        event: 'demo.stopped',
        drained: true,
      });
    });
  });

  describe(`${framework} demo, two instances sharing Redis`, () => {
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
      instances = await Promise.all([
        startDemoProcess({ main, env }),
        startDemoProcess({ main, env }),
      ]);
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

  describe(`${framework} demo in production`, () => {
    it('refuses to start without TWILIO_AUTH_TOKEN, and says why', async () => {
      const result = await runDemoProcess({ main, env: { NODE_ENV: 'production' } });

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/TWILIO_AUTH_TOKEN is not set/);
    });

    it('starts with a token and never prints it', async () => {
      const token = randomBytes(16).toString('hex');
      const demo = await startDemoProcess({
        main,
        env: { NODE_ENV: 'production', TWILIO_AUTH_TOKEN: token },
      });
      const forged = signedWhatsappMessage({
        url: `${demo.origin}${ROUTES.webhook}`,
        authToken: 'not-the-token',
        body: 'menu',
      });
      expect((await forged.send()).status).toBe(403);

      expect(await demo.stop('SIGTERM')).toBe(0);
      expect(demo.stdout()).toContain('listening on');
      expect(demo.stdout() + demo.stderr()).not.toContain(token);
    });
  });
}
