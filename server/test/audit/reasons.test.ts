// Reasons of audit changes that the comparison and the guideline data decide (no grouper: the
// CC/MCC reasons are checked on the real grouper in auditCli.test.ts): sequencing vs selection,
// 7th character, specificity, combination code, POA, the PCS axis of a procedure revision, a root
// operation change, and the auditor's `# reason:` naming the category of a plain addition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { abstractCodes, compareCodes } from '../../src/audit/compare';
import { auditReasons } from '../../src/audit/reasons';

function reasons(coder: string, auditor: string): [string, string, string][] {
  const chart = parseChart(`\`\`\`abstract\n${coder}\n\`\`\`\n\n\`\`\`abstract by=auditor\n${auditor}\n\`\`\`\n`);
  const c = abstractCodes(chart.abstract);
  const a = abstractCodes(chart.auditorAbstract);
  return auditReasons({ comparison: compareCodes(c, a), coder: null, auditor: null, coderCodes: c, auditorCodes: a }).map((r) => [
    r.change,
    r.codes.join(' '),
    r.category,
  ]);
}

const CASES: { name: string; coder: string; auditor: string; expect: [string, string, string][] }[] = [
  {
    name: "sequencing: the auditor's PDX was the coder's SDX",
    coder: 'PDX I50.33 Y\nSDX I13.0 Y',
    auditor: 'PDX I13.0 Y\nSDX I50.33 Y',
    expect: [['pdx', 'I50.33 I13.0', 'pdx-selection']],
  },
  {
    name: 'selection of another principal: the PDX change only',
    coder: 'PDX R07.9 Y\nSDX I10 Y',
    auditor: 'PDX I21.4 Y\nSDX I10 Y',
    expect: [['pdx', 'R07.9 I21.4', 'pdx-selection']],
  },
  {
    name: "sequencing with the coder's principal dropped: the PDX change and an unsupported code",
    coder: 'PDX R07.9 Y\nSDX I21.4 Y',
    auditor: 'PDX I21.4 Y',
    expect: [
      ['pdx', 'R07.9 I21.4', 'pdx-selection'],
      ['dx-deleted', 'R07.9', 'unsupported'],
    ],
  },
  {
    name: 'selection within the category: a PDX change and a specificity revision',
    coder: 'PDX S72.031A Y',
    auditor: 'PDX S72.032A Y',
    expect: [
      ['pdx', 'S72.031A S72.032A', 'pdx-selection'],
      ['dx-revised', 'S72.031A S72.032A', 'specificity'],
    ],
  },
  {
    name: '7th character only',
    coder: 'PDX S72.031A Y\nSDX W01.0XXD Y',
    auditor: 'PDX S72.031A Y\nSDX W01.0XXA Y',
    expect: [['dx-revised', 'W01.0XXD W01.0XXA', 'seventh-character']],
  },
  {
    name: 'combination code as a revision (E11.9 with CKD → E11.22)',
    coder: 'PDX J18.9 Y\nSDX E11.9 Y\nSDX N18.4 Y',
    auditor: 'PDX J18.9 Y\nSDX E11.22 Y\nSDX N18.4 Y',
    expect: [['dx-revised', 'E11.9 E11.22', 'combination']],
  },
  {
    name: 'combination code across categories (I10 with HF → I11.0)',
    coder: 'PDX I50.9 Y\nSDX I10 Y',
    auditor: 'PDX I11.0 Y\nSDX I50.9 Y',
    expect: [
      ['pdx', 'I50.9 I11.0', 'pdx-selection'],
      ['dx-deleted', 'I10', 'combination'],
    ],
  },
  { name: 'POA', coder: 'PDX I13.0 Y\nSDX E78.5 N', auditor: 'PDX I13.0 Y\nSDX E78.5 Y', expect: [['dx-poa', 'E78.5 N Y', 'poa']] },
  {
    name: 'procedure approach (5th character)',
    coder: 'PDX K35.80 Y\nPROC 0DTJ0ZZ',
    auditor: 'PDX K35.80 Y\nPROC 0DTJ4ZZ',
    expect: [['proc-revised', '0DTJ0ZZ 0DTJ4ZZ', 'procedure-approach']],
  },
  {
    name: 'procedure device (6th character)',
    coder: 'PDX I25.10 Y\nPROC 02703DZ',
    auditor: 'PDX I25.10 Y\nPROC 027034Z',
    expect: [['proc-revised', '02703DZ 027034Z', 'procedure-device']],
  },
  {
    name: 'procedure root operation: added and deleted in the same body system',
    coder: 'PDX S72.001A Y\nPROC 0QS604Z',
    auditor: 'PDX S72.001A Y\nPROC 0QH604Z',
    expect: [
      ['proc-added', '0QH604Z', 'procedure-root-operation'],
      ['proc-deleted', '0QS604Z', 'procedure-root-operation'],
    ],
  },
  {
    name: 'an addition whose # reason: names the category',
    coder: 'PDX I13.0 Y',
    auditor: 'PDX I13.0 Y\nSDX E87.1 Y  # reason: POA per ED labs',
    expect: [['dx-added', 'E87.1', 'poa']],
  },
  { name: 'a plain addition without grouper facts', coder: 'PDX I13.0 Y', auditor: 'PDX I13.0 Y\nSDX E78.5 Y', expect: [['dx-added', 'E78.5', 'missed-code']] },
  { name: 'a deletion', coder: 'PDX I13.0 Y\nSDX R65.20 Y', auditor: 'PDX I13.0 Y', expect: [['dx-deleted', 'R65.20', 'unsupported']] },
];

for (const c of CASES) {
  test(`reason: ${c.name}`, () => {
    assert.deepEqual(reasons(c.coder, c.auditor), c.expect);
  });
}
