import { runAdapterSuite } from '@twilio-guard/adapter-suite';
import { expressApp } from './express-app.js';

runAdapterSuite('express', expressApp());

// With the bytes kept, even a nesting parser leaves the signed data intact.
runAdapterSuite('express, parsers keeping rawBody', expressApp({ keepRawBody: true }));
