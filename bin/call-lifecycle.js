#!/usr/bin/env node
// The CLI runs the compiled TypeScript in dist/, built by `npm install` (the `prepare` script).
import { main } from '../dist/src/cli/main.js';
import { processIO } from '../dist/src/cli/process-io.js';

process.exitCode = await main(process.argv.slice(2), processIO());
