import { spawn } from 'node:child_process';
import { eventually, freePort } from './free-port.js';

export interface DemoProcessOptions {
  /** The built entry point, e.g. `apps/demo-express/dist/main.js`. */
  main: string;
  /** The whole environment of the process: nothing is inherited but `PATH`. */
  env: Record<string, string>;
}

/** A demo app running as its own process. */
export interface DemoProcess {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Everything it wrote to standard output so far. */
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and resolves the exit code (`null` when a signal ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves the exit code once the process has exited, however that happened. */
  exited: Promise<number | null>;
}

/**
 * Starts a built demo on a free port and resolves once `GET /healthz` answers 200. Rejects with
 * the process's output when it exits first or does not become healthy.
 */
export async function startDemoProcess(options: DemoProcessOptions): Promise<DemoProcess> {
  const demo = await spawnDemo(options);

  let exitCode: number | null | undefined;
  void demo.exited.then((code) => {
    exitCode = code;
  });
  const outcome = await eventually(
    async () => {
      if (exitCode !== undefined) return 'exited';
      const response = await fetch(`${demo.origin}/healthz`);
      return response.ok ? 'healthy' : undefined;
    },
    'the demo to answer /healthz',
    15_000,
  ).catch(() => 'silent');

  if (outcome !== 'healthy') {
    await demo.stop('SIGKILL');
    throw new Error(
      `The demo did not become healthy (${outcome}, exit code ${String(exitCode)}).\n` +
        `stdout:\n${demo.stdout()}\nstderr:\n${demo.stderr()}`,
    );
  }
  return demo;
}

/**
 * Runs a built demo to its end, for start-up failures: resolves its exit code and output. A demo
 * still running after `timeoutMs` is killed, and its code is then `null`.
 */
export async function runDemoProcess(
  options: DemoProcessOptions,
  timeoutMs = 15_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const demo = await spawnDemo(options);
  const timer = setTimeout(() => void demo.stop('SIGKILL'), timeoutMs);
  const code = await demo.exited;
  clearTimeout(timer);
  return { code, stdout: demo.stdout(), stderr: demo.stderr() };
}

async function spawnDemo(options: DemoProcessOptions): Promise<DemoProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [options.main], {
    env: { PATH: process.env.PATH ?? '', ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code) => resolve(code));
  });

  return {
    origin: `http://127.0.0.1:${port}`,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
