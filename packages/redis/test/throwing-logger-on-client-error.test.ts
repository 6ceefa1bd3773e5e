import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { RedisStore, type RedisStoreOptions } from '../src/index.js';

it('keeps a logger that throws inside the client error listener', () => {
  const unused = async () => null;
  const client = Object.assign(new EventEmitter(), {
    isCluster: false,
    evalsha: unused,
    set: unused,
  });
  const logger = {
    warn: () => {
      throw new Error('the logger is broken');
    },
  };
  new RedisStore({ client, logger } as unknown as RedisStoreOptions);

  // EventEmitter rethrows what a listener throws; in ioredis that would be an uncaught exception.
  expect(() => client.emit('error', new Error('connect ECONNREFUSED'))).not.toThrow();
});
