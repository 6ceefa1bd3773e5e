export type { KeyLayout } from './keys.js';
export type { RedisStoreClient, RedisStoreOptions } from './options.js';
export { RedisStore } from './redis-store.js';
