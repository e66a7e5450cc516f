// Race-proof reading of the workbench, shared by e2e/code-server-ui.js and its regression test
// (server/test/e2e/vscode-ui.test.ts). Plain CommonJS: the driver runs under code-server's Node 24 with
// puppeteer-core from the e2e install, without a build step.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Calls read() until ok(value) holds on `stable` consecutive reads that return the same value, or the
 * deadline passes. A read that throws — a frame detached under it, a node re-rendered, a selector not
 * there yet — is a miss, never a failure of the run. Returns { ok, value, error, reads, ms }.
 */
async function poll(read, ok, { timeout = 30000, interval = 250, stable = 1 } = {}) {
  const start = Date.now();
  let value,
    error,
    prev,
    same = 0,
    reads = 0;
  for (;;) {
    reads++;
    try {
      value = await read(); // a read() that throws synchronously is caught here too
      error = undefined;
    } catch (e) {
      value = undefined;
      error = String(e).slice(0, 200);
    }
    const key = JSON.stringify(value);
    let good = false;
    try {
      good = error === undefined && !!ok(value);
    } catch {
      good = false;
    }
    same = good ? (key === prev ? same + 1 : 1) : 0;
    prev = key;
    if (same >= stable) return { ok: true, value, reads, ms: Date.now() - start };
    if (Date.now() - start >= timeout) return { ok: false, value, error, reads, ms: Date.now() - start };
    await sleep(interval);
  }
}

/**
 * The text of the first iframe (not the page itself) whose body text matches `pattern`, or ''.
 * Webview iframes are replaced whenever VS Code lays out or the content changes, and puppeteer's Frame
 * methods throw *synchronously* on a detached frame (`frame.evaluate(...).catch()` does not catch that),
 * so the frames are listed afresh on every call and each one is read inside an async function.
 */
async function frameText(page, pattern) {
  for (const f of page.frames().filter((f) => f !== page.mainFrame())) {
    const t = await readFrame(f);
    if (pattern.test(t)) return t;
  }
  return '';
}

/** The non-empty texts of the webview iframes (all iframes if none is a webview), for a failure report
 *  ("what did the view show instead?"). */
async function frameTexts(page) {
  const out = [];
  const frames = page.frames().filter((f) => f !== page.mainFrame());
  const webviews = frames.filter((f) => /\/webview\//.test(f.url()));
  for (const f of webviews.length ? webviews : frames) {
    const t = (await readFrame(f)).trim();
    if (t) out.push(t);
  }
  return out;
}

async function readFrame(f) {
  if (f.detached) return '';
  try {
    return await f.evaluate(() => (document.body ? document.body.innerText : ''));
  } catch {
    return '';
  }
}

module.exports = { poll, frameText, frameTexts, sleep };
