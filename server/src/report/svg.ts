// Plots for the audit and team reports: Vega-Lite specifications compiled and rendered to SVG on
// the server (vega's headless view, no canvas, no browser), so a report is one self-contained
// HTML page that opens offline. Data are never loaded by URL: every spec carries its values.
import * as path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';

declare const CHARTCODER_BUNDLE: boolean | undefined;

/**
 * vega and vega-lite, loaded on the first plot only: they are most of the CLI's code, and every
 * other command (`--help`, `check`) must start at once. In the bundle they are dist/plotting.js.
 */
function plotting(): Promise<typeof import('./plotting')> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file beside the bundle, resolved at run time
  if (typeof CHARTCODER_BUNDLE !== 'undefined') return Promise.resolve(require(path.join(__dirname, 'plotting.js')) as typeof import('./plotting'));
  return import('./plotting');
}

const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
  title: { fontSize: 14, anchor: 'start' as const },
  view: { stroke: null },
};

/** The SVG of a Vega-Lite spec (its data inline). */
export async function vegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await plotting();
  const compiled = vegaLite.compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  // A loader that refuses every URL: a report never reaches the network.
  const loader = vega.loader();
  loader.load = () => Promise.reject(new Error('reports load no data by URL'));
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Text escaped for HTML. */
export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page around the report's body: inline CSS only, no script, no external resource. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1100px; color: #1f2328; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
.meta { color: #59636e; margin-top: 0; }
.tiles { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.tile { border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem 1rem; min-width: 9rem; }
.tile b { display: block; font-size: 1.4rem; } .tile span { color: #59636e; font-size: .85rem; }
.tile.bad b { color: #cf222e; } .tile.good b { color: #1a7f37; }
.plots { display: flex; flex-wrap: wrap; gap: 1.5rem; } .plots figure { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; } th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.changed td { background: #fff8c5; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
