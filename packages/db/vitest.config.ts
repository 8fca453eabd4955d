import { defineConfig } from "vitest/config";

// Database tests open real databases (PGlite in process, and a fresh PostgreSQL database per
// file): give set-up room, and run at most two files at once on a two-core machine.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
