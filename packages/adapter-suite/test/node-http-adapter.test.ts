import { runAdapterSuite } from '../src/index.js';
import { startNodeHttpApp } from './node-http-adapter.js';

runAdapterSuite('node:http reference', startNodeHttpApp);
