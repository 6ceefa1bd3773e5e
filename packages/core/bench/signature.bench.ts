import twilio from 'twilio';
import { bench, describe } from 'vitest';
import fixtures from '../../../fixtures/twilio-webhooks.json' with { type: 'json' };
import { computeTwilioSignature, verifyTwilioSignature } from '../src/signature.js';
import type { TwilioParams } from '../src/types.js';
import { countHmacs } from './count-hmacs.js';

const params: TwilioParams = fixtures.webhooks['whatsapp-inbound-text'].params;
const url = 'https://bot.example.com/twilio/whatsapp';
// `new URL()` and legacy querystring both re-encode this query, so every candidate is distinct.
const reencodedUrl = "https://bot.example.com/twilio/whatsapp?tenant=o'neil&region=us+east";
const primary = '0123456789abcdef0123456789abcdef';
const secondary = 'fedcba9876543210fedcba9876543210';

interface Case {
  url: string;
  tokens: string[];
  signature: string;
}

const cases = {
  valid: { url, tokens: [primary], signature: sign(primary, url) },
  forged: { url, tokens: [primary], signature: sign('not-the-token', url) },
  forgedReencoded: { url: reencodedUrl, tokens: [primary], signature: sign('x', reencodedUrl) },
  rotation: { url, tokens: [primary, secondary], signature: sign(secondary, url) },
} satisfies Record<string, Case>;

function sign(token: string, signedUrl: string): string {
  return twilio.getExpectedTwilioSignature(token, signedUrl, params);
}

function ours(c: Case): boolean {
  return verifyTwilioSignature({ authToken: c.tokens, signature: c.signature, url: c.url, params });
}

function reference(c: Case): boolean {
  return c.tokens.some((token) => twilio.validateRequest(token, c.signature, c.url, params));
}

/** The bench name, with the HMACs one call computes, measured rather than assumed. */
function named(label: string, run: () => unknown): string {
  return `${label} (${countHmacs(run)} HMAC)`;
}

// Runs long enough for a busy machine's pauses to average out; read min and p75 beside hz.
const options = { time: 2000, warmupTime: 300 };

function compare(title: string, c: Case): void {
  describe(title, () => {
    const oursName = named('twilio-guard verifyTwilioSignature', () => ours(c));
    bench(oursName, () => void ours(c), options);
    const referenceName = named('twilio validateRequest', () => reference(c));
    bench(referenceName, () => void reference(c), options);
  });
}

compare('valid WhatsApp request', cases.valid);
compare('forged WhatsApp request', cases.forged);
compare('forged request, query re-encoded by new URL()', cases.forgedReencoded);
compare('valid request, 2 tokens in rotation, signed with the second', cases.rotation);

describe('signature computation', () => {
  const oursCompute = () => void computeTwilioSignature(primary, url, params);
  const referenceCompute = () => void twilio.getExpectedTwilioSignature(primary, url, params);
  bench('twilio-guard computeTwilioSignature', oursCompute, options);
  bench('twilio getExpectedTwilioSignature', referenceCompute, options);
});
