// Child process of large-chart.test.ts: `chartcoder check --quiet <chart>` in a fresh process,
// printing {ms, maxRssKb} (the check's wall time, the process's peak resident memory).
import { runCli } from '../../src/cli/main';

const file = process.argv[2];
const t0 = performance.now();
void runCli(['check', '--quiet', file], { out: () => {}, err: () => {}, cwd: process.cwd(), isTTY: false }).then((code) => {
  process.stdout.write(JSON.stringify({ code, ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
});
