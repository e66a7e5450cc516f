// What an untrusted workspace may not set (package.json `restrictedConfigurations`): the CPT table
// path (the server would read any file it names) and the protocol trace (`verbose` logs chart
// text, PHI). VS Code already ignores a workspace's value of a restricted setting in restricted
// mode; the client also withholds them from the server and keeps its own trace off, so a user-level
// value set for another, trusted, folder does not apply either. No `vscode` import: unit-tested.

/** The `chartcoder.*` settings (without the prefix) an untrusted workspace never gets. */
export const RESTRICTED_SETTINGS = ['cptTable', 'trace'] as const;

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The `chartcoder` settings as the server may read them in a workspace of this trust. */
export function settingsForWorkspace(raw: unknown, trusted: boolean): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const plain = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  if (!trusted) for (const key of RESTRICTED_SETTINGS) delete plain[key];
  return plain;
}

/** The protocol trace to use: the configured level when trusted, off otherwise. */
export function traceForWorkspace(configured: unknown, trusted: boolean): TraceLevel {
  if (!trusted) return 'off';
  return configured === 'messages' || configured === 'verbose' ? configured : 'off';
}
