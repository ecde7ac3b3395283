#!/usr/bin/env bash
# KV PUT throughput and latency through Cairn's HTTP API, 256-byte values, closed loop with
# wrk at c=1/16/64 — the load shape of ../shared/bench/etcd_bench.sh and zk_bench.sh, so the
# figures sit beside theirs. usage: kv_bench.sh [SERVERS=1|3]   (agents on 127.0.0.101-103)
# Needs the built distribution; uses the shared bench helpers (median of RUNS, foreign CPU).
set -u
SERVERS=${1:-3}; DUR=${DUR:-7}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED_BENCH:-$HERE/../../shared/bench}
source "$SHARED/lib/common.sh"
apt_need wrk curl
CAIRN=${CAIRN_HOME:-$HERE/../karaf-distro/target/assembly}/bin/cairn
DATA=$(mktemp -d /tmp/cairn-kvbench.XXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT
joins=()
for i in $(seq 1 "$SERVERS"); do joins+=("-retry-join=127.0.0.10$i"); done
for i in $(seq 1 "$SERVERS"); do
  if [ "$SERVERS" = 1 ]; then mode=(-bootstrap); else mode=(-bootstrap-expect="$SERVERS" "${joins[@]}"); fi
  CAIRN_MAX_MEM=${CAIRN_MAX_MEM:-512m} "$CAIRN" agent -server "${mode[@]}" -node="bench$i" -bind="127.0.0.10$i" \
     -client="127.0.0.10$i" -data-dir="$DATA/s$i" -log-level=warn >"$DATA/s$i.log" 2>&1 &
  pids+=($!)
done
# the leader answers writes without a forwarding hop: load it, as the etcd script loads its
# leader; asked again before every figure, and a leader change during a figure is reported
leader_now() { curl -s -m 1 http://127.0.0.101:8500/v1/status/leader | tr -d '"' | cut -d: -f1; }
leader=""
for _ in $(seq 1 600); do
  leader=$(leader_now); [ -n "$leader" ] && break; sleep 0.1
done
[ -n "$leader" ] || { echo "no leader; logs in $DATA" >&2; exit 1; }
URL=http://$leader:8500
curl -s -X PUT "$URL/v1/kv/k0000000" --data-binary "$(printf 'v%.0s' $(seq 1 256))" >/dev/null
# warm-up: the servers' JIT compiles for ~50 s of writes before it settles (measured with
# jstat -compiler: 21 s of compile time in the first 10 s at c=64, ~1 s per 10 s after a minute)
wrk -t2 -c64 -d"${WARMUP:-60}"s -s "$HERE/kv_put.lua" "$URL" >/dev/null 2>&1
tag="cairn servers=$SERVERS"
fig() { local label=$1; shift; wait_quiet || true
  leader=$(leader_now); URL=http://$leader:8500
  for r in $(seq "$RUNS"); do measured wrk_once "$@" "$URL"; done | median_report "$tag $label"
  [ "$(leader_now)" = "$leader" ] || echo "  (the leader changed during \"$label\": $leader -> $(leader_now))"; }
fig "put c=1 (sequential)"  -t1 -c1  -d${DUR}s -s "$HERE/kv_put.lua"
fig "put c=16"              -t2 -c16 -d${DUR}s -s "$HERE/kv_put.lua"
fig "put c=64"              -t2 -c64 -d${DUR}s -s "$HERE/kv_put.lua"
fig "get c=64 (leader)"     -t2 -c64 -d${DUR}s -s "$HERE/kv_get.lua"
