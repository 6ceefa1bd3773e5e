import { randomBytes } from 'node:crypto';
import type { TwilioParams } from '@twilio-guard/core';

export interface WhatsappMessageInput {
  from: string;
  to: string;
  body: string;
  accountSid: string;
}

export const DEFAULT_FROM = 'whatsapp:+14155550100';
export const DEFAULT_TO = 'whatsapp:+14155550123';
export const DEFAULT_BODY = 'hello';
/** Shaped like a real AccountSid, and plainly not one. */
export const PLACEHOLDER_ACCOUNT_SID = `AC${'0'.repeat(32)}`;

/** A fresh `SM` + 32 hex digits, the shape of a real MessageSid. */
export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** Puts an address on the WhatsApp channel unless it already names a channel. */
export function onWhatsapp(address: string): string {
  return address.includes(':') ? address : `whatsapp:${address}`;
}

/** The parameters of an inbound WhatsApp text message, as Twilio posts them. */
export function whatsappMessage(input: WhatsappMessageInput): TwilioParams {
  const from = onWhatsapp(input.from);
  const sid = newMessageSid();
  return {
    AccountSid: input.accountSid,
    ApiVersion: '2010-04-01',
    Body: input.body,
    From: from,
    MessageSid: sid,
    MessageType: 'text',
    NumMedia: '0',
    NumSegments: '1',
    ProfileName: 'Test User',
    ReferralNumMedia: '0',
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: 'received',
    To: onWhatsapp(input.to),
    WaId: from.replace(/\D/g, ''),
  };
}

/**
 * The same message under a new MessageSid, so each copy is a distinct message rather than a
 * replay. `SmsSid` and `SmsMessageSid` follow when present, as they mirror `MessageSid`.
 */
export function withNewMessageSid(params: TwilioParams): TwilioParams {
  const sid = newMessageSid();
  const next: TwilioParams = { ...params, MessageSid: sid };
  for (const name of ['SmsSid', 'SmsMessageSid']) {
    if (name in params) next[name] = sid;
  }
  return next;
}
