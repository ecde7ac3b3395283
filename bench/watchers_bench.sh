#!/usr/bin/env bash
# N blocking watchers on one dev agent, woken by one write (issue 5): starts the agent on
# 127.0.0.107 (-Xmx512m, the full JIT, limits { http_max_conns_per_client = 20000 }), registers
# one service of 10 instances (a ~4 KB answer) and runs WatchersBench.java RUNS times against
# it from 127.0.0.200-209, each run with fresh watchers; prints the load average before each.
# usage: watchers_bench.sh [N=10000] [RUNS=3]   (GZIP=1 asks for gzip; FLOOR=1 runs WakeFloor.java in the
#        agent's place; JFR_FILE=... records the agent;
#        ASYNC_PROFILER=.../libasyncProfiler.so PROFILE_FILE=P samples its CPU in the wake into P.<run>;
#        CAIRN_HOME=a distribution, default this tree's karaf-distro/target/assembly)
set -u
N=${1:-10000}; RUNS=${2:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
CAIRN=${CAIRN_HOME:-$HERE/../karaf-distro/target/assembly}/bin/cairn
AGENT=127.0.0.107
SOURCES=$(seq -s, -f '127.0.0.2%02g' 0 9)
D=$(mktemp -d /tmp/cairn-watchbench.XXXX); APID=
AGENT_LOG=${AGENT_LOG:-$D/agent.log}
cleanup() { [ -n "$APID" ] && kill -TERM "$APID" 2>/dev/null; wait 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT

if [ -n "${FLOOR:-}" ]; then
  # the floor instead of the agent: the least any server must do here to wake them (WakeFloor.java)
  java -Xmx512m "$HERE/WakeFloor.java" $AGENT >"$AGENT_LOG" 2>&1 & APID=$!
else
  echo 'limits { http_max_conns_per_client = 20000 }' > "$D/limits.hcl"
  CAIRN_JAVA_OPTS=${CAIRN_JAVA_OPTS:--XX:TieredStopAtLevel=4} CAIRN_MAX_MEM=512m "$CAIRN" agent -dev -bind $AGENT \
      -client $AGENT -config-file "$D/limits.hcl" -log-level=warn >"$AGENT_LOG" 2>&1 & APID=$!
fi
for _ in $(seq 1 600); do grep -aqE "agent running|floor listening" "$AGENT_LOG" && break; sleep 0.1; done
grep -aqE "agent running|floor listening" "$AGENT_LOG" || { echo "agent did not start"; cat "$AGENT_LOG"; exit 1; }
for i in $(seq 1 10); do
  printf '{"Node":"n%d","Address":"10.0.0.%d","Service":{"ID":"web-%d","Service":"web","Port":8080,"Tags":["v1"]},"Check":{"CheckID":"web-%d","Name":"web","Status":"passing","ServiceID":"web-%d"}}' \
      "$i" "$i" "$i" "$i" "$i" | curl -sf -X PUT "http://$AGENT:8500/v1/catalog/register" --data-binary @- >/dev/null
done
java -XX:TieredStopAtLevel=1 -Xshare:auto "$HERE/WatchersBench.java" $AGENT web 100 "$SOURCES" 1 >/dev/null  # warm both JVMs' paths once
for run in $(seq 1 "$RUNS"); do
  echo "== run $run, $(date -u +%H:%M:%S), load average: $(cut -d' ' -f1-3 /proc/loadavg), agent up $(jcmd "$APID" VM.uptime | tail -1)"
  # C1 only and the serial collector: C2 compiling the answer path during the wake cost the generator
  # more CPU than reading the answers (63% of its samples in one profiled run)
  PROFILE_FILE=${PROFILE_FILE:-$D/profile}.$run java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$HERE/WatchersBench.java" $AGENT web "$N" "$SOURCES" 3 "$APID"
done
