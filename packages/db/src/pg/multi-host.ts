/**
 * Multi-host PostgreSQL URLs for a cluster with failover (scripts/ha, pg_auto_failover):
 * `postgresql://user@host1:5432,host2:5432/db?target_session_attrs=read-write`, as libpq and
 * psql take them. node-postgres does not parse such a URL (it throws "Invalid URL") and has no
 * target_session_attrs, so this file does what libpq would: every new pooled connection goes
 * to the host that is the primary now. The pool's connections to a primary that died fail and
 * leave the pool (pg-pool drops a client whose connection ended); the next ones it opens find
 * the promoted standby, so Privet follows a failover without a restart.
 */
import pg from "pg";

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface MultiHostUrl {
  readonly hosts: readonly HostPort[];
  /** Everything but the hosts: user, password, database, the other query parameters. */
  readonly config: pg.ClientConfig;
}

/** The hosts of a URL with more than one, or null for an ordinary one-host URL. */
export function parseMultiHostUrl(url: string): MultiHostUrl | null {
  const match = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^/?]*)(.*)$/.exec(url);
  if (!match) return null;
  const [, scheme, userInfo, hostList = "", rest = ""] = match;
  if (!hostList.includes(",")) return null;
  const hosts = hostList.split(",").map((entry): HostPort => {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const [host, port] = bracketed
      ? [bracketed[1] ?? "", bracketed[2]]
      : [entry.split(":")[0] ?? "", entry.split(":")[1]];
    return { host: decodeURIComponent(host), port: port ? Number(port) : 5432 };
  });
  // The rest is an ordinary URL once one host stands in for the list.
  const single = new URL(`${scheme}${userInfo ? `${userInfo}@` : ""}placeholder${rest}`);
  const attrs = single.searchParams.get("target_session_attrs");
  if (attrs && attrs !== "read-write" && attrs !== "primary") {
    throw new Error(
      `DATABASE_URL: target_session_attrs=${attrs} is not supported; Privet writes, so it needs read-write`,
    );
  }
  single.searchParams.delete("target_session_attrs");
  return { hosts, config: clientConfigOf(single) };
}

/** The user, password, database and the parameters Privet's URLs use; never the host. */
function clientConfigOf(parsed: URL): pg.ClientConfig {
  const config: Record<string, unknown> = {
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: parsed.pathname.length > 1 ? decodeURIComponent(parsed.pathname.slice(1)) : undefined,
  };
  for (const [key, value] of parsed.searchParams) {
    if (key === "sslmode") config.ssl = value === "disable" ? false : { rejectUnauthorized: false };
    else if (key === "application_name") config.application_name = value;
    else if (key === "connect_timeout") config.connectionTimeoutMillis = Number(value) * 1000;
    else if (key === "options") config.options = value;
    // Anything else libpq knows (keepalives, channel_binding…) node-postgres has no use for.
  }
  for (const key of Object.keys(config)) if (config[key] === undefined) delete config[key];
  return config as pg.ClientConfig;
}

/**
 * The pool settings for a DATABASE_URL: the URL itself when it names one host; for several, a
 * client class that connects each new connection to the current primary.
 */
export function poolConfigFor(url: string): pg.PoolConfig {
  const multi = parseMultiHostUrl(url);
  if (!multi) return { connectionString: url };
  return {
    ...multi.config,
    connectionTimeoutMillis: multi.config.connectionTimeoutMillis ?? 10_000,
    Client: primaryClientClass(multi),
  };
}

/** Raised when no host answers as a primary: the cluster is failing over, or down. */
export class NoPrimaryError extends Error {
  readonly code = "DATABASE_UNAVAILABLE";
  constructor(hosts: readonly HostPort[]) {
    super(
      `No PostgreSQL primary among ${hosts.map(({ host, port }) => `${host}:${port}`).join(", ")}`,
    );
    this.name = "NoPrimaryError";
  }
}

/**
 * A pg.Client whose connect() first asks each host, the last primary seen first, whether it
 * takes writes (not in recovery, not read-only), and then connects to the first that does.
 * The question is asked on a short connection of its own: a pg.Client connects once only.
 */
function primaryClientClass(multi: MultiHostUrl): typeof pg.Client {
  let lastPrimary = 0;
  const probeTimeout = multi.config.connectionTimeoutMillis ?? 5_000;

  async function isPrimary({ host, port }: HostPort): Promise<boolean> {
    const probe = new pg.Client({
      ...multi.config,
      host,
      port,
      connectionTimeoutMillis: probeTimeout,
    });
    probe.on("error", () => {});
    try {
      await probe.connect();
      // libpq's read-write test, and recovery besides: a standby pg_auto_failover has just
      // promoted stays read-only (stop_replication) until the old primary is known demoted.
      const { rows } = await probe.query<{ standby: boolean; readOnly: string }>(
        `SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') AS "readOnly"`,
      );
      return rows[0]?.standby === false && rows[0]?.readOnly === "off";
    } catch {
      return false;
    } finally {
      await probe.end().catch(() => {});
    }
  }

  async function findPrimary(): Promise<HostPort> {
    const order = multi.hosts.map((_, i) => (lastPrimary + i) % multi.hosts.length);
    for (const index of order) {
      const candidate = multi.hosts[index];
      if (candidate && (await isPrimary(candidate))) {
        lastPrimary = index;
        return candidate;
      }
    }
    throw new NoPrimaryError(multi.hosts);
  }

  return class PrimaryClient extends pg.Client {
    // pg-pool calls connect(callback); Prisma's adapter and tests, connect().
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error) => void): void;
    override connect(callback?: (err: Error) => void): Promise<pg.Client> | undefined {
      const connected = findPrimary().then(({ host, port }) => {
        // pg.Client reads these two in connect(): the host list is resolved here, not in
        // the constructor, so a connection opened after a failover reaches the new primary.
        this.host = host;
        this.port = port;
        return super.connect();
      });
      if (!callback) return connected;
      connected.then(
        () => callback(undefined as unknown as Error),
        (error: Error) => callback(error),
      );
      return undefined;
    }
  };
}
