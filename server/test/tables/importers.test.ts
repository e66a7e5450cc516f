// Importers on tiny hand-made fixtures in each official format, including malformed rows:
// every error names the file and the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource, CM_CODE, PCS_CODE } from '../../../tables/importers/source';
import { applyAddenda, readAddenda, readCmCodesFile, readCmOrderFile } from '../../../tables/importers/icd10cm';
import { readPcsCodesFile, readPcsDerivedTsv } from '../../../tables/importers/icd10pcs';
import { readHcpcsCsv } from '../../../tables/importers/hcpcs';
import { readTabularXml } from '../../../tables/importers/tabular';
import { readMceMaster } from '../../../tables/importers/mceFlags';
import { readNationalRates, readPoaExemptList, readPricerDrgTable, readRatex, readWeightsTsv } from '../../../tables/importers/ipps';
import { effectiveDate, readConversionTable } from '../../../tables/importers/conversion';
import { readFirstSheet } from '../../../tables/importers/xlsx';
import { strToU8, zipSync } from 'fflate';

const dir = mkdtempSync(join(tmpdir(), 'chartcoder-importers-'));
function fixture(name: string, text: string) {
  const p = join(dir, name);
  writeFileSync(p, text);
  return readSource(p);
}

test('CM codes file: fixed width, CRLF; a bad code names file and line', () => {
  const m = readCmCodesFile(
    fixture('cm.txt', 'I5033   Acute on chronic diastolic (congestive) heart failure\r\nQA00101 SCN2A-related neurodevelopmental disorder\r\n'),
  );
  assert.equal(m.get('I5033'), 'Acute on chronic diastolic (congestive) heart failure');
  assert.ok(m.has('QA00101'), 'letter-letter codes (FY2026) are codes');
  assert.throws(() => readCmCodesFile(fixture('cm-bad.txt', 'I5033   Heart failure\n50.33   No letter\n')), /cm-bad\.txt:2: "50\.33" is not an ICD-10-CM code/);
  assert.throws(() => readCmCodesFile(fixture('cm-dup.txt', 'I10     A\nI10     B\n')), /cm-dup\.txt:2: code I10 appears twice/);
  assert.throws(() => readCmCodesFile(fixture('cm-notitle.txt', 'I10\n')), /cm-notitle\.txt:1: code I10 has no title/);
});

test('CDC order file: headers and short titles; malformed lines named', () => {
  const m = readCmOrderFile(
    fixture(
      'order.txt',
      '00001 A00     0 Cholera                                                      Cholera\n00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae\n',
    ),
  );
  assert.deepEqual(m.get('A00'), { code: 'A00', billable: false, shortTitle: 'Cholera', title: 'Cholera' });
  assert.equal(m.get('A000')?.billable, true);
  assert.throws(() => readCmOrderFile(fixture('order-bad.txt', '00001 A00     X Cholera\n')), /order-bad\.txt:1: expected/);
});

test('addenda: Add / Delete / Revise applied to the previous year, checked against it', () => {
  const src = fixture(
    'addenda.txt',
    'Summary line, not a change\nAdd:         C7831   Secondary malignant neoplasm of larynx\nDelete:      D691    Qualitative platelet defects\nAdd:         D6911   Glanzmann thrombasthenia\nRevise from: L02232  Carbuncle of back [any part, except buttock]\nRevise to:   L02232  Carbuncle of back [any part, except buttock and flank]\n',
  );
  const a = readAddenda(src, CM_CODE);
  assert.equal(a.added.size, 2);
  const next = applyAddenda(
    new Map([
      ['D691', 'Qualitative platelet defects'],
      ['L02232', 'Carbuncle of back [any part, except buttock]'],
    ]),
    a,
    src.name,
  );
  assert.deepEqual([...next.keys()].sort(), ['C7831', 'D6911', 'L02232']);
  assert.equal(next.get('L02232'), 'Carbuncle of back [any part, except buttock and flank]');
  assert.throws(() => applyAddenda(new Map(), a, src.name), /deletes D691, which the previous release does not have/);
  assert.throws(() => readAddenda(fixture('addenda-bad.txt', 'Add:  C78.3.1 Bad\n'), CM_CODE), /addenda-bad\.txt:1: "C78\.3\.1" is not a valid code/);
  assert.throws(
    () => readAddenda(fixture('addenda-orphan.txt', 'Revise from: L02232  Old\nAdd:         C7831   New\n'), CM_CODE),
    /addenda-orphan\.txt:1: "Revise from" for L02232 has no "Revise to"/,
  );
  assert.throws(() => readAddenda(fixture('addenda-garbled.txt', 'Added C7831\n'), CM_CODE), /addenda-garbled\.txt:1: malformed change line/);
});

test('PCS codes file and the derived TSV (an empty description is no title)', () => {
  const m = readPcsCodesFile(fixture('pcs.txt', '0FT44ZZ Resection of Gallbladder, Percutaneous Endoscopic Approach\n'));
  assert.equal(m.get('0FT44ZZ'), 'Resection of Gallbladder, Percutaneous Endoscopic Approach');
  assert.throws(() => readPcsCodesFile(fixture('pcs-bad.txt', '0FT44ZZ ok\n0FT44Z short code\n')), /pcs-bad\.txt:2: expected "CODE description"/);
  const d = readPcsDerivedTsv(fixture('pcs.tsv', 'code\tdescription\tdescription_source\n02HM3JZ\t\tnone\n0FT44ZZ\tResection of Gallbladder\tfile\n'));
  assert.equal(d.get('02HM3JZ'), '');
  assert.throws(() => readPcsDerivedTsv(fixture('pcs-bad.tsv', 'code\tdescription\n0FT44\tx\n')), /pcs-bad\.tsv:2: "0FT44" is not an ICD-10-PCS code/);
  assert.ok(PCS_CODE.test('0SRR0J9'));
});

test('HCPCS CSV with quoted fields; a bad code names the line', () => {
  const m = readHcpcsCsv(
    fixture('hcpcs.csv', 'HCPCS_CODE,SHORT_DESCRIPTION,LONG_DESCRIPTION\nJ0171,Adrenalin epinephrine inject,"Injection, adrenalin, epinephrine, 0.1 mg"\n'),
  );
  assert.equal(m.get('J0171')?.title, 'Injection, adrenalin, epinephrine, 0.1 mg');
  assert.throws(
    () => readHcpcsCsv(fixture('hcpcs-bad.csv', 'HCPCS_CODE,SHORT_DESCRIPTION,LONG_DESCRIPTION\nJ01,x,y\n')),
    /hcpcs-bad\.csv:2: "J01" is not a HCPCS code/,
  );
  assert.throws(
    () => readHcpcsCsv(fixture('hcpcs-quote.csv', 'HCPCS_CODE,SHORT_DESCRIPTION,LONG_DESCRIPTION\nJ0171,"open,y\n')),
    /hcpcs-quote\.csv:2: malformed CSV/,
  );
});

const TABULAR = `<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.tabular><version>2021</version>
<chapter><name>19</name><desc>Injury (S00-T88)</desc>
<section id="S70-S79"><desc>Injuries to the hip and thigh (S70-S79)</desc>
<excludes2><note>burns (T20-T32)</note></excludes2>
<diag><name>S72</name><desc>Fracture of femur</desc>
<excludes1><note>traumatic amputation of hip and thigh (S78.-)</note></excludes1>
<sevenChrNote><note>The appropriate 7th character is to be added to all codes from category S72</note></sevenChrNote>
<sevenChrDef><extension char="A">initial encounter for closed fracture</extension><extension char="D">subsequent encounter for closed fracture with routine healing</extension></sevenChrDef>
<diag><name>S72.0</name><desc>Fracture of head and neck of femur</desc>
<diag><name>S72.03</name><desc>Midcervical fracture of femur</desc>
<diag><name>S72.031</name><desc>Displaced midcervical fracture of right femur</desc></diag>
</diag></diag></diag></section></chapter></ICD10CM.tabular>`;

test('tabular XML: the tree, notes and 7th-character definitions', () => {
  const t = readTabularXml(fixture('tabular.xml', TABULAR));
  assert.equal(t.version, '2021');
  assert.equal(t.nodes.get('S72031')?.parent, 'S7203');
  assert.equal(t.nodes.get('S72')?.sevenChrDef?.A, 'initial encounter for closed fracture');
  assert.deepEqual(t.nodes.get('S72')?.notes.excludes1, ['traumatic amputation of hip and thigh (S78.-)']);
  assert.deepEqual(t.sections['S70-S79'].notes.excludes2, ['burns (T20-T32)']);
  assert.throws(
    () => readTabularXml(fixture('tabular-bad.xml', '<ICD10CM.tabular><chapter><name>1</name>\n<section id="A00-A09"></chapter></ICD10CM.tabular>')),
    /tabular-bad\.xml:2: <\/chapter> closes <section>/,
  );
});

test('MCE and IPPS tables: rows and their errors', () => {
  assert.deepEqual(readMceMaster(fixture('mce.tsv', 'code\tflag\tstart_date\tend_date\nD251\tfemale\t20151001\t20240930\n')), [
    'D251\tfemale\t2015-10-01\t2024-09-30',
  ]);
  assert.throws(
    () => readMceMaster(fixture('mce-bad.tsv', 'code\tflag\tstart_date\tend_date\nD251\tfemale\t2015-10-01\t\n')),
    /mce-bad\.tsv:2: date must be YYYYMMDD/,
  );
  assert.throws(() => readMceMaster(fixture('mce-col.tsv', 'code\tflag\tstart\n')), /mce-col\.tsv:1: missing column "start_date"/);
  const w = readPricerDrgTable(
    fixture(
      'drgs.csv',
      'diagnosticRelatedGroup,effectiveDate,weight,geometricMeanLengthOfStay,lowVolumeDrg,arithmeticMeanLengthOfStay,postAcuteCare,specialPaymentPostAcuteCare,description\n291,20251001,1.2838,3.8,,5.0,Y,,HEART FAILURE AND SHOCK WI\n',
    ),
  );
  assert.deepEqual(
    { ...w.get('291') },
    { drg: '291', weight: 1.2838, gmlos: 3.8, amlos: 5, postAcute: true, specialPay: false, title: 'HEART FAILURE AND SHOCK WI' },
  );
  assert.throws(
    () => readPricerDrgTable(fixture('drgs-bad.csv', 'diagnosticRelatedGroup,effectiveDate,weight\n291,20251001,heavy\n')),
    /drgs-bad\.csv:2: weight must be a number/,
  );
  assert.equal(readWeightsTsv(fixture('w.tsv', 'ms_drg\tweight\ttitle\n210\t5.5\tNew DRG\n')).get('210')?.title, 'New DRG');
  assert.deepEqual(
    readNationalRates(
      fixture(
        'rates.tsv',
        'fiscal_year\titem\tvalue\tsource\nFY2026\tstandardized amount: labor-related (66%)\t4456.72\tx\nFY2026\tsame, nonlabor-related (34%)\t2295.89\tx\n',
      ),
    ),
    { labor: 4456.72, nonLabor: 2295.89, fiscalYear: 'FY2026' },
  );
});

test('Pricer rate file: the national table-1 row; a file without it names the file', () => {
  const r = readRatex(fixture('ratex.csv', 'tableNumber,scope,largeUrban,regLabor,regNLabor\ntab1,pr,1,0000000,0000000\ntab1,nat,1,04310.00,2065.74\n'));
  assert.deepEqual(r, { labor: 4310, nonLabor: 2065.74 });
  assert.throws(
    () => readRatex(fixture('ratex-none.csv', 'tableNumber,scope,largeUrban,regLabor,regNLabor\ntab2,nat,1,1,2\n')),
    /ratex-none\.csv:1: no row "tab1,nat,1"/,
  );
  assert.throws(() => readRatex(fixture('ratex-bad.csv', 'a,b\n')), /ratex-bad\.csv:1: expected the Pricer rate header/);
});

test('CDC POA-exempt list: dotted codes undotted; a bad code names file and line', () => {
  assert.deepEqual(
    readPoaExemptList(fixture('poa.txt', 'Order26\tPOAexemptCode\tDescription\r\n01235\tB90.0\tSequelae\r\n01236\tZ79.4\tLong term insulin\r\n')),
    ['B900', 'Z794'],
  );
  assert.throws(
    () => readPoaExemptList(fixture('poa-bad.txt', 'Order26\tPOAexemptCode\tDescription\n1\t90.0\tx\n')),
    /poa-bad\.txt:2: "90\.0" is not an ICD-10-CM code/,
  );
});

test('conversion table: effective years and Excel dates; an .xlsx reader that names the file', () => {
  assert.equal(effectiveDate('2025'), '2025-10-01');
  assert.equal(effectiveDate('45017'), '2023-04-01'); // Excel's day serial of the April 2023 update
  assert.equal(effectiveDate('April'), null);
  assert.throws(() => readFirstSheet(join(dir, 'missing.xlsx')), /missing\.xlsx: workbook not found/);
  writeFileSync(join(dir, 'not.xlsx'), 'plain text');
  assert.throws(() => readFirstSheet(join(dir, 'not.xlsx')), /not\.xlsx: not an \.xlsx workbook/);
  // A workbook written here: shared strings, a number cell, an inline string, an entity.
  const sheet =
    '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>T78.110A</t></is></c><c r="B2"><v>2025</v></c><c r="C2" t="s"><v>2</v></c></row></sheetData></worksheet>';
  const strings =
    '<sst><si><t>Current code assignment</t></si><si><t>Previous Code(s) Assignment</t></si><si><r><t>T78.1XXA </t></r><r><t>&amp; T78.1</t></r></si></sst>';
  const zip = zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheet), 'xl/sharedStrings.xml': strToU8(strings) });
  writeFileSync(join(dir, 'conv.xlsx'), zip);
  const t = readConversionTable(join(dir, 'conv.xlsx'));
  assert.deepEqual(t.rows, [{ current: 'T78110A', effective: '2025-10-01', previous: ['T781XXA', 'T781'] }]);
  const noHeader = zipSync({ 'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData></sheetData></worksheet>') });
  writeFileSync(join(dir, 'empty.xlsx'), noHeader);
  assert.throws(() => readConversionTable(join(dir, 'empty.xlsx')), /empty\.xlsx: no header row/);
});
