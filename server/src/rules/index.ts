// Every guideline rule, one file each. The order is the order of findings on the same range.
import type { Rule } from './rule';
import { chartSyntax } from './chartSyntax';
import { chartRelease } from './chartRelease';

export const RULES: Rule[] = [
  chartSyntax,
  chartRelease,
];
