/**
 * The portal is served on its own port and reaches the API through a same-origin proxy at
 * /graphql (dev server and `vite preview` alike), so the session cookie stays HttpOnly,
 * SameSite and first-party; the streamed data export, /my-data-export, likewise.
 * PRIVET_API_URL points the proxy elsewhere.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const api = process.env.PRIVET_API_URL ?? "http://127.0.0.1:4000";
const proxy = {
  "/graphql": { target: api, changeOrigin: false, xfwd: true },
  "/my-data-export": { target: api, changeOrigin: false, xfwd: true },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  build: { target: "es2022", sourcemap: false, reportCompressedSize: true },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.tsx", "src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
    // As in the console: a hang guard, generous for a loaded two-core machine.
    testTimeout: 30_000,
  },
});
