#!/usr/bin/env bash
# Service reads: GET /v1/health/service/web?passing with 1,000 registered instances, wrk at c=16/64,
# keep-alive — beside ../shared/bench/http_bench.sh's bare Jetty hello endpoint (the HTTP ceiling).
# Dev agent on 127.0.0.106. usage: health_reads_bench.sh   (RUNS=3 x DUR=5s per figure)
set -u
DUR=${DUR:-5}; INSTANCES=${INSTANCES:-1000}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED_BENCH:-$HERE/../../shared/bench}
source "$SHARED/lib/common.sh"
apt_need wrk curl
CAIRN=${CAIRN_HOME:-$HERE/../karaf-distro/target/assembly}/bin/cairn
D=$(mktemp -d /tmp/cairn-readbench.XXXX); PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT
IP=127.0.0.106
CAIRN_MAX_MEM=${CAIRN_MAX_MEM:-512m} "$CAIRN" agent -dev -bind $IP -client $IP -log-level=warn >"$D/agent.log" 2>&1 & PID=$!
for _ in $(seq 1 600); do grep -aq "agent running" "$D/agent.log" && break; sleep 0.1; done
for i in $(seq 1 "$INSTANCES"); do
  printf '{"Node":"n%d","Address":"10.%d.%d.%d","Service":{"ID":"web-%d","Service":"web","Port":8080,"Tags":["v1"]},"Check":{"CheckID":"web-%d","Name":"web","Status":"passing","ServiceID":"web-%d"}}' \
    "$i" $((i/65536%256)) $((i/256%256)) $((i%256)) "$i" "$i" "$i" > "$D/r.json"
  curl -s -X PUT "http://$IP:8500/v1/catalog/register" --data-binary @"$D/r.json" >/dev/null
done
n=$(curl -s "http://$IP:8500/v1/health/service/web?passing" | grep -o '"ServiceID"' | wc -l)
echo "  # /v1/health/service/web?passing answers $n instances, $(curl -s "http://$IP:8500/v1/health/service/web?passing" | wc -c) bytes"
URL="http://$IP:8500/v1/health/service/web?passing"
wrk -t2 -c64 -d3s "$URL" >/dev/null 2>&1   # warm-up / JIT
for c in 16 64; do
  wait_quiet || true
  for r in $(seq "$RUNS"); do measured wrk_once -t2 -c$c -d${DUR}s "$URL"; done | median_report "cairn health/service?passing ($INSTANCES inst) c=$c"
done
