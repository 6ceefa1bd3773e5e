import { startupBanner, webhookUrlFor } from './banner.js';
import { type DemoConfig, loadDemoConfig } from './config.js';
import { createDemo, type Demo } from './demo.js';
import { removeDevSession, writeDevSession } from './dev-session.js';
import type { RunningServer } from './http-server.js';
import { createJsonLogger, type Logger } from './logger.js';
import { LogMessenger, type Messenger } from './messenger.js';
import { shutdown } from './shutdown.js';
import { type DemoStore, openDemoStore } from './store.js';

export interface RunDemoOptions {
  /**
   * How long shutdown may wait for requests and work in progress before it gives up on them.
   * @default 10000
   */
  shutdownTimeoutMs?: number;
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Starts the framework's server for a demo and resolves once it listens. */
export type ListenFn = (demo: Demo) => Promise<RunningServer>;

/**
 * Runs one demo app: reads the configuration, opens the store, lets the app mount its routes and
 * listen, prints the start-up banner, and on SIGTERM or SIGINT stops accepting, finishes the work
 * in flight and exits 0. A configuration problem prints one clear line and exits 1.
 */
export async function runDemo(
  framework: string,
  listen: ListenFn,
  options: RunDemoOptions = {},
): Promise<void> {
  const logger = createJsonLogger();
  let config: DemoConfig;
  let store: DemoStore;
  let demo: Demo;
  let server: RunningServer;

  try {
    config = loadDemoConfig(options.env);
    store = await openDemoStore(config.redisUrl, logger);
    demo = createDemo({ config, logger, store, messenger: await messengerFor(config, logger) });
    server = await listen(demo);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`demo (${framework}) did not start: ${reason}\n`);
    process.exit(1);
  }

  const facts = { framework, port: server.port, store: store.description };
  process.stdout.write(startupBanner({ ...facts, config }));
  logger.info({ event: 'demo.started', ...facts }, 'demo started');

  const sessionFile = config.production
    ? undefined
    : await writeDevSession({
        pid: process.pid,
        framework,
        webhookUrl: webhookUrlFor(config, server.port),
        generatedToken: config.generatedToken,
        startedAt: new Date().toISOString(),
      });

  const stop = async (signal: string) => {
    logger.info({ event: 'demo.stopping', signal, pendingWork: demo.work.pending }, 'stopping');
    const release = [() => demo.guard.close(), store.close];
    if (sessionFile) release.push(() => removeDevSession(sessionFile));

    const outcome = await shutdown(
      { server, work: demo.work, release, logger },
      options.shutdownTimeoutMs ?? 10_000,
    );
    logger.info({ event: 'demo.stopped', ...outcome }, 'demo stopped');
    process.exit(0);
  };

  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      // A second signal while stopping means "now": leave without waiting any longer.
      if (stopping) process.exit(1);
      stopping = true;
      stop(signal).catch((error: unknown) => {
        logger.error({ event: 'demo.stop-failed', err: error }, 'shutdown failed');
        process.exit(1);
      });
    });
  }
}

async function messengerFor(config: DemoConfig, logger: Logger): Promise<Messenger> {
  if (!config.twilioCredentials) return new LogMessenger(logger);
  const { TwilioMessenger } = await import('./twilio-messenger.js');
  const { accountSid, authToken } = config.twilioCredentials;
  return new TwilioMessenger({ accountSid, authToken });
}
