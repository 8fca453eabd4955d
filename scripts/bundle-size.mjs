// A front end's initial JavaScript, gzipped: every script and modulepreload its index.html loads
// before the first render. The build fails above the budget, so a dependency that blows it is
// caught where it is added. Usage (from an app's folder, after `vite build`):
//   node ../../scripts/bundle-size.mjs <app name> <budget in KB> [file in dist]
// With a file (the embeddable banner's one script), that file is the whole of it.
// The budgets and why: bench/RESULTS.md ("The portal's initial JavaScript", "The console's …").
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const [app, budgetKb, onlyFile] = process.argv.slice(2);
if (!app || !(Number(budgetKb) > 0)) {
  console.error("usage: node scripts/bundle-size.mjs <app name> <budget in KB>");
  process.exit(2);
}
const BUDGET_BYTES = Number(budgetKb) * 1024;
const dist = join(process.cwd(), "dist");
const html = onlyFile ? "" : readFileSync(join(dist, "index.html"), "utf8");
const initial = onlyFile
  ? [onlyFile]
  : [
      ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
      ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
    ].map((match) => match[1]);
let total = 0;
for (const src of new Set(initial)) {
  const bytes = gzipSync(readFileSync(join(dist, src.replace(/^\//, ""))), { level: 9 }).length;
  total += bytes;
  console.log(`${src}: ${(bytes / 1024).toFixed(1)} KB gzip`);
}
console.log(
  `initial JavaScript: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET_BYTES / 1024} KB)`,
);
if (total > BUDGET_BYTES) {
  console.error(`the ${app}'s initial JavaScript is over budget`);
  process.exit(1);
}
