/**
 * The real start exports: `node dist/main.js` with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a
 * collector stand-in (an HTTP server on an ephemeral port) sends its spans and metrics there
 * as OTLP/HTTP JSON. Runs the build (turbo builds the API before its tests).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const main = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

describe("node dist/main.js with OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  const received: Array<{ path: string; body: string }> = [];
  let collector: Server | undefined;
  let api: ChildProcess | undefined;

  afterAll(async () => {
    // Only if the test failed before stopping it.
    if (api && api.exitCode === null && api.signalCode === null) api.kill("SIGKILL");
    await new Promise((resolve) => collector?.close(resolve));
  });

  it("exports the request's spans and the metrics to the collector", async () => {
    collector = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ path: req.url ?? "", body });
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => collector?.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;

    let output = "";
    api = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH ?? "",
        PRIVET_DATA_DIR: "memory://",
        PRIVET_SEED_DEMO: "0",
        PORT: "0",
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_METRIC_EXPORT_INTERVAL: "500",
        OTEL_BSP_SCHEDULE_DELAY: "200",
      },
    });
    api.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    api.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    const url = await vi.waitFor(
      () => {
        const ready = /Privet API ready: (\S+)/.exec(output)?.[1];
        if (!ready) throw new Error(`not ready yet: ${output}`);
        return ready;
      },
      { timeout: 90_000, interval: 100 },
    );
    expect(output).toContain("exporting traces and metrics over OTLP");

    const response = await fetch(url.replace("//localhost:", "//127.0.0.1:"), {
      method: "POST",
      headers: { "content-type": "application/json", "apollo-require-preflight": "1" },
      body: JSON.stringify({ query: "query ExportProbe { __typename }" }),
    });
    expect(response.status).toBe(200);

    await vi.waitFor(
      () => {
        const traces = received.filter((r) => r.path === "/v1/traces").map((r) => r.body);
        const metrics = received.filter((r) => r.path === "/v1/metrics").map((r) => r.body);
        expect(traces.join("")).toContain('"query ExportProbe"');
        expect(traces.join("")).toContain('"POST /graphql"');
        expect(metrics.join("")).toContain('"privet.graphql.requests"');
        expect(metrics.join("")).toContain('"privet.outbox.lag"');
      },
      { timeout: 60_000, interval: 100 },
    );

    // It stops on SIGTERM as without telemetry (a lag reading does not hold the database up).
    const exited = new Promise<number | null>((resolve) => api?.once("exit", resolve));
    api.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
