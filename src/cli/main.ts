import type { CliIO, Command } from './command.js';
import { UsageError } from './command.js';
import { COMMANDS } from './commands/index.js';
import { escapeControl } from '../input/index.js';

const PROGRAM = 'call-lifecycle';

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `${PROGRAM}: the lifecycle of an outbound voice call as an XState machine.`,
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...lines,
    '',
    `Run ${PROGRAM} <command> --help for a command's options.`,
    '',
  ].join('\n');
}

/**
 * Runs the CLI with `args` (without the node and script paths) and returns the exit code:
 * 0 done, 2 the user's input was wrong (one line on stderr), 1 a bug (one line on stderr; set
 * CALL_LIFECYCLE_DEBUG=1 for the stack), other codes as a command documents them.
 */
export async function main(args: string[], io: CliIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview(commands));
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr(
      `${PROGRAM}: unknown command "${escapeControl(name)}" (accepted: ${commands.map((c) => c.name).join(', ')})\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // Messages echo what the user gave (file names, values): escaped, they stay one line.
      io.stderr(`${PROGRAM}: ${escapeControl(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `${PROGRAM}: internal error: ${escapeControl(message.split('\n')[0] ?? '')} (please report it; CALL_LIFECYCLE_DEBUG=1 shows the stack)\n`,
    );
    if (process.env.CALL_LIFECYCLE_DEBUG && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return 1;
  }
}
