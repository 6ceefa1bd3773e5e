import { readFileSync } from 'node:fs';
import twilio from 'twilio';
import { encodeForm } from '../../src/testing/sign.js';
import type { GuardRequest, GuardVerdict, TwilioParams } from '../../src/types.js';

export const TOKEN = 'f1e2d3c4b5a6978812345678abcdef01';
export const WEBHOOK_URL = 'https://hooks.example.com/twilio/whatsapp';
export const ACCOUNT_SID = 'AC11111111111111111111111111111111';

interface Fixture {
  method: string;
  contentType: string;
  params: TwilioParams;
}

/** Parameter sets shaped like real Twilio webhooks, by name. */
export const fixtures: Record<string, Fixture> = JSON.parse(
  readFileSync(new URL('../../../../fixtures/twilio-webhooks.json', import.meta.url), 'utf8'),
).webhooks;

let sequence = 0;

/** Parameters of an inbound WhatsApp message, with a MessageSid no other call returns. */
export function inboundParams(overrides: TwilioParams = {}): TwilioParams {
  sequence += 1;
  const sid = `SM${String(sequence).padStart(32, '0')}`;
  return {
    ...fixtures['whatsapp-inbound-text']?.params,
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    ...overrides,
  };
}

export interface TwilioRequestInput {
  params?: TwilioParams;
  url?: string;
  /** Signs with this token instead of `TOKEN`. */
  token?: string;
  /** Replaces the signature header (a forged or missing signature). */
  signature?: string | string[] | undefined;
  headers?: Record<string, string | string[]>;
  ip?: string;
}

/** A form-encoded request signed by the official `twilio` package, as Twilio would send it. */
export function twilioRequest(input: TwilioRequestInput = {}): GuardRequest {
  const params = input.params ?? inboundParams();
  const url = input.url ?? WEBHOOK_URL;
  const signature =
    'signature' in input
      ? input.signature
      : twilio.getExpectedTwilioSignature(input.token ?? TOKEN, url, params);

  const headers: Record<string, string | string[]> = {
    'content-type': 'application/x-www-form-urlencoded',
    ...input.headers,
  };
  if (signature !== undefined) headers['x-twilio-signature'] = signature;
  return {
    method: 'POST',
    url,
    headers,
    ip: input.ip ?? '198.51.100.20',
    body: { raw: encodeForm(params) },
  };
}

/** The status a verdict answers with; 0 stands for `continue` (the handler runs). */
export function statusOf(verdict: GuardVerdict): number {
  return verdict.action === 'continue' ? 0 : verdict.response.status;
}

/** The problem document of a `respond` verdict. */
export function problemOf(verdict: GuardVerdict): Record<string, unknown> {
  if (verdict.action !== 'respond') throw new Error('expected a response, got continue');
  return JSON.parse(verdict.response.body);
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2025, 0, 1, 12)) {
  const clock = { now: start, read: () => clock.now };
  return clock;
}
