// How the server's Node process is started — one list, used by the VS Code client, the tests and
// the benchmarks that spawn dist/server.js, and given to other editors in docs/editor.md.
//
// Why a young-generation limit: loading the tables at start makes V8 grow its two semi-spaces to
// their 16 MB default, and it never gives those 32 MB back while the server idles. With 2 MB
// semi-spaces the idle server is ~143 MB instead of ~173 MB (`npm run bench memory`), and the
// keystroke paths, which allocate little, keep their latencies (`npm run bench scale`: hover p50
// and the 2,000-chart diagnostics pass within noise of the default).
//
// Why --expose-gc: the warm-up's last step (warmUp.ts) runs one full collection, freeing the
// ~14 MB the loading leaves dead in the old generation (an idle server never allocates enough for
// V8 to collect them itself). Nothing else calls gc(); no chart or client input can reach it.
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--expose-gc'];
