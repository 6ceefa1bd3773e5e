import { encodeForm, type GuardRequest, maskPhone, type TwilioParams } from '@twilio-guard/core';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import fixtures from '../../../fixtures/twilio-webhooks.json' with { type: 'json' };
import { loadDemoConfig } from './config.js';
import { createDemo, ROUTES } from './demo.js';
import { createJsonLogger } from './logger.js';
import type { Messenger, OutgoingMessage } from './messenger.js';
import { openDemoStore } from './store.js';

const URL = `https://bot.example.com${ROUTES.webhook}`;
const TOKEN = 'demo-test-token-0123456789';

async function setUp() {
  const lines: Record<string, unknown>[] = [];
  const logger = createJsonLogger({ write: (line) => lines.push(JSON.parse(line)) });
  const sent: OutgoingMessage[] = [];
  const messenger: Messenger = {
    send: async (message) => {
      sent.push(message);
      return { sid: `SMreply${sent.length}` };
    },
  };
  const config = loadDemoConfig({ TWILIO_AUTH_TOKEN: TOKEN, WEBHOOK_URL: URL });
  const store = await openDemoStore(undefined, logger);
  const demo = createDemo({ config, logger, store, messenger });
  return { demo, lines, sent, close: store.close };
}

/** A form webhook as Twilio would post it to the demo, signed by the official package. */
function signedRequest(params: TwilioParams, authToken = TOKEN): GuardRequest {
  return {
    method: 'POST',
    url: URL,
    ip: '203.0.113.7',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, URL, params),
    },
    body: { raw: encodeForm(params) },
  };
}

/** A WhatsApp message shaped like the fixture, with its own text. */
function whatsappRequest(body: string, authToken = TOKEN): GuardRequest {
  const params = { ...fixtures.webhooks['whatsapp-inbound-text'].params, Body: body };
  return signedRequest(params, authToken);
}

function fixtureRequest(name: keyof typeof fixtures.webhooks): GuardRequest {
  return signedRequest(fixtures.webhooks[name].params);
}

describe('createDemo', () => {
  it('answers no status callback, call or event: only customer messages get replies', async () => {
    const { demo, lines, sent, close } = await setUp();
    const others = [
      'whatsapp-status-callback',
      'voice-gather-speech',
      'conversations-repeated-key-array',
    ] as const;

    for (const name of others) {
      const verdict = await demo.guard.check(fixtureRequest(name));
      if (verdict.action !== 'continue') throw new Error(`${name} rejected: ${verdict.code}`);
      demo.receive(verdict.context);
    }
    await demo.work.drain(5000);

    expect(sent).toEqual([]);
    expect((await demo.orders()).customers).toBe(0);
    const ignored = lines.filter((line) => line.event === 'message.ignored');
    expect(ignored.map((line) => line.reason)).toEqual([
      'status callback',
      'voice webhook',
      'webhook without From or To',
    ]);
    await close();
  });

  it('turns an accepted WhatsApp message into a confirmed order, sender masked', async () => {
    const { demo, sent, close } = await setUp();
    const from = fixtures.webhooks['whatsapp-inbound-text'].params.From;

    const verdict = await demo.guard.check(whatsappRequest('order 3 funghi'));
    if (verdict.action !== 'continue') throw new Error(`rejected: ${verdict.code}`);
    demo.receive(verdict.context);
    await demo.work.drain(5000);

    const { customers, orders } = await demo.orders();
    expect(customers).toBe(1);
    expect(orders).toEqual([
      expect.objectContaining({ itemId: 'funghi', quantity: 3, status: 'confirmed' }),
    ]);
    expect(orders[0]?.customer).toBe(maskPhone(from));
    expect(JSON.stringify(orders)).not.toContain(from);
    expect(sent[0]?.to).toBe(from);
    await close();
  });

  it('logs each verdict: accepted with the sender masked, rejected with the code', async () => {
    const { demo, lines, close } = await setUp();

    await demo.guard.check(whatsappRequest('menu'));
    await demo.guard.check(whatsappRequest('menu'));
    await demo.guard.check(whatsappRequest('menu', 'some-other-token'));

    const verdicts = lines.filter((line) => String(line.event).startsWith('webhook.'));
    expect(verdicts).toEqual([
      expect.objectContaining({ event: 'webhook.accepted', from: 'whatsapp:+1415*****00' }),
      expect.objectContaining({ event: 'webhook.rejected', code: 'REPLAY_DETECTED' }),
      expect.objectContaining({ event: 'webhook.rejected', code: 'INVALID_SIGNATURE' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
    await close();
  });

  it('ignores a verified webhook that is not a message from someone', async () => {
    const { demo, sent, close } = await setUp();
    const request = whatsappRequest('');
    const verdict = await demo.guard.check(request);
    if (verdict.action !== 'continue') throw new Error(`rejected: ${verdict.code}`);

    demo.receive({ ...verdict.context, from: undefined });
    await demo.work.drain(5000);

    expect(sent).toEqual([]);
    expect(demo.health().pendingWork).toBe(0);
    await close();
  });
});
