// Guideline rules on the fixture tables: each case a small chart and every finding of one rule
// family it gives, with range, severity and message. (The full catalogue, one firing chart and
// one near miss per rule, runs on the built tables in server/test/rules/.)
import { test } from 'node:test';
import { checkFindings } from './check';

const HEADER = `
    ---
    age: 67
    sex: F
    admitted: 2026-03-02
    discharged: 2026-03-06
    disposition: 01
    ---`;

test('code.*: unknown, of another release, a header, a missing 7th character, written undotted', () => {
  checkFindings(
    'code.',
    `${HEADER}
    [x]{dx=Q99.99 poa=Y} [pharynx metastasis]{dx=C78.32 poa=Y} [HF]{dx=I50 poa=Y} [hip fx]{dx=S72.001 poa=Y} [HF]{dx=i509 poa=Y}
    \`\`\`abstract
    PDX  Q99.99  Y
    SDX  C78.32  Y
    SDX  I50  Y
    SDX  S72.001  Y
    SDX  I509  Y
    \`\`\`
    `,
    `
    7:113-7:117 hint code.format: i509 is not in standard form: write I50.9 (dotted, upper case), as claims and auditors read codes.
    9:5-9:11 error code.unknown: Q99.99 is not an ICD-10-CM code in any installed release. (Also written so in the note: line 8.)
    10:5-10:11 error code.not-on-date: C78.32 is not valid on the discharge date 2026-03-06 (release FY2026): it is valid in FY2027. (Also written so in the note: line 8.)
    11:5-11:8 error code.not-billable: Report a subcode of I50: I50.9, I50.20, I50.21, I50.22, I50.23, I50.30, … (9 in all) (I50 "Heart failure" is a header, not a billable code). (Also written so in the note: line 8.)
    12:5-12:12 error code.seventh-character: Add a 7th character to S72.001: S72.001A, S72.001D, S72.001S (S72: The appropriate 7th character is to be added to all codes from category S72). (Also written so in the note: line 8.)
    13:5-13:9 hint code.format: I509 is not in standard form: write I50.9 (dotted, upper case), as claims and auditors read codes.
    `,
  );
});

test('abstract.*: no principal diagnosis; the same code twice', () => {
  checkFindings(
    'abstract.',
    `${HEADER}
    [HF]{dx=I50.9 poa=Y} [HTN]{dx=I10 poa=Y}
    \`\`\`abstract
    SDX  I50.9  Y
    SDX  I10  Y
    SDX  I10  Y
    \`\`\`
    `,
    `
    8:0-12:3 error abstract.missing-pdx: The abstract has no principal diagnosis (a \`PDX\` line).
    11:0-11:11 warning abstract.duplicate: I10 is already reported on line 11.
    `,
  );
});

test('icd.excludes1: type 1 and type 2 diabetes together, on the later line, quoting the note', () => {
  checkFindings(
    'icd.excludes1',
    `${HEADER}
    [DM2 CKD]{dx=E11.22 poa=Y} [CKD 3]{dx=N18.30 poa=Y} [DM1]{dx=E10.9 poa=Y}
    \`\`\`abstract
    PDX  E11.22  Y
    SDX  N18.30  Y
    SDX  E10.9  Y
    \`\`\`
    `,
    `
    11:5-11:10 error icd.excludes1: Excludes1: E11.22 "Type 2 diabetes mellitus with diabetic chronic kidney disease" excludes "type 1 diabetes mellitus (E10.-)" — E10.9 (line 12) cannot be reported with it unless the conditions are unrelated (guideline I.A.12.a; note at E11).
    `,
  );
});

test('icd.use-additional: the heart failure type documented but not reported after I13.0', () => {
  checkFindings(
    'icd.use-additional',
    `${HEADER}
    [HHD with CKD and HF]{dx=I13.0 poa=Y} [CKD 4]{dx=N18.4 poa=Y} [acute on chronic diastolic HF]{dx=I50.33 poa=Y}
    \`\`\`abstract
    PDX  I13.0  Y
    SDX  N18.4  Y
    \`\`\`
    `,
    `
    9:5-9:10 warning icd.use-additional: Use additional code: I13.0 says "use additional code to identify type of heart failure (I50.-)" (I13.0); I50.33 is documented on line 8 but not reported. DRG 292 → 291 (+$2,936)
    `,
  );
});

test('poa.*: a missing POA, Y on an exempt code, a fall injury not present on admission (HAC)', () => {
  checkFindings(
    'poa.',
    `${HEADER}
    [HF]{dx=I50.9 poa=Y} [HTN]{dx=I10} [insulin]{dx=Z79.4} [hip fracture after a fall on the ward]{dx=S72.001A poa=N}
    \`\`\`abstract
    PDX  I50.9  Y
    SDX  I10
    SDX  Z79.4  Y
    SDX  S72.001A  N
    \`\`\`
    `,
    `
    10:5-10:8 error poa.missing: I10 needs a POA indicator (Y, N, U or W).
    11:12-11:13 warning poa.exempt: Z79.4 is exempt from POA reporting (POAexemptCodesFY26.zip/POAexemptCodesFY26.txt, FY2026): report 1 or leave it blank, not Y.
    12:15-12:16 info poa.hac: S72.001A with POA N is a hospital-acquired condition (HAC 05 Falls and Trauma, MS-DRG v43.0): it does not count as a CC/MCC and can change the DRG.
    `,
  );
});

test('seq.sepsis: sepsis present on admission after its pneumonia, and R65.20 before the sepsis — one finding, the swap fixes both', () => {
  checkFindings(
    'seq.sepsis',
    `${HEADER}
    [pneumonia]{dx=J18.9 poa=Y} [severe sepsis]{dx=R65.20 poa=Y} [sepsis]{dx=A41.9 poa=Y}
    \`\`\`abstract
    PDX  J18.9  Y
    SDX  R65.20  Y
    SDX  A41.9  Y
    \`\`\`
    `,
    `
    9:5-9:10 warning seq.sepsis: A41.9 (systemic infection) was present on admission, and J18.9 is a localized infection: the systemic infection is the principal diagnosis and J18.9 a secondary one (guideline I.C.1.d.4).
    `,
  );
});

test("mce.* from the code tables' flags: an external cause as principal, a newborn code on an adult", () => {
  checkFindings(
    'mce.',
    `${HEADER}
    [fall]{dx=W01.0XXA} [liveborn]{dx=Z38.00 poa=Y}
    \`\`\`abstract
    PDX  W01.0XXA  1
    SDX  Z38.00  Y
    \`\`\`
    `,
    `
    9:5-9:13 error mce.e-code-as-pdx: MCE E-code as PDX: W01.0XXA is an external cause code and cannot be the principal diagnosis.
    10:5-10:11 error mce.age-conflict: MCE Age conflict: Z38.00 is a newborn diagnosis (ages 0–0); the patient is 67.
    `,
  );
});

test('a suppression keeps the finding for auditors, marked, with its reason', () => {
  checkFindings(
    'icd.excludes1',
    `${HEADER}
    [DM2 CKD]{dx=E11.22 poa=Y} [DM1]{dx=E10.9 poa=Y}
    \`\`\`abstract
    PDX  E11.22  Y
    <!-- chartcoder-ignore icd.excludes1: LADA documented by endocrinology -->
    SDX  E10.9  Y
    \`\`\`
    `,
    `
    11:5-11:10 error icd.excludes1 (suppressed): Excludes1: E11.22 "Type 2 diabetes mellitus with diabetic chronic kidney disease" excludes "type 1 diabetes mellitus (E10.-)" — E10.9 (line 12) cannot be reported with it unless the conditions are unrelated (guideline I.A.12.a; note at E11).
    `,
  );
});
