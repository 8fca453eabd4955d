/**
 * The portal's browser tests, against the real stack: the API from its build on an in-memory
 * PGlite database seeded with the demo data, and the portal's production build served by
 * `vite preview`, which proxies /graphql to the API. Run after `turbo run build`
 * (`npm run test:e2e` at the root does both).
 *
 * The browser is Debian's Chromium (/usr/bin/chromium; Playwright's own download cannot work
 * here). PRIVET_E2E_CHROMIUM points elsewhere.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { API_PORT, API_URL, PORTAL_PORT, PORTAL_URL } from "./support/urls.js";

const root = fileURLToPath(new URL("..", import.meta.url));
/** A package's binary: the portal's own node_modules first, else the hoisted one at the root. */
const bin = (name: string) =>
  [`../apps/portal/node_modules/.bin/${name}`, `../node_modules/.bin/${name}`]
    .map((path) => fileURLToPath(new URL(path, import.meta.url)))
    .find((path) => existsSync(path)) ?? name;

// The suite serves the builds; it does not make them.
for (const built of ["../apps/api/dist/main.js", "../apps/portal/dist/index.html"]) {
  if (!existsSync(fileURLToPath(new URL(built, import.meta.url)))) {
    throw new Error(
      `${built.slice(3)} is missing: build first (npm run test:e2e at the root does).`,
    );
  }
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  // One API process and one PGlite database serve every test; each test makes its own
  // customers, so two workers (the machine has two cores) never share state.
  workers: 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: PORTAL_URL,
    browserName: "chromium",
    locale: "en-GB",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PRIVET_E2E_CHROMIUM ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    {
      name: "desktop",
      use: { viewport: { width: 1280, height: 800 } },
      // P-04 is the phone clause: its tests run in the mobile project only.
      grepInvert: /\[P-04\]/,
    },
    {
      name: "mobile",
      use: {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 1,
        userAgent:
          "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
      },
      grep: [/\[P-04\]/, /@screenshots/],
    },
  ],
  webServer: [
    {
      name: "api",
      command: `node ${fileURLToPath(new URL("../apps/api/dist/main.js", import.meta.url))}`,
      cwd: root,
      url: `${API_URL}/health`,
      env: {
        PORT: String(API_PORT),
        HOST: "127.0.0.1",
        // Embedded PGlite in memory, loaded with the demo data on every start: each run begins
        // from the same database and leaves nothing behind.
        PRIVET_DATA_DIR: "memory://",
        PRIVET_SEED_DEMO: "1",
        PRIVET_SECRET: "e2e-only-secret-not-for-production-0123456789abcdef",
        PRIVET_PORTAL_URL: PORTAL_URL,
        PRIVET_CORS_ORIGINS: PORTAL_URL,
        // Every test signs up or in from 127.0.0.1; the per-IP limit is for the open internet.
        PRIVET_ATTEMPTS_PER_IP: "10000",
        DATABASE_URL: "",
        NODE_ENV: "test",
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      name: "portal",
      command: `${bin("vite")} preview --host 127.0.0.1 --port ${PORTAL_PORT} --strictPort`,
      cwd: fileURLToPath(new URL("../apps/portal", import.meta.url)),
      url: PORTAL_URL,
      env: { PRIVET_API_URL: API_URL },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
