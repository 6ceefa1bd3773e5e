import { beforeAll } from 'vitest';
import { ensureBuilt } from './ensure-built.js';
import { describeOneInstance } from './smoke-one-instance.js';
import { describeProduction } from './smoke-production.js';
import { describeSharedRedis } from './smoke-shared-redis.js';

export interface DemoSmokeSuiteOptions {
  /** The app's folder, holding `package.json` and, once built, `dist/main.js`. */
  appDir: string;
  /** The framework's name, for test titles. */
  framework: string;
}

/** Building a cold workspace (core, demo-bot, the adapter, the app) can take a while. */
const BUILD_TIMEOUT_MS = 240_000;

/**
 * The smoke test every demo app passes: the BUILT app runs as its own process, and a WhatsApp
 * message signed by the official `twilio` package goes through all three checks, gets empty TwiML
 * at once and becomes an order; a replay gets 409, a forgery 403, SIGTERM exits 0. Then two
 * instances share replay state through Redis, and production refuses to start without a token.
 */
export function describeDemoSmoke({ appDir, framework }: DemoSmokeSuiteOptions): void {
  let main = '';
  beforeAll(async () => {
    main = await ensureBuilt(appDir);
  }, BUILD_TIMEOUT_MS);

  const built = () => main;
  describeOneInstance(framework, built);
  describeSharedRedis(framework, built);
  describeProduction(framework, built);
}
