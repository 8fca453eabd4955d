/**
 * The portal's and the console's browser tests, against the real stack: the API from its build
 * on an in-memory PGlite database seeded with the demo data, and the portal's and the console's
 * production builds served by `vite preview`, each proxying /graphql to the API. Run after `turbo run build`
 * (`npm run test:e2e` at the root does both).
 *
 * The browser is Debian's Chromium (/usr/bin/chromium; Playwright's own download cannot work
 * here). PRIVET_E2E_CHROMIUM points elsewhere.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import {
  API_PORT,
  API_URL,
  CONSOLE_PORT,
  CONSOLE_URL,
  MAILBOX_URL,
  PORTAL_PORT,
  PORTAL_URL,
  SITE_PORT,
  SITE_URL,
  SMTP_HTTP_PORT,
  SMTP_PORT,
} from "./support/urls.js";

const root = fileURLToPath(new URL("..", import.meta.url));
/** A package's binary: the portal's own node_modules first, else the hoisted one at the root. */
const bin = (name: string) =>
  [`../apps/portal/node_modules/.bin/${name}`, `../node_modules/.bin/${name}`]
    .map((path) => fileURLToPath(new URL(path, import.meta.url)))
    .find((path) => existsSync(path)) ?? name;

// The suite serves the builds; it does not make them.
for (const built of [
  "../apps/api/dist/main.js",
  "../apps/portal/dist/index.html",
  "../apps/console/dist/index.html",
]) {
  if (!existsSync(fileURLToPath(new URL(built, import.meta.url)))) {
    throw new Error(
      `${built.slice(3)} is missing: build first (npm run test:e2e at the root does).`,
    );
  }
}

/** The console's specs: their own project (below). */
const CONSOLE_TESTS = /console-[^/]*\.spec\.ts$/;
/**
 * Specs that add hundreds of customers or write to all of them: last of all, so no other test
 * meets them (a material policy change also changes the policy every customer is told about).
 */
const AT_SCALE_TESTS = /console-(breach-over-500|policy-material)\.spec\.ts$/;
/** The material policy change: every customer is told, so nothing may register meanwhile. */
const TOLD_EVERY_CUSTOMER = /console-policy-material\.spec\.ts$/;

/** A phone: the portal's mobile project and the console's phone-size screenshots. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 1,
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
};

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
  // Signs the staff in once (the API limits sign-ins per account); after the web servers start.
  globalSetup: "./support/staff-sessions.ts",
  outputDir: "./test-results",
  // One API process and one PGlite database serve every test; each test makes its own
  // customers, so two workers (the machine has two cores) never share state.
  workers: 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // A staff sign-in with an authenticator may wait up to 30 s for a fresh code (the code now
  // showing may have been used by the other worker, and the API accepts each once), so a test
  // that signs in gets that wait on top of its own work.
  timeout: 90_000,
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
      testIgnore: CONSOLE_TESTS,
      // P-04 is the phone clause: its tests run in the mobile project only.
      grepInvert: /\[P-04\]/,
    },
    {
      name: "mobile",
      use: PHONE,
      grep: [/\[P-04\]/, /@screenshots/],
      testIgnore: CONSOLE_TESTS,
    },
    {
      // The console's tests, at desktop size, once the portal's are done: they publish a policy
      // version and read the demo customer, which would otherwise show up in the portal's
      // screenshots (its policy archive and access log) depending on timing.
      name: "console",
      // baseURL stays the portal's: console pages open in contexts of their own (support/console.ts).
      use: { viewport: { width: 1280, height: 800 } },
      testMatch: CONSOLE_TESTS,
      testIgnore: AT_SCALE_TESTS,
      dependencies: ["desktop", "mobile"],
    },
    {
      // The console's @screenshots tests again at phone size (console pages open in contexts of
      // their own, which take this project's device: support/console.ts), after the desktop run.
      name: "console-mobile",
      use: PHONE,
      testMatch: CONSOLE_TESTS,
      testIgnore: AT_SCALE_TESTS,
      grep: /@screenshots/,
      dependencies: ["console"],
    },
    {
      name: "console-at-scale",
      use: { viewport: { width: 1280, height: 800 } },
      testMatch: AT_SCALE_TESTS,
      testIgnore: TOLD_EVERY_CUSTOMER,
      dependencies: ["console"],
    },
    {
      // Alone and last: it checks that the count shown before publishing is the number of
      // notices queued, which holds only if nobody signs up in between (the breach spec above
      // adds hundreds of customers; run beside it, the two counts differed by 8).
      name: "console-policy-material",
      use: { viewport: { width: 1280, height: 800 } },
      testMatch: TOLD_EVERY_CUSTOMER,
      dependencies: ["console-at-scale", "console-mobile"],
    },
  ],
  webServer: [
    {
      // A real SMTP server on loopback: the API delivers its outbox to it, tests read it.
      name: "smtp",
      command: `node ${fileURLToPath(new URL("./support/smtp-sink.mjs", import.meta.url))}`,
      cwd: root,
      url: `${MAILBOX_URL}/health`,
      env: {
        PRIVET_E2E_SMTP_PORT: String(SMTP_PORT),
        PRIVET_E2E_SMTP_HTTP_PORT: String(SMTP_HTTP_PORT),
      },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
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
        // The database dies with the run: hashes at OWASP's cost would make the 500
        // registrations of the at-scale tests minutes of CPU on a shared two-core machine.
        PRIVET_FAST_PASSWORD_HASHING: "1",
        PRIVET_SECRET: "e2e-only-secret-not-for-production-0123456789abcdef",
        PRIVET_PORTAL_URL: PORTAL_URL,
        // Staff invitations and password resets link to the console under test.
        PRIVET_CONSOLE_URL: CONSOLE_URL,
        // Links in emails (one-click unsubscribe) point at the API under test.
        PRIVET_API_URL: API_URL,
        // The outbox is delivered to the loopback SMTP server (every 15 s, or "Deliver now").
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        PRIVET_CORS_ORIGINS: `${PORTAL_URL},${CONSOLE_URL}`,
        // The second origin that embeds the banner (support/embed-site.mjs).
        PRIVET_EMBED_ORIGINS: SITE_URL,
        // Every test signs up or in from 127.0.0.1 (console-at-scale registers 500 customers);
        // the per-IP limits are for the open internet.
        PRIVET_ATTEMPTS_PER_IP: "10000",
        PRIVET_REGISTRATIONS_PER_IP: "10000",
        // The demo administrator and privacy officer sign in from two workers at once, and an
        // authentication code one worker used is refused to the other (then it tries the next):
        // each refusal is a failed sign-in, and the account's doubling delay is for guessing,
        // not for this (the API's tests cover the delay and the device lock-out).
        PRIVET_FAILURES_BEFORE_DELAY: "100",
        PRIVET_DEVICE_FAILURES: "1000",
        DATABASE_URL: "",
        NODE_ENV: "test",
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // Another site of the company's, on an origin of its own, embedding the banner script.
      name: "site",
      command: `node ${fileURLToPath(new URL("./support/embed-site.mjs", import.meta.url))}`,
      cwd: root,
      url: `http://127.0.0.1:${SITE_PORT}/health`,
      env: { PRIVET_E2E_SITE_PORT: String(SITE_PORT), PRIVET_E2E_API_URL: API_URL },
      reuseExistingServer: false,
      timeout: 30_000,
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
    {
      name: "console",
      command: `${bin("vite")} preview --host 127.0.0.1 --port ${CONSOLE_PORT} --strictPort`,
      cwd: fileURLToPath(new URL("../apps/console", import.meta.url)),
      url: CONSOLE_URL,
      env: { PRIVET_API_URL: API_URL },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
