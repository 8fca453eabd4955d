// The console's initial JavaScript, gzipped, measured as the portal's is
// (apps/portal/scripts/bundle-size.mjs): every script and modulepreload that index.html loads
// before the first render. The budget is 140 KB: React 19, react-dom and urql are ~70 KB of it
// and every area ~30 KB (bench/RESULTS.md, "The console's initial JavaScript"); the rest is
// room for the areas still coming, less than one chart or date library would take. The build
// fails above it, so the dependency that blows it is caught where it is added; splitting the
// areas with React.lazy is the lever when the console itself outgrows it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 140 * 1024;
const dist = join(import.meta.dirname, "..", "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const initial = [
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
  console.error("the console's initial JavaScript is over budget");
  process.exit(1);
}
