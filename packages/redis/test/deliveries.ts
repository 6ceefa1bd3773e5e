import { randomUUID } from 'node:crypto';
import type { GuardRequest } from '@twilio-guard/core';
import twilio from 'twilio';
import fixtures from '../../../fixtures/twilio-webhooks.json' with { type: 'json' };

export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const WEBHOOK_URL = 'https://bot.example.com/twilio/whatsapp';

/** A delivery Twilio would send: real inbound-message fields, signed by the twilio package. */
export interface Delivery {
  params: Record<string, string>;
  signature: string;
  body: string;
}

/** A new inbound WhatsApp message, different from every other one by its MessageSid. */
export function newDelivery(): Delivery {
  const sid = `SM${randomUUID().replaceAll('-', '')}`;
  const params: Record<string, string> = {
    ...fixtures.webhooks['whatsapp-inbound-text'].params,
    MessageSid: sid,
    SmsMessageSid: sid,
    SmsSid: sid,
  };
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, WEBHOOK_URL, params);
  return { params, signature, body: new URLSearchParams(params).toString() };
}

/** The delivery as the guard's neutral request, arriving from `ip`. */
export function guardRequest(delivery: Delivery, ip = '203.0.113.7'): GuardRequest {
  return {
    method: 'POST',
    url: WEBHOOK_URL,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': delivery.signature,
    },
    ip,
    body: { raw: delivery.body },
  };
}
