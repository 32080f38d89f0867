import { text } from 'node:stream/consumers';
import type { CliIO } from './command.js';
import { EXIT_WRITE_FAILED, writeFailureReason } from './output.js';

/** The real process's streams, for `bin/call-lifecycle.js`. */
export function processIO(): CliIO {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that stops early (`call-lifecycle normalize … | head`) closes the pipe: stop quietly,
    // as Unix tools do, instead of dying on an unhandled EPIPE with a stack trace.
    if (error.code === 'EPIPE') process.exit(0);
    // Any other failure (a full disk, /dev/full) loses output: say so on one line, exit non-zero.
    process.stderr.write(`call-lifecycle: cannot write standard output: ${writeFailureReason(error)}\n`);
    process.exit(EXIT_WRITE_FAILED);
  });
  // Nothing is left to tell about a failing stderr; without a listener its error would be a crash.
  process.stderr.on('error', () => undefined);
  return {
    stdout: (chunk) => void process.stdout.write(chunk),
    stderr: (chunk) => void process.stderr.write(chunk),
    readStdin: () => text(process.stdin),
    readStdinStream: () => process.stdin.setEncoding('utf8'),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
