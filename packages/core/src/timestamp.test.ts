import { describe, expect, it } from 'vitest';
import { checkTimestamp, parseTimestamp } from './timestamp.js';

const now = Date.UTC(2025, 5, 1, 12, 0, 0);
const rule = { windowMs: 300_000, maxClockSkewMs: 30_000 };

describe('parseTimestamp', () => {
  it('reads epoch seconds, epoch milliseconds and HTTP dates as epoch milliseconds', () => {
    expect(parseTimestamp(String(now / 1000))).toBe(now);
    expect(parseTimestamp(String(now))).toBe(now);
    expect(parseTimestamp(new Date(now).toUTCString())).toBe(now);
    expect(parseTimestamp(now / 1000)).toBe(now);
    expect(parseTimestamp(' 1748779200.5 ')).toBe(1_748_779_200_500);
  });

  it('returns undefined for text that is no time', () => {
    expect(parseTimestamp('soon')).toBeUndefined();
    expect(parseTimestamp('')).toBeUndefined();
    expect(parseTimestamp(Number.NaN)).toBeUndefined();
    expect(parseTimestamp(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('checkTimestamp', () => {
  it('accepts a timestamp up to the window old and up to the skew ahead', () => {
    expect(checkTimestamp(now - 300_000, rule, now)).toBe(now - 300_000);
    expect(checkTimestamp(now + 30_000, rule, now)).toBe(now + 30_000);
  });

  it('refuses an older timestamp as REQUEST_TOO_OLD', () => {
    expect(() => checkTimestamp(now - 300_001, rule, now)).toThrow(
      expect.objectContaining({ code: 'REQUEST_TOO_OLD', status: 400 }),
    );
  });

  it('refuses one further ahead, or an unreadable one, as INVALID_TIMESTAMP', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_TIMESTAMP', status: 400 });
    expect(() => checkTimestamp(now + 30_001, rule, now)).toThrow(invalid);
    expect(() => checkTimestamp('yesterday-ish', rule, now)).toThrow(invalid);
  });
});
