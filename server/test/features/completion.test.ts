// Completion on the fixture tables: what a coder is offered at the cursor, whole and in order.
import { test } from 'node:test';
import { checkCompletion } from './check';

test('an empty annotation: the annotated words are the query; CC/MCC badges from the grouper facts', () => {
  checkCompletion(
    `
    ---
    discharged: 2026-03-06
    ---
    [acute on chronic diastolic heart failure]{dx=$0
    `,
    `
    I50.33 [code] MCC — Acute on chronic diastolic (congestive) heart failure
    I50.31 [code] MCC — Acute diastolic (congestive) heart failure
    I50.32 [code] CC — Chronic diastolic (congestive) heart failure
    I50.23 [code] MCC — Acute on chronic systolic (congestive) heart failure
    `,
  );
});

test('a code prefix on an abstract line: billable codes first, the header after them', () => {
  checkCompletion(
    `
    ---
    discharged: 2026-03-06
    ---
    \`\`\`abstract
    PDX  I50.2$0
    \`\`\`
    `,
    `
    I50.20 [code] CC — Unspecified systolic (congestive) heart failure
    I50.21 [code] MCC — Acute systolic (congestive) heart failure
    I50.22 [code] CC — Chronic systolic (congestive) heart failure
    I50.23 [code] MCC — Acute on chronic systolic (congestive) heart failure
    I50.2 [header] header — pick a code below it — Systolic (congestive) heart failure
    `,
  );
});

test('six characters typed: the valid 7th characters with their meanings', () => {
  checkCompletion(
    `
    ---
    discharged: 2026-03-06
    ---
    [hip fracture]{dx=S72.001$0
    `,
    `
    S72.001A [seventh-character] MCC · 7th character A: initial encounter for closed fracture — Fracture of unspecified part of neck of right femur, initial encounter for closed fracture
    S72.001D [seventh-character] 7th character D: subsequent encounter for closed fracture with routine healing — Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing
    S72.001S [seventh-character] 7th character S: sequela — Fracture of unspecified part of neck of right femur, sequela
    S72.001 [header] header — pick a code below it — Fracture of unspecified part of neck of right femur
    `,
  );
});

test('an empty SDX line: the annotated codes the abstract does not carry yet', () => {
  checkCompletion(
    `
    ---
    discharged: 2026-03-06
    ---
    [CHF]{dx=I50.33 poa=Y} [pneumonia]{dx=J18.9 poa=Y} [ruled out]{dx=J96.01 status=ruled-out}
    \`\`\`abstract
    PDX  I50.33  Y
    SDX  $0
    \`\`\`
    `,
    `
    J18.9 [code] MCC — Pneumonia, unspecified organism
    `,
  );
});

test('HCPCS by words', () => {
  checkCompletion(
    `
    ---
    discharged: 2026-03-06
    ---
    [walking aid]{hcpcs=cane$0
    `,
    `
    E0100 [code] Cane, includes canes of all materials, adjustable or fixed, with tip
    E0105 [code] Cane, quad or three prong, includes canes of all materials, adjustable or fixed, with tips
    `,
  );
});

test('only codes of the discharge date: a FY2027 code is not offered on a FY2026 chart, and is on a FY2027 one', () => {
  checkCompletion(
    `
    ---
    discharged: 2026-03-06
    ---
    [secondary malignant neoplasm of pharynx]{dx=$0
    `,
    '',
  );
  checkCompletion(
    `
    ---
    discharged: 2026-10-06
    ---
    [secondary malignant neoplasm of pharynx]{dx=$0
    `,
    `
    C78.32 [code] Secondary malignant neoplasm of pharynx
    `,
  );
});

test('nothing in prose, in a closed annotation, or on a PDX line with a word after the code', () => {
  for (const fixture of [
    '---\ndischarged: 2026-03-06\n---\nheart fail$0ure',
    '---\ndischarged: 2026-03-06\n---\n[CHF]{dx=I50.9}$0',
    '---\ndischarged: 2026-03-06\n---\n```abstract\nPDX  I50.9  Y$0\n```',
  ]) {
    checkCompletion(fixture, '');
  }
});
