// Data-driven rule fixtures: for each rule id, a chart that fires it at the ⟨marked⟩ range(s)
// and a near miss that must not fire it. `abs` builds an abstract; `HEADER` is a 67-year-old
// woman discharged 2026-03-06 (FY2026).
import { HEADER } from '../helpers/markers';

export const abs = (...lines: string[]) => '```abstract\n' + lines.join('\n') + '\n```\n';
export const MALE_HEADER = HEADER.replace('sex: F', 'sex: M');
const KID_HEADER = HEADER.replace('age: 67', 'age: 4');

export interface RuleCase {
  rule: string;
  why: string;
  fires: string;
  nearMiss: string;
}

export const CASES: RuleCase[] = [
  {
    rule: 'code.unknown',
    why: 'a code that no release has (one finding, on the abstract, when the note has it too)',
    fires: HEADER + '[CHF]{dx=Q99.99 poa=Y}\n' + abs('PDX  ⟨Q99.99⟩  Y'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y}\n' + abs('PDX  I50.9  Y'),
  },
  {
    rule: 'code.not-on-date',
    why: 'a FY2027 code on a FY2026 discharge',
    fires: HEADER + '[secondary malignant neoplasm of left pleura]{dx=C78.32 poa=Y}\n' + abs('PDX  ⟨C78.32⟩  Y'),
    nearMiss: HEADER.replace('2026-03-06', '2026-10-06') + '[secondary malignant neoplasm of left pleura]{dx=C78.32 poa=Y}\n' + abs('PDX  C78.32  Y'),
  },
  {
    rule: 'code.not-billable',
    why: 'a category header',
    fires: HEADER + '[CHF]{dx=I50 poa=Y}\n' + abs('PDX  ⟨I50⟩  Y'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y}\n[BNP 900]{ind=I50}\n' + abs('PDX  I50.9  Y'),
  },
  {
    rule: 'code.seventh-character',
    why: 'a missing 7th character and a missing X placeholder (a code only in the note: on the note)',
    fires:
      HEADER + '[hip fx]{dx=S72.001 poa=Y} [fall]{dx=W01.0A} [fracture of the femoral neck]{dx=⟨S72.009⟩}\n' + abs('PDX  ⟨S72.001⟩  Y', 'SDX  ⟨W01.0A⟩  1'),
    nearMiss: HEADER + '[hip fx]{dx=S72.001A poa=Y} [fall]{dx=W01.0XXA}\n' + abs('PDX  S72.001A  Y', 'SDX  W01.0XXA  1'),
  },
  {
    rule: 'code.format',
    why: 'undotted or lower-case codes',
    fires: HEADER + '[CHF]{dx=⟨i509⟩ poa=Y}\n' + abs('PDX  ⟨I509⟩  Y'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y}\n' + abs('PDX  I50.9  Y'),
  },
  {
    rule: 'abstract.missing-pdx',
    why: 'secondary diagnoses only',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y}\n' + '⟨```abstract\nSDX  I50.9  Y\n```⟩\n',
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y}\n' + abs('PDX  I50.9  Y'),
  },
  {
    rule: 'abstract.duplicate',
    why: 'the same code twice',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [HTN]{dx=I10 poa=Y}\n' + abs('PDX  I50.9  Y', 'SDX  I10  Y', '⟨SDX  I10  Y⟩'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [HTN]{dx=I10 poa=Y}\n' + abs('PDX  I50.9  Y', 'ADX  I50.9', 'SDX  I10  Y'),
  },
  {
    rule: 'icd.excludes1',
    why: 'type 1 and type 2 diabetes together; the later line carries it',
    fires: HEADER + '[DM2 CKD]{dx=E11.22 poa=Y} [CKD 3]{dx=N18.30 poa=Y} [DM1]{dx=E10.9 poa=Y}\n' + abs('PDX  E11.22  Y', 'SDX  N18.30  Y', 'SDX  ⟨E10.9⟩  Y'),
    nearMiss: HEADER + '[DM2]{dx=E11.9 poa=Y} [insulin]{dx=Z79.4} [metformin]{dx=Z79.84}\n' + abs('PDX  E11.9  Y', 'SDX  Z79.4  1', 'SDX  Z79.84  1'),
  },
  {
    rule: 'icd.excludes1',
    why: 'a note that names a range (N39.0 excludes O00-O07): UTI with UTI following an incomplete abortion',
    fires:
      HEADER.replace('age: 67', 'age: 30') + '[UTI]{dx=N39.0 poa=Y} [UTI after incomplete SAB]{dx=O03.38 poa=Y}\n' + abs('PDX  O03.38  Y', 'SDX  ⟨N39.0⟩  Y'),
    nearMiss: HEADER.replace('age: 67', 'age: 30') + '[UTI after incomplete SAB]{dx=O03.38 poa=Y}\n' + abs('PDX  O03.38  Y'),
  },
  {
    rule: 'icd.code-first',
    why: 'a manifestation without its etiology before it',
    fires: HEADER + '[anemia in CKD]{dx=D63.1 poa=Y} [pneumonia]{dx=J18.9 poa=Y}\n' + abs('PDX  J18.9  Y', 'SDX  ⟨D63.1⟩  Y'),
    nearMiss:
      HEADER + '[CKD 4]{dx=N18.4 poa=Y} [anemia in CKD]{dx=D63.1 poa=Y} [pneumonia]{dx=J18.9 poa=Y}\n' + abs('PDX  J18.9  Y', 'SDX  N18.4  Y', 'SDX  D63.1  Y'),
  },
  {
    rule: 'icd.use-additional',
    why: 'the heart failure type is documented but not reported',
    fires:
      HEADER +
      '[HHD with CKD and HF]{dx=I13.0 poa=Y} [CKD 4]{dx=N18.4 poa=Y} [acute on chronic diastolic HF]{dx=I50.33 poa=Y}\n' +
      abs('PDX  ⟨I13.0⟩  Y', 'SDX  N18.4  Y'),
    nearMiss:
      HEADER +
      '[HHD with CKD and HF]{dx=I13.0 poa=Y} [CKD 4]{dx=N18.4 poa=Y} [acute on chronic diastolic HF]{dx=I50.33 poa=Y}\n' +
      abs('PDX  I13.0  Y', 'SDX  N18.4  Y', 'SDX  I50.33  Y'),
  },
  {
    rule: 'icd.manifestation-pdx',
    why: 'dementia in other diseases as principal',
    fires: HEADER + '[dementia in Alzheimer]{dx=F02.80 poa=Y} [Alzheimer]{dx=G30.9 poa=Y}\n' + abs('PDX  ⟨F02.80⟩  Y', 'SDX  G30.9  Y'),
    nearMiss: HEADER + '[dementia in Alzheimer]{dx=F02.80 poa=Y} [Alzheimer]{dx=G30.9 poa=Y}\n' + abs('PDX  G30.9  Y', 'SDX  F02.80  Y'),
  },
  {
    rule: 'seq.combination',
    why: 'hypertension and CKD coded apart',
    fires: HEADER + '[HTN]{dx=I10 poa=Y} [CKD 3a]{dx=N18.31 poa=Y}\n' + abs('PDX  I10  Y', 'SDX  ⟨N18.31⟩  Y'),
    nearMiss: HEADER + '[HTN CKD]{dx=I12.9 poa=Y} [CKD 3a]{dx=N18.31 poa=Y}\n' + abs('PDX  I12.9  Y', 'SDX  N18.31  Y'),
  },
  {
    rule: 'seq.sepsis',
    why: 'severe sepsis before its infection',
    fires:
      HEADER +
      '[NSTEMI]{dx=I21.4 poa=Y} [severe sepsis]{dx=R65.20 poa=Y} [sepsis]{dx=A41.9 poa=Y}\n' +
      abs('PDX  I21.4  Y', 'SDX  ⟨R65.20⟩  Y', 'SDX  A41.9  Y'),
    nearMiss: HEADER + '[sepsis]{dx=A41.9 poa=Y} [severe sepsis]{dx=R65.20 poa=Y}\n' + abs('PDX  A41.9  Y', 'SDX  R65.20  Y'),
  },
  {
    rule: 'seq.symptom-pdx',
    why: 'chest pain principal with an MI reported',
    fires: HEADER + '[chest pain]{dx=R07.9 poa=Y} [NSTEMI]{dx=I21.4 poa=Y}\n' + abs('PDX  ⟨R07.9⟩  Y', 'SDX  I21.4  Y'),
    nearMiss: HEADER + '[chest pain]{dx=R07.9 poa=Y} [hyperlipidemia]{dx=E78.5 poa=Y}\n' + abs('PDX  R07.9  Y', 'SDX  E78.5  Y'),
  },
  {
    rule: 'poa.missing',
    why: 'a secondary diagnosis without POA',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [HTN]{dx=I10}\n' + abs('PDX  I50.9  Y', 'SDX  ⟨I10⟩'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [insulin]{dx=Z79.4}\n' + abs('PDX  I50.9  Y', 'SDX  Z79.4'),
  },
  {
    rule: 'poa.exempt',
    why: 'Y on an exempt code',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [insulin]{dx=Z79.4}\n' + abs('PDX  I50.9  Y', 'SDX  Z79.4  ⟨Y⟩'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [insulin]{dx=Z79.4}\n' + abs('PDX  I50.9  Y', 'SDX  Z79.4  1'),
  },
  {
    rule: 'poa.hac',
    why: 'a fall injury not present on admission',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [hip fracture after a fall on the ward]{dx=S72.001A poa=N}\n' + abs('PDX  I50.9  Y', 'SDX  S72.001A  ⟨N⟩'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [hip fracture]{dx=S72.001A poa=Y}\n' + abs('PDX  I50.9  Y', 'SDX  S72.001A  Y'),
  },
  {
    rule: 'doc.no-evidence',
    why: 'a reported code nobody documented',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y}\n' + abs('PDX  I50.9  Y', 'SDX  ⟨E78.5⟩  Y'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [HLD]{dx=E78.5 poa=Y}\n' + abs('PDX  I50.9  Y', 'SDX  E78.5  Y'),
  },
  {
    rule: 'doc.ruled-out',
    why: 'the only evidence is ruled out',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [PE ruled out by CT]{dx=I26.99 status=ruled-out}\n' + abs('PDX  I50.9  Y', 'SDX  ⟨I26.99⟩  Y'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [PE ruled out by CT]{dx=I26.99 status=ruled-out}\n' + abs('PDX  I50.9  Y'),
  },
  {
    rule: 'doc.non-provider',
    why: 'a diagnosis only in nursing notes, and a pressure ulcer whose stage alone the provider has not confirmed',
    fires:
      HEADER +
      '# Assessment\n[CHF]{dx=I50.9 poa=Y}\n## Nursing {author=RN}\n[pressure injury stage 2 sacrum]{dx=L89.152 poa=Y} [malnutrition]{dx=E44.0 poa=Y}\n' +
      abs('PDX  I50.9  Y', 'SDX  ⟨L89.152⟩  Y', 'SDX  ⟨E44.0⟩  Y'),
    nearMiss:
      HEADER +
      '# Assessment\n[CHF]{dx=I50.9 poa=Y} [moderate malnutrition]{dx=E44.0 poa=Y} [sacral pressure injury]{dx=L89.159 poa=Y}\n## Nursing {author=RN}\n[pressure injury stage 2 sacrum]{dx=L89.152 poa=Y}\n' +
      abs('PDX  I50.9  Y', 'SDX  L89.152  Y', 'SDX  E44.0  Y'),
  },
  {
    rule: 'doc.not-in-abstract',
    why: 'an uncertain diagnosis on an inpatient chart',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [probable pneumonia]{dx=⟨J18.9⟩ poa=Y status=uncertain}\n' + abs('PDX  I50.9  Y'),
    nearMiss:
      HEADER.replace('---\n', '---\ntype: outpatient\n').replace(/---\n$/, '---\n') +
      '[CHF]{dx=I50.9} [probable pneumonia]{dx=J18.9 status=uncertain}\n' +
      abs('PDX  I50.9'),
  },
  {
    rule: 'doc.specificity',
    why: 'I50.9 on "acute on chronic diastolic heart failure"',
    fires: HEADER + '[Acute on chronic diastolic heart failure]{dx=I50.9 poa=Y}\n' + abs('PDX  ⟨I50.9⟩  Y'),
    nearMiss: HEADER + '[Heart failure, type not documented]{dx=I50.9 poa=Y}\n' + abs('PDX  I50.9  Y'),
  },
  {
    rule: 'cdi.clinical-validation',
    why: 'acute respiratory failure with no clinical indicator',
    fires: HEADER + '[COPD exacerbation]{dx=J44.1 poa=Y} [acute hypoxic respiratory failure]{dx=J96.01 poa=Y}\n' + abs('PDX  J44.1  Y', 'SDX  ⟨J96.01⟩  Y'),
    nearMiss:
      HEADER +
      '[COPD exacerbation]{dx=J44.1 poa=Y} [acute hypoxic respiratory failure]{dx=J96.01 poa=Y} [SpO2 84% on room air]{ind=J96.01}\n' +
      abs('PDX  J44.1  Y', 'SDX  J96.01  Y'),
  },
  {
    rule: 'cdi.query-leading',
    why: 'a query that mentions the DRG; "Dr. Payne" is not payment',
    fires:
      HEADER +
      '```query id=Q1 to="Dr. Payne" status=answered\n⟨Documenting sepsis would raise the DRG.⟩\n- sepsis\n- other\n- clinically undetermined\nanswer: sepsis\n```\n',
    nearMiss:
      HEADER +
      '```query id=Q1 to="Dr. Payne" status=answered\nDr. Payne, please clarify the diagnosis given lactate 3.1 and 500 cc urine output.\n- sepsis\n- SIRS\n- other (please specify)\n- clinically undetermined\nanswer: sepsis\n```\n',
  },
  {
    rule: 'cdi.query-open',
    why: 'an open query while the abstract has a principal diagnosis',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y}\n' + abs('PDX  I50.9  Y') + '```query id=Q1 to="Dr. A" status=⟨open⟩\nCan the heart failure be specified?\n```\n',
    nearMiss:
      HEADER +
      '[CHF]{dx=I50.9 poa=Y}\n' +
      abs('PDX  I50.9  Y') +
      '```query id=Q1 to="Dr. A" status=answered\nCan the heart failure be specified?\nanswer: no\n```\n',
  },
  {
    rule: 'mce.age-conflict',
    why: 'a pediatric code (exanthema subitum, B08.20) on a 67-year-old',
    fires: HEADER + '[pneumonia]{dx=J18.9 poa=Y} [roseola]{dx=B08.20 poa=Y}\n' + abs('PDX  J18.9  Y', 'SDX  ⟨B08.20⟩  Y'),
    nearMiss: KID_HEADER + '[pneumonia]{dx=J18.9 poa=Y} [roseola]{dx=B08.20 poa=Y}\n' + abs('PDX  J18.9  Y', 'SDX  B08.20  Y'),
  },
  {
    rule: 'mce.e-code-as-pdx',
    why: 'an external cause as principal',
    fires: HEADER + '[fall from bed]{dx=W06.XXXA}\n' + abs('PDX  ⟨W06.XXXA⟩  1'),
    nearMiss: HEADER + '[hip fx]{dx=S72.001A poa=Y} [fall from bed]{dx=W06.XXXA}\n' + abs('PDX  S72.001A  Y', 'SDX  W06.XXXA  1'),
  },
  {
    rule: 'mce.unacceptable-pdx',
    why: 'an unacceptable principal diagnosis',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [BMI 40-44.9 adult]{dx=Z68.41}\n' + abs('PDX  ⟨Z68.41⟩  1', 'SDX  I50.9  Y'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [BMI 40-44.9 adult]{dx=Z68.41}\n' + abs('PDX  I50.9  Y', 'SDX  Z68.41  1'),
  },
];
