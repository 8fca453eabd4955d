#!/usr/bin/env bash
# Simulates losing a data node outright: `kill -9` of its pg_autoctl keeper (without it, the
# keeper would restart PostgreSQL on the same node within seconds and no failover would be
# seen), then `kill -9` of its PostgreSQL postmaster, found from the data folder's
# postmaster.pid. The monitor notices the node is gone and promotes the standby.
#
#   scripts/ha/kill-node.sh <base-dir> <node1|node2>     prints the postmaster's pid
set -euo pipefail
base=$1
name=$2
pgdata="$base/$name"
run="$base/xdg/run/pg_autoctl$pgdata"
[ -f "$pgdata/postmaster.pid" ] || { echo "ha: $pgdata has no running PostgreSQL" >&2; exit 1; }
for pidfile in "$run"/pg_autoctl.pid "$run"/pg_autoctl_*.pid; do
  [ -f "$pidfile" ] || continue
  kill -9 "$(head -n 1 "$pidfile")" 2>/dev/null || true
done
postmaster=$(head -n 1 "$pgdata/postmaster.pid")
kill -9 "$postmaster"
echo "$postmaster"
