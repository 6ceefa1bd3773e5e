import { bodyParserConflict } from './body-errors.js';
import type { GuardConfig } from './config.js';
import { diagnoseSignature } from './diagnostics.js';
import { TwilioGuardError } from './errors.js';
import { firstHeaderValue } from './header-value.js';
import { deriveNonce } from './nonce.js';
import { firstParam, paramsFromParsedBody, parseFormBody } from './params.js';
import { rawQuery, resolvePublicUrl } from './public-url.js';
import { bodySha256Param, matchTwilioSignature } from './signature.js';
import { signatureHeader, signingKeys } from './signing-keys.js';
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

async function readBody(body: GuardRequest['body']): Promise<GuardBody> {
  return typeof body === 'function' ? body() : body;
}

function signedContent(body: GuardBody, contentType: HeaderValue): SignedContent {
  const type = (firstHeaderValue(contentType) ?? '').split(';', 1)[0]?.trim().toLowerCase();
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
    return { params: parseFormBody(rawText(raw)), rawBody: raw, isJson: false };
  }
  return { params: Object.create(null), rawBody: raw, isJson: !isEmpty };
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
  return {
    accountSid: firstParam(params, 'AccountSid'),
    messageSid: firstParam(params, 'MessageSid') ?? firstParam(params, 'SmsSid'),
    callSid: firstParam(params, 'CallSid'),
    from: firstParam(params, 'From'),
    to: firstParam(params, 'To'),
    body: firstParam(params, 'Body'),
    params,
    rawBody: content.isJson && content.rawBody !== undefined ? rawText(content.rawBody) : undefined,
    nonce: verified.nonce,
    url: verified.url,
    algorithm: verified.algorithm,
    idempotencyToken: firstHeaderValue(request.headers['i-twilio-idempotency-token']),
  };
}

function rawText(raw: string | Uint8Array): string {
  return typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
}
