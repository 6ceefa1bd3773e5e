import { createHash } from 'node:crypto';
import type { RedisStoreClient } from './options.js';

export interface RedisScript {
  source: string;
  sha: string;
}

export function defineScript(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source, 'utf8').digest('hex') };
}

/**
 * Runs a script by its hash, sending its source only when Redis answers `NOSCRIPT`: after a
 * restart, a failover or on a Cluster node that has not run it yet. Each node caches it after.
 */
export async function runScript(
  client: RedisStoreClient,
  script: RedisScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!hasReplyPrefix(error, 'NOSCRIPT')) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}

/** Whether Redis answered with this error code, e.g. `NOSCRIPT` or `CROSSSLOT`. */
export function hasReplyPrefix(error: unknown, code: string): boolean {
  return error instanceof Error && error.message.startsWith(code);
}
