// `npm run bench`: runs every benchmark under scripts/bench/ (or those named on the command
// line) and prints their figures. A benchmark prints numbers and ratios; it never fails a build.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const dir = join(__dirname, 'bench');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'util.ts')
    .sort();
  console.log(`ChartCoder bench — node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}`);
  for (const f of files) {
    const name = f.replace(/\.ts$/, '');
    if (only.length && !only.includes(name)) continue;
    console.log(`\n## ${name}`);
    const mod = (await import(join(dir, f))) as { bench: () => Promise<void> };
    try {
      await mod.bench();
    } catch (e) {
      console.log(`  (failed: ${(e as Error).message})`);
    }
  }
}
void main();
