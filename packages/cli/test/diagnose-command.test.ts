import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { capturedIo } from './captured-io.js';

const token = 'diagnose-secret-token-value';
const pairs = ['From=whatsapp:+14155550100', 'Body=order 2 margherita', 'NumMedia=0'];
const params = { From: 'whatsapp:+14155550100', Body: 'order 2 margherita', NumMedia: '0' };

async function diagnoseCli(signedUrl: string, seenUrl: string) {
  const signature = twilio.getExpectedTwilioSignature(token, signedUrl, params);
  const io = capturedIo({ TWILIO_AUTH_TOKEN: token });
  const args = ['diagnose', '--url', seenUrl, '--signature', signature];
  const code = await run([...args, ...pairs.flatMap((pair) => ['--param', pair])], io);
  return { code, out: io.out(), err: io.err() };
}

describe('diagnose', () => {
  it('exits 0 when the signature verifies as received', async () => {
    const url = 'https://example.com/api/v1/whatsapp/webhook';
    const { code, out } = await diagnoseCli(url, url);
    expect(code).toBe(0);
    expect(out).toBe(`Match: the signature verifies for the URL exactly as received:\n  ${url}\n`);
  });

  it('finds https behind a proxy, says what to change, and exits 1', async () => {
    const { code, out } = await diagnoseCli(
      'https://example.com/api/v1/whatsapp/webhook',
      'http://example.com:3000/api/v1/whatsapp/webhook',
    );
    expect(code).toBe(1);
    expect(out).toMatch(
      /^No match for the URL as received, but Twilio signed this one:\n {2}https:\/\/example\.com\/api\/v1\/whatsapp\/webhook\n/,
    );
    expect(out).toMatch(/scheme: Twilio signed https, the app saw http.*trust the proxy/);
  });

  it('finds a trailing slash mistake', async () => {
    const { code, out } = await diagnoseCli(
      'https://example.com/webhook/',
      'https://example.com/webhook',
    );
    expect(code).toBe(1);
    expect(out).toContain('  https://example.com/webhook/\n');
    expect(out).toMatch(/trailing slash: Twilio signed the URL ending in "\/"/);
  });

  it('blames the token or parameters when nothing matches, and never prints the token', async () => {
    const url = 'https://example.com/webhook';
    const signature = twilio.getExpectedTwilioSignature('some-other-token', url, params);
    const io = capturedIo();
    const args = ['diagnose', '--url', url, '-s', signature, '-t', token];

    const code = await run([...args, ...pairs.flatMap((pair) => ['-p', pair])], io);

    expect(code).toBe(1);
    expect(io.out()).toMatch(/^No match: .*\nThe auth token or the parameters are likely wrong/);
    expect(io.out() + io.err()).not.toContain(token);
  });
});
