import { maskPhone } from '@twilio-guard/core';
import type { Logger } from './logger.js';

/** One outgoing WhatsApp message. */
export interface OutgoingMessage {
  /** The customer's address, e.g. `whatsapp:+14155550100`. */
  to: string;
  /** The business address the customer wrote to. */
  from: string;
  body: string;
}

/** Sends replies. The bot only knows this interface, so tests and the demo can swap senders. */
export interface Messenger {
  /** Resolves the id of the sent message; rejects when it could not be sent. */
  send(message: OutgoingMessage): Promise<{ sid: string }>;
}

/** A messenger that only logs what it would send: the demo without Twilio credentials. */
export class LogMessenger implements Messenger {
  readonly #logger: Logger;
  #sent = 0;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  async send(message: OutgoingMessage): Promise<{ sid: string }> {
    this.#sent += 1;
    const sid = `log-${this.#sent}`;
    this.#logger.info(
      { event: 'message.logged', sid, to: maskPhone(message.to), body: message.body },
      'would send this reply (set TWILIO_ACCOUNT_SID to send it)',
    );
    return { sid };
  }
}
