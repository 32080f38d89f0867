import { parseCallInput, type MessageSpec } from '../../machines/input.js';
import { describeValue, formatInputError } from '../../machines/result.js';
import { UsageError, type CliIO } from './command.js';
import { readJsonInput } from './read-input.js';

/** The message length a normalized call plays when none is given: a project assumption, not a measurement. */
export const DEFAULT_MESSAGE_MS = 30_000;

/**
 * `--message-ms` / `--messages`, shared by the commands that replay provider callbacks (providers
 * never say whether a message finished, so the machine computes it from these).
 */
export async function parseMessages(
  command: string,
  options: { 'message-ms'?: string; messages?: string },
  io: CliIO,
): Promise<MessageSpec[]> {
  if (options['message-ms'] !== undefined && options.messages !== undefined)
    throw new UsageError(`${command}: give --message-ms or --messages, not both`);
  const raw =
    options.messages === undefined
      ? [
          {
            id: 'message',
            durationMs: options['message-ms'] === undefined ? DEFAULT_MESSAGE_MS : Number(options['message-ms']),
          },
        ]
      : await readJsonInput(options.messages, io);
  // Only the messages are checked here; the number is a stand-in that never reaches a record.
  const parsed = parseCallInput({ to: '+10000000000', messages: raw }, '');
  if (!parsed.ok) {
    const where = options.messages === undefined ? '--message-ms' : options.messages;
    const message =
      options.messages === undefined
        ? `expected a whole number of ms from 1 to 86400000, got ${describeValue(options['message-ms'])}`
        : formatInputError(parsed.error);
    throw new UsageError(`${command}: ${where}: ${message}`);
  }
  return [...parsed.value.messages];
}
