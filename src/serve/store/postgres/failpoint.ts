/**
 * A fail point for the multi-process test (test/serve/store/postgres/cluster.test.ts), inert unless
 * the environment names it: `CALL_LIFECYCLE_FAILPOINT=stop-before-record:N` makes this process stop
 * itself with SIGSTOP just before its N-th record write, after it has picked the lease it writes
 * under. That is the moment a pause is most dangerous (the process resumes believing it owns the
 * call), and a random external SIGSTOP almost never lands there. The test resumes it after the
 * lease has passed to another process and checks that the database refused the write.
 */
const spec = /^stop-before-record:(\d+)$/.exec(process.env.CALL_LIFECYCLE_FAILPOINT ?? '');
let recordWrites = 0;

export function beforeRecordWrite(): void {
  if (spec === null) return;
  recordWrites += 1;
  if (recordWrites === Number(spec[1])) process.kill(process.pid, 'SIGSTOP');
}
