#!/usr/bin/env bash
# Registration to DNS across agents: a server on 127.0.0.107 and a client agent on 127.0.0.108
# (joined to it; its DNS reads the catalog through server RPC). N times: register service
# svc-i on the server (PUT /v1/catalog/register), then poll the *client's* DNS for
# svc-i.service.consul until it answers; prints each delay (ms) and p50/p99.
# usage: dns_propagation.sh [N=50]   (dig's own start-up, ~2-5 ms, is included in every figure)
set -u
N=${1:-50}
HERE=$(cd "$(dirname "$0")" && pwd)
CAIRN=${CAIRN_HOME:-$HERE/../karaf-distro/target/assembly}/bin/cairn
D=$(mktemp -d /tmp/cairn-dnsprop.XXXX); pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT
S=127.0.0.107; C=127.0.0.108
"$CAIRN" agent -server -bootstrap -node=prop-server -bind=$S -client=$S -data-dir="$D/s" -log-level=warn >"$D/s.log" 2>&1 & pids+=($!)
"$CAIRN" agent -node=prop-client -bind=$C -client=$C -data-dir="$D/c" -retry-join=$S -log-level=warn >"$D/c.log" 2>&1 & pids+=($!)
for _ in $(seq 1 900); do grep -aq "agent running" "$D/s.log" && grep -aq "agent running" "$D/c.log" && break; sleep 0.1; done
for _ in $(seq 1 300); do [ -n "$(dig +short +time=1 +tries=1 @$C -p 8600 consul.service.consul A)" ] && break; sleep 0.1; done
for i in $(seq 1 "$N"); do
  t0=$(date +%s%N)
  curl -s -X PUT "http://$S:8500/v1/catalog/register" \
    -d "{\"Node\":\"prop-$i\",\"Address\":\"10.9.0.$((i % 250 + 1))\",\"Service\":{\"Service\":\"svc-$i\",\"Port\":80}}" >/dev/null
  until [ -n "$(dig +short +time=1 +tries=1 @$C -p 8600 svc-$i.service.consul A)" ]; do :; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
done > "$D/delays"
sort -n "$D/delays" | awk '{a[NR]=$1} END {printf "registration on the server -> answered by the client agent DNS: n=%d p50=%d ms p99=%d ms max=%d ms\n", NR, a[int(NR*0.5)+1], a[int(NR*0.99)+ (NR*0.99>int(NR*0.99))], a[NR]}'
