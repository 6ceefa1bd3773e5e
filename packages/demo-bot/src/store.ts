import { MemoryStore, TwilioGuardError, type TwilioGuardStore } from '@twilio-guard/core';
import type { Logger } from './logger.js';

/** The guard's store, opened for the demo, with what to print about it and how to close it. */
export interface DemoStore {
  store: TwilioGuardStore;
  /** For the start-up banner, e.g. `redis (redis://127.0.0.1:6379)`, never with a password. */
  description: string;
  close(): Promise<void>;
}

/**
 * A Redis store when `redisUrl` is set, connected before the demo accepts webhooks so that an
 * unreachable Redis stops start-up instead of failing every request; a memory store otherwise.
 * The Redis packages load only when used.
 */
export async function openDemoStore(
  redisUrl: string | undefined,
  logger: Logger,
): Promise<DemoStore> {
  if (!redisUrl) {
    const store = new MemoryStore({ logger });
    return { store, description: 'memory', close: async () => store.close() };
  }

  const [{ Redis }, { RedisStore }] = await Promise.all([
    import('ioredis'),
    import('@twilio-guard/redis'),
  ]);
  // No offline queue: while Redis is down, the guard answers 503 at once instead of waiting.
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  // Until the store listens, a connection error must still have a listener; after that the
  // store reports each outage once.
  const beforeStore = (error: Error) => logger.warn({ err: error }, 'redis connection error');
  client.on('error', beforeStore);

  try {
    await client.connect();
  } catch (cause) {
    client.disconnect();
    throw new TwilioGuardError(
      'CONFIG_ERROR',
      `could not connect to Redis at ${withoutPassword(redisUrl)}. Check REDIS_URL.`,
      { cause },
    );
  }

  const store = new RedisStore({ client, logger });
  client.off('error', beforeStore);
  return {
    store,
    description: `redis (${withoutPassword(redisUrl)})`,
    close: async () => {
      await client.quit();
    },
  };
}

function withoutPassword(url: string): string {
  if (!URL.canParse(url)) return 'the configured URL';
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
