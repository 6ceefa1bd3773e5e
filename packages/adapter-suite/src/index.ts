export type { HarnessOptions, StartedServer, StartServer } from './harness.js';
export { runAdapterSuite } from './suite.js';
