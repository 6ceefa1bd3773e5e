import { describeTwilioGuardStore } from '@twilio-guard/core/testing';
import { Cluster, Redis } from 'ioredis';
import { type KeyLayout, RedisStore } from '../src/index.js';
import {
  clientOptions,
  connectCluster,
  connectStandalone,
  describeCluster,
  describeStandalone,
} from './redis-env.js';

/** Nothing listens on port 1, so every connection attempt is refused at once. */
const UNREACHABLE = { host: '127.0.0.1', port: 1 };

const clients = new WeakMap<RedisStore, Redis | Cluster>();

function storeOn(client: Redis | Cluster, keyLayout: KeyLayout = 'single-slot'): RedisStore {
  const store = new RedisStore({ client, keyPrefix: 'conformance:', keyLayout });
  clients.set(store, client);
  return store;
}

/** Closes the store and disconnects its client, whichever state the client is in. */
async function disposeStore(store: RedisStore): Promise<void> {
  store.close();
  clients.get(store)?.disconnect();
}

describeStandalone('RedisStore conformance on a standalone server', () => {
  describeTwilioGuardStore('RedisStore', async () => storeOn(await connectStandalone()), {
    createUnavailableStore: () => storeOn(new Redis({ ...clientOptions, ...UNREACHABLE })),
    disposeStore,
  });
});

describeCluster('RedisStore conformance on a three-master Cluster', () => {
  describeTwilioGuardStore('RedisStore', async () => storeOn(await connectCluster()), {
    createUnavailableStore: () =>
      storeOn(
        new Cluster([UNREACHABLE], { enableOfflineQueue: false, redisOptions: clientOptions }),
      ),
    disposeStore,
  });
});

describeCluster("RedisStore conformance on a three-master Cluster, keyLayout 'per-key'", () => {
  describeTwilioGuardStore('RedisStore', async () => storeOn(await connectCluster(), 'per-key'), {
    createUnavailableStore: () =>
      storeOn(
        new Cluster([UNREACHABLE], { enableOfflineQueue: false, redisOptions: clientOptions }),
        'per-key',
      ),
    disposeStore,
  });
});
