import { describe, expect, it } from 'vitest';
import { MemoryCustomerDirectory } from './customers.js';
import { createJsonLogger } from './logger.js';
import type { Messenger, OutgoingMessage } from './messenger.js';
import { type InboundMessage, OrderBot } from './order-bot.js';
import { MemoryOrderBook } from './orders.js';

class RecordingMessenger implements Messenger {
  readonly sent: OutgoingMessage[] = [];
  failNext = false;

  async send(message: OutgoingMessage): Promise<{ sid: string }> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('Twilio answered 500');
    }
    this.sent.push(message);
    return { sid: `SM-reply-${this.sent.length}` };
  }

  lastBody(): string | undefined {
    return this.sent.at(-1)?.body;
  }
}

function setUp() {
  const messenger = new RecordingMessenger();
  const customers = new MemoryCustomerDirectory();
  const orders = new MemoryOrderBook();
  const logger = createJsonLogger({ write: () => {} });
  const bot = new OrderBot({ customers, orders, messenger, logger });
  let count = 0;
  const say = (body: string, from = 'whatsapp:+14155550100') => {
    count += 1;
    const message: InboundMessage = {
      messageSid: `SM${count}`,
      from,
      to: 'whatsapp:+14155550123',
      body,
      profileName: 'Ada',
    };
    return bot.handle(message);
  };
  return { bot, messenger, customers, orders, say };
}

describe('OrderBot', () => {
  it('creates the customer on first contact and only then', async () => {
    const { customers, say } = setUp();

    await say('menu');
    await say('status');
    await say('menu', 'whatsapp:+447700900123');

    expect(await customers.count()).toBe(2);
  });

  it('places an order and confirms it from the number the customer wrote to', async () => {
    const { messenger, orders, say } = setUp();

    await say('order 2 margherita');

    const [order] = await orders.list();
    expect(order).toMatchObject({
      itemId: 'margherita',
      quantity: 2,
      totalCents: 1700,
      status: 'confirmed',
      messageSid: 'SM1',
    });
    expect(messenger.sent).toEqual([
      {
        to: 'whatsapp:+14155550100',
        from: 'whatsapp:+14155550123',
        body: expect.stringContaining('2 × Margherita, $17.00'),
      },
    ]);
  });

  it('marks the order failed and rejects when the confirmation cannot be sent', async () => {
    const { messenger, orders, say } = setUp();
    messenger.failNext = true;

    await expect(say('order 1 funghi')).rejects.toThrow('Twilio answered 500');

    const [order] = await orders.list();
    expect(order?.status).toBe('failed');
  });

  it('answers an item not on the menu with the menu, and places nothing', async () => {
    const { messenger, orders, say } = setUp();

    await say('order 2 hawaiian');

    expect(await orders.list()).toEqual([]);
    expect(messenger.lastBody()).toContain('"hawaiian" is not on the menu');
    expect(messenger.lastBody()).toContain('Margherita');
  });

  it("reports the customer's latest order, and only theirs", async () => {
    const { messenger, say } = setUp();

    await say('status');
    expect(messenger.lastBody()).toContain('no orders yet');

    await say('order 1 marinara');
    await say('order 3 diavola', 'whatsapp:+447700900123');
    await say('status');
    expect(messenger.lastBody()).toMatch(/Order #1 \(1 × Marinara, \$7\.00\) is confirmed/);
  });

  it('cancels the latest order once', async () => {
    const { messenger, orders, say } = setUp();

    await say('order 1 marinara');
    await say('cancel');
    expect(messenger.lastBody()).toContain('is cancelled');
    expect((await orders.list())[0]?.status).toBe('cancelled');

    await say('cancel');
    expect(messenger.lastBody()).toBe('You have no order to cancel.');
  });

  it('answers anything else with help, and a bad order with what was wrong', async () => {
    const { messenger, say } = setUp();

    await say('hello there');
    expect(messenger.lastBody()).toContain('"order 2 margherita"');

    await say('order 0 margherita');
    expect(messenger.lastBody()).toMatch(/^The quantity must be from 1 to 20/);
  });
});
