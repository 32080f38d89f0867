/**
 * Input hardening shared by every reader of outside data (CLI files, provider callbacks, HTTP
 * bodies, captures): BOM, nesting depth, prototype-named keys, control characters. Browser-safe.
 */
export { isTooDeep, MAX_JSON_DEPTH, parseJsonText, tooDeepAt } from './json.js';
export { isJsonObject, ownField, plainRecord, unknownKey } from './keys.js';
export { escapeControl, stripBom } from './text.js';
