// Drives the real VS Code workbench (code-server) with headless Debian Chromium through puppeteer-core,
// with the ChartCoder .vsix installed, and asserts on what a coder sees. Started by e2e/run-code-server.sh.
//   CS_URL  http://127.0.0.1:PORT    WS  workspace folder (a copy of samples/)    OUT  screenshot dir
//   REQUIRE comma list of checks that must pass: diagnostics,problems,hover,outline,completion,codelens,hoverdrg,drgview
//           (checks not listed are still attempted and reported, but only listed ones fail the run)
// Prints one JSON line of observations; exit 0 when every required check passed.
/* eslint-disable no-console */
const puppeteer = require('puppeteer-core');
const fs = require('fs');
const path = require('path');

const URL_ = process.env.CS_URL || 'http://127.0.0.1:8765';
const WS = process.env.WS;
const OUT = process.env.OUT;
const T = Number(process.env.TIMEOUT_MS || 60000);
const REQUIRE = new Set((process.env.REQUIRE || 'diagnostics,problems,hover,outline').split(',').filter(Boolean));
const DIAG_FILE = process.env.DIAG_FILE || 'syntax-errors.chart';
const MAIN_FILE = process.env.MAIN_FILE || 'sepsis-aki.chart';
const HOVER_FILE = 'hf-ckd.chart';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const res = { checks: {}, errors: [], notes: [], timings: {} };
const t0 = Date.now();

/** Records a check; a failed required check makes the run fail. */
function check(name, ok, detail) {
  res.checks[name] = { ok: !!ok, required: REQUIRE.has(name), detail };
  if (!ok && REQUIRE.has(name)) res.errors.push(`${name}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
}

async function chord(page, mods, key) {
  for (const m of mods) await page.keyboard.down(m);
  await page.keyboard.press(key);
  for (const m of [...mods].reverse()) await page.keyboard.up(m);
}

async function quickInput(page, openKeys, text) {
  await chord(page, openKeys.slice(0, -1), openKeys[openKeys.length - 1]);
  await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: T });
  await page.keyboard.type(text, { delay: 10 });
  await page.waitForSelector('.quick-input-list .monaco-list-row', { visible: true, timeout: T });
  await sleep(400);
  await page.keyboard.press('Enter');
}

async function openFile(page, name) {
  await quickInput(page, ['Control', 'KeyP'], name);
  await page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"]`, { timeout: T });
  await page.waitForSelector('.editor-group-container .monaco-editor .view-lines', { visible: true, timeout: T });
  await sleep(300);
}

async function runCommand(page, title) {
  await quickInput(page, ['Control', 'Shift', 'KeyP'], title);
}

async function gotoLine(page, line1) {
  // Go to Line has no list rows to wait for (unlike Quick Open)
  await chord(page, ['Control'], 'KeyG');
  await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: T });
  await page.keyboard.type(String(line1), { delay: 10 });
  await sleep(300);
  await page.keyboard.press('Enter');
  await sleep(500);
}

/** Screen rectangle of `needle` inside the visible editor line that contains it (null when not rendered). */
async function textRect(page, needle, linePrefix = '') {
  return page.evaluate((needle, linePrefix) => {
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
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        }
        offset += len;
      }
    }
    return null;
  }, needle, linePrefix);
}

async function shot(page, name) {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  res.notes.push(`screenshot ${file}`);
}

async function hoverOver(page, needle, offset = 2, linePrefix = '') {
  const r = await textRect(page, needle, linePrefix);
  if (!r) return null;
  await page.mouse.move(5, 5);
  await sleep(200);
  await page.mouse.move(r.x + offset * (r.width / needle.length), r.y + r.height / 2);
  const hv = await page.waitForSelector('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents', { visible: true, timeout: 15000 }).catch(() => null);
  if (!hv) return null;
  // The widget first says "Loading..." and can grow as parts arrive: read until the text is stable.
  let last = '';
  for (let i = 0, stable = 0; i < 50 && stable < 3; i++) {
    await sleep(200);
    const now = await page.$eval('.monaco-hover:not(.hidden)', (e) => e.innerText.trim()).catch(() => '');
    stable = now && now === last && !/^Loading/.test(now) ? stable + 1 : 0;
    last = now;
  }
  return last;
}

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME || '/usr/bin/chromium',
    headless: true,
    userDataDir: process.env.CHROME_PROFILE, // a throwaway dir, so nothing lands in ~/.config/chromium
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1400,900', '--no-first-run', '--disable-sync'],
    defaultViewport: { width: 1400, height: 900 },
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => res.notes.push('pageerror: ' + String(e).slice(0, 200)));
    await page.goto(`${URL_}/?folder=${encodeURIComponent(WS)}`, { waitUntil: 'domcontentloaded', timeout: T });
    await page.waitForSelector('.monaco-workbench', { timeout: T });
    await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: T });
    res.timings.workbench_ms = Date.now() - t0;
    await page.click('.monaco-workbench');
    await sleep(500);

    // ── 1. diagnostics: squiggles, the status-bar Problems count, rule ids in the Problems panel
    await openFile(page, DIAG_FILE);
    const sq = await page.waitForSelector('.editor-group-container .squiggly-error, .editor-group-container .squiggly-warning', { timeout: T }).catch(() => null);
    res.timings.diagnostics_ms = Date.now() - t0;
    await sleep(1500); // all findings published, not just the first
    const squiggles = await page.$$eval('.editor-group-container .monaco-editor [class*="squiggly-"]', (els) => els.map((e) => e.className.match(/squiggly-\w+/)[0]));
    check('diagnostics', sq && squiggles.length > 0, { squiggles: squiggles.length });
    const problems = await page.$$eval('.statusbar-item', (els) => els.map((e) => e.getAttribute('aria-label') || '').filter((l) => /error|warning/i.test(l)));
    await chord(page, ['Control', 'Shift'], 'KeyM');
    const rows = await page.waitForSelector('.markers-panel .monaco-list-row', { visible: true, timeout: 15000 }).catch(() => null);
    await sleep(800);
    const problemRows = rows ? await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim())) : [];
    const count = problems.map((p) => [...p.matchAll(/(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0))[0] ?? 0;
    check('problems', count > 0 && problemRows.some((r) => /chartcoder|chart\.|icd\.|drg\.|query\./.test(r) && /\b[a-z]+\.[a-z0-9-]+/.test(r)), { statusbar: problems, rows: problemRows.slice(0, 12) });
    await shot(page, '1-diagnostics.png');
    await chord(page, ['Control', 'Shift'], 'KeyM'); // close the panel again
    await sleep(300);

    // ── 2. hover on an abstract SDX (CC/MCC, and the DRG with/without when the server provides it)
    // hf-ckd: I50.33 is the only MCC; CMS's grouper gives DRG 291 with it and 292 without it
    await openFile(page, HOVER_FILE);
    const hfText = fs.readFileSync(path.join(WS, HOVER_FILE), 'utf8').split('\n');
    await gotoLine(page, hfText.findIndex((l) => /^SDX\s+I50\.33/.test(l)) + 1);
    const hover = await hoverOver(page, 'I50.33', 2, 'SDX'); // the abstract line, not an ind= annotation
    check('hover', hover && /I50\.33/.test(hover) && /·\s*MCC\b/.test(hover), hover);
    check('hoverdrg', hover && /With it:[^\n]*\b291\b/.test(hover) && /Without it:[^\n]*\b292\b/.test(hover), hover);
    // the DRG impact is the last part of a long hover: scroll the hover down so the picture shows it
    const hb = await page.$eval('.monaco-hover:not(.hidden)', (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y, w: b.width, h: b.height }; }).catch(() => null);
    if (hb) {
      await page.mouse.move(hb.x + hb.w / 2, hb.y + 10, { steps: 5 });
      for (let i = 0; i < 6; i++) { await page.mouse.wheel({ deltaY: 600 }); await sleep(150); }
      await sleep(400);
    }
    await shot(page, '2-hover.png');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    // ── 3. completion inside {dx= for the span text typed before it
    await openFile(page, MAIN_FILE);
    const text = fs.readFileSync(path.join(WS, MAIN_FILE), 'utf8').split('\n');
    const hpi = text.findIndex((l) => l.startsWith('brought in by'));
    await gotoLine(page, hpi + 1);
    const r = await textRect(page, 'brought');
    if (r) await page.mouse.click(r.x + 1, r.y + r.height / 2);
    await page.keyboard.press('Home');
    // type the closing brace too (auto-close does not fire before a letter), then step back inside it
    await page.keyboard.type('Also [acute kidney injury]{dx=} ', { delay: 15 });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await chord(page, ['Control'], 'Space');
    const rowsNow = () => page.$$eval('.suggest-widget.visible .monaco-list-row', (els) => els.map((e) => (e.getAttribute('aria-label') || e.innerText).replace(/\s+/g, ' '))).catch(() => []);
    // While the server's answer is on its way (or the widget opened during typing is still up) VS Code
    // shows word-based items; wait for the list to settle, and re-trigger once like a user would.
    let completion = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { visible: true, timeout: 15000 }).catch(() => null);
      for (let i = 0; i < 40; i++) {
        completion = await rowsNow();
        if (completion.length && /N17\.9/.test(completion[0])) break;
        await sleep(200);
      }
      if (completion.length && /N17\.9/.test(completion[0])) break;
      res.notes.push(`completion attempt ${attempt + 1}: ${JSON.stringify(completion.slice(0, 3))}`);
      await page.keyboard.press('Escape');
      await sleep(300);
      await chord(page, ['Control'], 'Space');
    }
    await sleep(300);
    check('completion', completion.length > 0 && /N17\.9/.test(completion[0]), completion.slice(0, 6));
    await shot(page, '3-completion.png');
    await page.keyboard.press('Escape');
    for (let i = 0; i < 6; i++) await chord(page, ['Control'], 'KeyZ');
    await sleep(300);

    // ── 4. the DRG code lens
    await gotoLine(page, 1);
    const lens = await page.waitForSelector('.codelens-decoration a, .codelens-decoration span', { visible: true, timeout: 10000 }).catch(() => null);
    const lenses = lens ? await page.$$eval('.codelens-decoration', (els) => els.map((e) => e.innerText.trim())) : [];
    check('codelens', lenses.some((l) => /MS-DRG 872\b/.test(l)), lenses); // sepsis-aki groups to 872 (CMS grouper)
    if (lenses.length) await shot(page, '4-codelens.png');

    // ── 5. the outline
    await runCommand(page, 'Explorer: Focus on Outline View');
    // collapse the file tree section so the outline gets the whole side bar
    await sleep(500);
    await page.click('.pane-header[aria-label^="Explorer Section"]').catch(() => res.notes.push('could not collapse the file tree'));
    const outlineRow = await page.waitForSelector('.outline-pane .monaco-list-row, [id="workbench.view.explorer"] .pane-body .monaco-tl-row', { visible: true, timeout: 15000 }).catch(() => null);
    await sleep(800);
    const outline = outlineRow ? await page.$$eval('.outline-pane .monaco-list-row', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim())) : [];
    check('outline', outline.some((o) => o.startsWith('Encounter 2026-003118')) && outline.includes('History of Present Illness') &&
      outline.some((o) => o.startsWith('Abstract')) && outline.some((o) => o.startsWith('PDX A41.51')), outline.slice(0, 30));
    await shot(page, '5-outline.png');

    // ── 6. the DRG analysis view (a webview; its content lives in an iframe)
    await runCommand(page, 'ChartCoder: Show DRG Analysis').catch((e) => res.notes.push('drg command: ' + String(e).slice(0, 100)));
    const tab = await page.waitForSelector('.tabs-container .tab.active[aria-label*="DRG"]', { timeout: 10000 }).catch(() => null);
    let drgText = '';
    if (tab) {
      // the preview renders in a webview iframe, later than the tab appears (slowly on a loaded machine)
      for (let i = 0; i < 60 && !drgText; i++) {
        await sleep(250);
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue; // the workbench itself shows "DRG analysis" in the tab and DRGs in the lens
          const t = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
          if (/^\s*DRG analysis/.test(t) && /DRG\s*\d{3}/.test(t)) drgText = t.slice(0, 400);
        }
      }
      await sleep(500);
      await shot(page, '6-drg-analysis.png');
    }
    check('drgview', !!tab && /DRG\s*\d{3}/.test(drgText), drgText || (tab ? 'tab without DRG text' : 'no DRG tab'));
    res.timings.total_ms = Date.now() - t0;
  } catch (e) {
    res.errors.push(String(e).slice(0, 300));
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(res));
  process.exit(res.errors.length ? 1 : 0);
})();
