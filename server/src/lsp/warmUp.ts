// The warm-up after the handshake. `initialize` is answered once the code lists are loaded; the
// search index (prebuilt by `npm run tables`) and the tables otherwise read on first use load
// here, one per turn of the event loop, so a request that arrives meanwhile waits for one step at
// most — and never before the diagnostics of an open chart, which go first.
import type { Session } from './session';

/** An editor opens its charts right after the handshake: give those messages a moment to arrive. */
const START_AFTER_MS = 50;

/** Starts the warm-up; the function returned stops it (the server is going away). */
export function startWarmUp(session: Session): () => void {
  let stopped = false;
  const { service, log } = session;
  const steps: { name: string; run: () => void }[] = [
    {
      // A damaged or missing index is said once; search then answers nothing and every other feature keeps working.
      name: 'search index',
      run: () => {
        if (!service.searchEngine() && service.searchEngineError) log.notifyUser('error', `ChartCoder: code search unavailable — ${service.searchEngineError}`);
      },
    },
    { name: 'search vocabulary', run: () => service.searchEngine()?.warmUp() },
    { name: 'PCS vocabulary', run: () => service.searchEngine()?.warmPcs('vocabulary') },
    { name: 'PCS tables', run: () => service.searchEngine()?.warmPcs('tables') },
    { name: 'MS-DRG grouper', run: () => void service.ctx.grouper },
    ...(service.ctx.tables?.warmUpSteps() ?? []),
    {
      // Loading leaves ~14 MB of dead objects (decoded files, parsed JSON) in the old generation,
      // which V8 would keep while the server idles, since nothing allocates enough to start a
      // full collection. One collection now, when the server was started with --expose-gc
      // (lsp/launch.ts, as the VS Code client does); without the flag this step does nothing.
      name: 'collect the loading garbage',
      run: () => (globalThis as { gc?: () => void }).gc?.(),
    },
  ];
  const t0 = Date.now();
  const timings: string[] = [];
  const next = () => {
    if (stopped) return;
    // Diagnostics of charts just opened go first (they load what they need themselves), and so
    // does the worklist's first pass (the Charts view fills within a second or two).
    if (session.diagnostics.busy || session.worklist.busy) return void setTimeout(next, 20);
    const step = steps.shift();
    if (!step) return log.info(`warm-up done in ${Date.now() - t0} ms (${timings.join(', ')})`);
    const s = Date.now();
    try {
      step.run();
    } catch (e) {
      // Said to the user once, here; a feature that needs the table later logs its own failure.
      log.notifyUser('error', `ChartCoder: ${step.name} not loaded — ${(e as Error).message}`);
    }
    timings.push(`${step.name} ${Date.now() - s} ms`);
    setImmediate(next);
  };
  const start = setTimeout(next, START_AFTER_MS);
  return () => {
    stopped = true;
    clearTimeout(start);
  };
}
