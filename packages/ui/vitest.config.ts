/** Component tests of the shared pieces, in jsdom (the front ends' pages are tested in their apps). */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.tsx"],
    setupFiles: ["src/test-setup.ts"],
    // Slow renders when turbo runs every package's tests at once on two cores: a hang guard only.
    testTimeout: 30_000,
  },
});
