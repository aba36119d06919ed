// Drives the calls screen of Conclave's web app (/calls on the server under test, its test build) in Debian's Chromium (headless,
// Playwright, fake camera and microphone). The xunit tests start this script and talk to it in JSON
// lines: a command on stdin carries a "seq", and its one reply on stdout carries the same "seq", so
// several pages can be driven at once. Diagnostics go to stderr.
//
//   {"seq":1,"op":"open","page":"alice","url":"https://127.0.0.1:PORT/calls?relay=1"}
//   {"seq":2,"op":"signIn","page":"alice","upn":"...","password":"..."}   -> {"seq":2,"ok":true,"snapshot":{...}}
//   {"seq":3,"op":"place","page":"alice","upn":"bob@..."}
//   {"seq":4,"op":"answer"|"decline"|"hangUp"|"share"|"stopSharing","page":"bob"}
//   {"seq":5,"op":"setE2ee","page":"alice","on":false}      {"op":"signOut","page":"alice"} -> revokeStatus
//   {"seq":6,"op":"wait","page":"bob","for":"incoming"|"connected"|"code"|"media"|"ended"|"standard","timeoutMs":20000}
//   {"seq":7,"op":"snapshot","page":"alice","screenshot":"path.png"}
//   {"seq":8,"op":"close","page":"alice"}
//   {"seq":9,"op":"goto","page":"alice","url":"https://127.0.0.1:PORT/settings"}   -> status, headers
//   {"seq":10,"op":"audit","page":"alice","colorScheme":"dark","width":360,"screenshot":"path.png"}
//        -> axe-core's serious and critical violations of the page as shown ("violations"), the theme the
//           page applied ("theme") and the page's width without horizontal scrolling ("fits")
//   {"seq":11,"op":"toggleTheme","page":"alice"} -> the theme the page shows after the toggle
//   {"seq":12,"op":"text","page":"alice","selector":"main","contains":"Missed"} -> its visible text
//   {"op":"count","page":"alice","selector":"main svg"} -> how many elements match now
//   {"seq":13,"op":"fill","page":"admin","selector":"#new-upn","value":"bob@..."}   (types into a field)
//   {"seq":14,"op":"click","page":"admin","selector":"#create-user"}
//   {"seq":15,"op":"check","page":"admin","selector":"#edit-enabled","on":false}   (a checkbox's state)
//   {"seq":16,"op":"select","page":"admin","selector":"#new-kind","value":"Guest"}
//   {"op":"press","page":"alice","selector":"#composer","key":"Enter"}   (a key pressed in a field)
//   {"op":"texts","page":"alice","selector":".message-text","atLeast":5,"timeoutMs":20000}
//        -> the visible text of every match ("texts"), once at least "atLeast" match (bounded: ok:false after)
//   {"op":"offline","page":"alice","on":true}   (the page's browser context loses, or gets back, its network)
//   Every reply carries "dialogs": the alert, confirm and prompt dialogs the page opened (each dismissed).
//   signIn takes "totp" too: the authenticator code an administrator's sign-in needs (or "recoveryCode",
//   typed in the page's "Use a recovery code instead" field).
//   {"op":"exit"} or end of stdin: closes the browser and exits.
// Every reply has ok (true or false), and the page's snapshot (its call state and log), getStats
// summary and console lines; a failed wait replies ok:false with why.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

// axe-core runs inside the page: evaluated through the DevTools protocol, which the page's
// Content-Security-Policy (no inline script, no eval) does not govern, so the audit sees the page exactly
// as served.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const log = (...args) => process.stderr.write(args.join(' ') + '\n');

// The fake microphone plays a pure tone (CALL_PAGE_TONE_HZ, default 1000 Hz) from a WAV file, so the far
// end can detect it; Chromium loops the file.
function toneWav(hz) {
  const rate = 48000;
  const samples = rate; // one second: a whole number of periods for whole-Hz tones, so the loop is seamless
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(0.5 * 32767 * Math.sin((2 * Math.PI * hz * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const path = join(mkdtempSync(join(tmpdir(), 'conclave-call-page-')), `tone-${hz}.wav`);
  writeFileSync(path, Buffer.concat([header, data]));
  return path;
}

const toneFile = toneWav(Number(process.env.CALL_PAGE_TONE_HZ ?? 1000));

// Chromium honours only the last --disable-features flag: every feature goes in this one.
const features = ['WebRtcHideLocalIpsWithMdns'].join(',');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    '--auto-select-desktop-capture-source=Entire screen', '--auto-accept-this-tab-capture',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    `--use-file-for-fake-audio-capture=${toneFile}`, '--autoplay-policy=no-user-gesture-required', `--disable-features=${features}`,
  ],
});
log(`chromium ${browser.version()}`);

/** The theme a page shows: the one the app set on <html>, else the system's (prefers-color-scheme). */
const effectiveTheme = () => document.documentElement.dataset.theme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

/** name -> { context, page, console: [] } */
const pages = new Map();

function get(name) {
  const entry = pages.get(name);
  if (!entry) throw new Error(`no page ${name}`);
  return entry;
}

async function observe(entry) {
  const { page } = entry;
  const state = await page.evaluate(async () => {
    const call = window.conclaveCall;
    if (!call) return { snapshot: null, stats: null };
    return { snapshot: call.snapshot(), stats: await call.stats() };
  }).catch((e) => ({ snapshot: null, stats: null, error: String(e) }));
  return { ...state, url: page.url(), tokenUrls: entry.tokenUrls, dialogs: entry.dialogs, console: entry.console.slice(-60) };
}

// Conditions a wait can name, evaluated on an observation.
const conditions = {
  // Signed in and ready: the device registered on the hub and the E2EE setting read.
  signedIn: (o) => o.snapshot?.device?.deviceId && o.snapshot.setting,
  incoming: (o) => o.snapshot?.ringing,
  connected: (o) => o.snapshot?.call?.phase === 'connected',
  code: (o) => o.snapshot?.call?.phase === 'connected' && o.snapshot.code,
  // Accepted as a standard call (its media needs the server's media processor).
  standard: (o) => ['connecting', 'connected'].includes(o.snapshot?.call?.phase) && o.snapshot.indicator === 'Encrypted (standard)',
  answered: (o) => o.snapshot?.call?.answered,
  settingLocked: (o) => o.snapshot?.setting && !o.snapshot.setting.canChange,
  // Audio in, and video decoded when the call has a video section.
  media: (o) => o.stats && o.stats.inboundAudio.bytes > 4000
    && (o.stats.outboundVideo.packets === 0 || o.stats.inboundVideo.framesDecoded > 5),
  audio: (o) => o.stats && o.stats.inboundAudio.bytes > 4000,
  firstAudio: (o) => o.stats?.firstAudioAt,
  ended: (o) => o.snapshot && !o.snapshot.call,
  sharing: (o) => o.stats?.sendingVideo && !/fake|camera/i.test(o.stats.sendingVideo) && o.stats.outboundVideo.framesEncoded > 0,
};

/** Waits (bounded) until no "Loading" status is left on the page: its screens have their data or their error. */
async function settled(page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((e) => /^Loading/.test(e.textContent ?? '')), null, { timeout: 15000 }).catch(() => {});
}

async function waitFor(entry, what, timeoutMs) {
  const condition = conditions[what];
  if (!condition) throw new Error(`unknown wait ${what}`);
  const deadline = Date.now() + (timeoutMs ?? 20000);
  for (;;) {
    const observed = await observe(entry);
    if (condition(observed)) return { ok: true, ...observed };
    if (Date.now() > deadline) return { ok: false, error: `timed out waiting for ${what}`, ...observed };
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function handle(message) {
  const { op, page: name } = message;
  switch (op) {
    case 'open': {
      // Each page is its own browser profile (cookies, sessionStorage): one person each. Only this test
      // context accepts the server's self-signed certificate.
      const context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['camera', 'microphone'] });
      const page = await context.newPage();
      const entry = { context, page, console: [], tokenUrls: [], dialogs: [] };
      // A dialog would mean the page ran something it was not meant to (a message's markup, say): recorded, dismissed.
      page.on('dialog', (d) => {
        entry.dialogs.push(`${d.type()}: ${d.message()}`);
        d.dismiss().catch(() => {});
      });
      page.on('console', (m) => entry.console.push(`${m.type()}: ${m.text()}`));
      // Every address that carried a token or an authorization code, to check where they went.
      const watch = (url) => { if (/[?&](access_token|code|refresh_token)=/.test(url)) entry.tokenUrls.push(url.replace(/=[^&]*/g, '=…')); };
      page.on('request', (r) => watch(r.url()));
      page.on('websocket', (ws) => watch(ws.url()));
      page.on('pageerror', (e) => entry.console.push(`pageerror: ${e.message}`));
      pages.set(name, entry);
      const response = await page.goto(message.url);
      return { ok: response.ok(), headers: response.headers(), ...(await observe(entry)) };
    }
    case 'signIn': {
      const entry = get(name);
      const { page } = entry;
      await page.click('#sign-in');
      await page.waitForSelector('input[name=upn]', { timeout: message.timeoutMs ?? 15000 });
      await page.fill('input[name=upn]', message.upn);
      await page.fill('input[name=password]', message.password);
      if (message.totp) await page.fill('input[name=totp]', message.totp);
      if (message.recoveryCode) {
        await page.click('details summary');
        await page.fill('input[name=recovery_code]', message.recoveryCode);
      }
      await Promise.all([page.waitForURL(/\/calls(\?|$)/, { timeout: message.timeoutMs ?? 15000 }), page.click('button[type=submit]')]);
      return waitFor(entry, 'signedIn', message.timeoutMs);
    }
    case 'fill': {
      const entry = get(name);
      await entry.page.locator(message.selector).fill(message.value, { timeout: message.timeoutMs ?? 15000 });
      return { ok: true, url: entry.page.url() };
    }
    case 'click': {
      const entry = get(name);
      await entry.page.locator(message.selector).click({ timeout: message.timeoutMs ?? 15000 });
      return { ok: true, url: entry.page.url() };
    }
    case 'check': {
      const entry = get(name);
      await entry.page.locator(message.selector).setChecked(message.on, { timeout: message.timeoutMs ?? 15000 });
      return { ok: true, url: entry.page.url() };
    }
    case 'select': {
      const entry = get(name);
      await entry.page.locator(message.selector).selectOption(message.value, { timeout: message.timeoutMs ?? 15000 });
      return { ok: true, url: entry.page.url() };
    }
    case 'firstSignIn': {
      // A first sign-in on the server's sign-in page: the one-time password, then a new password twice,
      // then back on the calls screen signed in. A screenshot of the new-password step when asked.
      const entry = get(name);
      const { page } = entry;
      const timeout = message.timeoutMs ?? 15000;
      await page.click('#sign-in');
      await page.waitForSelector('input[name=upn]', { timeout });
      await page.fill('input[name=upn]', message.upn);
      await page.fill('input[name=password]', message.password);
      await Promise.all([page.waitForSelector('input[name=newPassword]', { timeout }), page.click('button[type=submit]')]);
      if (message.screenshot) await page.screenshot({ path: message.screenshot, fullPage: true });
      await page.fill('input[name=newPassword]', message.newPassword);
      await page.fill('input[name=confirmPassword]', message.newPassword);
      await Promise.all([page.waitForURL(/\/calls(\?|$)/, { timeout }), page.click('button[type=submit]')]);
      return waitFor(entry, 'signedIn', message.timeoutMs);
    }
    case 'place': {
      const entry = get(name);
      await entry.page.fill('#callee', message.upn);
      await entry.page.click('#call');
      return { ok: true, ...(await observe(entry)) };
    }
    case 'answer':
    case 'decline':
    case 'share':
    case 'hangUp': {
      const entry = get(name);
      const button = { answer: '#answer', decline: '#decline', share: '#share', hangUp: '#hang-up' }[op];
      await entry.page.click(button);
      return { ok: true, ...(await observe(entry)) };
    }
    case 'signOut': {
      const entry = get(name);
      const [revoked] = await Promise.all([
        entry.page.waitForResponse((r) => r.url().endsWith('/connect/revoke')),
        entry.page.click('#sign-out'),
      ]);
      await entry.page.waitForSelector('#sign-in', { state: 'visible' });
      const stored = await entry.page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('tokens')));
      return { ok: true, revokeStatus: revoked.status(), storedTokens: stored, ...(await observe(entry)) };
    }
    case 'setE2ee': {
      const entry = get(name);
      const box = entry.page.locator('#e2ee-setting');
      if ((await box.isChecked()) !== message.on) {
        await Promise.all([entry.page.waitForResponse((r) => r.url().endsWith('/api/me/e2ee-calls') && r.request().method() === 'PUT'), box.click()]);
      }

      return { ok: (await box.isChecked()) === message.on, ...(await observe(entry)) };
    }
    case 'wait':
      return waitFor(get(name), message.for, message.timeoutMs);
    case 'snapshot': {
      const entry = get(name);
      if (message.screenshot) await entry.page.screenshot({ path: message.screenshot, fullPage: true });
      return { ok: true, ...(await observe(entry)) };
    }
    case 'goto': {
      const entry = get(name);
      const response = await entry.page.goto(message.url);
      // Settled once no screen says it is loading. Not "network idle": a signed-in page keeps its policy
      // event stream and hub connection open, so the network is never idle and that wait always ran out (30 s).
      await settled(entry.page);
      return { ok: response.ok(), status: response.status(), headers: response.headers(), ...(await observe(entry)) };
    }
    case 'audit': {
      const entry = get(name);
      const { page } = entry;
      if (message.colorScheme) await page.emulateMedia({ colorScheme: message.colorScheme });
      if (message.width) await page.setViewportSize({ width: message.width, height: message.height ?? 800 });
      // Loading and error states settle before the audit.
      await settled(page);
      if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        const run = await window.axe.run(document, { resultTypes: ['violations'] });
        return run.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
      });
      const theme = await page.evaluate(effectiveTheme);
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      if (message.screenshot) await page.screenshot({ path: message.screenshot, fullPage: true });
      const violations = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      return { ok: true, violations, minor: result.filter((v) => !violations.includes(v)), theme, fits, url: page.url() };
    }
    case 'toggleTheme': {
      const entry = get(name);
      const before = await entry.page.evaluate(effectiveTheme);
      await entry.page.getByRole('button', { name: /theme/i }).click();
      const after = await entry.page.evaluate(effectiveTheme);
      return { ok: before !== after, before, theme: after };
    }
    case 'text': {
      // The visible text of the first element matching the selector, once it has some (bounded).
      const entry = get(name);
      const locator = entry.page.locator(message.selector).first();
      await locator.waitFor({ state: 'visible', timeout: message.timeoutMs ?? 15000 });
      if (message.contains) await entry.page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent?.includes(text), [message.selector, message.contains], { timeout: message.timeoutMs ?? 15000 }).catch(() => {});
      return { ok: true, text: await locator.innerText(), url: entry.page.url() };
    }
    case 'press': {
      const entry = get(name);
      await entry.page.locator(message.selector).press(message.key, { timeout: message.timeoutMs ?? 15000 });
      return { ok: true, url: entry.page.url() };
    }
    case 'texts': {
      const entry = get(name);
      const atLeast = message.atLeast ?? 0;
      const waited = atLeast === 0 || await entry.page
        .waitForFunction(([selector, n]) => document.querySelectorAll(selector).length >= n, [message.selector, atLeast], { timeout: message.timeoutMs ?? 15000 })
        .then(() => true, () => false);
      const texts = await entry.page.locator(message.selector).allInnerTexts();
      return { ok: waited, ...(waited ? {} : { error: `fewer than ${atLeast} of ${message.selector}` }), texts, dialogs: entry.dialogs, url: entry.page.url() };
    }
    case 'offline': {
      const entry = get(name);
      await entry.context.setOffline(message.on);
      return { ok: true, url: entry.page.url() };
    }
    case 'count': {
      // How many elements match the selector now (no wait).
      const entry = get(name);
      return { ok: true, count: await entry.page.locator(message.selector).count(), url: entry.page.url() };
    }
    case 'close': {
      const entry = pages.get(name);
      pages.delete(name);
      await entry?.context.close();
      return { ok: true };
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
}

send({ op: 'hello', version: browser.version() });
const running = new Set();
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    send({ ok: false, error: 'bad json' });
    continue;
  }

  if (message.op === 'exit') break;
  // Commands run concurrently: a wait on one page never holds up another page.
  const task = handle(message)
    .then((reply) => send({ seq: message.seq, op: message.op, page: message.page, ...reply }))
    .catch(async (e) => {
      // A failed command still reports what the page shows, for the assertion message.
      const observed = pages.has(message.page) ? await observe(pages.get(message.page)) : {};
      send({ seq: message.seq, op: message.op, page: message.page, ok: false, error: String(e?.stack ?? e), ...observed });
    });
  running.add(task);
  task.finally(() => running.delete(task));
}

await Promise.allSettled(running);
await browser.close().catch(() => {});
process.exit(0);
