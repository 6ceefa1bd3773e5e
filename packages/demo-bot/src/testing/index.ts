export {
  type DemoProcess,
  type DemoProcessOptions,
  runDemoProcess,
  startDemoProcess,
} from './demo-process.js';
export { ensureBuilt } from './ensure-built.js';
export { eventually, freePort } from './free-port.js';
export { logLines, ordersOf } from './inspect-demo.js';
export { describeWithRedis, type TestRedis, testRedis } from './redis-server.js';
export {
  type SignedMessage,
  signedWhatsappMessage,
  type WhatsappMessage,
} from './signed-message.js';
export { type DemoSmokeSuiteOptions, describeDemoSmoke } from './smoke-suite.js';
