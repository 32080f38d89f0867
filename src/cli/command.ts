import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command reads and writes: the real process in `bin/`, buffers in tests. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole of standard input, for commands that read `-`. */
  readonly readStdin: () => Promise<string>;
  /** Standard input as a stream, for commands that read `-` as it comes (`normalize`); else `readStdin` is used. */
  readonly readStdinStream?: () => import('node:stream').Readable;
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars show only then). */
  readonly stderrIsTTY: boolean;
}

/** One `call-lifecycle <name>` command. `help` is the whole text `--help` prints. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  /** Returns the exit code. A user's mistake is thrown as a `UsageError` (exit 2). */
  readonly run: (args: string[], io: CliIO) => Promise<number>;
}

/**
 * A mistake of the user's (a bad option, an unreadable file, an invalid scenario): the CLI prints
 * its one-line message and exits with `exitCode`, never a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's options strictly: an unknown option or a missing value is a `UsageError`
 * that names the options the command accepts.
 */
export function parseOptions<const O extends Options>(
  command: string,
  args: string[],
  options: O,
  allowPositionals = false,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const names = Object.keys(options).map((name) => `--${name}`);
    const accepted = names.length === 0 ? 'it takes no options' : `accepted: ${names.join(', ')}`;
    // Node's messages run on with advice about `--`; the first sentence says what was wrong.
    let reason = error instanceof Error ? (error.message.split(/\.\s|\n/)[0] ?? error.message) : String(error);
    // `--calls -5` reads as two options; say how to pass a value that starts with a dash.
    const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(reason);
    if (ambiguous !== null)
      reason = `${ambiguous[1]} takes a value; write ${ambiguous[1]}=<value> for one starting with "-"`;
    throw new UsageError(`${command}: ${reason} (${accepted}; see call-lifecycle ${command} --help)`);
  }
}
