// Reading FHIR input: a Bundle (JSON), a single resource (JSON) or bulk-data NDJSON (one resource
// per line, what `$export` from Epic, Oracle Health and other certified EHRs writes). Every input
// becomes an EntrySource that hands its resources over one at a time and can be read again:
// the importer reads twice (encounters first, then what belongs to the chosen ones), so memory
// holds the chosen encounters, not the whole export.
//
// Files up to STREAM_ABOVE bytes are parsed whole (JSON.parse is ~10× faster than any streaming
// parser); larger Bundles stream entry by entry through @streamparser/json, and NDJSON streams
// line by line. A malformed input stops the import with one error naming the file, the entry and
// the resource (FhirInputError); nothing is written.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { JSONParser } from '@streamparser/json';

/** One resource of an input, with where it came from (for messages and reference resolution). */
export interface FhirEntry {
  resource: FhirObject;
  /** Bundle.entry.fullUrl, when the resource came from a Bundle that gives one. */
  fullUrl?: string;
  /** Position in its input: entry number in a Bundle (1-based), line in NDJSON. */
  position: string;
  source: string;
}

/** A FHIR resource as parsed JSON: read field by field, checked where used. */
export type FhirObject = { resourceType: string; id?: string; [key: string]: unknown };

export interface EntrySource {
  /** The file name (or label) used in messages. */
  label: string;
  /** Calls `visit` for each resource, in input order. May be called more than once. */
  forEach(visit: (entry: FhirEntry) => void): Promise<void>;
}

export class FhirInputError extends Error {}

/** Bundles above this size stream (bytes). Options let tests force streaming on small files. */
export const STREAM_ABOVE = 64 * 1024 * 1024;

export interface SourceOptions {
  streamAbove?: number;
}

/** An input already in memory (a parsed Bundle or resource), e.g. from a test or the YAML examples. */
export function sourceFromValue(label: string, value: unknown): EntrySource {
  const entries = entriesOf(label, value);
  return {
    label,
    async forEach(visit) {
      for (const e of entries) visit(e);
    },
  };
}

/** A file on disk: JSON Bundle or resource, or NDJSON (by extension `.ndjson`/`.jsonl`, or by content). */
export function sourceFromFile(file: string, label = file, options: SourceOptions = {}): EntrySource {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new FhirInputError(`${label}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (stat.isDirectory()) throw new FhirInputError(`${label}: is a directory (give the Bundle or NDJSON files in it)`);
  // A FIFO, a socket or a device (/dev/zero) would hang the read or never end: regular files only.
  if (!stat.isFile()) throw new FhirInputError(`${label}: is not a regular file (a FIFO, socket or device); give a Bundle or NDJSON file`);
  const ndjson = /\.(ndjson|jsonl)$/i.test(file) || looksLikeNdjson(file);
  if (ndjson) return ndjsonSource(file, label);
  if (stat.size > (options.streamAbove ?? STREAM_ABOVE)) return streamingBundleSource(file, label);
  let cached: FhirEntry[] | null = null;
  return {
    label,
    async forEach(visit) {
      cached ??= entriesOf(label, parseJsonText(label, fs.readFileSync(file, 'utf8')));
      for (const e of cached) visit(e);
    },
  };
}

/** Two JSON objects on the first two non-empty lines: NDJSON whatever the file is called. */
function looksLikeNdjson(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const lines = buf
      .subarray(0, n)
      .toString('utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length < 2 || !lines[0]!.startsWith('{') || !lines[0]!.endsWith('}')) return false;
    try {
      JSON.parse(lines[0]!);
      return true;
    } catch {
      return false;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function parseJsonText(label: string, text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    if (!pos) throw new FhirInputError(`${label}: not valid JSON (${message})`);
    const at = Number(pos[1]);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new FhirInputError(`${label}:${line}:${column}: not valid JSON${nearResource(before)} — ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

/** " (in or after Observation/abc)": the last resource named before a syntax error. */
function nearResource(before: string): string {
  const tail = before.slice(-200_000);
  let type: string | undefined;
  const types = [...tail.matchAll(/"resourceType"\s*:\s*"([A-Za-z]+)"/g)];
  if (types.length) type = types[types.length - 1]![1];
  if (!type) return '';
  const fromType = tail.slice(types[types.length - 1]!.index!);
  const id = /"id"\s*:\s*"([^"]{1,64})"/.exec(fromType)?.[1];
  return ` (in or after ${type}${id ? `/${id}` : ''})`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one resource's shape: an object with a string resourceType (and a string id if any). */
function checkResource(label: string, position: string, value: unknown): FhirObject {
  if (!isObject(value)) throw new FhirInputError(`${label}: ${position}: the resource is not a JSON object`);
  const type = value.resourceType;
  if (typeof type !== 'string' || !/^[A-Z][A-Za-z]+$/.test(type)) {
    const id = typeof value.id === 'string' ? ` (id ${value.id})` : '';
    throw new FhirInputError(`${label}: ${position}: resource without a valid resourceType${id}`);
  }
  if (value.id !== undefined && typeof value.id !== 'string') throw new FhirInputError(`${label}: ${position}: ${type}.id must be a string`);
  return value as FhirObject;
}

function entryOf(label: string, index: number, raw: unknown): FhirEntry {
  const position = `entry ${index + 1}`;
  if (!isObject(raw)) throw new FhirInputError(`${label}: Bundle.${position} is not a JSON object`);
  if (raw.resource === undefined)
    throw new FhirInputError(`${label}: Bundle.${position} has no resource${typeof raw.fullUrl === 'string' ? ` (fullUrl ${raw.fullUrl})` : ''}`);
  const resource = checkResource(label, `Bundle.${position}`, raw.resource);
  if (raw.fullUrl !== undefined && typeof raw.fullUrl !== 'string')
    throw new FhirInputError(`${label}: Bundle.${position} (${resource.resourceType}${resource.id ? `/${resource.id}` : ''}): fullUrl must be a string`);
  return { resource, fullUrl: raw.fullUrl as string | undefined, position: `Bundle.${position}`, source: label };
}

/** The resources of a parsed Bundle, or the one resource of a parsed resource. */
function entriesOf(label: string, value: unknown): FhirEntry[] {
  if (!isObject(value)) throw new FhirInputError(`${label}: not a FHIR resource (the JSON is not an object)`);
  const resource = checkResource(label, 'the file', value);
  if (resource.resourceType !== 'Bundle') return [{ resource, position: 'the file', source: label }];
  const entry = value.entry;
  if (entry === undefined) return [];
  if (!Array.isArray(entry)) throw new FhirInputError(`${label}: Bundle.entry must be an array`);
  return entry.map((raw, i) => entryOf(label, i, raw));
}

function ndjsonSource(file: string, label: string): EntrySource {
  return {
    label,
    async forEach(visit) {
      const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
      let n = 0;
      for await (const line of rl) {
        n++;
        const text = n === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
        if (text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          throw new FhirInputError(`${label}:${n}: not valid JSON${nearResource(text)} — ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`);
        }
        const resource = checkResource(label, `line ${n}`, value);
        if (resource.resourceType === 'Bundle') {
          for (const e of entriesOf(`${label}:${n}`, value)) visit(e);
        } else visit({ resource, position: `line ${n}`, source: label });
      }
    },
  };
}

/** A Bundle too large to parse whole: its entries one at a time, in bounded memory. */
function streamingBundleSource(file: string, label: string): EntrySource {
  return {
    label,
    forEach(visit) {
      return new Promise<void>((resolve, reject) => {
        let index = 0;
        let failed = false;
        let topType: string | undefined;
        const parser = new JSONParser({ paths: ['$.resourceType', '$.entry.*'], keepStack: false });
        const input = fs.createReadStream(file);
        const fail = (e: Error) => {
          if (failed) return;
          failed = true;
          input.destroy();
          reject(e instanceof FhirInputError ? e : new FhirInputError(`${label}: not valid JSON after ${index} entries — ${e.message}`));
        };
        parser.onValue = ({ value, key, stack }) => {
          if (failed) return;
          try {
            if (stack.length === 1 && key === 'resourceType') {
              topType = String(value);
              if (topType !== 'Bundle') throw new FhirInputError(`${label}: a JSON file this large must be a Bundle (it is a ${topType})`);
              return;
            }
            if (typeof key !== 'number') throw new FhirInputError(`${label}: Bundle.entry must be an array`);
            visit(entryOf(label, index++, value));
          } catch (e) {
            fail(e as Error);
          }
        };
        parser.onError = (e) => fail(e);
        input.on('error', (e) => fail(e));
        input.on('data', (chunk) => {
          if (!failed) parser.write(chunk as Buffer);
        });
        input.on('end', () => {
          if (failed) return;
          if (!parser.isEnded) fail(new Error('the file ends inside the JSON'));
          else if (topType !== 'Bundle') fail(new FhirInputError(`${label}: a JSON file this large must be a Bundle`));
          else resolve();
        });
      });
    },
  };
}
