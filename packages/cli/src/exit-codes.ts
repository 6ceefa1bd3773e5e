/**
 * The exit codes of `twilio-guard`, stable so scripts can branch on them. `REJECTED` covers both
 * a non-2xx answer to `send` and a signature that `diagnose` cannot verify as received.
 */
export const EXIT = {
  OK: 0,
  REJECTED: 1,
  USAGE: 2,
  NETWORK: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
