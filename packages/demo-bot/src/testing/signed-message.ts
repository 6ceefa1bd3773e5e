import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

export interface WhatsappMessage {
  /** The URL Twilio signs: the public webhook URL. */
  url: string;
  authToken: string;
  body: string;
  /** @default 'whatsapp:+14155550100' */
  from?: string;
}

/** A request built and signed the way Twilio delivers an inbound WhatsApp message. */
export interface SignedMessage {
  messageSid: string;
  from: string;
  /**
   * Sends the request to `target` (by default the signed URL; behind a load balancer, one of the
   * instances). Calling it again replays the identical request.
   */
  send(target?: string): Promise<Response>;
}

/**
 * Builds an inbound WhatsApp message with a fresh `MessageSid`, signed by the official `twilio`
 * package, so a test agrees with what Twilio itself would send.
 */
export function signedWhatsappMessage(message: WhatsappMessage): SignedMessage {
  const messageSid = `SM${randomBytes(16).toString('hex')}`;
  const from = message.from ?? 'whatsapp:+14155550100';
  const params: Record<string, string> = {
    AccountSid: `AC${'1'.repeat(32)}`,
    ApiVersion: '2010-04-01',
    Body: message.body,
    From: from,
    MessageSid: messageSid,
    NumMedia: '0',
    ProfileName: 'Demo Customer',
    SmsMessageSid: messageSid,
    SmsSid: messageSid,
    SmsStatus: 'received',
    To: 'whatsapp:+14155550123',
    WaId: from.replace(/\D/g, ''),
  };
  const signature = twilio.getExpectedTwilioSignature(message.authToken, message.url, params);

  return {
    messageSid,
    from,
    send: (target = message.url) =>
      fetch(target, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signature,
        },
        body: new URLSearchParams(params).toString(),
      }),
  };
}
