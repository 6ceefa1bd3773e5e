import type { TwilioGuardStore } from '../store.js';
import { describeCheckRequestStore } from './check-request-suite.js';
import { describeGuardWithStore } from './guard-store-suite.js';
import { describeNonceStore } from './nonce-store-suite.js';
import { describeRateLimitStore } from './rate-limit-store-suite.js';
import type { CreateStore, StoreSuiteOptions } from './suite-support.js';

export interface TwilioGuardStoreSuiteOptions<Store> extends StoreSuiteOptions<Store> {
  /**
   * Whether the store implements `checkRequest`, so that its suite runs too. A store that
   * claims it and lacks the method fails every test of that suite, so coverage is never lost
   * without a word.
   * @default true
   */
  checkRequest?: boolean;
}

/**
 * Every conformance suite a complete store must pass: `NonceStore`, `RateLimitStore`,
 * `checkRequest` (unless turned off) and a guard built on the store.
 *
 * @example
 * describeTwilioGuardStore('MyStore', () => new MyStore(), {
 *   createUnavailableStore: () => new MyStore({ port: 1 }),
 * });
 */
export function describeTwilioGuardStore<Store extends TwilioGuardStore>(
  name: string,
  createStore: CreateStore<Store>,
  options: TwilioGuardStoreSuiteOptions<Store> = {},
): void {
  const { checkRequest = true, ...suiteOptions } = options;
  describeNonceStore(name, createStore, suiteOptions);
  describeRateLimitStore(name, createStore, suiteOptions);
  if (checkRequest) describeCheckRequestStore(name, createStore, suiteOptions);
  describeGuardWithStore(name, createStore, suiteOptions);
}
