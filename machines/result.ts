/**
 * Errors a user can cause (bad input, bad files) are values, not exceptions: every parser returns
 * a `Result`. Bugs still throw.
 */
export type Result<T, E = InputError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/**
 * What was wrong with some input: where (`path`, e.g. `events[3].type`), and a one-line message
 * that says what was found and what is accepted.
 */
export interface InputError {
  readonly path: string;
  readonly message: string;
}

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function fail(path: string, message: string): Result<never, InputError> {
  return { ok: false, error: { path, message } };
}

/** Renders an error as the one line the CLI prints, e.g. `events[3].type: unknown event "x" (accepted: …)`. */
export function formatInputError(error: InputError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

/** Shows a value from the outside in an error message: JSON, cut short, on one line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  text = text.replace(/[\r\n\t]+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Lists accepted values for an error message: `"a", "b" or "c"`. */
export function listAccepted(values: readonly (string | null)[]): string {
  const shown = values.map((value) => (value === null ? 'null' : `"${value}"`));
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`;
}
