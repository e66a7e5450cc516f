// The audit comparison (server/src/audit/compare.ts) on hand-written abstract pairs: each case
// gives the coder's and the auditor's abstract lines and the differences docs/audit.md defines,
// worked out by hand (multiset, revisions paired in abstract order, PDX apart, POA, procedures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { compareAbstracts, type AbstractComparison } from '../../src/audit/compare';

function compare(coder: string, auditor: string): AbstractComparison {
  const chart = parseChart(`---\ndischarged: 2026-03-06\n---\n\n\`\`\`abstract\n${coder}\n\`\`\`\n\n\`\`\`abstract by=auditor\n${auditor}\n\`\`\`\n`);
  assert.ok(chart.abstract && chart.auditorAbstract);
  return compareAbstracts(chart.abstract, chart.auditorAbstract);
}

interface Expected {
  added?: string[];
  deleted?: string[];
  revised?: [string, string][];
  poa?: [string, string, string][];
  procAdded?: string[];
  procDeleted?: string[];
  procRevised?: [string, string][];
  pdxChanged?: boolean;
  auditorCodes: number;
  dxInBoth: number;
  changes: number;
}

const CASES: { name: string; coder: string; auditor: string; expect: Expected }[] = [
  {
    name: 'identical abstracts: nothing changes',
    coder: 'PDX I13.0 Y\nSDX I50.33 Y\nSDX N18.4 Y',
    auditor: 'PDX I13.0 Y\nSDX I50.33 Y\nSDX N18.4 Y',
    expect: { auditorCodes: 3, dxInBoth: 3, changes: 0 },
  },
  {
    name: 'a missed secondary diagnosis is added',
    coder: 'PDX I13.0 Y\nSDX N18.4 Y',
    auditor: 'PDX I13.0 Y\nSDX I50.33 Y\nSDX N18.4 Y',
    expect: { added: ['I5033'], auditorCodes: 3, dxInBoth: 2, changes: 1 },
  },
  {
    name: 'a resequenced principal is a PDX change, not a code change (the multiset is the same)',
    coder: 'PDX I50.33 Y\nSDX I13.0 Y',
    auditor: 'PDX I13.0 Y\nSDX I50.33 Y',
    expect: { pdxChanged: true, auditorCodes: 2, dxInBoth: 2, changes: 0 },
  },
  {
    name: 'same category: one revision, counted once, neither added nor deleted',
    coder: 'PDX A41.51 Y\nSDX N17.9 Y',
    auditor: 'PDX A41.51 Y\nSDX N17.0 Y',
    expect: { revised: [['N179', 'N170']], auditorCodes: 2, dxInBoth: 1, changes: 1 },
  },
  {
    name: 'revisions pair in abstract order: the first deleted code takes the first added code of its category',
    coder: 'PDX J18.9 Y\nSDX E11.9 Y\nSDX E11.65 Y',
    auditor: 'PDX J18.9 Y\nSDX E11.22 Y\nSDX E11.649 Y\nSDX E11.8 Y',
    expect: {
      revised: [
        ['E119', 'E1122'],
        ['E1165', 'E11649'],
      ],
      added: ['E118'],
      auditorCodes: 4,
      dxInBoth: 1,
      changes: 3,
    },
  },
  {
    name: 'different categories: deleted and added, no revision',
    coder: 'PDX A41.51 Y\nSDX R65.20 Y',
    auditor: 'PDX A41.51 Y\nSDX N17.0 Y',
    expect: { added: ['N170'], deleted: ['R6520'], auditorCodes: 2, dxInBoth: 1, changes: 2 },
  },
  {
    name: 'a principal replaced within its category is a PDX change and a revision',
    coder: 'PDX S72.031A Y\nSDX I10 Y',
    auditor: 'PDX S72.032A Y\nSDX I10 Y',
    expect: { pdxChanged: true, revised: [['S72031A', 'S72032A']], auditorCodes: 2, dxInBoth: 1, changes: 1 },
  },
  {
    name: 'POA: the same code with another indicator; blank and 1 are the same',
    coder: 'PDX I13.0 Y\nSDX E78.5 N\nSDX Z79.4 1\nSDX L89.154 Y',
    auditor: 'PDX I13.0 Y\nSDX E78.5 Y\nSDX Z79.4\nSDX L89.154 N',
    expect: {
      poa: [
        ['E785', 'N', 'Y'],
        ['L89154', 'Y', 'N'],
      ],
      auditorCodes: 4,
      dxInBoth: 4,
      changes: 0,
    },
  },
  {
    name: 'POA: a principal written without POA is Y (as the grouper reads it), also when resequenced',
    coder: 'PDX I50.33\nSDX I13.0 Y',
    auditor: 'PDX I13.0\nSDX I50.33 Y',
    expect: { pdxChanged: true, auditorCodes: 2, dxInBoth: 2, changes: 0 },
  },
  {
    name: 'a code reported twice is a multiset: one occurrence removed is one deletion',
    coder: 'PDX I10 Y\nSDX Z87.891 1\nSDX Z87.891 1',
    auditor: 'PDX I10 Y\nSDX Z87.891 1',
    expect: { deleted: ['Z87891'], auditorCodes: 2, dxInBoth: 2, changes: 1 },
  },
  {
    name: 'procedures: revised within the first three characters, else added and deleted',
    coder: 'PDX S72.031A Y\nPROC 0SRR0J9\nPROC 0QS604Z\nPROC 30233N1',
    auditor: 'PDX S72.031A Y\nPROC 0SRS0J9\nPROC 0QH604Z\nPROC 30233N1',
    expect: { procRevised: [['0SRR0J9', '0SRS0J9']], procAdded: ['0QH604Z'], procDeleted: ['0QS604Z'], auditorCodes: 4, dxInBoth: 1, changes: 3 },
  },
  {
    name: 'the admitting diagnosis is not compared',
    coder: 'ADX R06.02\nPDX J96.01 Y',
    auditor: 'ADX R07.9\nPDX J96.01 Y',
    expect: { auditorCodes: 1, dxInBoth: 1, changes: 0 },
  },
  {
    name: "no principal in the coder's abstract: a PDX change and an added code",
    coder: 'SDX I10 Y',
    auditor: 'PDX I16.0 Y\nSDX I10 Y',
    expect: { pdxChanged: true, added: ['I160'], auditorCodes: 2, dxInBoth: 1, changes: 1 },
  },
];

for (const c of CASES) {
  test(`compare: ${c.name}`, () => {
    const r = compare(c.coder, c.auditor);
    const e = c.expect;
    assert.deepEqual(
      r.dx.added.map((x) => x.code),
      e.added ?? [],
      'dx added',
    );
    assert.deepEqual(
      r.dx.deleted.map((x) => x.code),
      e.deleted ?? [],
      'dx deleted',
    );
    assert.deepEqual(
      r.dx.revised.map((x) => [x.from.code, x.to.code]),
      e.revised ?? [],
      'dx revised',
    );
    assert.deepEqual(
      r.dx.poa.map((p) => [p.auditor.code, p.coder.poa, p.auditor.poa]),
      e.poa ?? [],
      'poa',
    );
    assert.deepEqual(
      r.proc.added.map((x) => x.code),
      e.procAdded ?? [],
      'proc added',
    );
    assert.deepEqual(
      r.proc.deleted.map((x) => x.code),
      e.procDeleted ?? [],
      'proc deleted',
    );
    assert.deepEqual(
      r.proc.revised.map((x) => [x.from.code, x.to.code]),
      e.procRevised ?? [],
      'proc revised',
    );
    assert.equal(r.pdxChanged, e.pdxChanged ?? false, 'pdxChanged');
    assert.equal(r.auditorCodes.dx + r.auditorCodes.proc, e.auditorCodes, 'codes in the auditor abstract');
    assert.equal(r.dxInBoth, e.dxInBoth, 'diagnoses in both');
    assert.equal(r.changes, e.changes, 'changes');
  });
}

test("compare: the auditor's # reason: travels with the code", () => {
  const r = compare('PDX I13.0 Y', 'PDX I13.0 Y\nSDX I50.33 Y   # reason: documented in the A&P');
  assert.equal(r.dx.added[0]?.reason, 'documented in the A&P');
});
