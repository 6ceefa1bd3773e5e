export { describeCheckRequestStore } from './check-request-suite.js';
export { describeGuardWithStore } from './guard-store-suite.js';
export { describeNonceStore } from './nonce-store-suite.js';
export { describeRateLimitStore } from './rate-limit-store-suite.js';
export {
  type SignedTwilioRequest,
  type SignTwilioRequestInput,
  signTwilioRequest,
} from './sign.js';
export { describeTwilioGuardStore, type TwilioGuardStoreSuiteOptions } from './store-suite.js';
export type { CreateStore, StoreSuiteOptions } from './suite-support.js';
