import { randomBytes } from 'node:crypto';
import { EMPTY_TWIML, maskPhone } from '@twilio-guard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../demo.js';
import { type DemoProcess, startDemoProcess } from './demo-process.js';
import { eventually } from './free-port.js';
import { logLines, ordersOf } from './inspect-demo.js';
import { type SignedMessage, signedWhatsappMessage } from './signed-message.js';

/**
 * One built demo with the memory store: a signed message gets empty TwiML at once and becomes an
 * order; its replay gets 409, a forgery 403; each verdict is logged; SIGTERM exits 0.
 */
export function describeOneInstance(framework: string, built: () => string): void {
  describe(`${framework} demo, one instance with the memory store`, () => {
    const token = randomBytes(16).toString('hex');
    let demo: DemoProcess;
    let placed: SignedMessage;
    const webhook = () => `${demo.origin}${ROUTES.webhook}`;

    beforeAll(async () => {
      demo = await startDemoProcess({ main: built(), env: { TWILIO_AUTH_TOKEN: token } });
      placed = signedWhatsappMessage({
        url: webhook(),
        authToken: token,
        body: 'order 2 margherita',
      });
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
}
