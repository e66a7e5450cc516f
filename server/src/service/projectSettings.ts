// The `.chartcoder.json` of a chart: the nearest one in the chart's folder or a folder above it,
// read the same way by the CLI (chartcoder check) and the server (the editor). Where it sits among
// the other settings is written once, in settings.ts. The file system is passed in, so the lookup
// is a pure function of what the files say (tests give an in-memory one).
import * as path from 'node:path';
import { readSettingsLayer, type SettingsLayer } from './settings';
import { MAX_SETTINGS_FILE_BYTES, readUserFile, UserFileError } from '../base/safeRead';

export const PROJECT_SETTINGS_FILE = '.chartcoder.json';

export interface ProjectFileSystem {
  /** The file's text, or undefined when there is no such file. Other errors throw. */
  readFile(file: string): string | undefined;
}

/** The machine's file system: a settings file is read only when it is a regular file of at most 1 MB (a FIFO or /dev/zero there is an error, not a hang). */
export const nodeFileSystem: ProjectFileSystem = {
  readFile(file) {
    try {
      return readUserFile(file, { maxBytes: MAX_SETTINGS_FILE_BYTES, what: 'settings file' });
    } catch (e) {
      const code = e instanceof UserFileError ? e.code : (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw e;
    }
  },
};

export type ProjectSettings =
  /** The file was read: its layer (a relative cptTable resolved against its folder) and its problems. */
  | { file: string; text: string; layer: SettingsLayer; problems: string[]; error?: undefined }
  /** The file is there but cannot be used (not JSON, not readable): nothing of it applies. */
  | { file: string; text: string | null; error: string };

/** The nearest `.chartcoder.json` at or above `dir` (an absolute folder), or null when there is none. */
export function findProjectSettings(dir: string, files: ProjectFileSystem): ProjectSettings | null {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, PROJECT_SETTINGS_FILE);
    let text: string | undefined;
    try {
      text = files.readFile(file);
    } catch (e) {
      return { file, text: null, error: `${file}: cannot be read: ${e instanceof UserFileError ? e.reason : (e as Error).message}` };
    }
    if (text !== undefined) return readProjectSettings(file, text);
    if (path.dirname(d) === d) return null;
  }
}

/** The settings layer of a `.chartcoder.json` at `file` holding `text`. */
export function readProjectSettings(file: string, text: string): ProjectSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { file, text, error: `${file}: not valid JSON: ${(e as Error).message}` };
  }
  const { layer, problems } = readSettingsLayer(raw, file, path.dirname(file));
  return { file, text, layer, problems };
}
