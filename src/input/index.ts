/**
 * Input hardening shared by every reader of outside data (CLI files, provider callbacks, HTTP
 * bodies, captures): BOM, nesting depth, prototype-named keys, control characters. Browser-safe.
 * The value-level guards live in machines/values.ts, which the machine's own input checks use.
 */
export {
  escapeControl,
  isJsonObject,
  isTooDeep,
  MAX_JSON_DEPTH,
  ownField,
  plainRecord,
  unknownKey,
} from '../../machines/values.js';
export { parseJsonText, tooDeepAt } from './json.js';
export { stripBom } from './text.js';
