import { TwilioGuardError } from './errors.js';

/**
 * Reads a timestamp in epoch seconds, epoch milliseconds or an HTTP date and returns epoch
 * milliseconds. Numbers below 10^11 are seconds (10^11 seconds is the year 5138; 10^11 ms is
 * 1973), so both units are told apart without configuration.
 */
export function parseTimestamp(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? toMilliseconds(value) : undefined;

  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return toMilliseconds(Number(text));

  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function toMilliseconds(value: number): number {
  return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
}

export interface TimestampRule {
  windowMs: number;
  maxClockSkewMs: number;
}

/**
 * Checks a request's timestamp against `now`: older than the window is `REQUEST_TOO_OLD`, further
 * ahead than the allowed skew or unreadable is `INVALID_TIMESTAMP`. Returns epoch milliseconds.
 */
export function checkTimestamp(raw: string | number, rule: TimestampRule, now: number): number {
  const timestamp = parseTimestamp(raw);
  if (timestamp === undefined) {
    throw new TwilioGuardError(
      'INVALID_TIMESTAMP',
      'the request timestamp is not epoch seconds, epoch milliseconds or an HTTP date.',
    );
  }
  if (timestamp - now > rule.maxClockSkewMs) {
    throw new TwilioGuardError(
      'INVALID_TIMESTAMP',
      `the request timestamp is ${timestamp - now} ms in the future, more than the allowed ` +
        `clock skew of ${rule.maxClockSkewMs} ms. Check the sender's clock.`,
    );
  }
  if (now - timestamp > rule.windowMs) {
    throw new TwilioGuardError(
      'REQUEST_TOO_OLD',
      `the request timestamp is ${now - timestamp} ms old, older than the replay window of ` +
        `${rule.windowMs} ms.`,
    );
  }
  return timestamp;
}
