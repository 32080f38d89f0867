#!/usr/bin/env node
// The CLI runs the compiled TypeScript in dist/: built by `npm run build` in a clone of the
// repository, and by `prepack` in the published package. A clone not yet built says so in one line.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/src/cli/main.js', import.meta.url))) {
  process.stderr.write('call-lifecycle: dist/ is not built: run `npm run build` in the repository first\n');
  process.exit(2);
}
const { main } = await import('../dist/src/cli/main.js');
const { processIO } = await import('../dist/src/cli/process-io.js');

process.exitCode = await main(process.argv.slice(2), processIO());
