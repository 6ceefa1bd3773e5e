import type { GuardConfig } from './config.js';
import { TwilioGuardError } from './errors.js';
import type { GuardRequest, HeaderValue, SignatureAlgorithm } from './types.js';

/** The `X-Twilio-Signature` header, exactly as sent; missing or repeated is a failure. */
export function signatureHeader(value: HeaderValue): string {
  const values = typeof value === 'string' ? [value] : (value ?? []);
  if (values.length === 0 || values[0] === '') {
    throw new TwilioGuardError('MISSING_SIGNATURE', 'the X-Twilio-Signature header is missing.');
  }
  // Node joins repeated headers with ", "; a base64 signature never holds a comma.
  if (values.length > 1 || values[0]?.includes(',')) {
    throw new TwilioGuardError(
      'INVALID_SIGNATURE',
      'the request carries more than one X-Twilio-Signature header.',
    );
  }
  return values[0] ?? '';
}

/**
 * The keys that may have signed the request and their algorithm: the shared key named by
 * `X-Twilio-Webhooks-Signature-Settings`, or the account's auth token(s).
 */
export async function signingKeys(
  request: GuardRequest,
  accountSid: string | undefined,
  config: GuardConfig,
) {
  const settings = request.headers['x-twilio-webhooks-signature-settings'];
  if (settings !== undefined)
    return sharedKey(typeof settings === 'string' ? settings : settings.join(','), config);

  const tokens = await config.resolveTokens(accountSid);
  const keys = (typeof tokens === 'string' ? [tokens] : (tokens ?? [])).filter(Boolean);
  if (keys.length === 0) {
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      'no Twilio auth token is configured for this request. Set authToken (TWILIO_AUTH_TOKEN).',
    );
  }
  return { keys, algorithm: 'HMAC_SHA1' as SignatureAlgorithm };
}

/** `key=<id>,algorithm=<name>`: the shared key Twilio signed with, and how. */
function sharedKey(settings: string, config: GuardConfig) {
  const fields = new Map<string, string>();
  for (const part of settings.split(',')) {
    const separator = part.indexOf('=');
    if (separator !== -1)
      fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const algorithm = (fields.get('algorithm') || 'HMAC_SHA1').toUpperCase();
  const keyId = fields.get('key') ?? '';
  const secret = Object.hasOwn(config.sharedKeys, keyId) ? config.sharedKeys[keyId] : undefined;
  if (!secret || (algorithm !== 'HMAC_SHA1' && algorithm !== 'HMAC_SHA256')) {
    throw new TwilioGuardError(
      'INVALID_SIGNATURE',
      'the signature settings name a shared key or algorithm that is not configured.',
    );
  }
  return { keys: [secret], algorithm: algorithm as SignatureAlgorithm };
}
