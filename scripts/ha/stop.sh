#!/usr/bin/env bash
# Stops the cluster scripts/ha/start.sh started in the same base folder and deletes the folder
# (keep it with PRIVET_HA_KEEP=1).   scripts/ha/stop.sh [base-dir]   (default /tmp/privet-ha)
set -uo pipefail
base=${1:-${PRIVET_HA_DIR:-/tmp/privet-ha}}
[ -d "$base" ] || exit 0
pgbin=$(dirname "$(readlink -f "$(command -v pg_autoctl || echo /usr/bin/pg_autoctl)")")
export PATH="$pgbin:/usr/lib/postgresql/15/bin:$PATH"

as_owner() {
  local env=(env "PATH=$PATH" "XDG_CONFIG_HOME=$base/xdg/config" "XDG_DATA_HOME=$base/xdg/data"
    "XDG_RUNTIME_DIR=$base/xdg/run" "PG_REGRESS_SOCK_DIR=$base/sock" "PGHOST=$base/sock")
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "${env[@]}" "$@"; else "${env[@]}" "$@"; fi
}

# The data nodes first, then the monitor; `--immediate`: nothing here is worth a clean checkpoint.
for name in node2 node1 monitor; do
  [ -d "$base/$name" ] || continue
  as_owner pg_autoctl stop --pgdata "$base/$name" --immediate >/dev/null 2>&1 || true
done
# Whatever did not stop (a node a test killed the supervisor of): its postmaster, by pid file.
for name in node2 node1 monitor; do
  pidfile="$base/$name/postmaster.pid"
  [ -f "$pidfile" ] || continue
  pid=$(head -n 1 "$pidfile")
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
done
[ "${PRIVET_HA_KEEP:-}" = 1 ] || rm -rf "$base"
