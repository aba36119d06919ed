// Checks a production build (default web/dist): the JavaScript the sign-in screen loads (index.html's
// scripts and everything they import statically, not the chunks loaded after sign-in) is under the
// budget, gzip-compressed; index.html has no inline script (the server's CSP forbids it); and no file
// carries the browser tests' hook. Prints the figure; exits 1 when a check fails.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const dist = resolve(process.argv[2] ?? 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const failures = [];

for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
  if (!/\bsrc=/.test(tag) || !/><\/script>$/.test(tag)) failures.push(`inline script in index.html: ${tag.slice(0, 80)}`);
}

const entries = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(\/[^"]+\.js)"/g)].map((m) => join(dist, m[1]));
const seen = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  // Static imports only (import … from "./x.js", import "./x.js"); import("./x.js") loads later.
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) queue.push(join(dirname(file), m[1]));
}

let total = 0;
for (const file of seen) total += gzipSync(readFileSync(file), { level: 9 }).length;
console.log(`sign-in screen JavaScript: ${(total / 1024).toFixed(1)} KB gzip in ${seen.size} file(s) (budget ${BUDGET_BYTES / 1024} KB)`);
if (total > BUDGET_BYTES) failures.push(`the sign-in screen loads ${total} bytes of gzip JavaScript, over the ${BUDGET_BYTES} budget`);

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
for (const file of walk(dist).filter((f) => /\.(js|html)$/.test(f))) {
  if (readFileSync(file, 'utf8').includes('conclaveCall')) failures.push(`${file} contains the test hook (conclaveCall)`);
}

for (const failure of failures) console.error(`bundle check: ${failure}`);
process.exit(failures.length > 0 ? 1 : 0);
