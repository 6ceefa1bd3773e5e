import { readFile } from 'node:fs/promises';
import type { TwilioParams } from '@twilio-guard/core';
import { InvalidArgumentError } from 'commander';

/** Commander's accumulator for an option given several times (`--param A=1 --param A=2`). */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** Commander's parser for counts and durations. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('Expected a whole number of at least 1.');
  }
  return number;
}

/** `--token`, else `TWILIO_AUTH_TOKEN`. The value is never echoed back in any message. */
export function resolveToken(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const token = option ?? env.TWILIO_AUTH_TOKEN;
  if (!token) {
    throw new InvalidArgumentError('missing auth token: pass --token or set TWILIO_AUTH_TOKEN.');
  }
  return token;
}

/** Accepts an absolute http(s) URL and returns it unchanged, since Twilio signs it byte for byte. */
export function webhookUrl(value: string, flag: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidArgumentError(`${flag} '${value}' is not an absolute URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidArgumentError(`${flag} '${value}' must start with http:// or https://.`);
  }
  return value;
}

/**
 * Turns `K=V` pairs into parameters. The first `=` separates name from value, so values may hold
 * `=`; a name given twice becomes a repeated name, values in the order given.
 */
export function paramsFromPairs(pairs: readonly string[] = []): TwilioParams {
  const params: TwilioParams = Object.create(null);
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator < 1) {
      throw new InvalidArgumentError(`--param '${pair}' must look like NAME=VALUE.`);
    }
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const existing = params[name];
    if (existing === undefined) params[name] = value;
    else params[name] = [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return params;
}

/**
 * Reads a JSON body as text. The text is sent and hashed exactly as it is in the file, because
 * `bodySHA256` covers the bytes, not the parsed value.
 */
export async function readJsonBody(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InvalidArgumentError(`cannot read --json file '${path}' (${reason}).`);
  }

  try {
    JSON.parse(text);
  } catch {
    throw new InvalidArgumentError(`--json file '${path}' does not hold valid JSON.`);
  }
  return text;
}
