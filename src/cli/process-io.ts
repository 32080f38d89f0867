import { text } from 'node:stream/consumers';
import type { CliIO } from './command.js';

/** The real process's streams, for `bin/call-lifecycle.js`. */
export function processIO(): CliIO {
  // A reader that stops early (`call-lifecycle normalize … | head`) closes the pipe: stop quietly,
  // as Unix tools do, instead of dying on an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  return {
    stdout: (chunk) => void process.stdout.write(chunk),
    stderr: (chunk) => void process.stderr.write(chunk),
    readStdin: () => text(process.stdin),
    readStdinStream: () => process.stdin.setEncoding('utf8'),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
