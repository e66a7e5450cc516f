// The MS-DRG importer on tiny hand-made grouper data files (protobuf built here), plus its errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importMsdrg, decodeGrouperData } from '../../../tables/importers/msdrg';
import { TableWriter } from '../../src/tables/format';
import { importInto } from '../mce/helpers';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { groupClaim } from '../../src/grouper/group';

// --- a minimal protobuf writer for the fixtures ---
function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}
type F = [number, number | string | number[]];
function msg(fields: F[]): number[] {
  const out: number[] = [];
  for (const [no, v] of fields) {
    if (typeof v === 'number') out.push(...varint(no * 8), ...varint(v));
    else {
      const bytes = typeof v === 'string' ? [...Buffer.from(v, 'utf8')] : v;
      out.push(...varint(no * 8 + 2), ...varint(bytes.length), ...bytes);
    }
  }
  return out;
}
const entry = (key: number | string, value: number[]) =>
  msg([
    [1, key],
    [2, value],
  ]);

/** Version 430 only: J189 (MDC 4, pneumonia), J9601 (MCC), an O.R. code, and MDC 4's formulas. */
function tinyGrouperData(): Buffer {
  const dx = (mdc: number, sev: number, pattern: number) =>
    msg([
      [
        1,
        [
          ...msg([
            [1, mdc],
            [2, sev],
            [3, pattern],
            [6, 430],
          ]),
        ],
      ],
    ]);
  const diagnoses = msg([
    [1, entry('J189', dx(4, 2, 1))],
    [1, entry('J9601', dx(4, 0, 2))],
  ]);
  const procedures = entry(
    '0BTC0ZZ',
    msg([
      [
        1,
        msg([
          [1, 3],
          [2, 430],
        ]),
      ],
    ]),
  );
  const formula = (drg: number, base: number, surgical: string, f: string, rank: number) =>
    msg([
      [1, drg],
      [2, 4],
      [6, base],
      [7, surgical],
      [9, f],
      [
        13,
        msg([
          [1, rank],
          [2, 430],
        ]),
      ],
    ]);
  const mdc4 = msg([
    [1, formula(163, 163, 'SURGICAL', 'MCC & lungproc', 1)],
    [1, formula(164, 163, 'SURGICAL', 'lungproc', 2)],
    [1, formula(193, 193, 'MEDICAL', 'MCC & PDX:pneu', 3)],
    [1, formula(195, 193, 'MEDICAL', 'PDX:pneu', 4)],
  ]);
  const formulas = entry(4, mdc4);
  const patterns = msg([
    [1, entry(1, msg([[1, 'pneu']]))],
    [1, entry(2, msg([[1, 'resp']]))],
  ]);
  const prPatterns = msg([[1, entry(3, msg([[2, 'lungproc']]))]]);
  const drgTitles = msg([
    [
      1,
      entry(
        193,
        msg([
          [
            1,
            msg([
              [1, 'Pneumonia with MCC'],
              [7, 430],
            ]),
          ],
        ]),
      ),
    ],
  ]);
  return Buffer.from(
    msg([
      [1, diagnoses],
      [2, msg([[1, procedures]])],
      [8, msg([[1, formulas]])],
      [11, patterns],
      [12, prPatterns],
      [13, drgTitles],
    ]),
  );
}

function sourcesWith(bin: Buffer, formulasTsv?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-msdrg-'));
  fs.mkdirSync(path.join(dir, 'msdrg/raw'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'msdrg/raw/msdrg_combined.bin'), bin);
  if (formulasTsv !== undefined) fs.writeFileSync(path.join(dir, 'msdrg/msdrg_drg_formulas.tsv'), formulasTsv);
  return dir;
}

test('imports a hand-made grouper data file and groups with it', async () => {
  const src = sourcesWith(tinyGrouperData());
  const out = path.join(src, 'build');
  const logs: string[] = [];
  await importInto(out, (w) => importMsdrg(src, w, (m) => logs.push(m)));
  assert.match(logs[0]!, /versions 430; 2 dx, 1 pr, 4 formulas/);
  const tables = loadMsdrgTables(out);
  const c = { age: 60, sex: 'F' as const, dstat: '01', pdx: 'J189', sdx: [{ code: 'J9601', poa: 'Y' as const }], procs: [] };
  assert.equal(groupClaim(tables, c, '430').drg, '193');
  assert.equal(groupClaim(tables, { ...c, sdx: [] }, '430').drg, '195');
  assert.equal(groupClaim(tables, { ...c, procs: ['0BTC0ZZ'] }, '430').drg, '163');
  assert.equal(tables.drgTitle(193, '430'), 'Pneumonia with MCC');
  assert.deepEqual(tables.dxInfo('J9601', '430')!.attributes, ['resp']);
});

test('a truncated grouper data file is an error naming the file', async () => {
  const bin = tinyGrouperData();
  const src = sourcesWith(bin.subarray(0, bin.length - 7));
  await assert.rejects(
    importMsdrg(src, new TableWriter(path.join(src, 'build')), () => {}),
    /msdrg_combined\.bin: not a valid grouper data file/,
  );
});

test('a malformed row of the formula table is an error naming file and line', async () => {
  const header = 'mdc\tdrg\tbaseDrg\tsurgical\treRouteMdcId\tdrgSeverity\tseveritySuppressionOperand\tgrouperReturnCode\tformula\tversion_ranks\n';
  const good = '4\t193\t193\tMEDICAL\t0\t0\t\t0\tMCC & PDX:pneu\tV430:3\n';
  const src1 = sourcesWith(tinyGrouperData(), header + good + '4\t195\tMEDICAL\n');
  await assert.rejects(
    importMsdrg(src1, new TableWriter(path.join(src1, 'build')), () => {}),
    /msdrg_drg_formulas\.tsv:3: expected 10 tab-separated columns/,
  );
  const src2 = sourcesWith(tinyGrouperData(), header + good + '4\t999\t999\tMEDICAL\t0\t0\t\t0\tnothing\tV430:9\n');
  await assert.rejects(
    importMsdrg(src2, new TableWriter(path.join(src2, 'build')), () => {}),
    /msdrg_drg_formulas\.tsv:3: formula "nothing" \(MDC 4, DRG 999\) is not in the grouper data file/,
  );
});

test('decodeGrouperData keeps version masks in ascending version order', () => {
  const data = decodeGrouperData(new Uint8Array(tinyGrouperData()), { file: 'x', sha256: 'y' });
  assert.deepEqual(data.versions, ['430']);
  assert.deepEqual(data.dx.J189, [[1, 4, 2, 1, 0, 0]]);
});
