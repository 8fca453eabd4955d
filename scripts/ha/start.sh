#!/usr/bin/env bash
# Starts a pg_auto_failover cluster on loopback: a monitor and two PostgreSQL data nodes with
# synchronous replication, so a commit is acknowledged only once it is on both nodes and a
# failover loses nothing acknowledged. Prints the multi-host URL Privet connects with.
#
#   scripts/ha/start.sh [base-dir]        (default /tmp/privet-ha)
#   PRIVET_HA_MONITOR_PORT / PRIVET_HA_NODE1_PORT / PRIVET_HA_NODE2_PORT   (4850 / 4851 / 4852)
#   PRIVET_HA_DBNAME (privet)             PRIVET_HA_TIMEOUT seconds to wait (180)
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
