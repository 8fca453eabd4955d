import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no exports map: without this Vite loads index.mjs while Apollo and
    // TypeGraphQL load index.js, and graphql-js refuses two copies of itself.
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    // The API's JSON log lines would bury the test report; tests that check logging turn it on.
    env: { PRIVET_LOG: "silent" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
