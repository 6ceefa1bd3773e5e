import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { describe, expect, it, onTestFinished } from 'vitest';
import { run } from '../src/run.js';
import { capturedIo } from './captured-io.js';

const token = 'sign-test-token';

describe('sign', () => {
  it('prints the signature twilio.getExpectedTwilioSignature computes, and what it covers', async () => {
    const url = 'https://example.com/sms?tenant=7';
    const io = capturedIo();
    const args = ['-p', 'To=+2', '-p', 'Body=hi there', '-p', 'To=+1', '-p', 'From=+3'];

    const code = await run(['sign', url, '--token', token, ...args], io);

    const expected = twilio.getExpectedTwilioSignature(token, url, {
      To: ['+2', '+1'],
      Body: 'hi there',
      From: '+3',
    });
    expect(code).toBe(0);
    expect(io.out()).toBe(
      `X-Twilio-Signature: ${expected}\nSigned string: ${url}Bodyhi thereFrom+3To+1To+2\n`,
    );
  });

  it('signs a JSON body through the URL with bodySHA256 appended', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'twilio-guard-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'body.json');
    const json = '{"b":1,"a":"ü"}';
    await writeFile(file, json);
    const io = capturedIo({ TWILIO_AUTH_TOKEN: token });

    const code = await run(['sign', 'https://example.com/events?x=1', '--json', file], io);

    const hash = twilio.getExpectedBodyHash(json);
    const signedUrl = `https://example.com/events?x=1&bodySHA256=${hash}`;
    const signature = twilio.getExpectedTwilioSignature(token, signedUrl, {});
    expect(code).toBe(0);
    expect(twilio.validateRequestWithBody(token, signature, signedUrl, json)).toBe(true);
    expect(io.out()).toBe(
      `X-Twilio-Signature: ${signature}\nbodySHA256: ${hash}\n` +
        `URL: ${signedUrl}\nSigned string: ${signedUrl}\n`,
    );
  });
});
