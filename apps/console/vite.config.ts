/**
 * The console is served on its own port and reaches the API through a same-origin proxy at
 * /graphql (dev server and `vite preview`), like the portal: the staff session cookie stays
 * HttpOnly and first-party. PRIVET_API_URL points the proxy elsewhere.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const api = process.env.PRIVET_API_URL ?? "http://127.0.0.1:4000";
const proxy = { "/graphql": { target: api, changeOrigin: false, xfwd: true } };

export default defineConfig({
  plugins: [react()],
  server: { port: 5174, strictPort: true, proxy },
  preview: { port: 4174, strictPort: true, proxy },
  build: { target: "es2022", sourcemap: false },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.tsx"],
    setupFiles: ["src/test-setup.ts"],
    // jsdom and role queries are slow when turbo runs every package's tests at once on two
    // cores (a first render took over 5 s there): the limit guards against a hang only.
    testTimeout: 30_000,
  },
});
