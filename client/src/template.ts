// The "ChartCoder: New Chart" template, inserted as a snippet so Tab walks through the header
// fields. The dates default to today: the discharge date picks the code-table release.
export function newChartSnippet(today: string): string {
  return [
    '---',
    'encounter: ${1:encounter id}',
    'age: ${2:67}',
    'sex: ${3|F,M,U|}',
    `admitted: \${4:${today}}`,
    `discharged: \${5:${today}}`,
    'disposition: ${6|01,02,03,05,06,07,20,62|}',
    '---',
    '',
    '# History of Present Illness',
    '$0',
    '',
    '# Physical Examination',
    '',
    '## Nursing Assessment {author=RN}',
    '',
    '# Assessment and Plan',
    '',
    '```abstract',
    '# PDX code poa | SDX code poa | PROC code date: one entry per line, in claim order',
    '```',
    '',
  ].join('\n');
}
