// Fire / near-miss fixtures of the sequencing, POA, newborn/OB, documentation and laterality rules
// of issue 14 (same form as ./cases.ts: the `fires` chart gives findings of `rule` at exactly the
// ⟨marked⟩ ranges; the near miss gives none of that rule). HEADER: a 67-year-old woman, FY2026.
import { HEADER } from '../helpers/markers';
import { abs, MALE_HEADER, type RuleCase } from './cases';

const MOTHER = HEADER.replace('age: 67', 'age: 29');
const BABY = HEADER.replace('age: 67', 'age: 0').replace('disposition: 01\n', 'disposition: 01\nbirthweight: 3300\n');

export const ISSUE14_CASES: RuleCase[] = [
  {
    rule: 'seq.sepsis',
    why: 'sepsis present on admission sequenced after the pneumonia that caused it, with R65.20',
    fires:
      HEADER +
      '[pneumonia]{dx=J18.9 poa=Y} [severe sepsis]{dx=R65.20 poa=Y} [sepsis]{dx=A41.9 poa=Y}\n' +
      abs('PDX  ⟨J18.9⟩  Y', 'SDX  R65.20  Y', 'SDX  A41.9  Y'),
    nearMiss: HEADER + '[pneumonia]{dx=J18.9 poa=Y} [sepsis developing on day 3]{dx=A41.9 poa=N}\n' + abs('PDX  J18.9  Y', 'SDX  A41.9  N'),
  },
  {
    rule: 'seq.sepsis',
    why: 'a cellulitis (localized infection, from its title) principal with sepsis POA',
    fires: MALE_HEADER + '[cellulitis of right leg]{dx=L03.115 poa=Y} [sepsis due to strep]{dx=A40.9 poa=Y}\n' + abs('PDX  ⟨L03.115⟩  Y', 'SDX  A40.9  Y'),
    nearMiss: MALE_HEADER + '[sepsis due to strep]{dx=A40.9 poa=Y} [cellulitis of right leg]{dx=L03.115 poa=Y}\n' + abs('PDX  A40.9  Y', 'SDX  L03.115  Y'),
  },
  {
    rule: 'seq.sepsis',
    why: 'the organ dysfunction of severe sepsis as principal (the R65.2 use-additional list)',
    fires:
      HEADER +
      '[AKI]{dx=N17.9 poa=Y} [sepsis]{dx=A41.9 poa=Y} [severe sepsis]{dx=R65.20 poa=Y} [UTI]{dx=N39.0 poa=Y}\n' +
      abs('PDX  ⟨N17.9⟩  Y', 'SDX  A41.9  Y', 'SDX  R65.20  Y', 'SDX  N39.0  Y'),
    nearMiss: HEADER + '[NSTEMI]{dx=I21.4 poa=Y} [sepsis]{dx=A41.9 poa=Y} [UTI]{dx=N39.0 poa=Y}\n' + abs('PDX  I21.4  Y', 'SDX  A41.9  Y', 'SDX  N39.0  Y'),
  },
  {
    rule: 'seq.sepsis',
    why: 'near miss: a postprocedural infection (chapter 19) keeps its place before the sepsis',
    fires: HEADER + '[UTI]{dx=N39.0 poa=Y} [sepsis]{dx=A41.51 poa=Y}\n' + abs('PDX  ⟨N39.0⟩  Y', 'SDX  A41.51  Y'),
    nearMiss: HEADER + '[deep incisional SSI]{dx=T81.42XA poa=Y} [sepsis]{dx=A41.9 poa=Y}\n' + abs('PDX  T81.42XA  Y', 'SDX  A41.9  Y'),
  },
  {
    rule: 'seq.sepsis',
    why: 'a chapter-1 localized infection (C. difficile colitis); near miss: a complication of care outside chapter 19 (gastrostomy infection) keeps its place',
    fires: MALE_HEADER + '[C. difficile colitis]{dx=A04.72 poa=Y} [sepsis]{dx=A41.9 poa=Y}\n' + abs('PDX  ⟨A04.72⟩  Y', 'SDX  A41.9  Y'),
    nearMiss: MALE_HEADER + '[gastrostomy site infection]{dx=K94.22 poa=Y} [sepsis]{dx=A41.9 poa=Y}\n' + abs('PDX  K94.22  Y', 'SDX  A41.9  Y'),
  },
  {
    rule: 'seq.poisoning',
    why: 'respiratory failure sequenced before the opioid poisoning that caused it',
    fires:
      MALE_HEADER +
      '[acute hypoxic respiratory failure]{dx=J96.01 poa=Y} [accidental fentanyl overdose]{dx=T40.411A poa=Y}\n' +
      abs('PDX  ⟨J96.01⟩  Y', 'SDX  T40.411A  Y'),
    nearMiss:
      MALE_HEADER +
      '[accidental fentanyl overdose]{dx=T40.411A poa=Y} [acute hypoxic respiratory failure]{dx=J96.01 poa=Y}\n' +
      abs('PDX  T40.411A  Y', 'SDX  J96.01  Y'),
  },
  {
    rule: 'seq.poisoning',
    why: 'an adverse effect (intent 5) as principal ahead of its manifestation',
    fires: HEADER + '[digoxin toxicity, taken as prescribed]{dx=T46.0X5A poa=Y} [bradycardia]{dx=R00.1 poa=Y}\n' + abs('PDX  ⟨T46.0X5A⟩  Y', 'SDX  R00.1  Y'),
    nearMiss: HEADER + '[bradycardia]{dx=R00.1 poa=Y} [digoxin toxicity, taken as prescribed]{dx=T46.0X5A poa=Y}\n' + abs('PDX  R00.1  Y', 'SDX  T46.0X5A  Y'),
  },
  {
    rule: 'seq.poisoning',
    why: 'near miss: a poisoning during the stay (POA N) does not displace the principal',
    fires: HEADER + '[coma]{dx=R40.20 poa=Y} [intentional overdose of benzodiazepines]{dx=T42.4X2A poa=Y}\n' + abs('PDX  ⟨R40.20⟩  Y', 'SDX  T42.4X2A  Y'),
    nearMiss: HEADER + '[pneumonia]{dx=J18.9 poa=Y} [hydromorphone given in error]{dx=T40.2X1A poa=N}\n' + abs('PDX  J18.9  Y', 'SDX  T40.2X1A  N'),
  },
  {
    rule: 'poa.inconsistent',
    why: 'a fall injury documented poa=N reported Y (a hidden HAC)',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [hip fracture after a fall on the ward]{dx=S72.001A poa=N}\n' + abs('PDX  I50.9  Y', 'SDX  S72.001A  ⟨Y⟩'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [hip fracture after a fall on the ward]{dx=S72.001A poa=N}\n' + abs('PDX  I50.9  Y', 'SDX  S72.001A  N'),
  },
  {
    rule: 'poa.inconsistent',
    why: 'a non-HAC code with a different POA; near miss: the annotations disagree among themselves',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y} [pneumonia]{dx=J18.9 poa=N}\n' + abs('PDX  I50.9  Y', 'SDX  J18.9  ⟨Y⟩'),
    nearMiss:
      HEADER + '[CHF]{dx=I50.9 poa=Y} [pneumonia]{dx=J18.9 poa=N} [pneumonia on the admission x-ray]{dx=J18.9 poa=Y}\n' + abs('PDX  I50.9  Y', 'SDX  J18.9  Y'),
  },
  {
    rule: 'seq.newborn',
    why: 'a birth episode with the jaundice principal and Z38.00 secondary',
    fires: BABY + '[born here vaginally]{dx=Z38.00} [neonatal jaundice]{dx=P59.9 poa=N}\n' + abs('PDX  ⟨P59.9⟩  N', 'SDX  Z38.00  1'),
    nearMiss: BABY + '[transferred in from the birth hospital with respiratory distress]{dx=P22.1 poa=Y}\n' + abs('PDX  P22.1  Y'),
  },
  {
    rule: 'seq.obstetric',
    why: 'O80 with another chapter-15 code',
    fires:
      MOTHER +
      '[term delivery]{dx=O80} [GDM diet controlled]{dx=O24.420 poa=Y} [single liveborn]{dx=Z37.0}\n[SVD]{pcs=10E0XZZ date=2026-03-03}\n' +
      abs('PDX  ⟨O80⟩  1', 'SDX  O24.420  Y', 'SDX  Z37.0  1', 'PROC 10E0XZZ 2026-03-03'),
    nearMiss:
      MOTHER +
      '[term delivery]{dx=O80} [single liveborn]{dx=Z37.0}\n[SVD]{pcs=10E0XZZ date=2026-03-03}\n' +
      abs('PDX  O80  1', 'SDX  Z37.0  1', 'PROC 10E0XZZ 2026-03-03'),
  },
  {
    rule: 'seq.obstetric',
    why: 'a cesarean delivery without a Z37.- outcome; near miss: an antepartum stay without delivery',
    fires:
      MOTHER +
      '[preeclampsia, third trimester]{dx=O14.03 poa=Y}\n[low transverse cesarean]{pcs=10D00Z1 date=2026-03-03}\n' +
      abs('PDX  ⟨O14.03⟩  Y', 'PROC 10D00Z1 2026-03-03'),
    nearMiss: MOTHER + '[preeclampsia, third trimester]{dx=O14.03 poa=Y}\n' + abs('PDX  O14.03  Y'),
  },
  {
    rule: 'doc.integral-symptom',
    why: 'dyspnea reported with the heart failure that explains it',
    fires:
      HEADER +
      '[acute on chronic diastolic heart failure]{dx=I50.33 poa=Y} [shortness of breath]{dx=R06.02 poa=Y}\n' +
      abs('PDX  I50.33  Y', 'SDX  ⟨R06.02⟩  Y'),
    nearMiss: HEADER + '[acute on chronic diastolic heart failure]{dx=I50.33 poa=Y} [syncope]{dx=R55 poa=Y}\n' + abs('PDX  I50.33  Y', 'SDX  R55  Y'),
  },
  {
    rule: 'doc.integral-symptom',
    why: 'fever with sepsis',
    fires: HEADER + '[sepsis]{dx=A41.9 poa=Y} [fever]{dx=R50.9 poa=Y} [UTI]{dx=N39.0 poa=Y}\n' + abs('PDX  A41.9  Y', 'SDX  N39.0  Y', 'SDX  ⟨R50.9⟩  Y'),
    nearMiss: HEADER + '[fever]{dx=R50.9 poa=Y} [sinus bradycardia]{dx=R00.1 poa=Y}\n' + abs('PDX  R50.9  Y', 'SDX  R00.1  Y'),
  },
  {
    rule: 'code.laterality',
    why: 'the text says left, the code says right',
    fires: HEADER + '[displaced fracture of the left femoral neck, midcervical]{dx=⟨S72.031A⟩ poa=Y}\n' + abs('PDX  S72.031A  Y'),
    nearMiss:
      HEADER +
      '[displaced fracture of the right femoral neck, midcervical]{dx=S72.031A poa=Y} [left ventricular failure]{dx=I50.1 poa=Y}\n' +
      abs('PDX  S72.031A  Y', 'SDX  I50.1  Y'),
  },
  {
    rule: 'code.laterality',
    why: 'the text says right, the code is for an unspecified side',
    fires: MALE_HEADER + '[cellulitis of the right lower leg]{dx=⟨L03.119⟩ poa=Y}\n' + abs('PDX  L03.119  Y'),
    nearMiss: MALE_HEADER + '[cellulitis of the lower leg]{dx=L03.119 poa=Y}\n' + abs('PDX  L03.119  Y'),
  },
  {
    rule: 'code.encounter-type',
    why: 'a subsequent-encounter fracture code on the stay that fixes it',
    fires:
      HEADER +
      '[fracture of right femoral neck]{dx=S72.001D poa=Y}\n[ORIF right femoral neck]{pcs=0QS604Z date=2026-03-03}\n' +
      abs('PDX  ⟨S72.001D⟩  1', 'PROC 0QS604Z 2026-03-03'),
    nearMiss: HEADER + '[CHF]{dx=I50.9 poa=Y} [healing right hip fracture]{dx=S72.001D}\n' + abs('PDX  I50.9  Y', 'SDX  S72.001D  1'),
  },
  {
    rule: 'doc.bmi-without-diagnosis',
    why: 'BMI from the dietitian, no provider-documented obesity',
    fires: HEADER + '[CHF]{dx=I50.9 poa=Y}\n## Nutrition {author=RD}\n[BMI 41.2]{dx=Z68.41}\n' + abs('PDX  I50.9  Y', 'SDX  ⟨Z68.41⟩  1'),
    nearMiss:
      HEADER +
      '[CHF]{dx=I50.9 poa=Y} [morbid obesity]{dx=E66.01 poa=Y}\n## Nutrition {author=RD}\n[BMI 41.2]{dx=Z68.41}\n' +
      abs('PDX  I50.9  Y', 'SDX  E66.01  Y', 'SDX  Z68.41  1'),
  },
];
