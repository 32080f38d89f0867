import type { Command } from '../command.js';
import { diagramCommand } from './diagram.js';
import { normalizeCommand } from './normalize.js';
import { runCommand } from './run.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';

/** Every command, in the order `--help` lists them. Add a command here and nowhere else. */
export const COMMANDS: readonly Command[] = [
  runCommand,
  diagramCommand,
  normalizeCommand,
  simulateCommand,
  serveCommand,
];
