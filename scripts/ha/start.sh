#!/usr/bin/env bash
# Starts a pg_auto_failover cluster on loopback: a monitor and two PostgreSQL data nodes with
# synchronous replication, so a commit is acknowledged only once it is on both nodes and a
# failover loses nothing acknowledged. Prints the multi-host URL Privet connects with.
#
#   scripts/ha/start.sh [base-dir]        (default /tmp/privet-ha)
#   PRIVET_HA_MONITOR_PORT / PRIVET_HA_NODE1_PORT / PRIVET_HA_NODE2_PORT   (4850 / 4851 / 4852)
#   PRIVET_HA_DBNAME (privet)             PRIVET_HA_TIMEOUT seconds to wait (180)
#
# Failover timing (see "Failover timing" below for why these values and the rule they keep):
#   monitor (milliseconds)                             default here   pg_auto_failover's
#   PRIVET_HA_HEALTH_CHECK_PERIOD_MS                   2000           5000
#   PRIVET_HA_HEALTH_CHECK_TIMEOUT_MS                  2000           5000
#   PRIVET_HA_HEALTH_CHECK_MAX_RETRIES (a count)       2              2
#   PRIVET_HA_HEALTH_CHECK_RETRY_DELAY_MS              1000           2000
#   PRIVET_HA_UNHEALTHY_TIMEOUT_MS                     10000          20000
#   PRIVET_HA_DEMOTE_TIMEOUT_MS                        20000          30000
#   keepers (seconds)
#   PRIVET_HA_NETWORK_PARTITION_TIMEOUT_S              5              20
#   PRIVET_HA_RESTART_FAILURE_TIMEOUT_S                10             20
#   PRIVET_HA_RESTART_FAILURE_MAX_RETRIES (a count)    3              3
# start.sh refuses values that break the rule (exit 2). They are applied on every start, also to
# an existing cluster, so changing one and running start.sh again retunes a running cluster.
#
# Needs Debian's postgresql-15-auto-failover (pg_autoctl). pg_autoctl refuses to run as root:
# run as root, it runs everything as the `postgres` user. Auth is trust on 127.0.0.1 only, and
# PostgreSQL listens on 127.0.0.1 only: this is a cluster for one machine (tests, trying it out).
# Stop it with scripts/ha/stop.sh [base-dir]. Only the URL goes to stdout; progress to stderr.
set -euo pipefail

base=${1:-${PRIVET_HA_DIR:-/tmp/privet-ha}}
monitor_port=${PRIVET_HA_MONITOR_PORT:-4850}
node1_port=${PRIVET_HA_NODE1_PORT:-4851}
node2_port=${PRIVET_HA_NODE2_PORT:-4852}
dbname=${PRIVET_HA_DBNAME:-privet}
timeout=${PRIVET_HA_TIMEOUT:-180}

say() { echo "ha: $*" >&2; }

# ---- Failover timing -------------------------------------------------------------------------
# pg_auto_failover's defaults make a lost primary cost ~51 s of writes (bench/RESULTS.md,
# "Failover"): ~20 s before the monitor calls the primary unhealthy, then 30 s of
# primary_demote_timeout while the standby, already promoted, stays read-only. The defaults are
# for slow, distant networks; these are shorter, and keep the two rules that make a failover safe.
#
# How a failover goes (pg_auto_failover 2.0, src/monitor and src/bin/pg_autoctl):
#  1. A keeper reports to the monitor every 5 s (PG_AUTOCTL_KEEPER_SLEEP_TIME, compiled in). The
#     monitor calls the primary unhealthy once it has not reported for
#     node_considered_unhealthy_timeout AND the monitor's own health check failed (a connection
#     attempt every health_check_period, health_check_timeout each, health_check_max_retries
#     more tries health_check_retry_delay apart).
#  2. The standby goes prepare_promotion, then stop_replication: it promotes itself but sets
#     default_transaction_read_only, so no target_session_attrs=read-write client writes to it.
#     The old primary goes demote_timeout; from then on the monitor waits primary_demote_timeout.
#  3. Only then is the standby set to wait_primary and opens for writes.
#  Meanwhile a primary that is alive but cut off (the monitor failed over because it could not
#  see it) finds, at each keeper round, that it reaches neither the monitor nor a standby (the
#  standby promoted in 2 has left pg_stat_replication); after timeout.network_partition_timeout
#  of that it stops its PostgreSQL itself to prevent a split brain.
#
# Rule 1 (no split brain): the demote timeout must outlast the cut-off primary's self-demotion,
#     primary_demote_timeout > network_partition_timeout + one keeper round + PostgreSQL's stop.
#   pg_auto_failover's documentation states it as demote > partition timeout (30 s > 20 s by
#   default; the 10 s between cover the rest). A keeper round with an unreachable monitor is
#   about 10 s (5 s of waiting or of a first connection attempt, then 5 s of connection timeout,
#   POSTGRES_CONNECT_TIMEOUT), and a fast shutdown of PostgreSQL takes a second or two. The
#   tight case is a primary cut off from the monitor only: it still sees its standby until the
#   standby promotes, the moment the demote timeout starts. Here 20 s leaves 15 s over the 5 s
#   partition timeout, more than the defaults' 10 s; start.sh refuses less than 10 s.
#   With synchronous replication the cut-off primary cannot acknowledge a commit anyway (its
#   only standby left), so the rule guards against stale reads and commits whose wait a client
#   cancelled; it is kept all the same.
# Rule 2 (no failover of a live primary): node_considered_unhealthy_timeout must exceed the
#   keepers' 5 s reporting period; 10 s lets one report be missed. A failover also needs the
#   monitor's own health check to fail, so a slow keeper alone never triggers one. The health
#   check's 2 s connection timeout suits loopback or a LAN; raise it for a slower network.
# A network partition timeout of 5 s is short but cheap: the primary demotes itself only when it
# reaches neither the monitor nor its synchronous standby, and then it could commit nothing anyway.
# timeout.postgresql_restart_failure_timeout: how long a primary's keeper keeps restarting a
#   crashed PostgreSQL before it tells the monitor it is down (10 s: a restart takes ~1 s here).
# Not set: timeout.prepare_promotion_catchup and timeout.prepare_promotion_walreceiver, which
#   pg_auto_failover 2.0 reads but does not use (fsm_prepare_standby_for_promotion returns at
#   once: it supports synchronous replication only), and startup_grace_period (10 s after the
#   monitor starts, no failover), which does not bear on a running cluster.
# Expected: ~10 s (unhealthy) + ~2 s (transitions) + 20 s (demote) ~= 32 s of writes lost to a
# kill -9 of the primary, from 51 s. Lower still means a shorter demote timeout, and so a shorter
# partition timeout and a primary more ready to shut itself down: choose for your network.
health_check_period_ms=${PRIVET_HA_HEALTH_CHECK_PERIOD_MS:-2000}
health_check_timeout_ms=${PRIVET_HA_HEALTH_CHECK_TIMEOUT_MS:-2000}
health_check_max_retries=${PRIVET_HA_HEALTH_CHECK_MAX_RETRIES:-2}
health_check_retry_delay_ms=${PRIVET_HA_HEALTH_CHECK_RETRY_DELAY_MS:-1000}
unhealthy_timeout_ms=${PRIVET_HA_UNHEALTHY_TIMEOUT_MS:-10000}
demote_timeout_ms=${PRIVET_HA_DEMOTE_TIMEOUT_MS:-20000}
network_partition_timeout_s=${PRIVET_HA_NETWORK_PARTITION_TIMEOUT_S:-5}
restart_failure_timeout_s=${PRIVET_HA_RESTART_FAILURE_TIMEOUT_S:-10}
restart_failure_max_retries=${PRIVET_HA_RESTART_FAILURE_MAX_RETRIES:-3}

for pair in "PRIVET_HA_HEALTH_CHECK_PERIOD_MS=$health_check_period_ms" \
  "PRIVET_HA_HEALTH_CHECK_TIMEOUT_MS=$health_check_timeout_ms" \
  "PRIVET_HA_HEALTH_CHECK_MAX_RETRIES=$health_check_max_retries" \
  "PRIVET_HA_HEALTH_CHECK_RETRY_DELAY_MS=$health_check_retry_delay_ms" \
  "PRIVET_HA_UNHEALTHY_TIMEOUT_MS=$unhealthy_timeout_ms" \
  "PRIVET_HA_DEMOTE_TIMEOUT_MS=$demote_timeout_ms" \
  "PRIVET_HA_NETWORK_PARTITION_TIMEOUT_S=$network_partition_timeout_s" \
  "PRIVET_HA_RESTART_FAILURE_TIMEOUT_S=$restart_failure_timeout_s" \
  "PRIVET_HA_RESTART_FAILURE_MAX_RETRIES=$restart_failure_max_retries"; do
  if ! [[ ${pair#*=} =~ ^[1-9][0-9]{0,8}$ ]]; then
    say "${pair%%=*} must be a positive whole number (got '${pair#*=}')"
    exit 2
  fi
done
# Rule 1, with 10 s for a keeper round and PostgreSQL's stop.
if ((demote_timeout_ms < network_partition_timeout_s * 1000 + 10000)); then
  say "PRIVET_HA_DEMOTE_TIMEOUT_MS (${demote_timeout_ms} ms) must be at least 10 s longer than" \
    "PRIVET_HA_NETWORK_PARTITION_TIMEOUT_S (${network_partition_timeout_s} s): a cut-off primary" \
    "could still be taking writes when its standby opens for them (split brain)"
  exit 2
fi
# Rule 2: more than one keeper report period (5 s).
if ((unhealthy_timeout_ms <= 5000)); then
  say "PRIVET_HA_UNHEALTHY_TIMEOUT_MS (${unhealthy_timeout_ms} ms) must exceed the keepers'" \
    "5 s reporting period, or a live primary could be failed over"
  exit 2
fi

if ! command -v pg_autoctl >/dev/null 2>&1; then
  say "pg_autoctl is not installed (Debian: apt-get install postgresql-15-auto-failover)"
  exit 3
fi
pgbin=$(dirname "$(readlink -f "$(command -v pg_autoctl)")")
[ -x "$pgbin/pg_ctl" ] || pgbin=/usr/lib/postgresql/15/bin
export PATH="$pgbin:$PATH"

mkdir -p "$base"
# pg_autoctl keeps its state and pid files under the XDG folders: keep them in the base folder,
# so that stop.sh removes everything and two clusters in two folders never meet.
as_owner() {
  local env=(env "PATH=$PATH" "XDG_CONFIG_HOME=$base/xdg/config" "XDG_DATA_HOME=$base/xdg/data"
    "XDG_RUNTIME_DIR=$base/xdg/run" "PG_REGRESS_SOCK_DIR=$base/sock" "PGHOST=$base/sock")
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "${env[@]}" "$@"
  else
    "${env[@]}" "$@"
  fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$base"; fi
as_owner mkdir -p "$base/xdg/config" "$base/xdg/data" "$base/xdg/run" "$base/sock" "$base/logs"

monitor_url="postgres://autoctl_node@127.0.0.1:$monitor_port/pg_auto_failover?sslmode=disable"

# Runs `pg_autoctl run` for a node in the background, its log in logs/<name>.log.
run_node() {
  local name=$1
  if as_owner pg_autoctl status --pgdata "$base/$name" >/dev/null 2>&1; then
    say "$name already running"
    return
  fi
  as_owner sh -c "nohup pg_autoctl run --pgdata '$base/$name' >>'$base/logs/$name.log' 2>&1 &"
}


if [ ! -f "$base/monitor/PG_VERSION" ]; then
  say "creating the monitor on 127.0.0.1:$monitor_port"
  as_owner pg_autoctl create monitor --pgdata "$base/monitor" --pgport "$monitor_port" \
    --hostname 127.0.0.1 --auth trust --no-ssl >>"$base/logs/create.log" 2>&1
  # `create monitor` has no --listen: it would listen on every address ('*').
  as_owner pg_autoctl config set --pgdata "$base/monitor" postgresql.listen_addresses 127.0.0.1 \
    >>"$base/logs/create.log" 2>&1
fi
run_node monitor
for _ in $(seq 1 "$timeout"); do
  pg_isready -q -h 127.0.0.1 -p "$monitor_port" && break
  sleep 1
done

# The monitor's timing: GUCs of its pgautofailover extension (reloadable), kept in
# postgresql.auto.conf by ALTER SYSTEM, as the superuser over the monitor's own socket.
say "monitor timing: unhealthy after ${unhealthy_timeout_ms} ms, demote timeout ${demote_timeout_ms} ms"
as_owner psql -X -q -v ON_ERROR_STOP=1 -h "$base/sock" -p "$monitor_port" -d pg_auto_failover \
  >>"$base/logs/create.log" 2>&1 <<SQL
ALTER SYSTEM SET pgautofailover.health_check_period = $health_check_period_ms;
ALTER SYSTEM SET pgautofailover.health_check_timeout = $health_check_timeout_ms;
ALTER SYSTEM SET pgautofailover.health_check_max_retries = $health_check_max_retries;
ALTER SYSTEM SET pgautofailover.health_check_retry_delay = $health_check_retry_delay_ms;
ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = $unhealthy_timeout_ms;
ALTER SYSTEM SET pgautofailover.primary_demote_timeout = $demote_timeout_ms;
SELECT pg_reload_conf();
SQL

# A keeper's timing: its own configuration file (`config set` reloads a running keeper).
configure_keeper() {
  local name=$1 key value
  for key in network_partition_timeout=$network_partition_timeout_s \
    postgresql_restart_failure_timeout=$restart_failure_timeout_s \
    postgresql_restart_failure_max_retries=$restart_failure_max_retries; do
    value=${key#*=}
    as_owner pg_autoctl config set --pgdata "$base/$name" "timeout.${key%%=*}" "$value" \
      >>"$base/logs/create.log" 2>&1
  done
}

create_node() {
  local name=$1 port=$2
  if [ ! -f "$base/$name/PG_VERSION" ]; then
    say "creating $name on 127.0.0.1:$port"
    # replication-quorum: this node counts for synchronous commit (the default, said here on
    # purpose: it is what makes an acknowledged commit be on both nodes).
    as_owner pg_autoctl create postgres --pgdata "$base/$name" --pgport "$port" \
      --listen 127.0.0.1 --hostname 127.0.0.1 --name "$name" --dbname "$dbname" \
      --auth trust --no-ssl --monitor "$monitor_url" --replication-quorum true \
      --candidate-priority 50 >>"$base/logs/create.log" 2>&1
  fi
  configure_keeper "$name"
  run_node "$name"
}

# The first node becomes the primary; the second is cloned from it as its standby.
create_node node1 "$node1_port"
for _ in $(seq 1 "$timeout"); do
  pg_isready -q -h 127.0.0.1 -p "$node1_port" && break
  sleep 1
done
create_node node2 "$node2_port"

# Up means one node in state primary (synchronous replication on) and one in secondary.
say "waiting for a primary and a synchronous secondary"
states() {
  psql -X -qAt -h 127.0.0.1 -p "$monitor_port" -U autoctl_node -d pg_auto_failover -c \
    "select string_agg(reportedstate::text, ',' order by reportedstate::text)
       from pgautofailover.node where reportedstate = goalstate" 2>/dev/null || true
}
up=""
for _ in $(seq 1 "$timeout"); do
  if [ "$(states)" = "primary,secondary" ]; then up=yes; break; fi
  sleep 1
done
if [ -z "$up" ]; then
  say "the cluster did not come up within ${timeout}s (states: $(states)); logs in $base/logs"
  exit 1
fi

echo "postgresql://postgres@127.0.0.1:$node1_port,127.0.0.1:$node2_port/$dbname?target_session_attrs=read-write"
