import {
  createTwilioGuard,
  firstParam,
  maskPhone,
  type TwilioGuard,
  type TwilioRequestContext,
} from '@twilio-guard/core';
import { BackgroundWork } from './background-work.js';
import type { DemoConfig } from './config.js';
import { MemoryCustomerDirectory } from './customers.js';
import type { Logger } from './logger.js';
import type { Messenger } from './messenger.js';
import { OrderBot } from './order-bot.js';
import { MemoryOrderBook, type Order } from './orders.js';
import type { DemoStore } from './store.js';
import { verdictLogHooks } from './verdict-log.js';

/** What every demo app serves, whatever its framework. */
export const ROUTES = {
  webhook: '/api/v1/whatsapp/webhook',
  health: '/healthz',
  orders: '/orders',
} as const;

/** What an app gets to mount: the guard, the work to run for a message, and the JSON it serves. */
export interface Demo {
  readonly config: DemoConfig;
  readonly logger: Logger;
  /** Mount this on `ROUTES.webhook`; one guard per process so its store is shared. */
  readonly guard: TwilioGuard;
  readonly work: BackgroundWork;
  /** Starts the bot's work for a verified message and returns at once. */
  receive(context: TwilioRequestContext): void;
  /** The body of `GET /healthz`. */
  health(): { status: 'ok'; store: string; pendingWork: number };
  /** The body of `GET /orders`: every order, the sender masked. */
  orders(): Promise<{ customers: number; orders: OrderView[] }>;
}

export type OrderView = Omit<Order, 'address' | 'customerId'> & { customer: string | undefined };

export interface DemoParts {
  config: DemoConfig;
  logger: Logger;
  store: DemoStore;
  messenger: Messenger;
}

export function createDemo({ config, logger, store, messenger }: DemoParts): Demo {
  const guard = createTwilioGuard({
    ...config.guard,
    store: store.store,
    logger,
    ...verdictLogHooks(logger),
  });
  const customers = new MemoryCustomerDirectory();
  const orderBook = new MemoryOrderBook();
  const bot = new OrderBot({ customers, orders: orderBook, messenger, logger });
  const work = new BackgroundWork(logger);

  return {
    config,
    logger,
    guard,
    work,
    receive(context) {
      const { messageSid, from, to } = context;
      const ignored = notACustomerMessage(context);
      if (ignored) {
        logger.info({ event: 'message.ignored', messageSid, reason: ignored }, ignored);
        return;
      }
      if (!from || !to) return;
      const profileName = firstParam(context.params, 'ProfileName');
      const message = { messageSid, from, to, body: context.body, profileName };
      work.run({ name: 'order-bot', messageSid }, () => bot.handle(message));
    },
    health: () => ({ status: 'ok', store: store.description, pendingWork: work.pending }),
    async orders() {
      const all = await orderBook.list();
      return {
        customers: await customers.count(),
        orders: all.map(({ address, customerId: _id, ...order }) => ({
          ...order,
          customer: maskPhone(address),
        })),
      };
    },
  };
}

/**
 * Why a verified webhook is not a customer's message, or `undefined` when it is one. Status
 * callbacks, calls and events share the URL in many setups; answering them would message the
 * business's own number, and each reply's status callback would start another round.
 */
function notACustomerMessage(context: TwilioRequestContext): string | undefined {
  if (!context.from || !context.to) return 'webhook without From or To';
  if (context.callSid) return 'voice webhook';
  if (!context.messageSid) return 'webhook without a message SID';
  if (firstParam(context.params, 'MessageStatus') !== undefined) return 'status callback';
  const smsStatus = firstParam(context.params, 'SmsStatus');
  if (smsStatus !== undefined && smsStatus !== 'received') return 'status callback';
  return undefined;
}
