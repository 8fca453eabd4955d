// Where a CPU profile's time went, by who spent it: garbage collection, idle, each npm package
// (graphql, @apollo/server, @prisma/client…), Privet's own packages, and Node's internals.
// Self time, in percent of the non-idle samples. Used for bench/RESULTS.md:
//
//   PRIVET_BENCH_CPU_PROF=/tmp/prof PRIVET_BENCH_MODES=enforced PRIVET_BENCH_CONCURRENCY=4 \
//     node bench/privacy-enforcement.mjs
//   node bench/cpu-profile-summary.mjs /tmp/prof/*.cpuprofile [top functions to list, default 25]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node cpu-profile-summary.mjs <file.cpuprofile> [top]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const deltas = profile.timeDeltas;
const selfTime = new Map();
for (const [i, id] of profile.samples.entries())
  selfTime.set(id, (selfTime.get(id) ?? 0) + (deltas[i] ?? 0));

function owner(frame) {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)") return "idle";
  if (functionName === "(program)") return "program (native, unattributed)";
  if (!url) return `native: ${functionName || "(anonymous)"}`;
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return url;
  const privet = url.match(/(apps|packages)\/([^/]+)\//);
  if (privet) return `privet ${privet[1]}/${privet[2]}`;
  return url;
}

const byOwner = new Map();
const byFunction = new Map();
let total = 0;
for (const [id, time] of selfTime) {
  const frame = nodes.get(id).callFrame;
  const who = owner(frame);
  if (who === "idle") continue;
  total += time;
  byOwner.set(who, (byOwner.get(who) ?? 0) + time);
  const name = `${frame.functionName || "(anonymous)"} ${who}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + time);
}
const pct = (t) => `${((100 * t) / total).toFixed(1)}%`.padStart(6);
console.log(`busy ${(total / 1e6).toFixed(1)} s of samples\n\nby owner:`);
for (const [who, time] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log(`${pct(time)}  ${who}`);
console.log("\nby function:");
for (const [name, time] of [...byFunction]
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(topArg ?? 25)))
  console.log(`${pct(time)}  ${name}`);
