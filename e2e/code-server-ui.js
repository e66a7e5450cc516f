// Drives the real VS Code workbench (code-server) with headless Debian Chromium through puppeteer-core,
// with the ChartCoder .vsix installed, and asserts on what a coder sees. Started by e2e/run-code-server.sh.
//   CS_URL  http://127.0.0.1:PORT    WS  workspace folder (a copy of samples/)    OUT  screenshot dir
//   REQUIRE comma list of checks that must pass: diagnostics,problems,hover,outline,completion,codelens,hoverdrg,drgview,chartsview,
//           hoversummary,wordwrap,poasnippet,searchcodes,fixeverywhere,auditlens
//           (checks not listed are still attempted and reported, but only listed ones fail the run)
//   TIMEOUT_MS  deadline for the first load (workbench, server start, first diagnostics), default 90 s
//   CHECK_MS    deadline of each later check, default 30 s    TOTAL_MS  watchdog for the whole run, default 330 s
//   BROWSER_PID_FILE  where Chromium's pid is written, so the caller can stop it if this driver is killed
// Prints one JSON line of observations on stdout (progress goes to stderr); exit 0 when every required
// check passed.
//
// Races this driver is written against (the workbench re-renders while it lays out, more so on a loaded
// machine):
//  - A puppeteer Frame or ElementHandle is never kept across an await that may re-render: webview iframes
//    are replaced (VS Code swaps a new "pending" iframe in for every content update) and puppeteer's
//    Frame methods throw *synchronously* on a detached frame, so `frame.evaluate(...).catch()` does not
//    catch it. Frames are re-listed on every read and every read goes through poll(), which counts a
//    throw as a miss (e2e/ui-helpers.js; its regression test replaces iframes under the reader).
//  - No fixed sleep stands in for "ready": each check polls a condition that a working feature makes
//    true (and a broken one never does) until its deadline, and reports the last thing it saw.
const puppeteer = require('puppeteer-core');
const fs = require('fs');
const path = require('path');
const helpers = require('./ui-helpers');

const URL_ = process.env.CS_URL || 'http://127.0.0.1:8765';
const WS = process.env.WS;
const OUT = process.env.OUT;
const T = Number(process.env.TIMEOUT_MS || 90000);
const CHECK_MS = Number(process.env.CHECK_MS || 30000);
const TOTAL_MS = Number(process.env.TOTAL_MS || 330000);
const REQUIRE = new Set((process.env.REQUIRE || 'diagnostics,problems,hover,outline').split(',').filter(Boolean));
const DIAG_FILE = process.env.DIAG_FILE || 'syntax-errors.chart';
const MAIN_FILE = process.env.MAIN_FILE || 'sepsis-aki.chart';
const HOVER_FILE = 'hf-ckd.chart';
/** Path of a sample in the workspace copy, wherever it sits (the error samples are in errors/). */
function wsFile(name) {
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isFile() && e.name === name) return p;
      if (e.isDirectory()) {
        const f = walk(p);
        if (f) return f;
      }
    }
    return null;
  };
  const f = walk(WS);
  if (!f) throw new Error(`${name} is not in the workspace ${WS}`);
  return f;
}
const { sleep } = helpers;
const res = { checks: {}, errors: [], notes: [], timings: {} };
const t0 = Date.now();
let phase = 'start';
let browser = null;
let page = null;

const log = (m) => process.stderr.write(`[ui ${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}\n`);
const setPhase = (p) => {
  phase = p;
};
const short = (v, n = 300) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))).replace(/\s+/g, ' ').slice(0, n);

/** Records a check; a failed required check makes the run fail. */
function check(name, ok, detail) {
  if (res.checks[name]) return; // first verdict wins (a later "not reached" must not overwrite it)
  res.checks[name] = { ok: !!ok, required: REQUIRE.has(name), detail };
  if (!ok && REQUIRE.has(name)) res.errors.push(`${name}: ${short(detail, 600)}`);
}

/** helpers.poll with this run's check deadline as the default */
const poll = (read, ok, opts = {}) => helpers.poll(read, ok, { timeout: CHECK_MS, ...opts });

/** Runs the steps of one or more checks; anything they throw fails those checks with what was going on. */
async function step(names, fn) {
  const start = Date.now();
  setPhase(names.join('+'));
  try {
    await fn();
  } catch (e) {
    for (const n of names) check(n, false, { threw: String(e).slice(0, 300), while: phase });
  }
  for (const n of names) check(n, false, { while: phase, saw: 'the check was never evaluated' });
  res.timings[`${names.join('_')}_ms`] = Date.now() - start;
  const failed = names.filter((n) => !res.checks[n].ok);
  if (failed.length && OUT) await shot(`fail-${failed.join('-')}.png`).catch(() => {});
  log(names.map((n) => `${n}: ${res.checks[n].ok ? 'ok' : `FAILED — ${short(res.checks[n].detail, 400)}`}`).join('; ') + ` (${Date.now() - start} ms)`);
}

async function chord(mods, key) {
  for (const m of mods) await page.keyboard.down(m);
  await page.keyboard.press(key);
  for (const m of [...mods].reverse()) await page.keyboard.up(m);
}

async function shot(name) {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  res.notes.push(`screenshot ${file}`);
}

const visible = (sel) => page.$$eval(sel, (els) => els.some((e) => e.offsetParent !== null || e.getClientRects().length > 0));

/** Opens a quick input (Quick Open, the Command Palette), types `text` and accepts the row labelled
 *  `expect` — only once the *selected* row is that one, so a list still showing the previous filter
 *  (recent files, recent commands) is never accepted. */
async function quickPick(keys, text, expect) {
  setPhase(`${phase.split(' › ')[0]} › quick input "${text}"`);
  await chord(keys.slice(0, -1), keys[keys.length - 1]);
  const open = await poll(() => visible('.quick-input-widget input'), Boolean, { timeout: CHECK_MS });
  if (!open.ok) throw new Error(`the quick input did not open for "${text}"`);
  await page.keyboard.type(text, { delay: 10 });
  const row = await poll(
    () => page.$eval('.quick-input-list .monaco-list-row.focused', (e) => (e.getAttribute('aria-label') || e.innerText).replace(/\s+/g, ' ')),
    (l) => l.toLowerCase().includes(expect.toLowerCase()),
    { timeout: CHECK_MS, stable: 2 },
  );
  if (!row.ok) {
    await page.keyboard.press('Escape');
    throw new Error(`quick input "${text}": the selected row never became "${expect}" (last: ${short(row.value ?? row.error, 120)})`);
  }
  await page.keyboard.press('Enter');
  await poll(
    () => visible('.quick-input-widget input'),
    (v) => !v,
    { timeout: CHECK_MS },
  );
}

/** Text of the editor lines on screen (the active editor group's editor). */
const editorLines = () => page.$$eval('.editor-group-container .monaco-editor .view-line', (els) => els.map((e) => e.textContent.replace(/\u00a0/g, ' ')));

async function openFile(name) {
  await quickPick(['Control', 'KeyP'], name, name);
  setPhase(`${phase.split(' › ')[0]} › opening ${name}`);
  const first =
    fs
      .readFileSync(wsFile(name), 'utf8')
      .split('\n')
      .find((l) => l.trim()) ?? '';
  const r = await poll(
    async () => ({
      tab: await page.$eval('.tabs-container .tab.active', (e) => e.getAttribute('aria-label') || '').catch(() => ''),
      lines: (await editorLines()).length,
      first: (await editorLines()).some((l) => l.trim() === first.trim()),
    }),
    (v) => v.tab.includes(name) && v.first,
    { timeout: CHECK_MS },
  );
  if (!r.ok)
    throw new Error(
      `${name} did not open in the editor (active tab ${short(r.value?.tab ?? r.error, 80)}, its first line ${r.value?.first ? '' : 'not '}shown)`,
    );
}

async function runCommand(title) {
  await quickPick(['Control', 'Shift', 'KeyP'], title, title);
}

/** The cursor's line and column as the status bar shows them ("Ln 39, Col 1" → [39, 1]). */
const cursorPos = () =>
  page.$$eval('.statusbar-item', (els) => {
    for (const e of els) {
      const m = /Ln (\d+), Col (\d+)/.exec(e.textContent);
      if (m) return [Number(m[1]), Number(m[2])];
    }
    return null;
  });

/** Go to Line (Ctrl+G) `line1`, or `line1:col1` when a column is given (both 1-based); the editor has the focus after it. */
async function gotoLine(line1, col1) {
  const where = col1 ? `${line1}:${col1}` : String(line1);
  setPhase(`${phase.split(' › ')[0]} › go to line ${where}`);
  await chord(['Control'], 'KeyG');
  const open = await poll(() => visible('.quick-input-widget input'), Boolean, { timeout: CHECK_MS });
  if (!open.ok) throw new Error('Go to Line did not open');
  await page.keyboard.type(where, { delay: 10 });
  const typed = await poll(
    () => page.$eval('.quick-input-widget input', (e) => e.value),
    (v) => v.replace(/^:/, '') === where,
    { timeout: CHECK_MS },
  );
  if (!typed.ok) throw new Error(`Go to Line: the input shows "${typed.value}", not ${where}`);
  await page.keyboard.press('Enter');
  const r = await poll(cursorPos, (p) => p && p[0] === line1 && (!col1 || p[1] === col1), { timeout: CHECK_MS });
  if (!r.ok) throw new Error(`Go to Line ${where}: the cursor is at ${JSON.stringify(r.value)}`);
  await poll(
    () => visible('.quick-input-widget input'),
    (v) => !v,
    { timeout: CHECK_MS },
  );
}

/** Screen rectangle of `needle` inside the visible editor line that starts with `linePrefix`. */
function textRect(needle, linePrefix = '') {
  return page.evaluate(
    (needle, linePrefix) => {
      const lines = [...document.querySelectorAll('.editor-group-container .monaco-editor .view-line')];
      for (const line of lines) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        if (!text.startsWith(linePrefix)) continue;
        const at = text.indexOf(needle);
        if (at < 0) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent.length;
          if (at < offset + len) {
            const r = document.createRange();
            r.setStart(n, at - offset);
            r.setEnd(n, Math.min(len, at - offset + needle.length));
            const b = r.getBoundingClientRect();
            return b.width > 0 ? { x: b.x, y: b.y, width: b.width, height: b.height } : null;
          }
          offset += len;
        }
      }
      return null;
    },
    needle,
    linePrefix,
  );
}

const hoverText = () => page.$eval('.monaco-hover:not(.hidden)', (e) => e.innerText.trim());

/**
 * For each pattern (a RegExp source), the innermost element of the shown hover whose text matches it,
 * and whether it lies inside the hover's visible box (the part on screen without scrolling the hover).
 * null: no hover shown.
 */
const inHoverBox = (sources) =>
  page.evaluate((sources) => {
    const hover = document.querySelector('.monaco-hover:not(.hidden)');
    if (!hover) return null;
    const b = hover.getBoundingClientRect();
    const box = { top: Math.max(b.top, 0), bottom: Math.min(b.bottom, window.innerHeight) };
    return sources.map((src) => {
      const re = new RegExp(src);
      const el = [...hover.querySelectorAll('*')].reverse().find((e) => re.test(e.textContent) && ![...e.children].some((c) => re.test(c.textContent)));
      if (!el) return { pattern: src, found: false, visible: false };
      const r = el.getBoundingClientRect();
      return {
        pattern: src,
        found: true,
        top: Math.round(r.top - b.top),
        bottom: Math.round(r.bottom - b.top),
        hoverHeight: Math.round(b.height),
        visible: r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
      };
    });
  }, sources);

/** Moves the mouse onto `needle` and returns the hover's text once it stopped changing (null: no hover). */
async function hoverOnce(needle, offset, linePrefix, timeout) {
  const r = await textRect(needle, linePrefix);
  if (!r) return { text: null, why: `"${needle}" not on screen` };
  await page.mouse.move(5, 5);
  await poll(
    () => hoverText().catch(() => ''),
    (t) => !t,
    { timeout: 2000, interval: 100 },
  );
  await page.mouse.move(r.x + offset * (r.width / needle.length), r.y + r.height / 2);
  // the widget first says "Loading..." and grows as parts arrive: wait until its text is stable
  const h = await poll(hoverText, (t) => t && !/^Loading/.test(t), { timeout, interval: 200, stable: 3 });
  return h.ok ? { text: h.value } : { text: null, why: h.value ? `hover never settled: ${short(h.value, 120)}` : 'no hover widget' };
}

/** The text of the DRG analysis webview; only iframes are read, as the workbench itself shows
 *  "DRG analysis" (the tab) and DRGs (the code lens). */
const drgViewText = () => helpers.frameText(page, /^\s*DRG analysis/);

async function finish(code) {
  if (finish.done) return;
  finish.done = true;
  res.timings.total_ms = Date.now() - t0;
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(10000)]);
  if (browser?.process() && browser.process().exitCode === null) browser.process().kill('SIGKILL');
  console.log(JSON.stringify(res));
  process.exit(code ?? (res.errors.length ? 1 : 0));
}

// Report (with what was going on) instead of being killed silently by the caller's timeout.
const watchdog = setTimeout(() => {
  res.errors.push(`watchdog: the run took over ${TOTAL_MS} ms, stopped while "${phase}"`);
  log(res.errors[res.errors.length - 1]);
  void finish(1);
}, TOTAL_MS);
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'])
  process.on(sig, () => {
    res.errors.push(`killed by ${sig} while "${phase}"`);
    void finish(1);
  });

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME || '/usr/bin/chromium',
    headless: true,
    userDataDir: process.env.CHROME_PROFILE, // a throwaway dir, so nothing lands in ~/.config/chromium
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--window-size=1400,900',
      '--no-first-run',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
    ],
    defaultViewport: { width: 1400, height: 900 },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false, // finish() closes it and still prints the report
  });
  if (process.env.BROWSER_PID_FILE && browser.process()) fs.writeFileSync(process.env.BROWSER_PID_FILE, String(browser.process().pid));
  page = await browser.newPage();
  const frameEvents = { attached: 0, detached: 0 };
  page.on('frameattached', () => frameEvents.attached++);
  page.on('framedetached', () => frameEvents.detached++);
  page.on('pageerror', (e) => res.notes.push('pageerror: ' + String(e).slice(0, 200)));

  await step(['diagnostics', 'problems'], async () => {
    setPhase('diagnostics › loading the workbench');
    await page.goto(`${URL_}/?folder=${encodeURIComponent(WS)}`, { waitUntil: 'domcontentloaded', timeout: T });
    await page.waitForSelector('.monaco-workbench', { timeout: T });
    await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: T });
    res.timings.workbench_ms = Date.now() - t0;
    await page.click('.monaco-workbench');

    // squiggles, once the server has published all its findings (the count stops changing)
    await openFile(DIAG_FILE);
    setPhase('diagnostics › waiting for squiggles');
    const squiggles = () =>
      page.$$eval('.editor-group-container .monaco-editor [class*="squiggly-"]', (els) => els.map((e) => e.className.match(/squiggly-\w+/)[0]));
    const first = await poll(squiggles, (s) => s.length > 0, { timeout: T });
    res.timings.diagnostics_ms = Date.now() - t0;
    const settled = first.ok ? await poll(squiggles, (s) => s.length > 0, { timeout: CHECK_MS, interval: 400, stable: 3 }) : first;
    check('diagnostics', settled.ok, { squiggles: settled.value?.length ?? 0, kinds: [...new Set(settled.value ?? [])], error: settled.error });

    // the status-bar Problems count, then rule ids (source chartcoder) in the Problems panel
    setPhase('problems › status bar count');
    const statusCount = () =>
      page.$$eval('.statusbar-item', (els) =>
        els.map((e) => e.getAttribute('aria-label') || '').filter((l) => /\b(errors?|warnings?)\b/i.test(l) && /\d/.test(l)),
      );
    const count = (labels) => labels.map((p) => [...p.matchAll(/(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0))[0] ?? 0;
    const status = await poll(statusCount, (l) => count(l) > 0, { timeout: CHECK_MS, stable: 2 });
    setPhase('problems › Problems panel');
    await chord(['Control', 'Shift'], 'KeyM');
    const ruleRow = /\bchartcoder\s*\(?[a-z]+(\.[a-z0-9-]+)+\)?\s*\[Ln \d+/; // "… chartcoder chart.syntax [Ln 16, Col 14]"
    const rows = await poll(
      () => page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim())),
      (rs) => rs.some((r) => ruleRow.test(r)),
      { timeout: CHECK_MS, stable: 2 },
    );
    check('problems', status.ok && rows.ok, { statusbar: status.value ?? status.error, rows: (rows.value ?? []).slice(0, 12), rowsError: rows.error });
    if (res.checks.problems.ok) await shot('1-diagnostics.png');
    await chord(['Control', 'Shift'], 'KeyM'); // close the panel again
    await poll(
      () => visible('.markers-panel'),
      (v) => !v,
      { timeout: 5000 },
    );
  });

  // hover on an abstract SDX (CC/MCC, and the DRG with and without it)
  // hf-ckd: I50.33 is the only MCC; CMS's grouper gives DRG 291 with it and 292 without it
  await step(['hover', 'hoverdrg', 'hoversummary'], async () => {
    await openFile(HOVER_FILE);
    const hfText = fs.readFileSync(wsFile(HOVER_FILE), 'utf8').split('\n');
    await gotoLine(hfText.findIndex((l) => /^SDX\s+I50\.33/.test(l)) + 1);
    setPhase('hover › hovering over SDX I50.33');
    const isHover = (t) => /I50\.33/.test(t) && /·\s*MCC\b/.test(t);
    const isDrg = (t) => /With it:[^\n]*\b291\b/.test(t) && /Without it:[^\n]*\b292\b/.test(t);
    const until = Date.now() + CHECK_MS;
    const attempts = [];
    let h;
    do {
      // the abstract line, not an ind= annotation of the same code
      h = await hoverOnce('I50.33', 2, 'SDX', Math.max(3000, Math.min(10000, until - Date.now())));
      attempts.push(h.text ? short(h.text, 60) : h.why);
      if (h.text && isHover(h.text) && isDrg(h.text)) break;
      await page.keyboard.press('Escape');
    } while (Date.now() < until);
    // #23: the one-line DRG summary comes first, and the summary and the whole DRG impact are inside
    // the hover's visible box at its default size (no scrolling: the driver never scrolls the hover)
    const summary = /MCC · without it → MS-DRG 292\b/;
    const seen = h.text
      ? await poll(
          () => inHoverBox([summary.source, 'With it:[^\\n]*\\b291\\b', 'Without it:[^\\n]*\\b292\\b']),
          (v) => v !== null,
          { timeout: 3000 },
        )
      : { value: null };
    const boxes = seen.value;
    const detail = { attempts: attempts.length, text: h.text ?? null, ...(h.text ? {} : { seen: attempts.slice(-3) }), inBox: boxes };
    check('hover', h.text && isHover(h.text), detail);
    check('hoverdrg', h.text && isDrg(h.text) && boxes && boxes.slice(1).every((b) => b.visible), detail);
    check('hoversummary', h.text && summary.test(h.text.split('\n')[0]) && boxes && boxes[0].visible, detail);
    if (h.text) await shot('2-hover.png');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  // #23: word wrap is on for .chart (configurationDefaults): hf-ckd's longest line is wider than the
  // editor, so its end shows on a lower screen row, inside the editor's visible width
  await step(['wordwrap'], async () => {
    const hf = fs.readFileSync(wsFile(HOVER_FILE), 'utf8').split('\n');
    const long = hf.reduce((a, l, i) => (l.length > hf[a].length ? i : a), 0);
    await gotoLine(long + 1);
    setPhase(`wordwrap › line ${long + 1} (${hf[long].length} characters)`);
    const head = hf[long].slice(0, 14);
    const tail = hf[long].trimEnd().slice(-14);
    const r = await poll(
      async () => ({
        head: await textRect(head),
        tail: await textRect(tail),
        right: await page.$eval('.editor-group-container .monaco-editor .editor-scrollable', (e) => e.getBoundingClientRect().right).catch(() => null),
      }),
      (v) => v.head && v.tail && v.right && v.tail.y > v.head.y + v.head.height / 2 && v.tail.x + v.tail.width <= v.right + 1,
      { timeout: CHECK_MS, stable: 2 },
    );
    check('wordwrap', r.ok, { line: long + 1, length: hf[long].length, head, tail, ...(r.value ?? { error: r.error }) });
  });

  // #23: completion of a code on an SDX line goes in with its POA as a snippet choice (Y, N, U, W, 1)
  await step(['poasnippet'], async () => {
    const hf = fs.readFileSync(wsFile(HOVER_FILE), 'utf8').split('\n');
    const last = hf.findIndex((l) => /^SDX\s+Z87\.891/.test(l));
    await gotoLine(last + 1);
    setPhase('poasnippet › typing a new SDX line');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('SDX  E66.9', { delay: 15 });
    await page.keyboard.press('Escape'); // whatever opened while typing
    const rowsNow = () =>
      page.$$eval('.suggest-widget.visible .monaco-list-row', (els) => els.map((e) => (e.getAttribute('aria-label') || e.innerText).replace(/\s+/g, ' ')));
    const until = Date.now() + CHECK_MS;
    let r;
    do {
      await chord(['Control'], 'Space');
      r = await poll(rowsNow, (rs) => rs.length > 0 && /E66\.9\b/.test(rs[0]), { timeout: Math.max(2000, Math.min(8000, until - Date.now())), stable: 2 });
      if (r.ok) break;
      await page.keyboard.press('Escape');
    } while (Date.now() < until);
    if (!r.ok) throw new Error(`no E66.9 completion on the SDX line (rows: ${short(r.value ?? r.error, 200)})`);
    setPhase('poasnippet › accepting E66.9');
    await page.keyboard.press('Enter');
    // the line now reads "SDX  E66.9   Y" and the POA choices are offered at once
    const after = await poll(
      async () => ({ line: (await editorLines()).find((l) => /^SDX\s+E66\.9/.test(l)) ?? null, choices: await rowsNow() }),
      (v) => v.line && /^SDX\s+E66\.9\s+[YNUW1]\b/.test(v.line) && ['Y', 'N', 'U', 'W', '1'].every((c) => v.choices.some((x) => x.split(/[ ,]/)[0] === c)),
      { timeout: CHECK_MS, stable: 2 },
    );
    check('poasnippet', after.ok, after.value ?? after.error);
    if (after.ok) await shot('8-poa-completion.png');
    setPhase('poasnippet › undoing the edit');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const restored = (ls) => !ls.some((l) => /E66\.9|^SDX\s*$/.test(l));
    let lines = await editorLines();
    for (let i = 0; i < 20 && !restored(lines); i++) {
      await chord(['Control'], 'KeyZ');
      const before = JSON.stringify(lines);
      const u = await poll(editorLines, (ls) => restored(ls) || JSON.stringify(ls) !== before, { timeout: 1500, interval: 100 });
      lines = u.value ?? lines;
    }
    if (!restored(lines))
      res.notes.push(
        `poasnippet: undo did not remove the added line: ${short(
          lines.filter((l) => l.startsWith('SDX')),
          200,
        )}`,
      );
  });

  // completion inside {dx= for the span text typed before it
  let mainText = null; // read before the edit: code-server autosaves the edited chart
  const typed = 'Also [acute kidney injury]{dx=}';
  await step(['completion'], async () => {
    mainText = fs.readFileSync(wsFile(MAIN_FILE), 'utf8').split('\n');
    await openFile(MAIN_FILE);
    const hpi = mainText.findIndex((l) => l.startsWith('brought in by'));
    await gotoLine(hpi + 1);
    setPhase('completion › typing');
    await page.keyboard.press('Home');
    // type the closing brace too (auto-close does not fire before a letter), then step back inside it
    await page.keyboard.type(`${typed} `, { delay: 15 });
    const line = await poll(editorLines, (ls) => ls.some((l) => l.startsWith(`${typed} brought in by`)), { timeout: CHECK_MS });
    if (!line.ok) throw new Error(`the typed text is not on the line: ${short((line.value ?? []).find((l) => l.includes('acute kidney')) ?? line.error, 120)}`);
    await page.keyboard.press('Escape'); // whatever opened while typing
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    setPhase('completion › suggest widget');
    const rowsNow = () =>
      page.$$eval('.suggest-widget.visible .monaco-list-row', (els) => els.map((e) => (e.getAttribute('aria-label') || e.innerText).replace(/\s+/g, ' ')));
    // While the server's answer is on its way VS Code shows word-based items (dates, encounter numbers):
    // wait for the list to settle, and re-trigger like a user would. Only the server's code first passes.
    const until = Date.now() + CHECK_MS;
    const seen = [];
    let r;
    do {
      await chord(['Control'], 'Space');
      r = await poll(rowsNow, (rs) => rs.length > 0 && /N17\.9/.test(rs[0]), { timeout: Math.max(2000, Math.min(8000, until - Date.now())), stable: 2 });
      seen.push(short((r.value ?? []).slice(0, 2), 100));
      if (r.ok) break;
      await page.keyboard.press('Escape');
    } while (Date.now() < until);
    check('completion', r.ok, { attempts: seen.length, first: (r.value ?? []).slice(0, 6), ...(r.ok ? {} : { seen: seen.slice(-3) }) });
    if (r.ok) await shot('3-completion.png');
    await page.keyboard.press('Escape');
  });

  // the DRG code lens (needs the chart back as it was)
  await step(['codelens'], async () => {
    // code-server saves after a delay (files.autoSave), so "Revert File" has nothing to revert: undo until
    // the line is as it was, looking after each undo (how many undo stops the typing made varies)
    setPhase('codelens › undoing the edit');
    if (!mainText) throw new Error('the completion step did not get to read the chart');
    const original = mainText.find((l) => l.startsWith('brought in by')).trimEnd();
    const restored = (ls) => !ls.some((l) => l.includes(typed)) && ls.some((l) => l.trimEnd() === original);
    let lines = await editorLines();
    for (let i = 0; i < 20 && !restored(lines); i++) {
      await chord(['Control'], 'KeyZ');
      const before = JSON.stringify(lines);
      const r = await poll(editorLines, (ls) => restored(ls) || JSON.stringify(ls) !== before, { timeout: 1500, interval: 100 }); // this undo has shown
      lines = r.value ?? lines;
      if (restored(lines)) res.notes.push(`undo: ${i + 1} steps`);
    }
    if (!restored(lines))
      throw new Error(`undo did not restore the line: ${short(lines.find((l) => l.includes('brought in by')) ?? '(line not on screen)', 160)}`);
    await gotoLine(1);
    setPhase('codelens › waiting for the lens');
    const lenses = await poll(
      () => page.$$eval('.editor-group-container .codelens-decoration', (els) => els.map((e) => e.innerText.trim()).filter(Boolean)),
      (ls) => ls.some((l) => /MS-DRG 872\b/.test(l)), // sepsis-aki groups to 872 (CMS grouper)
      { timeout: CHECK_MS, stable: 2 },
    );
    check('codelens', lenses.ok, lenses.value ?? lenses.error);
    if (lenses.ok) await shot('4-codelens.png');
  });

  // #23: Search Codes (Ctrl+Alt+C) opens seeded from the span at the cursor, with CC/MCC badges
  await step(['searchcodes'], async () => {
    const lines = fs.readFileSync(wsFile(MAIN_FILE), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('[Sepsis due to E. coli]'));
    const span = 'Sepsis due to E. coli';
    await gotoLine(at + 1, lines[at].indexOf(span) + 4); // the cursor inside the span's words
    setPhase('searchcodes › Ctrl+Alt+C');
    await chord(['Control', 'Alt'], 'KeyC');
    const open = await poll(() => visible('.quick-input-widget input'), Boolean, { timeout: CHECK_MS });
    if (!open.ok) throw new Error('Ctrl+Alt+C opened no quick input');
    const r = await poll(
      async () => ({
        value: await page.$eval('.quick-input-widget input', (e) => e.value),
        rows: await page.$$eval('.quick-input-list .monaco-list-row', (els) =>
          els.map((e) => (e.getAttribute('aria-label') || e.innerText).replace(/\s+/g, ' ').trim()),
        ),
      }),
      (v) => v.value === span && v.rows.some((x) => /\bA41\.51\b/.test(x)) && v.rows.some((x) => /\b(MCC|CC)\b/.test(x)),
      { timeout: CHECK_MS, stable: 2 },
    );
    check('searchcodes', r.ok, r.value ? { value: r.value.value, rows: r.value.rows.slice(0, 8) } : r.error);
    if (r.ok) await shot('10-search-codes.png');
    await page.keyboard.press('Escape');
    await poll(
      () => visible('.quick-input-widget input'),
      (v) => !v,
      { timeout: 5000 },
    );
  });

  // #23: the 7th-character quick fix offers "here and everywhere this code appears"
  await step(['fixeverywhere'], async () => {
    const file = 'hip-fracture-7th-character.chart';
    await openFile(file);
    const lines = fs.readFileSync(wsFile(file), 'utf8').split('\n');
    const pdx = lines.findIndex((l) => /^PDX\s+S72\.031\b/.test(l));
    await gotoLine(pdx + 1, lines[pdx].indexOf('S72') + 3);
    setPhase('fixeverywhere › waiting for the finding');
    const squiggle = await poll(
      () => page.$$eval('.editor-group-container .monaco-editor [class*="squiggly-"]', (els) => els.length),
      (n) => n > 0,
      { timeout: CHECK_MS },
    );
    if (!squiggle.ok) throw new Error('no finding on the chart');
    const rowsNow = () =>
      page.$$eval('.action-widget .monaco-list-row', (els) => els.map((e) => (e.getAttribute('aria-label') || e.innerText).replace(/\s+/g, ' ').trim()));
    const until = Date.now() + CHECK_MS;
    let r;
    do {
      setPhase('fixeverywhere › Ctrl+. (Quick Fix)');
      await chord(['Control'], 'Period');
      r = await poll(rowsNow, (rs) => rs.some((x) => /S72\.031A\b.*here and everywhere this code appears \(\d+ places\)/.test(x)), {
        timeout: Math.max(2000, Math.min(8000, until - Date.now())),
        stable: 2,
      });
      if (r.ok) break;
      await page.keyboard.press('Escape');
    } while (Date.now() < until);
    check('fixeverywhere', r.ok, (r.value ?? []).slice(0, 6).length ? r.value.slice(0, 6) : (r.error ?? 'no Quick Fix menu'));
    if (r.ok) await shot('9-fix-everywhere.png');
    await page.keyboard.press('Escape');
  });

  // #20: with an auditor's abstract, the audit code lens "Audit: MS-DRG 292 → 291 · …"
  await step(['auditlens'], async () => {
    const file = 'hf-missed-mcc.chart'; // samples/audit: the coder missed the MCC I50.33 (CMS grouper: 292 → 291)
    await openFile(file);
    const lines = fs.readFileSync(wsFile(file), 'utf8').split('\n');
    await gotoLine(lines.findIndex((l) => l.startsWith('```abstract')) + 1);
    setPhase('auditlens › waiting for the lens');
    const lenses = await poll(
      () => page.$$eval('.editor-group-container .codelens-decoration', (els) => els.map((e) => e.innerText.trim()).filter(Boolean)),
      (ls) => ls.some((l) => /Audit: MS-DRG 292 → 291\b/.test(l)),
      { timeout: CHECK_MS, stable: 2 },
    );
    check('auditlens', lenses.ok, lenses.value ?? lenses.error);
    if (lenses.ok) await shot('11-audit-lens.png');
  });

  await step(['outline'], async () => {
    await openFile(MAIN_FILE);
    await runCommand('Explorer: Focus on Outline View');
    setPhase('outline › rows');
    // collapse the file tree section so the outline gets the whole side bar
    const tree = await poll(
      () => page.$eval('.pane-header[aria-label^="Explorer Section"]', (e) => e.getAttribute('aria-expanded')),
      (v) => v !== null,
      { timeout: 5000 },
    );
    if (tree.value === 'true') await page.click('.pane-header[aria-label^="Explorer Section"]').catch(() => res.notes.push('could not collapse the file tree'));
    const want = (o) =>
      o.some((x) => x.startsWith('Encounter 2026-003118')) &&
      o.some((x) => x.startsWith('History of Present Illness')) &&
      o.some((x) => x.startsWith('Abstract')) &&
      o.some((x) => x.startsWith('PDX A41.51'));
    const outline = await poll(() => page.$$eval('.outline-pane .monaco-list-row', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim())), want, {
      timeout: CHECK_MS,
      stable: 2,
    });
    check('outline', outline.ok, outline.value?.slice(0, 30) ?? outline.error);
    if (outline.ok) await shot('5-outline.png');
  });

  // the DRG analysis view (a markdown preview: a webview whose content lives in nested iframes)
  await step(['drgview'], async () => {
    const before = { ...frameEvents };
    // #23: opened with its keybinding, Ctrl+Alt+D, from the chart's editor; the tab reads "DRG analysis – sepsis-aki.chart"
    await gotoLine(1);
    setPhase('drgview › Ctrl+Alt+D');
    await chord(['Control', 'Alt'], 'KeyD');
    setPhase('drgview › waiting for the tab');
    const tab = await poll(
      () => page.$$eval('.tabs-container .tab', (els) => els.map((e) => e.getAttribute('aria-label') || '').filter((l) => /DRG analysis/.test(l))),
      (l) => l.length > 0,
      { timeout: CHECK_MS },
    );
    if (!tab.ok) throw new Error(`no "DRG analysis" tab after Ctrl+Alt+D (${tab.error ?? 'none'})`);
    res.notes.push(`DRG analysis tab: ${short(tab.value, 120)}`);
    if (!tab.value.some((l) => l.includes(`DRG analysis – ${MAIN_FILE}`)))
      throw new Error(`the DRG analysis tab is not titled "DRG analysis – ${MAIN_FILE}": ${short(tab.value, 200)}`);
    setPhase('drgview › reading the webview');
    // sepsis-aki: MS-DRG 872, and the what-if table rendered (its first column reads "remove SDX …")
    // (what-ifs that leave the DRG as it is are folded into one line: "No change to DRG 872: remove SDX …; …")
    const want = (t) => /MS-DRG 872\b/.test(t) && /remove SDX [A-Z]\d/.test(t);
    const view = await poll(drgViewText, want, { timeout: CHECK_MS, stable: 2 });
    const frames = { attached: frameEvents.attached - before.attached, detached: frameEvents.detached - before.detached };
    const other = view.value ? [] : (await helpers.frameTexts(page)).map((t) => short(t, 160));
    check('drgview', view.ok, {
      text: short(view.value || '(no webview frame with the DRG analysis)', 400),
      ...(other.length ? { otherFrames: other } : {}),
      reads: view.reads,
      frames,
      error: view.error,
    });
    if (view.ok) await shot('6-drg-analysis.png');
  });

  // the Charts view (Explorer → Charts): every chart of the folder with its status group, MS-DRG and RW
  await step(['chartsview'], async () => {
    await runCommand('Explorer: Focus on Charts View');
    setPhase('chartsview › rows');
    // collapse the outline (the step before opened it) so the charts get the side bar
    const outlinePane = await page.$eval('.pane-header[aria-label^="Outline Section"]', (e) => e.getAttribute('aria-expanded')).catch(() => null);
    if (outlinePane === 'true') await page.click('.pane-header[aria-label^="Outline Section"]').catch(() => res.notes.push('could not collapse the outline'));
    // the samples have no status line: they sit under "No status"; sepsis-aki groups to 872, RW 1.0233 (FY2026)
    const rows = () =>
      page.$$eval('.sidebar .pane', (panes) => {
        // the header's text runs the title into its description ("Chartsby discharge"); its aria-label is "Charts Section"
        const pane = panes.find((p) => /^Charts\b/.test(p.querySelector('.pane-header')?.getAttribute('aria-label') || ''));
        return pane ? [...pane.querySelectorAll('.monaco-list-row')].map((e) => e.innerText.replace(/\s+/g, ' ').trim()) : [];
      });
    // a row's text is its label run into its description: "sepsis-aki.chart2026-02-14 · DRG 872 · RW 1.0233 · …"
    const want = (r) =>
      r.some((x) => /^No status \(\d+\)/.test(x)) &&
      r.some((x) => /^sepsis-aki\.chart\s*2026-02-14 · DRG 872 · RW 1\.0233\b/.test(x)) &&
      r.some((x) => /^hf-ckd\.chart.*DRG 291\b/.test(x));
    const charts = await poll(rows, want, { timeout: CHECK_MS, stable: 2 });
    check('chartsview', charts.ok, charts.value?.slice(0, 20) ?? charts.error);
    if (charts.ok) {
      // widen the side bar (drag its edge) so the picture shows each row's DRG and RW, not "DRG 8…"
      const edge = await page.$eval('.part.sidebar', (e) => e.getBoundingClientRect().right).catch(() => null);
      if (edge) {
        await page.mouse.move(edge + 1, 450);
        await page.mouse.down();
        await page.mouse.move(edge + 240, 450, { steps: 8 });
        await page.mouse.up();
        await poll(
          () => page.$eval('.part.sidebar', (e) => e.getBoundingClientRect().right),
          (r) => r > edge + 100,
          { timeout: 3000, stable: 2 },
        );
        await page.mouse.move(edge + 600, 880); // off the sash, so it is not drawn highlighted
      }
      await shot('7-charts-view.png');
    }
  });
  clearTimeout(watchdog);
  await finish();
})().catch((e) => {
  res.errors.push(`driver: ${String(e).slice(0, 300)} (while "${phase}")`);
  void finish(1);
});
