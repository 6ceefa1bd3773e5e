import twilio from 'twilio';
import type { Messenger, OutgoingMessage } from './messenger.js';

export interface TwilioMessengerOptions {
  accountSid: string;
  authToken: string;
  /** The client's HTTP layer; replaced in tests to answer without the network. */
  httpClient?: NonNullable<Parameters<typeof twilio>[2]>['httpClient'];
}

/** Sends replies through Twilio's Messages API with the official client. */
export class TwilioMessenger implements Messenger {
  readonly #client: ReturnType<typeof twilio>;

  constructor({ accountSid, authToken, httpClient }: TwilioMessengerOptions) {
    this.#client = twilio(accountSid, authToken, httpClient ? { httpClient } : {});
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
