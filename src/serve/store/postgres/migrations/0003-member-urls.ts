import type { Migration } from './types.js';

/**
 * Where each process can be reached: the generic API runs a call in the memory of its owner, so a
 * process that receives a request for a call it does not own passes it to the owner's URL
 * (docs/scale-out.md). Null until the process listens (and for processes of older versions).
 */
export const memberUrls: Migration = {
  version: 3,
  name: 'member urls',
  sql: `ALTER TABLE members ADD COLUMN url text;`,
};
