#!/usr/bin/env bash
# Cairn DNS on loopback, the load shape of ../shared/bench/dns_bench.sh (nsd): dnsperf, 1 thread,
# 2 UDP sockets, <= 100 outstanding queries, unthrottled, for A and SRV of web.service.consul with
# 3 healthy instances (on nodes n1-n3, as nsd's static zone). One server agent (-server -bootstrap,
# production JIT: a -dev agent runs the quick JIT only) on 127.0.0.105.
# usage: dns_bench.sh   (RUNS=3 x DUR=10s per figure)
set -u
DUR=${DUR:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED_BENCH:-$HERE/../../shared/bench}
source "$SHARED/lib/common.sh"
apt_need dnsperf dnsutils curl
CAIRN=${CAIRN_HOME:-$HERE/../karaf-distro/target/assembly}/bin/cairn
D=$(mktemp -d /tmp/cairn-dnsbench.XXXX); PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT
IP=127.0.0.105
"$CAIRN" agent -server -bootstrap -data-dir "$D/data" -bind $IP -client $IP -log-level=warn >"$D/agent.log" 2>&1 & PID=$!
for _ in $(seq 1 600); do grep -aq "agent running" "$D/agent.log" && break; sleep 0.1; done
for i in 1 2 3; do
  curl -s -X PUT "http://$IP:8500/v1/catalog/register" -d "{\"Node\":\"n$i\",\"Address\":\"10.0.0.$i\",
    \"Service\":{\"Service\":\"web\",\"Port\":8080},
    \"Check\":{\"CheckID\":\"web-$i\",\"Name\":\"web\",\"Status\":\"passing\",\"ServiceID\":\"web\"}}" >/dev/null
done
dig +noall +answer +additional @$IP -p 8600 web.service.consul SRV | sed 's/^/  # /' | head -8
for q in A SRV; do
  for i in $(seq 100); do echo "web.service.consul $q"; done > "$D/q$q.txt"
  wait_quiet || true
  for r in $(seq "$RUNS"); do
    measured bash -c "dnsperf -s $IP -p 8600 -d $D/q$q.txt -c 2 -T 1 -q 100 -l $DUR 2>&1 |
      awk '/Queries per second:/{qps=\$4} /Average Latency/{lat=\$4*1000} /Queries lost:/{lost=\$3}
           END{printf \"%.0f %.3f %.3f %s\\n\", qps, lat, lat, (lost ~ /^0/ ? \"0\" : \"lost=\" lost)}'"
  done | median_report "cairn dev agent UDP $q (p50=p99=dnsperf mean lat)"
done
