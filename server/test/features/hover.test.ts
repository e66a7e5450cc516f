// Hover on the fixture tables: the whole markdown a coder reads, facts with their sources, and the
// DRG impact of the code under the cursor.
import { test } from 'node:test';
import { checkHover } from './check';

const HF_CHART = `
  ---
  age: 67
  sex: F
  admitted: 2026-03-02
  discharged: 2026-03-06
  disposition: 01
  ---
  # Assessment
  [hypertensive heart and CKD with HF]{dx=I13.0 poa=Y} [acute on chronic diastolic HF]{dx=I50.33 poa=Y} [CKD 4]{dx=N18.4 poa=Y}
  \`\`\`abstract
  PDX  I13.0  Y
  SDX  I50.33  Y
  SDX  N18.4  Y
  \`\`\`
`;

test('an SDX: title, MCC, notes by kind with the node they come from, sources, and the DRG with and without it', () => {
  checkHover(
    HF_CHART.replace('SDX  I50.33', 'SDX  I5$00.33'),
    `
    **MCC · without it → MS-DRG 292 (−$2,936)**

    **I50.33** Acute on chronic diastolic (congestive) heart failure

    ICD-10-CM · billable · MCC

    As secondary here: MCC

    With it: MS-DRG 291 Heart Failure and Shock with MCC · RW 1.2838 · GMLOS 3.8 · est. $8,669

    Without it: **MS-DRG 292 Heart Failure and Shock with CC · RW 0.8490 · GMLOS 2.9 · est. $5,733** (−$2,936)

    _MS-DRG v43.0 · weights drgstable-2026.csv (FY2026) · national standardized amount $6,753_

    ---

    MS-DRG v43.0: MDC 05 as principal · MCC · CC-exclusion list 731

    **Inclusion terms:** Diastolic left ventricular heart failure _(I50.3)_; Heart failure with normal ejection fraction _(I50.3)_; Heart failure with preserved ejection fraction [HFpEF] _(I50.3)_

    **Code also:** end stage heart failure, if applicable (I50.84) _(I50.3)_

    **Excludes1:** combined systolic (congestive) and diastolic (congestive) heart failure (I50.4-) _(I50.3)_; neonatal cardiac failure (P29.0) _(I50)_

    **Code first:** heart failure complicating abortion or ectopic or molar pregnancy (O00-O07, O08.8) _(I50)_; heart failure due to hypertension (I11.0) _(I50)_; heart failure due to hypertension with chronic kidney disease (I13.-) _(I50)_; heart failure following surgery (I97.13-) _(I50)_; obstetric surgery and procedures (O75.4) _(I50)_; rheumatic heart failure (I09.81) _(I50)_

    **Excludes2:** cardiac arrest (I46.-) _(I50)_

    ---
    Release FY2026 (Oct 2025) · sources: icd10cm_codes_2026.txt (FY2026) · icd10cm_tabular_2021.xml (FY2021) · msdrg/raw/msdrg_combined.bin (MS-DRG v43.0)
    `,
  );
});

test('the PDX: the DRG, and the other reported diagnoses as principal as information', () => {
  checkHover(
    HF_CHART.replace('PDX  I13.0', 'PDX  I1$03.0'),
    `
    **Principal · MS-DRG 291 (est. $8,669)**

    **I13.0** Hypertensive heart and chronic kidney disease with heart failure and stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease

    ICD-10-CM · billable · CC

    MS-DRG 291 Heart Failure and Shock with MCC · RW 1.2838 · GMLOS 3.8 · est. $8,669

    Other reported diagnoses as principal (information only — the guidelines, not the DRG, decide the sequence):

    - I50.33: MS-DRG 292 Heart Failure and Shock with CC · RW 0.8490 · GMLOS 2.9 · est. $5,733
    - N18.4: MS-DRG 682 Renal Failure with MCC · RW 1.4810 · GMLOS 4.3 · est. $10,001

    _MS-DRG v43.0 · weights drgstable-2026.csv (FY2026) · national standardized amount $6,753_

    ---

    MS-DRG v43.0: MDC 05 as principal · CC · CC-exclusion list 2789

    **Use additional code:** code to identify type of heart failure (I50.-); code to identify stage of chronic kidney disease (N18.1-N18.4, N18.9)

    **Includes:** any condition in I11.- with any condition in I12.- _(I13)_; cardiorenal disease _(I13)_; cardiovascular renal disease _(I13)_

    ---
    Release FY2026 (Oct 2025) · sources: icd10cm_codes_2026.txt (FY2026) · icd10cm_tabular_2021.xml (FY2021) · msdrg/raw/msdrg_combined.bin (MS-DRG v43.0)
    `,
  );
});

test('an annotated code that is not in the abstract: the DRG if it were added with its POA', () => {
  checkHover(
    `
    ---
    age: 67
    sex: F
    discharged: 2026-03-06
    disposition: 01
    ---
    [CHF]{dx=I50.23 poa=Y} [acute respiratory failure with hypoxia]{dx=J96.0$01 poa=Y}
    \`\`\`abstract
    PDX  I50.23  Y
    \`\`\`
    `,
    `
    **MCC · adding it → MS-DRG 291 (+$4,847)**

    **J96.01** Acute respiratory failure with hypoxia

    ICD-10-CM · billable · MCC

    If added as SDX (POA Y): MCC

    DRG: **MS-DRG 291 Heart Failure and Shock with MCC · RW 1.2838 · GMLOS 3.8 · est. $8,669** (+$4,847)

    _MS-DRG v43.0 · weights drgstable-2026.csv (FY2026) · national standardized amount $6,753_

    ---

    MS-DRG v43.0: MDC 04 as principal · MCC · CC-exclusion list 808

    **Excludes1:** acute respiratory distress syndrome (J80) _(J96)_; cardiorespiratory failure (R09.2) _(J96)_; newborn respiratory distress syndrome (P22.0) _(J96)_; postprocedural respiratory failure (J95.82-) _(J96)_; respiratory arrest (R09.2) _(J96)_; respiratory arrest of newborn (P28.81) _(J96)_ … (+1)

    ---
    Release FY2026 (Oct 2025) · sources: icd10cm_codes_2026.txt (FY2026) · icd10cm_tabular_2021.xml (FY2021) · msdrg/raw/msdrg_combined.bin (MS-DRG v43.0)
    `,
  );
});

test('a code no release has, and a code of another release', () => {
  checkHover(
    `
    ---
    discharged: 2026-03-06
    ---
    [x]{dx=Q99.9$09}
    `,
    `
    **Q9999** — not an ICD-10-CM code in any installed release.
    `,
  );
  checkHover(
    `
    ---
    discharged: 2026-03-06
    ---
    [x]{dx=C78.3$02}
    `,
    `
    **C78.32** — an ICD-10-CM code, but not valid in FY2026 (Oct 2025); it is in FY2027.
    `,
  );
});

test('a procedure: O.R. status from the grouper, no DRG part without an abstract', () => {
  checkHover(
    `
    ---
    discharged: 2026-03-06
    ---
    [hip replacement]{pcs=0SRR0$0J9}
    `,
    `
    **0SRR0J9** Replacement of Right Hip Joint, Femoral Surface with Synthetic Substitute, Cemented, Open Approach

    ICD-10-PCS · billable · O.R. procedure

    ---
    Release FY2026 (Oct 2025) · sources: icd10pcs_codes_2026.txt (FY2026) · msdrg/raw/msdrg_combined.bin (MS-DRG v43.0)
    `,
  );
});

test('the discharge date: the release it selects, and the warning past the newest release', () => {
  checkHover(
    `
    ---
    discharged: 2026-0$03-06
    ---
    `,
    `
    Checked against **FY2026 (Oct 2025)** (FY2026).
    `,
  );
  checkHover(
    `
    ---
    discharged: 2027-1$00-06
    ---
    `,
    `
    Checked against **FY2027 (Oct 2026)** (FY2027).

    ⚠ Discharged 2027-10-06, after the newest installed release (FY2027 (Oct 2026), through 2027-09-30): checked against FY2027 (Oct 2026).
    `,
  );
});

test('a suppression comment: the rule it silences and the reason', () => {
  checkHover(
    `
    ---
    discharged: 2026-03-06
    ---
    <!-- chartcoder-ignore icd.exc$0ludes1: LADA documented by endocrinology -->
    `,
    `
    Silences **icd.excludes1**: Two reported codes in an Excludes1 relation.

    Reason: LADA documented by endocrinology
    `,
  );
});
