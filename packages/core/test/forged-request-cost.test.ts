import * as crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import { twilioRequest } from './support/requests.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, createHmac: vi.fn(actual.createHmac) };
});

const createHmac = vi.mocked(crypto.createHmac);

// This URL has the most candidates Twilio may have signed: no port (so one with :443 too), an
// upper-case host that new URL() lowers, and a query the legacy encoder rewrites: six URLs.
const WORST_URL = 'https://Hooks.example.com/twilio?x=%7e&y=a+b';
const TOKENS = ['primary-token', 'secondary-token'];

describe('the HMACs one request costs', () => {
  beforeEach(() => {
    vi.stubEnv('NODE_ENV', 'production');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function hmacsFor(request: ReturnType<typeof twilioRequest>) {
    const guard = createTwilioGuard({ authToken: TOKENS });
    createHmac.mockClear();
    const verdict = await guard.check(request);
    return { verdict, hmacs: createHmac.mock.calls.length };
  }

  it('a forged request costs at most 6 per token in production', async () => {
    const { verdict, hmacs } = await hmacsFor(twilioRequest({ url: WORST_URL, token: 'forger' }));

    expect(verdict).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(hmacs).toBe(6 * TOKENS.length);
  });

  it('a genuine request signed with the first token for the URL received costs one', async () => {
    const { verdict, hmacs } = await hmacsFor(twilioRequest({ url: WORST_URL, token: TOKENS[0] }));

    expect(verdict.action).toBe('continue');
    expect(hmacs).toBe(1);
  });

  it('outside production, diagnostics try more URLs, and only for failed requests', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    const forged = await hmacsFor(twilioRequest({ url: WORST_URL, token: 'forger' }));
    const genuine = await hmacsFor(twilioRequest({ url: WORST_URL, token: TOKENS[0] }));

    expect(forged.hmacs).toBeGreaterThan(6 * TOKENS.length);
    expect(genuine.hmacs).toBe(1);
  });
});
