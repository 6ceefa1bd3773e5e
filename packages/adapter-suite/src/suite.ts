import { describe } from 'vitest';
import type { StartServer } from './harness.js';
import { acceptedScenarios } from './scenarios/accepted.js';
import { bodyLimitScenarios } from './scenarios/body-limit.js';
import { nameScenarios } from './scenarios/names.js';
import { rateLimitScenarios } from './scenarios/rate-limit.js';
import { rejectedScenarios } from './scenarios/rejected.js';
import { replayScenarios } from './scenarios/replay.js';
import { urlScenarios } from './scenarios/urls.js';

/**
 * Registers the behaviour every twilio-guard adapter must have, as vitest tests over real
 * loopback HTTP. Each test starts its own app through `start`, with its own guard options and a
 * fresh `MemoryStore`, and closes it when done. Requests are signed by the official `twilio`
 * package, so passing means agreeing with what Twilio sends.
 */
export function runAdapterSuite(name: string, start: StartServer): void {
  describe(`${name} adapter`, () => {
    describe('accepted requests', () => acceptedScenarios(start));
    describe('rejected requests', () => rejectedScenarios(start));
    describe('body limit', () => bodyLimitScenarios(start));
    describe('replay protection', () => replayScenarios(start));
    describe('rate limiting', () => rateLimitScenarios(start));
    describe('public URL', () => urlScenarios(start));
    describe('parameter names and body parsers', () => nameScenarios(start));
  });
}
