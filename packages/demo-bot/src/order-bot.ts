import { maskPhone } from '@twilio-guard/core';
import type { CustomerDirectory } from './customers.js';
import type { Logger } from './logger.js';
import { findMenuItem, formatPrice, menuText } from './menu.js';
import type { Messenger } from './messenger.js';
import type { Order, OrderBook } from './orders.js';
import { type Command, parseCommand } from './parse-command.js';

/** The part of a verified webhook the bot reads. */
export interface InboundMessage {
  messageSid: string | undefined;
  /** The customer's address. */
  from: string;
  /** The business address the customer wrote to; replies come from it. */
  to: string;
  body: string | undefined;
  profileName: string | undefined;
}

export interface OrderBotDependencies {
  customers: CustomerDirectory;
  orders: OrderBook;
  messenger: Messenger;
  logger: Logger;
}

const HELP =
  'Send "menu" to see what we make, "order 2 margherita" to order, "status" to see your ' +
  'latest order, or "cancel" to cancel it.';

/**
 * The WhatsApp order bot: reads one message, does what it asks, and replies through the messenger.
 * A failure rejects; the caller decides how to report it.
 */
export class OrderBot {
  readonly #deps: OrderBotDependencies;

  constructor(deps: OrderBotDependencies) {
    this.#deps = deps;
  }

  async handle(message: InboundMessage): Promise<void> {
    const { customers, logger } = this.#deps;
    const customer = await customers.findOrCreate(message.from, message.profileName);
    const command = parseCommand(message.body);

    logger.info(
      {
        event: 'message.received',
        messageSid: message.messageSid,
        from: maskPhone(message.from),
        command: command.kind,
      },
      'message received',
    );

    if (command.kind === 'order') return this.#order(message, customer.id, command);
    const reply = await this.#replyTo(command, customer.id);
    await this.#send(message, reply);
  }

  async #order(
    message: InboundMessage,
    customerId: number,
    command: Extract<Command, { kind: 'order' }>,
  ): Promise<void> {
    const item = findMenuItem(command.item);
    if (!item) {
      await this.#send(message, `Sorry, "${command.item}" is not on the menu.\n\n${menuText()}`);
      return;
    }

    const { orders } = this.#deps;
    const order = await orders.create({
      customerId,
      address: message.from,
      itemId: item.id,
      itemName: item.name,
      quantity: command.quantity,
      totalCents: item.priceCents * command.quantity,
      messageSid: message.messageSid,
    });

    try {
      await this.#send(message, confirmation(order));
    } catch (error) {
      // The order exists but the customer was never told: mark it so it can be followed up.
      await orders.setStatus(order.id, 'failed');
      throw error;
    }
    await orders.setStatus(order.id, 'confirmed');
  }

  async #replyTo(command: Exclude<Command, { kind: 'order' }>, customerId: number) {
    switch (command.kind) {
      case 'menu':
        return menuText();
      case 'status':
        return statusText(await this.#deps.orders.latestFor(customerId));
      case 'cancel':
        return this.#cancel(customerId);
      case 'help':
        return command.problem ? `${command.problem}\n\n${HELP}` : HELP;
    }
  }

  async #cancel(customerId: number): Promise<string> {
    const { orders } = this.#deps;
    const latest = await orders.latestFor(customerId);
    if (!latest || latest.status === 'cancelled') return 'You have no order to cancel.';

    const cancelled = await orders.setStatus(latest.id, 'cancelled');
    return `Order #${cancelled.id} (${describe(cancelled)}) is cancelled.`;
  }

  async #send(message: InboundMessage, body: string): Promise<void> {
    const sent = await this.#deps.messenger.send({ to: message.from, from: message.to, body });
    this.#deps.logger.info(
      { event: 'reply.sent', messageSid: message.messageSid, replySid: sent.sid },
      'replied',
    );
  }
}

function describe(order: Order): string {
  return `${order.quantity} × ${order.itemName}, ${formatPrice(order.totalCents)}`;
}

function confirmation(order: Order): string {
  return `Thanks! Order #${order.id}: ${describe(order)}. Send "status" to follow it.`;
}

function statusText(order: Order | undefined): string {
  if (!order) return 'You have no orders yet. Send "menu" to see what we make.';
  return `Order #${order.id} (${describe(order)}) is ${STATUS_TEXT[order.status]}.`;
}

const STATUS_TEXT: Record<Order['status'], string> = {
  received: 'received',
  confirmed: 'confirmed and on its way to the oven',
  failed: 'received, but we could not confirm it yet',
  cancelled: 'cancelled',
};
