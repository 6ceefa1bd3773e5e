import twilio from 'twilio';
import type { Messenger, OutgoingMessage } from './messenger.js';

/** Sends replies through Twilio's Messages API with the official client. */
export class TwilioMessenger implements Messenger {
  readonly #client: ReturnType<typeof twilio>;

  constructor(accountSid: string, authToken: string) {
    this.#client = twilio(accountSid, authToken);
  }

  async send(message: OutgoingMessage): Promise<{ sid: string }> {
    const sent = await this.#client.messages.create({
      to: message.to,
      from: message.from,
      body: message.body,
    });
    return { sid: sent.sid };
  }
}
