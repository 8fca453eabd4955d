// How fast the API starts and how much memory it holds. Starts `node apps/api/dist/main.js`
// (the built API, as `npm start` runs it) on a new, empty PGlite folder: the first start
// creates the database, applies the migrations and loads the demo data; the second start, on
// the same folder, only opens it. For each start: the time to "Privet API ready", the phases
// the API prints, the CPU time the process used (less sensitive than wall time to other work
// on the machine), and its memory (/proc/<pid>/status: VmRSS now, VmHWM the peak) at ready and
// after 200 reads by the signed-in demo customer.
//
//   npm run bench                 (runs every benchmark; this one needs only the build)
//   node start.mjs                this one alone; PRIVET_BENCH_QUICK=1: one round, 20 reads
//   PRIVET_BENCH_START_ROUNDS=3   rounds (a first and a second start each; default 3)
//   PRIVET_BENCH_START_PORT=4440  a fixed port instead of a free one
//   PRIVET_BENCH_START_BASELINE=<other checkout>/apps/api/dist/main.js  also starts that build,
//                                 rounds alternating, and prints this build's ratios to it
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const QUICK = process.env.PRIVET_BENCH_QUICK === "1";
const ROUNDS = Number(process.env.PRIVET_BENCH_START_ROUNDS ?? (QUICK ? 1 : 3));
const READS = QUICK ? 20 : 200;
const MAIN = fileURLToPath(new URL("../apps/api/dist/main.js", import.meta.url));
const BASELINE = process.env.PRIVET_BENCH_START_BASELINE?.trim() || undefined;
const BUILDS = BASELINE ? { baseline: BASELINE, this: MAIN } : { this: MAIN };
const CLOCK_TICKS = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s
const DEMO = { email: "demo.customer@example.com", password: "privet-demo" };
const READ_QUERY = "query StartBenchRead { consentHistory { id purpose state occurredAt } }";

function freePort() {
  const fixed = process.env.PRIVET_BENCH_START_PORT;
  if (fixed) return Promise.resolve(Number(fixed));
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM in MiB, and CPU seconds (user + system), of a live process. */
function sample(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  // Fields after the command name (which sits in parentheses): utime is the 14th field.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpu = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024, cpu };
}

/** Starts the API and resolves when it prints "ready", with the phases it printed. */
function start(main, dataDir, port) {
  const begun = performance.now();
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PRIVET_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const phases = {};
  let output = "";
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the API did not start within 180 s:\n${output}`));
    }, 180_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}) before it was ready:\n${output}`));
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.stdout.on("data", (chunk) => {
      output += chunk;
      for (const match of String(chunk).matchAll(/^\s*(.+?) at (\d+\.\d) s$/gm)) {
        phases[match[1]] = Number(match[2]);
      }
      if (!ready && /Privet API ready/.test(output)) {
        ready = true;
        clearTimeout(timer);
        child.removeAllListeners("exit");
        const readyMs = performance.now() - begun;
        resolve({ child, readyMs, phases, atReady: sample(child.pid) });
      }
    });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

async function graphql(port, body, cookie) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "apollo-require-preflight": "1",
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (json.errors) throw new Error(`bench request failed: ${JSON.stringify(json.errors)}`);
  return { json, setCookies: response.headers.getSetCookie() };
}

/** Signs the demo customer in, then makes READS reads of their consent history, 4 at a time. */
async function reads(port) {
  const signIn = await graphql(port, {
    query:
      "mutation StartBenchSignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { policyVersion } }",
    variables: DEMO,
  });
  const cookie = signIn.setCookies.map((line) => line.split(";")[0]).join("; ");
  let left = READS;
  const worker = async () => {
    while (left-- > 0) {
      const { json } = await graphql(port, { query: READ_QUERY }, cookie);
      if (!Array.isArray(json.data?.consentHistory)) throw new Error("no consent history read");
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function measure(main, dataDir) {
  const port = await freePort();
  const { child, readyMs, phases, atReady } = await start(main, dataDir, port);
  try {
    await reads(port);
    return { readyMs, phases, atReady, afterReads: sample(child.pid) };
  } finally {
    await stop(child);
  }
}

const mib = (n) => `${Math.round(n)} MiB`;
const rows = [];
for (let round = 1; round <= ROUNDS; round++) {
  for (const [build, main] of Object.entries(BUILDS)) {
    const scratch = mkdtempSync(join(tmpdir(), "privet-start-bench-"));
    // A folder inside the scratch one: the API keeps its development secret beside the
    // database folder, so it goes when the scratch folder does.
    const dataDir = join(scratch, "pglite");
    try {
      const first = await measure(main, dataDir);
      const second = await measure(main, dataDir);
      for (const [kind, result] of [
        ["first", first],
        ["second", second],
      ]) {
        rows.push({ round, build, kind, ...result });
        const p = result.phases;
        console.log(
          `round ${round} ${BASELINE ? `${build.padEnd(8)} ` : ""}${kind.padEnd(6)} ready ${(result.readyMs / 1000).toFixed(1)} s` +
            ` (cpu ${result.atReady.cpu.toFixed(1)} s; database open ${p["database open"] ?? "?"} s` +
            `${p["demo data loaded"] ? `, demo data ${p["demo data loaded"]} s` : ""}, listening ${p.listening ?? "?"} s)` +
            `  rss ${mib(result.atReady.rss)} (peak ${mib(result.atReady.peak)})` +
            `  after ${READS} reads ${mib(result.afterReads.rss)}`,
        );
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const figures = (build, kind) => {
  const of = rows.filter((row) => row.build === build && row.kind === kind);
  return {
    ready: median(of.map((r) => r.readyMs)) / 1000,
    cpu: median(of.map((r) => r.atReady.cpu)),
    rss: median(of.map((r) => r.atReady.rss)),
    peak: median(of.map((r) => r.atReady.peak)),
    afterReads: median(of.map((r) => r.afterReads.rss)),
  };
};
console.log("");
console.log("median                    ready    cpu     rss at ready  peak      rss after reads");
for (const build of Object.keys(BUILDS)) {
  for (const kind of ["first", "second"]) {
    const f = figures(build, kind);
    console.log(
      `${`${BASELINE ? `${build} ` : ""}${kind} start`.padEnd(25)} ${`${f.ready.toFixed(1)} s`.padEnd(8)} ` +
        `${`${f.cpu.toFixed(1)} s`.padEnd(7)} ${mib(f.rss).padEnd(13)} ${mib(f.peak).padEnd(9)} ${mib(f.afterReads)}`,
    );
  }
}
if (BASELINE) {
  console.log("");
  console.log("this build / baseline     ready    cpu     rss at ready  peak      rss after reads");
  for (const kind of ["first", "second"]) {
    const a = figures("this", kind);
    const b = figures("baseline", kind);
    const ratio = (key) => `${(a[key] / b[key]).toFixed(2)}x`;
    console.log(
      `${`${kind} start`.padEnd(25)} ${ratio("ready").padEnd(8)} ${ratio("cpu").padEnd(7)} ` +
        `${ratio("rss").padEnd(13)} ${ratio("peak").padEnd(9)} ${ratio("afterReads")}`,
    );
  }
}
