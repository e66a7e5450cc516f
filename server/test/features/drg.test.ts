// DRG impact on the fixture tables and the fixture grouper (CMS's logic of MDC 4, 5 and 11): the
// code lens over the abstract and the inlay hints after its lines, whole.
import { test } from 'node:test';
import { checkDrg } from './check';

const HEADER = `
    ---
    age: 67
    sex: F
    admitted: 2026-03-02
    discharged: 2026-03-06
    disposition: 01
    ---`;

test('heart failure with an MCC: DRG 291 at the national rate, and MCC/CC hints', () => {
  checkDrg(
    `${HEADER}
    [HHD with CKD and HF]{dx=I13.0 poa=Y} [acute on chronic diastolic HF]{dx=I50.33 poa=Y} [CKD 4]{dx=N18.4 poa=Y}
    \`\`\`abstract
    PDX  I13.0  Y
    SDX  I50.33  Y
    SDX  N18.4  Y
    \`\`\`
    `,
    `
    lens: MS-DRG 291 Heart Failure and Shock with MCC · RW 1.2838 · GMLOS 3.8 · est. $8,669 (national rate)
    lens: Grouper: MS-DRG v43.0
    hint 10:14: MCC — MCC (MS-DRG v43.0)
    hint 11:13: CC — CC (MS-DRG v43.0)
    `,
  );
});

test("the user's base rate replaces the national rate, and the lens says so", () => {
  checkDrg(
    `${HEADER}
    \`\`\`abstract
    PDX  I13.0  Y
    SDX  I50.33  Y
    \`\`\`
    `,
    `
    lens: MS-DRG 291 Heart Failure and Shock with MCC · RW 1.2838 · GMLOS 3.8 · est. $8,987 (your base rate)
    lens: Grouper: MS-DRG v43.0
    hint 9:14: MCC — MCC (MS-DRG v43.0)
    `,
    { baseRate: 7000 },
  );
});

test('a CC excluded by the principal: grouped as non-CC, and the hint says by which', () => {
  checkDrg(
    `${HEADER}
    \`\`\`abstract
    PDX  I50.23  Y
    SDX  I50.22  Y
    \`\`\`
    `,
    `
    lens: MS-DRG 293 Heart Failure and Shock without CC/MCC · RW 0.5660 · GMLOS 2.1 · est. $3,822 (national rate)
    lens: Grouper: MS-DRG v43.0
    hint 9:14: CC excl. — CC, CC-excluded by the principal diagnosis I50.23: grouped as non-CC
    `,
  );
});

test('a hospital-acquired pressure ulcer (POA N) is grouped as non-CC; present on admission it is an MCC', () => {
  const chart = (poa: string) => `${HEADER}
    \`\`\`abstract
    PDX  J18.9  Y
    SDX  L89.154  ${poa}
    \`\`\`
    `;
  checkDrg(
    chart('N'),
    `
    lens: MS-DRG 195 Simple Pneumonia and Pleurisy without CC/MCC · RW 0.6285 · GMLOS 2.2 · est. $4,244 (national rate)
    lens: Grouper: MS-DRG v43.0
    hint 9:15: HAC — Hospital-acquired condition (POA N): this MCC is grouped as non-CC (MS-DRG v43.0)
    `,
  );
  checkDrg(
    chart('Y'),
    `
    lens: MS-DRG 193 Simple Pneumonia and Pleurisy with MCC · RW 1.3144 · GMLOS 3.9 · est. $8,876 (national rate)
    lens: Grouper: MS-DRG v43.0
    hint 9:15: MCC — MCC (MS-DRG v43.0)
    `,
  );
});

test('v43.1 logic from 2026-04-01, and the FY2027 release labelled with the logic it borrows (the fixture has no FY2027 weights)', () => {
  const chart = (date: string) => `${HEADER.replace('2026-03-06', date)}
    \`\`\`abstract
    PDX  I50.23  Y
    \`\`\`
    `;
  checkDrg(
    chart('2026-04-02'),
    `
    lens: MS-DRG 293 Heart Failure and Shock without CC/MCC · RW 0.5660 · GMLOS 2.1 · est. $3,822 (national rate)
    lens: Grouper: MS-DRG v43.1
    `,
  );
  checkDrg(
    chart('2026-10-06'),
    `
    lens: MS-DRG 293 Heart Failure and Shock without CC/MCC (national rate)
    lens: Grouper: MS-DRG v43.1 logic — v44 logic not installed
    `,
  );
});

test('no lens without an abstract; a lens that says why a chart cannot be grouped; no discharge date: the newest release', () => {
  checkDrg(`${HEADER}\n    # Note\n    text\n    `, '');
  checkDrg(
    `${HEADER}
    \`\`\`abstract
    SDX  I10  Y
    \`\`\`
    `,
    `
    lens: MS-DRG: not grouped — the abstract has no PDX line
    `,
  );
  checkDrg(
    `
    ---
    age: 67
    ---
    \`\`\`abstract
    PDX  I50.23  Y
    \`\`\`
    `,
    `
    lens: MS-DRG 293 Heart Failure and Shock without CC/MCC (national rate)
    lens: Grouper: MS-DRG v43.1 logic — v44 logic not installed
    `,
  );
});
