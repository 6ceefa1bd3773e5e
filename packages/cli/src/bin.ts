#!/usr/bin/env node
import { processIo } from './io.js';
import { run } from './run.js';

// Setting exitCode instead of calling process.exit lets piped stdout drain before Node exits.
process.exitCode = await run(process.argv.slice(2), processIo());
