// chartcoder/debugMemory (protocol.ts): process memory and bookkeeping counts, for the
// reliability tests (memory returns to its baseline after a burst of edits). No chart text.
// Only with CHARTCODER_DEBUG=1 (ServerDeps.debugRequests): it runs `vm` and flips V8 flags, which
// a production server must not let any client do; without it the request is MethodNotFound.
import type { Session } from '../session';
import { DebugMemoryRequest, type DebugMemoryResult } from '../protocol';

export function registerDebugHandlers(session: Session): void {
  if (!session.deps.debugRequests) return;
  session.connection.onRequest(
    DebugMemoryRequest,
    session.log.guarded('debugMemory', null, (params): DebugMemoryResult => {
      if (params?.gc) {
        // No --expose-gc in production: expose it for this one call, as the V8 docs allow.
        require('node:v8').setFlagsFromString('--expose-gc');
        (require('node:vm').runInNewContext('gc') as () => void)();
      }
      const heapSpaces = (require('node:v8') as typeof import('node:v8'))
        .getHeapSpaceStatistics()
        .map((s) => ({ name: s.space_name, size: s.space_size, used: s.space_used_size }));
      return { ...process.memoryUsage(), heapSpaces, openDocuments: session.documents.all().length, pendingDiagnostics: session.diagnostics.pendingCount };
    }),
  );
}
