// MS-DRG importer: decodes CMS's own grouper data file (msdrg/raw/msdrg_combined.bin, protobuf,
// schema in msdrg_combined.schema.txt) into the compact JSON the TypeScript grouper reads.
// Why the binary and not the TSVs: the TSV dx table carries only the PDX category operands
// (dxcNNNN); the formula operands (ami, strauma, hiv, mccalive, …) and HAC operands live only in
// the binary. The TSV formula table is still cross-checked against the binary (a mismatch means
// the sources disagree, and the import stops with the file and line).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { decodeMessage, msg, msgs, str, strs, int, ints, ProtobufError, type PbMessage } from './msdrg/protobuf';
import { MSDRG_LINE_TABLES, toLines, type MsdrgData, type FormulaRow } from '../../server/src/grouper/format';
import { TABLE_FILES, type TableWriter } from '../../server/src/tables/format';

const BIN = 'raw/msdrg_combined.bin';

export async function importMsdrg(sourcesDir: string, out: TableWriter, log: (msg: string) => void): Promise<void> {
  const dir = path.join(sourcesDir, 'msdrg');
  const binPath = path.join(dir, BIN);
  if (!fs.existsSync(binPath)) throw new Error(`${binPath}: MS-DRG grouper data file not found`);
  const buf = fs.readFileSync(binPath);
  let data: MsdrgData;
  try {
    data = decodeGrouperData(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
      file: `msdrg/${BIN}`,
      sha256: createHash('sha256').update(buf).digest('hex'),
    });
  } catch (e) {
    if (e instanceof ProtobufError) throw new Error(`${binPath}: not a valid grouper data file: ${e.message}`);
    throw e;
  }
  crossCheckFormulas(path.join(dir, 'msdrg_drg_formulas.tsv'), data);
  writeMsdrgData(out, data);
  log(
    `msdrg: versions ${data.versions.join(', ')}; ${Object.keys(data.dx).length} dx, ${Object.keys(data.pr).length} pr, ` +
      `${data.formulas.length} formulas, ${Object.keys(data.clusters).length} clusters`,
  );
}

/** Writes the decoded tables in the runtime's on-disk form (see server/src/grouper/format.ts). */
export function writeMsdrgData(out: TableWriter, data: MsdrgData): void {
  const meta: Record<string, unknown> = { ...data };
  for (const name of MSDRG_LINE_TABLES) {
    out.write(TABLE_FILES.msdrg.table(name), toLines(data[name]));
    delete meta[name];
  }
  out.write(TABLE_FILES.msdrg.meta, JSON.stringify(meta));
}

/** Decodes the grouper's Root message (see msdrg_combined.schema.txt for field numbers). */
export function decodeGrouperData(bytes: Uint8Array, source: { file: string; sha256: string }): MsdrgData {
  const root = decodeMessage(bytes);
  const versionSet = new Set<number>();
  const collect = (vs: number[]) => vs.forEach((v) => versionSet.add(v));

  // First pass: gather every version number so masks can be assigned in ascending order.
  const dxEntries = msgs(msg(root, 1), 1);
  const prEntries = msgs(msg(root, 2), 1);
  const formulaEntries = msgs(msg(root, 8), 1);
  for (const e of dxEntries) for (const d of msgs(msg(e, 2), 1)) collect(ints(d, 6));
  for (const e of formulaEntries) for (const f of msgs(msg(e, 2), 1)) for (const r of msgs(f, 13)) collect([int(r, 2)]);
  const versions = [...versionSet].sort((a, b) => a - b);
  if (versions.length > 30) throw new ProtobufError(`too many versions (${versions.length})`);
  const bit = new Map(versions.map((v, i) => [v, 1 << i]));
  const mask = (vs: number[]) => vs.reduce((m, v) => m | (bit.get(v) ?? 0), 0);

  const patterns = (m: PbMessage, operandField: number) => {
    const out: Record<string, string[]> = {};
    for (const e of msgs(m, 1)) out[String(int(e, 1))] = strs(msg(e, 2), operandField);
    return out;
  };

  const dx: MsdrgData['dx'] = {};
  for (const e of dxEntries) {
    dx[str(e, 1)] = msgs(msg(e, 2), 1).map((d) => [mask(ints(d, 6)), int(d, 1), int(d, 2), int(d, 3), int(d, 4), int(d, 5)]);
  }
  const pr: MsdrgData['pr'] = {};
  for (const e of prEntries) pr[str(e, 1)] = msgs(msg(e, 2), 1).map((p) => [mask(ints(p, 2)), int(p, 1)]);

  const codeClusters: MsdrgData['codeClusters'] = {};
  for (const e of msgs(msg(root, 3), 1)) codeClusters[str(e, 1)] = msgs(msg(e, 2), 1).map((c) => [mask(ints(c, 2)), strs(c, 1)]);

  const exclusionGroups: MsdrgData['exclusionGroups'] = {};
  for (const e of msgs(msg(root, 4), 1)) exclusionGroups[String(int(e, 1))] = strs(msg(e, 2), 1);

  const sdxExclusionGroups: MsdrgData['sdxExclusionGroups'] = {};
  for (const e of msgs(msg(root, 5), 1)) sdxExclusionGroups[str(e, 1)] = msgs(msg(e, 2), 1).map((g) => [mask(ints(g, 2)), int(g, 1)]);

  const clusters: MsdrgData['clusters'] = {};
  for (const e of msgs(msg(root, 6), 1)) {
    clusters[str(e, 1)] = msgs(msg(e, 2), 1).map((c) => {
      const choices = msgs(c, 3)
        .map((ch) => [int(ch, 1), strs(ch, 2)] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, codes]) => codes);
      return [mask(ints(c, 4)), ints(c, 1), choices];
    });
  }

  const genderMdc: MsdrgData['genderMdc'] = {};
  for (const e of msgs(msg(root, 7), 1)) {
    genderMdc[str(e, 1)] = msgs(msg(e, 2), 1).map((g) => {
      const map: Record<string, number> = {};
      for (const kv of msgs(g, 1)) map[String(int(kv, 1))] = int(kv, 2);
      return [mask(ints(g, 2)), map];
    });
  }

  const formulas: FormulaRow[] = [];
  for (const e of formulaEntries) {
    for (const f of msgs(msg(e, 2), 1)) {
      const ranks: Record<string, number> = {};
      for (const r of msgs(f, 13)) ranks[String(int(r, 2))] = int(r, 1);
      if (Object.keys(ranks).length === 0) continue; // not used by any version
      formulas.push({
        mdc: int(e, 1),
        drg: int(f, 1),
        baseDrg: int(f, 6),
        surgical: str(f, 7),
        reroute: int(f, 8),
        formula: str(f, 9),
        suppression: strs(f, 10).filter((s) => s !== ''),
        drgSeverity: int(f, 11),
        returnCode: int(f, 12),
        ranks,
      });
    }
  }

  const hacFormulas: MsdrgData['hacFormulas'] = [];
  for (const e of msgs(msg(root, 9), 1)) for (const h of msgs(msg(e, 2), 1)) hacFormulas.push([mask(ints(h, 4)), int(h, 1), str(h, 3)]);

  const hacInfo: MsdrgData['hacInfo'] = {};
  for (const e of msgs(msg(root, 10), 1)) hacInfo[str(e, 1)] = msgs(msg(e, 2), 1).map((h) => [mask(ints(h, 3)), strs(h, 1), ints(h, 2)]);

  const descriptions = (field: number) => {
    const out: Record<string, [number, string][]> = {};
    for (const e of msgs(msg(root, field), 1)) out[String(int(e, 1))] = msgs(msg(e, 2), 1).map((d) => [mask(ints(d, 7)), str(d, 1)]);
    return out;
  };

  return {
    source,
    versions: versions.map(String),
    dxPatterns: patterns(msg(root, 11), 1),
    prPatterns: patterns(msg(root, 12), 2),
    dx,
    pr,
    codeClusters,
    clusters,
    exclusionGroups,
    sdxExclusionGroups,
    genderMdc,
    formulas,
    hacFormulas,
    hacInfo,
    descriptions: { drg: descriptions(13), mdc: descriptions(14), baseDrg: descriptions(15), hac: descriptions(16) },
  };
}

/** The decoded formulas must match the published TSV decision table row for row. */
function crossCheckFormulas(tsvPath: string, data: MsdrgData): void {
  if (!fs.existsSync(tsvPath)) return; // the binary alone is enough; the TSV is only a check
  const name = `msdrg/${path.basename(tsvPath)}`;
  const key = (mdc: number, drg: number, formula: string) => `${mdc}\t${drg}\t${formula}`;
  const known = new Set(data.formulas.map((f) => key(f.mdc, f.drg, f.formula)));
  const lines = fs.readFileSync(tsvPath, 'utf8').split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cols = line.split('\t');
    if (cols.length < 10) throw new Error(`${name}:${i + 1}: expected 10 tab-separated columns, found ${cols.length}`);
    const mdc = Number(cols[0]);
    const drg = Number(cols[1]);
    if (!Number.isInteger(mdc) || !Number.isInteger(drg)) throw new Error(`${name}:${i + 1}: mdc and drg must be integers`);
    if (!known.has(key(mdc, drg, cols[8]!))) throw new Error(`${name}:${i + 1}: formula "${cols[8]}" (MDC ${mdc}, DRG ${drg}) is not in the grouper data file`);
  }
}
