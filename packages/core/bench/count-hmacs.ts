import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';

/**
 * How many HMACs `run` computes. Wraps `crypto.createHmac` for the duration, and syncs the
 * wrapper into `node:crypto`'s ESM named exports so both our import and the twilio package's
 * `require` see it.
 */
export function countHmacs(run: () => unknown): number {
  const original = crypto.createHmac;
  let count = 0;
  crypto.createHmac = ((...args: Parameters<typeof original>) => {
    count += 1;
    return original(...args);
  }) as typeof original;
  syncBuiltinESMExports();
  try {
    run();
  } finally {
    crypto.createHmac = original;
    syncBuiltinESMExports();
  }
  return count;
}
