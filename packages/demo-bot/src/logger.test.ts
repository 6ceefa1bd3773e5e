import { TwilioGuardError } from '@twilio-guard/core';
import { describe, expect, it } from 'vitest';
import { createJsonLogger } from './logger.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const logger = createJsonLogger({ write: (line) => lines.push(line), level });
  return { lines, logger };
}

describe('createJsonLogger', () => {
  it('writes one JSON object per line with time, level, message and details', () => {
    const { lines, logger } = capture();

    logger.info({ event: 'webhook.accepted', messageSid: 'SM1' }, 'webhook accepted');

    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'info',
      msg: 'webhook accepted',
      event: 'webhook.accepted',
      messageSid: 'SM1',
    });
  });

  it('skips levels below the threshold', () => {
    const { lines, logger } = capture('warn');

    logger.debug({}, 'a');
    logger.info({}, 'b');
    logger.warn({}, 'c');
    logger.error({}, 'd');

    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['c', 'd']);
  });

  it('never writes a field named like a token or secret, at any depth', () => {
    const { lines, logger } = capture();

    logger.info({ authToken: 'abc123', nested: { apiSecret: 'def456', ok: 1 } }, 'details');

    expect(lines[0]).not.toMatch(/abc123|def456/);
    expect(JSON.parse(lines[0] ?? '').nested).toEqual({ apiSecret: '[redacted]', ok: 1 });
  });

  it('writes errors as their name, code and message', () => {
    const { lines, logger } = capture();

    logger.error({ err: new TwilioGuardError('STORE_UNAVAILABLE', 'store down.') }, 'failed');

    expect(JSON.parse(lines[0] ?? '').err).toEqual({
      name: 'TwilioGuardError',
      code: 'STORE_UNAVAILABLE',
      message: 'twilio-guard: store down.',
    });
  });
});
