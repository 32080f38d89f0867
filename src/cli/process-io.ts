import { text } from 'node:stream/consumers';
import type { CliIO } from './command.js';

/** The real process's streams, for `bin/call-lifecycle.js`. */
export function processIO(): CliIO {
  return {
    stdout: (chunk) => void process.stdout.write(chunk),
    stderr: (chunk) => void process.stderr.write(chunk),
    readStdin: () => text(process.stdin),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
