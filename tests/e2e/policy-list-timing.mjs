// Times the admin center's policy list (/admin/policies) in Debian's Chromium (headless, Playwright) for
// bench/scripts/60-admin-ui.sh: from navigation to "interactive", i.e. the list shows all its rows and a click
// on the first row's Edit button, arriving the moment the rows show, has opened the editor.
//
//   node policy-list-timing.mjs config.json
//
// config.json: { "baseUrl", "upn", "password", "recoveryCode", "type", "expectedRows", "runs" }
// Writes one JSON object to stdout: the Chromium version, and per way of arriving at the list ("cold": a new
// browser profile, empty cache; "warm": the same page loaded again, assets cached; "inApp": a click on the
// admin center's Policies link from its Users section) the timings of every run in milliseconds and the API
// responses the page fetched. Diagnostics go to stderr. Exits 1 when a run fails.
// With PROFILE_DIR set, each cold run also writes there the page's CPU profile (cold-N.cpuprofile) and a
// Chromium trace (trace-N.json), for DevTools' Performance panel: where the time of a cold load goes.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const log = (...args) => process.stderr.write(args.join(' ') + '\n');
const TIMEOUT = 60000;
const TOKENS = 'conclave.web.tokens';
// How long without API requests counts as the page having fetched what it fetches (sizes only, never timings).
const QUIET_MS = 500;

// Runs in the page before its own scripts: records (performance.now(), milliseconds since the navigation
// started) when the list first has all its rows and when the editor first shows, and the time of the click on
// the admin center's Policies link for a navigation inside the app. A MutationObserver sees each DOM change as
// it happens, so the times are the page's, not the driver's polling. The click on Edit is queued as a task in
// the page the moment every row shows, as a person's click would be: it runs once the page's main thread is
// free, so "interactive" counts the work still running after the rows show, and none of the automation's
// round trips (a driven click costs 200-800 ms of the driver on a busy 2-core machine, not of the page).
const probe = ({ expectedRows, tokens }) => {
  if (tokens && !sessionStorage.getItem('conclave.web.tokens')) sessionStorage.setItem('conclave.web.tokens', tokens);
  const timing = { rowsAt: null, editorAt: null, clickedAt: null, editClickAt: null, rows: 0 };
  window.__policyListTiming = timing;
  const check = () => {
    const rows = document.querySelectorAll('#policy-list > li').length;
    if (timing.rowsAt === null && rows >= expectedRows) {
      timing.rowsAt = performance.now();
      timing.rows = rows;
      setTimeout(() => document.querySelector('#policy-list > li button')?.click(), 0);
    }
    if (timing.editorAt === null && /^Edit /.test(document.getElementById('editor-title')?.textContent ?? '')) timing.editorAt = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('click', (e) => {
    if (!(e.target instanceof Element)) return;
    if (e.target.closest('nav[aria-label="Admin center"] a[href="/admin/policies"]')) timing.clickedAt = e.timeStamp;
    if (timing.editClickAt === null && e.target.closest('#policy-list > li button')) timing.editClickAt = e.timeStamp;
  }, true);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
log(`chromium ${browser.version()}`);
const listUrl = `${config.baseUrl.replace(/\/$/, '')}/admin/policies?type=${encodeURIComponent(config.type)}`;

/** A new browser profile (empty cache and storage) whose pages record their API responses. */
async function newPage(tokens) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1440, height: 900 } });
  await context.addInitScript(probe, { expectedRows: config.expectedRows, tokens });
  const page = await context.newPage();
  const api = [];
  const reading = new Set();
  // API requests in flight, but not the app's policy event stream, which stays open while the app runs.
  const inFlight = new Set();
  let lastActivity = Date.now();
  const counted = (request) => {
    const path = new URL(request.url()).pathname;
    return path.startsWith('/api/') && path !== '/api/me/policy-events';
  };
  page.on('pageerror', (e) => log(`pageerror: ${e.message}`));
  page.on('request', (request) => {
    if (!counted(request)) return;
    inFlight.add(request);
    lastActivity = Date.now();
  });
  page.on('requestfailed', (request) => inFlight.delete(request));
  page.on('requestfinished', (request) => {
    if (!counted(request)) return;
    const read = (async () => {
      const response = await request.response();
      const body = await response?.body().catch(() => null);
      const sizes = await request.sizes().catch(() => null);
      api.push({ path: new URL(request.url()).pathname, status: response?.status(), bytes: body?.length ?? null, transferred: sizes?.responseBodySize ?? null });
    })();
    reading.add(read);
    read.finally(() => {
      reading.delete(read);
      inFlight.delete(request);
      lastActivity = Date.now();
    });
  });
  /** The API responses since the last call, once the page has had no API request in flight for QUIET_MS. */
  const responses = async () => {
    const deadline = Date.now() + TIMEOUT;
    while (inFlight.size > 0 || Date.now() - lastActivity < QUIET_MS) {
      if (Date.now() > deadline) throw new Error(`API requests still in flight: ${[...inFlight].map((r) => r.url()).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(reading);
    return api.splice(0);
  };
  return { context, page, responses };
}

/** Waits for the list's rows and for the editor the page's own click on the first Edit opens; the page's times. */
async function interact(page) {
  await page.waitForFunction(() => window.__policyListTiming?.rowsAt !== null, null, { timeout: TIMEOUT, polling: 'raf' });
  await page.waitForFunction(() => window.__policyListTiming.editorAt !== null, null, { timeout: TIMEOUT, polling: 'raf' });
  // The page's own record of what it fetched and when (Resource Timing): where the time went.
  const timing = await page.evaluate(() => ({
    ...window.__policyListTiming,
    resources: performance.getEntriesByType('resource')
      .filter((e) => e.initiatorType !== 'navigation')
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd, encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
  }));
  const rows = await page.locator('#policy-list > li').count();
  if (rows !== config.expectedRows) throw new Error(`the list shows ${rows} rows, ${config.expectedRows} expected`);
  return timing;
}

// Sign in once through the server's sign-in page with a recovery code, as an administrator without the
// authenticator at hand; the other profiles get this tab's tokens (sessionStorage), minus the refresh token so
// that no copy ever rotates it.
const first = await newPage(null);
await first.page.goto(listUrl);
await first.page.click('#sign-in');
await first.page.waitForSelector('input[name=upn]', { timeout: TIMEOUT });
await first.page.fill('input[name=upn]', config.upn);
await first.page.fill('input[name=password]', config.password);
await first.page.click('details summary');
await first.page.fill('input[name=recovery_code]', config.recoveryCode);
await Promise.all([first.page.waitForURL(/\/admin\/policies/, { timeout: TIMEOUT }), first.page.click('button[type=submit]')]);
await interact(first.page);
const signedIn = JSON.parse(await first.page.evaluate((key) => sessionStorage.getItem(key), TOKENS));
const tokens = JSON.stringify({ ...signedIn, refresh: null });
await first.context.close();

const results = { chromium: browser.version(), cold: [], warm: [], inApp: [] };
const record = async (mode, timing, responses, start) =>
  results[mode].push({
    rows: timing.rows,
    rowsMs: timing.rowsAt - start,
    interactiveMs: timing.editorAt - start,
    // The page's own answer to the click (its input event to the editor shown); the rest after the rows is the driver's.
    clickAnswerMs: timing.editorAt - timing.editClickAt,
    api: await responses(),
    // Only what this opening fetched (the in-app page also holds the Users section's earlier fetches).
    resources: timing.resources.filter((r) => r.start >= start).map((r) => ({ ...r, start: r.start - start, end: r.end - start })),
  });

for (let run = 0; run < config.runs; run++) {
  // Cold: a new profile loads the list's address; times are from the navigation's start (performance.now() 0).
  const { context, page, responses } = await newPage(tokens);
  let cdp = null;
  if (process.env.PROFILE_DIR) {
    cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await browser.startTracing(page, { path: `${process.env.PROFILE_DIR}/trace-${run}.json`, screenshots: false });
  }
  await page.goto(listUrl);
  await record('cold', await interact(page), responses, 0);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`${process.env.PROFILE_DIR}/cold-${run}.cpuprofile`, JSON.stringify(profile));
    await browser.stopTracing();
  }

  // Warm: the same page loads the address again (the app's files from the cache, the API fetched again).
  await page.goto(listUrl);
  await record('warm', await interact(page), responses, 0);

  // In the app: from the admin center's Users section (settled), a click on its Policies link.
  await page.goto(listUrl.replace(/\/admin\/policies.*$/, '/admin/users'));
  await page.waitForSelector('#user-table', { timeout: TIMEOUT });
  await responses();
  await page.click('nav[aria-label="Admin center"] a[href="/admin/policies"]');
  const timing = await interact(page);
  await record('inApp', timing, responses, timing.clickedAt);
  await context.close();
  log(`run ${run + 1}: cold ${results.cold.at(-1).interactiveMs.toFixed(0)} ms, warm ${results.warm.at(-1).interactiveMs.toFixed(0)} ms, in app ${results.inApp.at(-1).interactiveMs.toFixed(0)} ms`);
}

await browser.close();
process.stdout.write(JSON.stringify(results) + '\n');
