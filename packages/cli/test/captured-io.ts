import type { CliIo } from '../src/io.js';

export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

/** An io whose output the test reads back, with an environment of the test's choosing. */
export function capturedIo(env: Record<string, string | undefined> = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env,
    out: () => out,
    err: () => err,
  };
}
