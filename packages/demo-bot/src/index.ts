export { EMPTY_TWIML } from '@twilio-guard/core';
export { BackgroundWork, type WorkLabel } from './background-work.js';
export { type DemoConfig, loadDemoConfig } from './config.js';
export { type Customer, type CustomerDirectory, MemoryCustomerDirectory } from './customers.js';
export { createDemo, type Demo, type DemoParts, type OrderView, ROUTES } from './demo.js';
export { closeServer, type RunningServer, serveHttp } from './http-server.js';
export { createJsonLogger, type JsonLoggerOptions, type Logger } from './logger.js';
export { findMenuItem, MENU, type MenuItem } from './menu.js';
export { LogMessenger, type Messenger, type OutgoingMessage } from './messenger.js';
export { type InboundMessage, OrderBot, type OrderBotDependencies } from './order-bot.js';
export { MemoryOrderBook, type Order, type OrderBook, type OrderStatus } from './orders.js';
export { type Command, MAX_QUANTITY, parseCommand } from './parse-command.js';
export { type ListenFn, type RunDemoOptions, runDemo } from './run-demo.js';
export { type DemoStore, openDemoStore } from './store.js';
export { verdictLogHooks } from './verdict-log.js';

/** The content type of the TwiML every webhook answer carries. */
export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8';
