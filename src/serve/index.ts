/**
 * `call-lifecycle serve` as a library: the store interface (`CallStore`) a durable store
 * implements, the SQLite store, the call service and the HTTP server. Node-only.
 */
export { CallService } from './service.js';
export type { Accepted, CallServiceOptions, CallView } from './service.js';
export { GenericCall } from './generic-call.js';
export { callbackFacts, callLine } from './provider-record.js';
export type { CallbackFacts } from './provider-record.js';
export { RecordFeed } from './record-feed.js';
export { ServeMetrics } from './metrics.js';
export { SOURCE_NAMES } from './store/types.js';
export type {
  AppendResult,
  CallbackInput,
  CallKey,
  CallStore,
  PendingCall,
  SourceName,
  StoredCallback,
  StoredRecord,
} from './store/types.js';
export { openSqliteStore } from './node/sqlite-store.js';
export { openStore, StoreSpecError } from './node/open-store.js';
export { startServer } from './node/server.js';
export type { RunningServer, ServeConfig } from './node/server.js';
