export { bodyParserConflict, payloadTooLarge, unreadableBody } from './body-errors.js';
export { rateLimitKeyForIp } from './client-ip.js';
export { isProductionEnv, twilioGuardOptionsFromEnv } from './env.js';
export {
  isTwilioGuardError,
  STATUS_BY_CODE,
  TwilioGuardError,
  type TwilioGuardErrorCode,
} from './errors.js';
export { createTwilioGuard, isTwilioGuard, type TwilioGuard } from './guard.js';
export { bodyForHandler } from './handler-body.js';
export { maskPhone } from './mask.js';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { deriveNonce } from './nonce.js';
export type {
  AuthTokenResolver,
  AuthTokens,
  RateLimitOptions,
  ReplayOptions,
  TimestampOptions,
  TwilioGuardOptions,
} from './options.js';
export { firstParam, paramsFromParsedBody, parseFormBody } from './params.js';
export { EMPTY_TWIML } from './problem.js';
export { rawQuery, resolvePublicUrl, type WebhookUrlOption } from './public-url.js';
export { decideRateLimit, rateLimitHeaders, type WindowCounts } from './rate-limit.js';
export {
  bodySha256,
  bodySha256Param,
  computeTwilioSignature,
  matchTwilioSignature,
  type SignatureMatch,
  signedParamsString,
  type VerifyTwilioSignatureInput,
  verifyTwilioSignature,
} from './signature.js';
export type {
  NonceStore,
  RateLimitResult,
  RateLimitRule,
  RateLimitStore,
  StoreRequest,
  StoreResult,
  TwilioGuardStore,
} from './store.js';
// Also in /testing; exported here too so tests on any runner (not only vitest) can sign requests.
export {
  encodeForm,
  type SignedTwilioRequest,
  type SignTwilioRequestInput,
  signTwilioRequest,
} from './testing/sign.js';
export { parseTimestamp } from './timestamp.js';
export type {
  GuardBody,
  GuardRequest,
  GuardResponse,
  GuardVerdict,
  HeaderValue,
  Logger,
  SignatureAlgorithm,
  TwilioParams,
  TwilioRequestContext,
} from './types.js';
export { candidateUrls } from './url-candidates.js';
