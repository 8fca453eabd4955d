/**
 * The settings module: every variable, a good value and a bad one. A bad value must stop the
 * start with a message naming the variable and what it accepts, and never print a secret.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKeyPem, signerFromPrivateKey } from "@privet/db/checkpoints";
import { PASSWORD_HASHING, THROWAWAY_PASSWORD_HASHING } from "@privet/db/passwords";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, DEFAULTS, loadConfig } from "./config.js";

/** In memory, so no test writes a development secret to disk (except the one that checks it). */
const BASE = { PRIVET_DATA_DIR: "memory://" };
const load = (env: Record<string, string | undefined>) => loadConfig({ ...BASE, ...env });

/** The problems a set of variables is refused for (fails when it is accepted). */
function problems(env: Record<string, string | undefined>): readonly string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("has safe defaults when nothing is set", () => {
    const config = load({});
    expect(config).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      production: false,
      development: false,
      database: { kind: "pglite", dataDir: "memory://" },
      seedDemoData: true,
      trustProxy: 0,
      corsOrigins: ["http://localhost:5173", "http://localhost:5174"],
      embedOrigins: [],
      webhookPrivateAddresses: "allow",
      attemptLimits: { perIp: 50, registrationsPerIp: 20, failuresBeforeDelay: 5, perDevice: 10 },
      smtpUrl: null,
      portalUrl: "http://localhost:5173",
      apiUrl: "http://localhost:4000",
      mailFrom: "Privet <no-reply@privet.localhost>",
      contactEmail: "privacy@privet.example",
      passwordHashing: PASSWORD_HASHING,
    });
    expect(config.hashKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it("treats an empty variable as unset", () => {
    expect(load({ PORT: "", DATABASE_URL: "", PRIVET_ATTEMPTS_PER_IP: " " })).toMatchObject({
      port: 4000,
      database: { kind: "pglite" },
      attemptLimits: { perIp: 50 },
    });
  });

  describe("PORT", () => {
    it("takes a port number", () => {
      expect(load({ PORT: "8080" }).port).toBe(8080);
      expect(load({ PORT: "0" }).port).toBe(0);
    });
    it.each(["abc", "-1", "65536", "80.5", "1e3"])("refuses %j", (value) => {
      expect(problems({ PORT: value })).toEqual([
        `PORT must be a whole number from 0 to 65535 (got ${JSON.stringify(value)})`,
      ]);
    });
  });

  describe("HOST", () => {
    it("takes an address or a host name", () => {
      expect(load({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
      expect(load({ HOST: "::" }).host).toBe("::");
      expect(load({ HOST: "api.internal" }).host).toBe("api.internal");
    });
    it("refuses anything else", () => {
      expect(problems({ HOST: "http://0.0.0.0/" })[0]).toMatch(
        /^HOST must be an IP address or host name to listen on.*\(got "http:\/\/0.0.0.0\/"\)$/,
      );
    });
  });

  describe("NODE_ENV", () => {
    it("takes production, development or test", () => {
      const secret = { PRIVET_SECRET: "s".repeat(32) };
      expect(load({ NODE_ENV: "production", ...secret })).toMatchObject({
        production: true,
        development: false,
      });
      expect(load({ NODE_ENV: "development" })).toMatchObject({
        production: false,
        development: true,
      });
      expect(load({ NODE_ENV: "test" })).toMatchObject({ production: false, development: false });
    });
    it("refuses a typo instead of running as not-production", () => {
      expect(problems({ NODE_ENV: "prodution" })).toEqual([
        'NODE_ENV must be production, development or test (got "prodution")',
      ]);
    });
  });

  describe("PRIVET_SIGNING_KEY", () => {
    it("is the checkpoint signer when set (an Ed25519 PEM, newlines written as \\n accepted)", () => {
      const pem = generateSigningKeyPem();
      const signer = load({ PRIVET_SIGNING_KEY: pem.replace(/\n/g, "\\n") }).checkpointSigner;
      expect(signer.keyId).toBe(signerFromPrivateKey(pem).keyId);
      expect(signer.verify("statement", signer.sign("statement"))).toBe(true);
    });
    it("refuses a value that is not an Ed25519 private key, without printing it", () => {
      const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString();
      for (const value of ["hunter2-not-a-key", rsa]) {
        const [message = ""] = problems({ PRIVET_SIGNING_KEY: value });
        expect(message).toMatch(/^PRIVET_SIGNING_KEY must be an Ed25519 private key in PKCS#8 PEM/);
        expect(message).not.toContain("hunter2");
      }
    });
    it("outside it, is made on first start beside the embedded database and kept", () => {
      const folder = mkdtempSync(join(tmpdir(), "privet-config-key-"));
      try {
        const env = { PRIVET_DATA_DIR: join(folder, "pglite") };
        const first = loadConfig(env).checkpointSigner;
        expect(readFileSync(join(folder, "checkpoint-key.pem"), "utf8")).toMatch(
          /BEGIN PRIVATE KEY/,
        );
        expect(loadConfig(env).checkpointSigner.keyId).toBe(first.keyId);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe("PRIVET_RECEIPT_SIGNING_KEY", () => {
    it("is the consent-receipt signer when set, a key apart from the checkpoint key", () => {
      const pem = generateSigningKeyPem();
      const config = load({ PRIVET_RECEIPT_SIGNING_KEY: pem.replace(/\n/g, "\\n") });
      expect(config.receiptSigner.keyId).toBe(signerFromPrivateKey(pem).keyId);
      expect(config.receiptSigner.keyId).not.toBe(config.checkpointSigner.keyId);
    });
    it("refuses a value that is not an Ed25519 private key, without printing it", () => {
      const [message = ""] = problems({ PRIVET_RECEIPT_SIGNING_KEY: "hunter2-not-a-key" });
      expect(message).toMatch(/^PRIVET_RECEIPT_SIGNING_KEY must be an Ed25519 private key/);
      expect(message).not.toContain("hunter2");
    });
    it("outside it, is made on first start as receipt-key.pem beside the checkpoint key", () => {
      const folder = mkdtempSync(join(tmpdir(), "privet-config-receipt-key-"));
      try {
        const env = { PRIVET_DATA_DIR: join(folder, "pglite") };
        const first = loadConfig(env);
        expect(readFileSync(join(folder, "receipt-key.pem"), "utf8")).toMatch(/BEGIN PRIVATE KEY/);
        expect(loadConfig(env).receiptSigner.keyId).toBe(first.receiptSigner.keyId);
        expect(first.receiptSigner.keyId).not.toBe(first.checkpointSigner.keyId);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });

  describe("PRIVET_SECRET", () => {
    const secret = "a-very-long-secret-value-for-tests-0123456789";
    it("is the hash key when set", () => {
      expect(load({ PRIVET_SECRET: secret }).hashKey).toBe(secret);
    });
    it("is required in production", () => {
      expect(problems({ NODE_ENV: "production" })).toEqual([
        "PRIVET_SECRET must be set in production: at least 32 random characters, e.g. from `openssl rand -hex 32`",
      ]);
    });
    it("refuses a short one without printing it", () => {
      const [message = ""] = problems({ PRIVET_SECRET: "hunter2-secret" });
      expect(message).toMatch(/^PRIVET_SECRET must be at least 32 characters/);
      expect(message).not.toContain("hunter2");
    });

    describe("outside production, unset", () => {
      const folder = mkdtempSync(join(tmpdir(), "privet-config-"));
      afterAll(() => rmSync(folder, { recursive: true, force: true }));
      it("is made on first start and kept beside the embedded database", () => {
        const env = { PRIVET_DATA_DIR: join(folder, "pglite") };
        const first = loadConfig(env).hashKey;
        expect(first).toMatch(/^[0-9a-f]{64}$/);
        expect(readFileSync(join(folder, "secret"), "utf8").trim()).toBe(first);
        expect(loadConfig(env).hashKey).toBe(first);
      });
    });
  });

  describe("PRIVET_KEY_ROTATION", () => {
    it("is empty unless set", () => {
      expect(load({}).keyRotation).toEqual([]);
    });
    it("takes deployment key names, separated by commas", () => {
      expect(load({ PRIVET_KEY_ROTATION: "PRIVET_SECRET" }).keyRotation).toEqual(["PRIVET_SECRET"]);
      expect(
        load({ PRIVET_KEY_ROTATION: " PRIVET_RECEIPT_SIGNING_KEY , PRIVET_SECRET,PRIVET_SECRET" })
          .keyRotation,
      ).toEqual(["PRIVET_SECRET", "PRIVET_RECEIPT_SIGNING_KEY"]);
    });
    it.each(["yes", "PRIVET_SECRET,SMTP_URL", "privet_secret", ","])("refuses %j", (value) => {
      expect(problems({ PRIVET_KEY_ROTATION: value })).toEqual([
        `PRIVET_KEY_ROTATION must name one or more of PRIVET_SECRET, PRIVET_SIGNING_KEY, PRIVET_RECEIPT_SIGNING_KEY, separated by commas: the keys to record anew (got ${JSON.stringify(value)})`,
      ]);
    });
  });

  describe("DATABASE_URL and PRIVET_DATA_DIR (packages/db's databaseConfigFromEnv)", () => {
    it("takes a postgresql:// URL or an embedded folder", () => {
      expect(
        load({
          DATABASE_URL: "postgresql://privet:pw@db.internal:5432/privet",
          PRIVET_SECRET: "x".repeat(32),
        }).database,
      ).toEqual({ kind: "postgres", url: "postgresql://privet:pw@db.internal:5432/privet" });
      expect(load({ PRIVET_DATA_DIR: "memory://" }).database).toEqual({
        kind: "pglite",
        dataDir: "memory://",
      });
    });
    it("refuses another URL without printing it (it may hold a password)", () => {
      const [message = ""] = problems({ DATABASE_URL: "mysql://root:hunter2@db/privet" });
      expect(message).toBe(
        "DATABASE_URL must be a postgresql:// URL (unset it for the embedded database)",
      );
    });
  });

  describe("PRIVET_WORKERS", () => {
    const POSTGRES = {
      DATABASE_URL: "postgresql://localhost/privet",
      PRIVET_SECRET: "x".repeat(32),
    };
    it("defaults to one per core on PostgreSQL and to one on the embedded database", () => {
      expect(load(POSTGRES).workers).toBe(Math.min(availableParallelism(), 64));
      expect(load({}).workers).toBe(1);
    });
    it("takes 1 to 64 on PostgreSQL", () => {
      expect(load({ ...POSTGRES, PRIVET_WORKERS: "1" }).workers).toBe(1);
      expect(load({ ...POSTGRES, PRIVET_WORKERS: "8" }).workers).toBe(8);
      expect(load({ PRIVET_WORKERS: "1" }).workers).toBe(1);
    });
    it.each(["0", "65", "two", "1.5"])("refuses %j", (value) => {
      expect(problems({ ...POSTGRES, PRIVET_WORKERS: value })).toEqual([
        `PRIVET_WORKERS must be a whole number from 1 to 64 (got ${JSON.stringify(value)})`,
      ]);
    });
    it("refuses more than one on the embedded database, which one process owns", () => {
      expect(problems({ PRIVET_WORKERS: "2" })).toEqual([
        'PRIVET_WORKERS must be 1 (or unset) on the embedded database: one process owns its folder; set DATABASE_URL to run several workers (got "2")',
      ]);
    });
  });

  describe("PRIVET_SEED_DEMO", () => {
    it("takes 0 or 1; unset, the embedded database is seeded and PostgreSQL is not", () => {
      expect(load({ PRIVET_SEED_DEMO: "0" }).seedDemoData).toBe(false);
      expect(load({ PRIVET_SEED_DEMO: "1" }).seedDemoData).toBe(true);
      expect(
        load({ DATABASE_URL: "postgresql://localhost/privet", PRIVET_SECRET: "x".repeat(32) })
          .seedDemoData,
      ).toBe(false);
    });
    it("refuses anything else", () => {
      expect(problems({ PRIVET_SEED_DEMO: "yes" })).toEqual([
        'PRIVET_SEED_DEMO must be 0 or 1 (got "yes")',
      ]);
    });
  });

  describe("PRIVET_TRUST_PROXY", () => {
    it("takes a hop count: 1 is one proxy in front, never 'trust everyone'", () => {
      expect(load({}).trustProxy).toBe(0);
      expect(load({ PRIVET_TRUST_PROXY: "0" }).trustProxy).toBe(0);
      expect(load({ PRIVET_TRUST_PROXY: "1" }).trustProxy).toBe(1);
      expect(load({ PRIVET_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    });
    it("takes proxies' addresses and CIDR ranges", () => {
      expect(
        load({ PRIVET_TRUST_PROXY: "10.0.0.0/8, 192.0.2.7,loopback,fd00::/8,::1" }).trustProxy,
      ).toEqual(["10.0.0.0/8", "192.0.2.7", "loopback", "fd00::/8", "::1"]);
    });
    it.each([
      "true",
      "all",
      "*",
      "0.0.0.0/0",
      "::/0",
      "11",
      "10.0.0.0/33",
      "10.0.0.300",
      "proxy.internal",
      "10.0.0.1,",
    ])("refuses %j", (value) => {
      const [message = ""] = problems({ PRIVET_TRUST_PROXY: value });
      expect(message).toBe(
        `PRIVET_TRUST_PROXY must be the number of proxies in front of the API (0 to 10) or a comma-separated list of their addresses or CIDR ranges, such as 1 or 10.0.0.0/8,loopback; trusting every X-Forwarded-For is not an option (got ${JSON.stringify(value)})`,
      );
    });
  });

  describe("PRIVET_CORS_ORIGINS", () => {
    it("takes a list of origins; set empty, it allows none", () => {
      expect(
        load({ PRIVET_CORS_ORIGINS: "https://portal.example.com, https://console.example.com/" })
          .corsOrigins,
      ).toEqual(["https://portal.example.com", "https://console.example.com"]);
      expect(load({ PRIVET_CORS_ORIGINS: "" }).corsOrigins).toEqual([]);
    });
    it.each(["portal.example.com", "https://portal.example.com/app", "*"])(
      "refuses %j",
      (value) => {
        expect(problems({ PRIVET_CORS_ORIGINS: value })[0]).toMatch(
          /^PRIVET_CORS_ORIGINS must be a comma-separated list of origins/,
        );
      },
    );
  });

  describe("PRIVET_EMBED_ORIGINS", () => {
    it("takes a list of the sites that may embed the banner; unset, none may", () => {
      expect(load({}).embedOrigins).toEqual([]);
      expect(
        load({ PRIVET_EMBED_ORIGINS: "https://shop.example.com, https://blog.example.com/" })
          .embedOrigins,
      ).toEqual(["https://shop.example.com", "https://blog.example.com"]);
    });
    it.each(["shop.example.com", "https://shop.example.com/page", "*"])("refuses %j", (value) => {
      expect(problems({ PRIVET_EMBED_ORIGINS: value })[0]).toMatch(
        /^PRIVET_EMBED_ORIGINS must be a comma-separated list of origins/,
      );
    });
  });

  describe("attempt limits", () => {
    it.each([
      ["PRIVET_ATTEMPTS_PER_IP", "perIp", 1, 10_000],
      ["PRIVET_REGISTRATIONS_PER_IP", "registrationsPerIp", 1, 10_000],
      ["PRIVET_FAILURES_BEFORE_DELAY", "failuresBeforeDelay", 1, 100],
      ["PRIVET_DEVICE_FAILURES", "perDevice", 1, 1000],
    ] as const)("%s takes a whole number from %d to %d", (name, field, min, max) => {
      expect(load({ [name]: String(min) }).attemptLimits[field]).toBe(min);
      expect(load({ [name]: String(max) }).attemptLimits[field]).toBe(max);
      for (const bad of ["abc", "0", String(max + 1), "2.5", "-3", "NaN", "Infinity"]) {
        expect(problems({ [name]: bad })).toEqual([
          `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(bad)})`,
        ]);
      }
    });

    it("PRIVET_ATTEMPTS_PER_IP=abc is refused, not a limit of NaN that lets everything through", () => {
      expect(problems({ PRIVET_ATTEMPTS_PER_IP: "abc" })).toEqual([
        'PRIVET_ATTEMPTS_PER_IP must be a whole number from 1 to 10000 (got "abc")',
      ]);
    });
  });

  describe("SMTP_URL", () => {
    it("takes an smtp:// or smtps:// URL", () => {
      expect(load({ SMTP_URL: "smtp://user:pw@mail.example.com:587" }).smtpUrl).toBe(
        "smtp://user:pw@mail.example.com:587",
      );
      expect(load({ SMTP_URL: "smtps://mail.example.com" }).smtpUrl).toBe(
        "smtps://mail.example.com",
      );
    });
    it("refuses anything else without printing it (it may hold a password)", () => {
      const [message = ""] = problems({ SMTP_URL: "http://user:hunter2@mail.example.com" });
      expect(message).toMatch(/^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
      expect(message).not.toContain("hunter2");
    });
  });

  describe("PRIVET_PORTAL_URL and PRIVET_API_URL", () => {
    it("take http(s) addresses, without the trailing slash", () => {
      const config = load({
        PRIVET_PORTAL_URL: "https://privacy.example.com/",
        PRIVET_API_URL: "https://api.example.com/privet/",
      });
      expect(config.portalUrl).toBe("https://privacy.example.com");
      expect(config.apiUrl).toBe("https://api.example.com/privet");
    });
    it.each([
      ["PRIVET_PORTAL_URL", "privacy.example.com"],
      ["PRIVET_API_URL", "ftp://api.example.com"],
      ["PRIVET_API_URL", "https://api.example.com/?x=1"],
    ])("%s refuses %j", (name, value) => {
      expect(problems({ [name]: value })).toEqual([
        `${name} must be an http:// or https:// address such as https://privacy.example.com (got ${JSON.stringify(value)})`,
      ]);
    });
  });

  describe("PRIVET_MAIL_FROM", () => {
    it("takes an address, alone or with a name", () => {
      expect(load({ PRIVET_MAIL_FROM: "Acme Privacy <privacy@acme.example>" }).mailFrom).toBe(
        "Acme Privacy <privacy@acme.example>",
      );
      expect(load({ PRIVET_MAIL_FROM: "privacy@acme.example" }).mailFrom).toBe(
        "privacy@acme.example",
      );
    });
    it.each(["Acme Privacy", "privacy@acme.example\r\nBcc: x@evil.example"])(
      "refuses %j",
      (value) => {
        expect(problems({ PRIVET_MAIL_FROM: value })[0]).toMatch(
          /^PRIVET_MAIL_FROM must be an email address, alone or as Name <address>/,
        );
      },
    );
  });

  describe("PRIVET_FAST_PASSWORD_HASHING", () => {
    it("gives cheap hashes only to a database in memory", () => {
      expect(load({}).passwordHashing).toEqual(PASSWORD_HASHING);
      expect(load({ PRIVET_FAST_PASSWORD_HASHING: "1" }).passwordHashing).toEqual(
        THROWAWAY_PASSWORD_HASHING,
      );
      expect(load({ PRIVET_FAST_PASSWORD_HASHING: "0" }).passwordHashing).toEqual(PASSWORD_HASHING);
    });
    it("is refused for a database that keeps its data, and in production", () => {
      const refusal =
        "PRIVET_FAST_PASSWORD_HASHING=1 is accepted only with PRIVET_DATA_DIR=memory:// outside production: its cheap hashes are for a database that dies with the process (tests)";
      const folder = mkdtempSync(join(tmpdir(), "privet-config-"));
      try {
        expect(
          problems({
            PRIVET_FAST_PASSWORD_HASHING: "1",
            PRIVET_DATA_DIR: join(folder, "pglite"),
            PRIVET_SECRET: "x".repeat(32),
          }),
        ).toEqual([refusal]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      expect(
        problems({
          PRIVET_FAST_PASSWORD_HASHING: "1",
          DATABASE_URL: "postgresql://localhost/privet",
          PRIVET_SECRET: "x".repeat(32),
        }),
      ).toEqual([refusal]);
      expect(
        problems({
          PRIVET_FAST_PASSWORD_HASHING: "1",
          NODE_ENV: "production",
          PRIVET_SECRET: "x".repeat(32),
        }),
      ).toEqual([refusal]);
      expect(problems({ PRIVET_FAST_PASSWORD_HASHING: "yes" })).toEqual([
        'PRIVET_FAST_PASSWORD_HASHING must be 0 or 1 (got "yes")',
      ]);
    });
  });

  describe("PRIVET_LOG and PRIVET_DEBUG (read where they act; checked here)", () => {
    it("take silent, and 0 or 1", () => {
      expect(() => load({ PRIVET_LOG: "silent", PRIVET_DEBUG: "1" })).not.toThrow();
    });
    it("refuse anything else", () => {
      expect(problems({ PRIVET_LOG: "quiet", PRIVET_DEBUG: "yes" })).toEqual([
        'PRIVET_LOG must be silent or unset (got "quiet")',
        'PRIVET_DEBUG must be 0 or 1 (got "yes")',
      ]);
    });
  });

  it("refuses webhooks to private addresses in production unless told otherwise", () => {
    const secret = { PRIVET_SECRET: "s".repeat(32) };
    expect(load({}).webhookPrivateAddresses).toBe("allow");
    expect(load({ NODE_ENV: "production", ...secret }).webhookPrivateAddresses).toBe("refuse");
    expect(
      load({ NODE_ENV: "production", ...secret, PRIVET_WEBHOOK_PRIVATE_ADDRESSES: "allow" })
        .webhookPrivateAddresses,
    ).toBe("allow");
    expect(load({ PRIVET_WEBHOOK_PRIVATE_ADDRESSES: "refuse" }).webhookPrivateAddresses).toBe(
      "refuse",
    );
    expect(problems({ PRIVET_WEBHOOK_PRIVATE_ADDRESSES: "yes" })).toEqual([
      'PRIVET_WEBHOOK_PRIVATE_ADDRESSES must be refuse or allow (got "yes")',
    ]);
  });

  it("serves the built front ends only with PRIVET_SERVE_FRONT_ENDS=1, on their own ports", () => {
    expect(load({}).frontEnds).toBeUndefined();
    expect(load({ PRIVET_SERVE_FRONT_ENDS: "0", PRIVET_PORTAL_PORT: "6000" }).frontEnds).toBe(
      undefined,
    );
    expect(load({ PRIVET_SERVE_FRONT_ENDS: "1" }).frontEnds).toEqual({
      portalPort: 5173,
      consolePort: 5174,
    });
    expect(
      load({
        PRIVET_SERVE_FRONT_ENDS: "1",
        PRIVET_PORTAL_PORT: "8081",
        PRIVET_CONSOLE_PORT: "8082",
      }).frontEnds,
    ).toEqual({ portalPort: 8081, consolePort: 8082 });
    expect(problems({ PRIVET_SERVE_FRONT_ENDS: "yes" })).toEqual([
      expect.stringContaining("PRIVET_SERVE_FRONT_ENDS"),
    ]);
    expect(problems({ PRIVET_SERVE_FRONT_ENDS: "1", PRIVET_PORTAL_PORT: "70000" })).toEqual([
      'PRIVET_PORTAL_PORT must be a whole number from 0 to 65535 (got "70000")',
    ]);
  });

  it("reports every wrong setting at once, one line each", () => {
    let error: unknown;
    try {
      load({ PORT: "x", PRIVET_ATTEMPTS_PER_IP: "abc", PRIVET_TRUST_PROXY: "true" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
    expect((error as Error).message).toMatch(/^3 settings are wrong:\n {2}- PORT must be/);
  });

  it("keeps its documented defaults in one place", () => {
    expect(DEFAULTS.attemptLimits).toEqual({
      perIp: 50,
      registrationsPerIp: 20,
      failuresBeforeDelay: 5,
      perDevice: 10,
    });
  });
});
