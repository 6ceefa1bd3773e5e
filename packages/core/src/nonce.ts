import { createHash } from 'node:crypto';

/**
 * The nonce of a verified request: SHA-256 of its signature, and of its timestamp when one is
 * configured. A Twilio retry is byte-identical to the first delivery, so it has the same nonce.
 */
export function deriveNonce(signature: string, timestamp?: number): string {
  const hash = createHash('sha256').update(signature, 'utf8');
  if (timestamp !== undefined) hash.update(`\n${timestamp}`, 'utf8');
  return hash.digest('hex');
}
