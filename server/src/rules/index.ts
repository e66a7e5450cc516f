// Every guideline rule, one file each. The order is the order of findings on the same range.
import type { Rule } from './rule';
import { chartSyntax } from './chartSyntax';
import { chartRelease } from './chartRelease';
import { codeValidity } from './codeValidity';
import { codeFormat } from './codeFormat';
import { excludes1 } from './excludes1';
import { codeFirst } from './codeFirst';
import { useAdditional } from './useAdditional';
import { manifestationPdx } from './manifestationPdx';
import { combination } from './combination';
import { sepsis } from './sepsis';
import { symptomPdx } from './symptomPdx';
import { poaRules } from './poa';
import { docRules } from './doc';
import { cdiRules } from './cdi';
import { abstractRules } from './abstract';
import { mce } from './mce';
import { docSpecificity } from './docSpecificity';
import { CDI_OPPORTUNITY_RULES } from './cdi/index';
import { auditRules } from './audit';
import { poisoning } from './poisoning';
import { poaInconsistent } from './poaInconsistent';
import { newborn } from './newborn';
import { obstetric } from './obstetric';
import { integralSymptom } from './integralSymptom';
import { laterality } from './laterality';
import { encounterType } from './encounterType';
import { bmiWithoutDiagnosis } from './bmi';

export const RULES: Rule[] = [
  chartSyntax,
  chartRelease,
  codeValidity,
  codeFormat,
  abstractRules,
  excludes1,
  codeFirst,
  useAdditional,
  manifestationPdx,
  combination,
  sepsis,
  symptomPdx,
  poaRules,
  docRules,
  docSpecificity,
  cdiRules,
  ...CDI_OPPORTUNITY_RULES,
  mce,
  auditRules,
  poisoning,
  poaInconsistent,
  newborn,
  obstetric,
  integralSymptom,
  laterality,
  encounterType,
  bmiWithoutDiagnosis,
];
