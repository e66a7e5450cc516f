// The plotting libraries, in one module of their own: scripts/build.mjs bundles it apart
// (dist/plotting.js) so that the CLI bundle stays small and every command that draws no plot —
// `--help`, `check`, `group` — starts at once; svg.ts loads it on the first plot.
export * as vega from 'vega';
export * as vegaLite from 'vega-lite';
