import { bodyParserConflict } from './body-errors.js';
import type { GuardConfig } from './config.js';
import { diagnoseSignature } from './diagnostics.js';
import { TwilioGuardError } from './errors.js';
import { deriveNonce } from './nonce.js';
import { firstParam, paramsFromParsedBody, parseFormBody } from './params.js';
import { rawQuery, resolvePublicUrl } from './public-url.js';
import { bodySha256Param, matchTwilioSignature } from './signature.js';
import { checkTimestamp } from './timestamp.js';
import type {
  GuardBody,
  GuardRequest,
  HeaderValue,
  SignatureAlgorithm,
  TwilioParams,
  TwilioRequestContext,
} from './types.js';

/** The part of a request the signature covers, read from the body. */
interface SignedContent {
  params: TwilioParams;
  rawBody: string | Uint8Array | undefined;
  isJson: boolean;
}

/**
 * Every check that needs no store, in the order their failures take precedence: signature
 * present, body readable, token configured, timestamp, signature valid. Resolves the verified
 * context, or throws the first failure as a `TwilioGuardError`.
 */
export async function inspectRequest(
  request: GuardRequest,
  config: GuardConfig,
): Promise<TwilioRequestContext> {
  const signature = signatureHeader(request.headers['x-twilio-signature']);
  const content = signedContent(await readBody(request.body), request.headers['content-type']);
  const accountSid = firstParam(content.params, 'AccountSid') ?? queryParam(request, 'AccountSid');
  const { keys, algorithm } = await signingKeys(request, accountSid, config);

  const timestamp = config.replay?.timestamp && readTimestamp(request, config);
  const url = resolvePublicUrl(request, config.webhookUrl);
  if (content.isJson && bodySha256Param(url) === undefined) {
    throw new TwilioGuardError(
      'INVALID_SIGNATURE',
      'a JSON body arrived without bodySHA256 in the URL, so nothing signs it.',
    );
  }

  const match = matchTwilioSignature({
    authToken: keys,
    signature,
    url,
    params: content.params,
    rawBody: content.rawBody,
    algorithm,
  });
  if (!match) {
    if (config.diagnostics) {
      const { params, rawBody } = content;
      diagnoseSignature(request, config, { url, signature, keys, algorithm, params, rawBody });
    }
    throw new TwilioGuardError('INVALID_SIGNATURE', 'the signature does not match.');
  }

  return buildContext(request, content, {
    url: match.url,
    algorithm,
    nonce: config.replay ? deriveNonce(signature, timestamp) : undefined,
  });
}

function signatureHeader(value: HeaderValue): string {
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

async function readBody(body: GuardRequest['body']): Promise<GuardBody> {
  return typeof body === 'function' ? body() : body;
}

function signedContent(body: GuardBody, contentType: HeaderValue): SignedContent {
  const type = (typeof contentType === 'string' ? contentType : (contentType?.[0] ?? ''))
    .split(';', 1)[0]
    ?.trim()
    .toLowerCase();
  const isForm = type === 'application/x-www-form-urlencoded';

  if ('parsed' in body) {
    // A JSON webhook is signed through the hash of its exact bytes, which a parser discards.
    if (!isForm && type !== '') {
      throw bodyParserConflict(
        'a body parser consumed a non-form body without keeping its bytes, so bodySHA256 ' +
          'cannot be checked.',
        body.parserFix,
      );
    }
    return {
      params: paramsFromParsedBody(body.parsed, body.parserFix),
      rawBody: undefined,
      isJson: false,
    };
  }
  if ('none' in body) return { params: Object.create(null), rawBody: undefined, isJson: false };

  const raw = body.raw;
  const isEmpty = typeof raw === 'string' ? raw === '' : raw.byteLength === 0;
  if (isForm || (type === '' && !isEmpty)) {
    const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
    return { params: parseFormBody(text), rawBody: raw, isJson: false };
  }
  return { params: Object.create(null), rawBody: raw, isJson: !isEmpty };
}

async function signingKeys(
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

function readTimestamp(request: GuardRequest, config: GuardConfig): number | undefined {
  const rule = config.replay?.timestamp;
  if (!rule || !config.replay) return undefined;
  const raw = rule.read(request);
  if (raw === undefined || raw === '') {
    if (!rule.required) return undefined;
    throw new TwilioGuardError('INVALID_TIMESTAMP', 'the request carries no timestamp.');
  }
  const window = { windowMs: config.replay.windowMs, maxClockSkewMs: rule.maxClockSkewMs };
  return checkTimestamp(raw, window, config.now());
}

function queryParam(request: GuardRequest, name: string): string | undefined {
  return new URLSearchParams(rawQuery(request.url)).get(name) ?? undefined;
}

function buildContext(
  request: GuardRequest,
  content: SignedContent,
  verified: { url: string; algorithm: SignatureAlgorithm; nonce: string | undefined },
): TwilioRequestContext {
  const { params } = content;
  const idempotency = request.headers['i-twilio-idempotency-token'];
  return {
    accountSid: firstParam(params, 'AccountSid'),
    messageSid: firstParam(params, 'MessageSid') ?? firstParam(params, 'SmsSid'),
    callSid: firstParam(params, 'CallSid'),
    from: firstParam(params, 'From'),
    to: firstParam(params, 'To'),
    body: firstParam(params, 'Body'),
    params,
    rawBody: content.isJson ? rawText(content.rawBody) : undefined,
    nonce: verified.nonce,
    url: verified.url,
    algorithm: verified.algorithm,
    idempotencyToken: typeof idempotency === 'string' ? idempotency : idempotency?.[0],
  };
}

function rawText(raw: string | Uint8Array | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
}
