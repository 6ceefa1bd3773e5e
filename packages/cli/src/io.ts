/** Where the CLI writes and what it reads from its environment, injectable for tests. */
export interface CliIo {
  /** Receives results: statuses, bodies, signatures, diagnoses. */
  stdout: (text: string) => void;
  /** Receives usage errors and network failures. */
  stderr: (text: string) => void;
  /** Environment variables; `TWILIO_AUTH_TOKEN` and `TWILIO_ACCOUNT_SID` are read from here. */
  env: Readonly<Record<string, string | undefined>>;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  };
}
