// What the server takes from this machine: the built code tables (the code lists at start, the
// grouper's and the Code Editor's tables on first use), the file system its settings files are
// read from, and the rule pages its diagnostics link to.
// main.ts hands these to startServer; an in-process test can hand the same, or its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS, type ServiceContext } from '../service/context';
import { loadTables, type Tables } from '../tables/load';
import { defaultTablesDir } from '../tables/format';
import { nodeFileSystem } from '../service/projectSettings';
import type { ServerLog } from './log';
import type { ServerDeps } from './session';

export function nodeServerDeps(startedAt = Date.now()): ServerDeps {
  return {
    loadContext: (log) => loadNodeContext(log),
    fileSystem: nodeFileSystem,
    rulesDocsBase: rulesDocsBase(),
    startedAt,
    debugRequests: process.env.CHARTCODER_DEBUG === '1',
  };
}

/** The tables in `dir`; a failure leaves a context without tables that says why (`tablesError`). */
export function loadNodeContext(log: ServerLog, dir = defaultTablesDir()): ServiceContext {
  const ctx: ServiceContext = { tables: null, settings: { ...DEFAULT_SETTINGS } };
  let tables: Tables | null = null;
  try {
    const t0 = Date.now();
    tables = loadTables(dir);
    ctx.tables = tables;
    log.info(`tables loaded in ${Date.now() - t0} ms (${tables.releases.map((r) => r.id).join(', ')})`);
    if (tables.store.repaired) log.info(tables.store.repaired); // a killed `tables build` left its install half-done: finished now
  } catch (e) {
    ctx.tablesError = (e as Error).message;
    log.error(`code tables not loaded: ${ctx.tablesError}`);
  }
  // The grouper's tables (30–40 ms) and the Code Editor's (80–90 ms) load on first use or in the
  // warm-up after the handshake, not before the server answers `initialize`.
  // Both are the one copy the code tables keep, shared with their lookups.
  const loaded = tables;
  if (loaded) {
    loadOnFirstUse(ctx, 'grouper', () => loaded.grouperTables(), 'MS-DRG tables not loaded, DRG features are off', log);
    loadOnFirstUse(ctx, 'mce', () => loaded.mceTables(), "Code Editor tables not loaded, mce.* checks use the code tables' flags only", log);
  }
  return ctx;
}

/** Makes `ctx[key]` load on first read (once); a failure is logged once and reads as null. */
function loadOnFirstUse<K extends 'grouper' | 'mce'>(
  ctx: ServiceContext,
  key: K,
  load: () => NonNullable<ServiceContext[K]>,
  failure: string,
  log: ServerLog,
): void {
  let loaded: { value: ServiceContext[K] } | null = null;
  Object.defineProperty(ctx, key, {
    enumerable: true,
    get: () => {
      if (!loaded) {
        try {
          loaded = { value: load() };
        } catch (e) {
          log.error(`${failure}: ${(e as Error).message}`);
          loaded = { value: null as ServiceContext[K] };
        }
      }
      return loaded.value;
    },
  });
}

/** docs/rules beside the bundle (dist/../docs) or the sources (server/src/lsp/../../../docs). */
function rulesDocsBase(): string | null {
  for (const candidate of [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules')]) {
    if (fs.existsSync(candidate)) return pathToFileURL(candidate).href;
  }
  return null;
}
