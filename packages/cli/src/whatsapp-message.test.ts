import { describe, expect, it } from 'vitest';
import { onWhatsapp, whatsappMessage, withNewMessageSid } from './whatsapp-message.js';

const input = {
  from: '+14155550100',
  to: 'whatsapp:+14155550123',
  body: 'order 2 margherita',
  accountSid: `AC${'1'.repeat(32)}`,
};

describe('whatsappMessage', () => {
  it('adds the whatsapp: channel only where it is missing', () => {
    const message = whatsappMessage(input);
    expect(message.From).toBe('whatsapp:+14155550100');
    expect(message.To).toBe('whatsapp:+14155550123');
    expect(onWhatsapp('sms:+1')).toBe('sms:+1');
  });

  it('carries the fields Twilio posts for an inbound text, with one SID in all three places', () => {
    const message = whatsappMessage(input);
    expect(message).toMatchObject({
      AccountSid: input.accountSid,
      Body: 'order 2 margherita',
      NumMedia: '0',
      MessageType: 'text',
      SmsStatus: 'received',
      WaId: '14155550100',
    });
    expect(message.MessageSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.SmsSid).toBe(message.MessageSid);
    expect(message.SmsMessageSid).toBe(message.MessageSid);
  });

  it('gives each message its own SID', () => {
    expect(whatsappMessage(input).MessageSid).not.toBe(whatsappMessage(input).MessageSid);
  });
});

describe('withNewMessageSid', () => {
  it('renews the SID everywhere it appears and leaves every other field alone', () => {
    const message = whatsappMessage(input);
    const next = withNewMessageSid(message);
    expect(next.MessageSid).not.toBe(message.MessageSid);
    expect(next.SmsSid).toBe(next.MessageSid);
    expect(next.SmsMessageSid).toBe(next.MessageSid);
    expect({ ...next, MessageSid: '', SmsSid: '', SmsMessageSid: '' }).toEqual({
      ...message,
      MessageSid: '',
      SmsSid: '',
      SmsMessageSid: '',
    });
  });

  it('adds only MessageSid to parameters that had no SID', () => {
    expect(Object.keys(withNewMessageSid({ Body: 'hi' })).sort()).toEqual(['Body', 'MessageSid']);
  });
});
