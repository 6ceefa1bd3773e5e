export { EXIT, type ExitCode } from './exit-codes.js';
export { type CliIo, processIo } from './io.js';
export { run } from './run.js';
