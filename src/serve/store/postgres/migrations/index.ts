import { cluster } from './0001-cluster.js';
import { calls } from './0002-calls.js';
import { memberUrls } from './0003-member-urls.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

/** Every migration, in version order. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [cluster, calls, memberUrls];
