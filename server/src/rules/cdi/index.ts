// The CDI opportunity rules (spec: ../shared/spec/cdi-indicators.md), one file each. Family
// `cdi.opportunity.*`: information by default; settings can turn the family off or raise it.
import type { Rule } from '../rule';
import { aki } from './aki';
import { sepsis } from './sepsis';
import { malnutrition } from './malnutrition';
import { hyponatremia } from './hyponatremia';
import { anemiaBloodLoss } from './anemiaBloodLoss';
import { respFailure } from './respFailure';
import { encephalopathy } from './encephalopathy';
import { hfSpecificity } from './hfSpecificity';
import { obesity } from './obesity';
import { pressureInjury } from './pressureInjury';

export const CDI_OPPORTUNITY_RULES: Rule[] = [
  aki,
  sepsis,
  malnutrition,
  hyponatremia,
  anemiaBloodLoss,
  respFailure,
  encephalopathy,
  hfSpecificity,
  obesity,
  pressureInjury,
];
