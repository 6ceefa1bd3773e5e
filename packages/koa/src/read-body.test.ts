import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { isTwilioGuardError } from '@twilio-guard/core';
import { describe, expect, it } from 'vitest';
import { readGuardBody } from './read-body.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A request stream with the given headers, its body written now or later. */
function incoming(headers: Record<string, string> = {}, body?: string) {
  const stream = Object.assign(new PassThrough(), { headers });
  if (body !== undefined) stream.end(body);
  return stream as unknown as IncomingMessage & PassThrough;
}

/** A request whose stream a parser has already read to the end. */
async function consumed(headers: Record<string, string>) {
  const req = incoming(headers, 'a=1');
  req.resume();
  await new Promise((done) => req.once('end', done));
  return req;
}

function errorCode(reading: Promise<unknown>): Promise<string | undefined> {
  return reading.then(
    () => undefined,
    (error: unknown) => (isTwilioGuardError(error) ? error.code : String(error)),
  );
}

describe('readGuardBody', () => {
  it('takes the raw body a parser kept, without touching the stream', async () => {
    const req = incoming(FORM, 'From=%2B1');
    const body = await readGuardBody({ body: { From: '+1' }, rawBody: 'From=%2B1' }, req, 100);

    expect(body).toEqual({ raw: 'From=%2B1' });
    expect(req.readableDidRead).toBe(false);
  });

  it('reads the stream when nothing has, even if a parser set an empty body', async () => {
    const req = incoming({ 'content-length': '9' }, 'From=%2B1');

    expect(await readGuardBody({ body: {} }, req, 100)).toEqual({ raw: Buffer.from('From=%2B1') });
  });

  it('falls back to the parsed body once the stream was consumed without a raw copy', async () => {
    const req = await consumed(FORM);
    const body = await readGuardBody({ body: { a: '1' } }, req, 100);

    expect(body).toMatchObject({ parsed: { a: '1' } });
    expect('parsed' in body && body.parserFix).toMatch(/keep the raw body/);
  });

  it('refuses a declared length over the limit with PAYLOAD_TOO_LARGE, unread', async () => {
    const req = incoming({ 'content-length': '101' });

    expect(await errorCode(readGuardBody({}, req, 100))).toBe('PAYLOAD_TOO_LARGE');
    expect(req.readableDidRead).toBe(false);
  });

  it('refuses an undeclared body once it passes the limit with PAYLOAD_TOO_LARGE', async () => {
    const req = incoming();
    const reading = errorCode(readGuardBody({}, req, 100));
    req.write('x'.repeat(60));
    req.write('x'.repeat(60));

    expect(await reading).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reports an aborted upload as INVALID_BODY', async () => {
    const req = incoming({ 'content-length': '50' });
    const reading = errorCode(readGuardBody({}, req, 100));
    req.write('From=');
    req.emit('aborted');

    expect(await reading).toBe('INVALID_BODY');
  });
});
