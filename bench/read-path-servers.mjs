// The servers the read-path benchmark loads, in a process of their own (forked by
// privacy-enforcement.mjs), so the load generator's CPU is not counted against them: Privet
// enforced, Privet unenforced (a switch only the benchmark uses) and the bare baseline
// (bare-server.mjs), all on one database. It answers the parent's messages:
//   { type: "statements" } → { type: "statements", count }   (every server's SQL statements)
//   { type: "cpu" }        → { type: "cpu", micros }          (this process's CPU time so far)
//   { type: "close" }      → closes everything and exits
import { startServer } from "@privet/api/server";
import { openDatabase } from "@privet/db/client";
import { startBareServer } from "./bare-server.mjs";
import { benchApiConfig } from "./support.mjs";

const { databaseUrl, hashKey, processorId, ports } = JSON.parse(process.env.PRIVET_BENCH_SERVERS);
process.env.PRIVET_LOG = "silent";

let statements = 0;
const count = () => statements++;
const dbConfig = { kind: "postgres", url: databaseUrl };
const db = await openDatabase(dbConfig, { migrate: false, onQuery: count });
const config = benchApiConfig(dbConfig, {
  hashKey,
  attemptLimits: { perIp: 1000, registrationsPerIp: 1000, failuresBeforeDelay: 5, perDevice: 10 },
});
const servers = {
  bare: await startBareServer({
    connectionString: databaseUrl,
    port: ports.bare,
    processorId,
    hashKey,
    onQuery: count,
  }),
  enforced: await startServer({
    ...db,
    config: { ...config, port: ports.enforced },
    privacyEnforced: true,
  }),
  unenforced: await startServer({
    ...db,
    config: { ...config, port: ports.unenforced },
    privacyEnforced: false,
  }),
};

process.on("message", async (message) => {
  if (message.type === "statements") process.send({ type: "statements", count: statements });
  if (message.type === "cpu") {
    const { user, system } = process.cpuUsage();
    process.send({ type: "cpu", micros: user + system });
  }
  if (message.type === "close") {
    for (const server of Object.values(servers)) await server.close();
    await db.close();
    process.exit(0);
  }
});
process.send({
  type: "ready",
  urls: Object.fromEntries(Object.entries(servers).map(([mode, s]) => [mode, s.url])),
});
