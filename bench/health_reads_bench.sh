#!/usr/bin/env bash
# Service reads beside bare Jetty, same run (issue 5). Two shapes, one dev agent each, -Xmx512m, SerialGC:
#   (a) 1,000 instances of ONE service `web`: GET /v1/health/service/web?passing answers ~600 KB (bandwidth-bound),
#       plain and with Accept-Encoding: gzip (~31 KB);
#   (b) 1,000 instances over 100 services (10 each): GET /v1/health/service/s1?passing answers ~6 KB (the common shape).
# Peer: ../shared/bench's JettyHello (Jetty 12 core handler, 89-byte body; the shared http_bench.sh's server and JVM
# flags), bound to 127.0.0.108 instead of 127.0.0.1. wrk -t2 keep-alive at c=16 and c=64, RUNS x DUR s each, median;
# per figure: req/s, p50, p99, bytes/s (wrk's Transfer/sec), foreign CPU; ratios to Jetty from the same run.
# Agents on 127.0.0.106 (a) and 127.0.0.107 (b), with the full JIT (CAIRN_JAVA_OPTS, -dev's default is C1 only).
# usage: health_reads_bench.sh        (RUNS=3 DUR=5; CAIRN_HOME=a copy of karaf-distro/target/assembly; JFR=1 profiles (a) c=64)
set -u
DUR=${DUR:-5}; INSTANCES=${INSTANCES:-1000}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED_BENCH:-$HERE/../../shared/bench}
source "$SHARED/lib/common.sh"
apt_need wrk curl
CAIRN=${CAIRN_HOME:-$HERE/../karaf-distro/target/assembly}/bin/cairn
D=$(mktemp -d /tmp/cairn-readbench.XXXX); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT

# --- the peer: bare Jetty 12 hello, as ../shared/bench/http_bench.sh builds and runs it
LIBS=$PA_ROOT/cache/jetty-libs
[ -f "$LIBS/jetty-server-12.0.16.jar" ] || (cd "$SHARED/lib/jetty" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$LIBS") >/dev/null
mkdir -p "$D/src" "$D/cls"; cp "$SHARED/lib/HelloServers.java" "$D/src/"
sed 's/c.setHost("127.0.0.1")/c.setHost("127.0.0.108")/' "$SHARED/lib/JettyHello.java" > "$D/src/JettyHello.java"
javac -nowarn -d "$D/cls" -cp "$LIBS/*" "$D/src/HelloServers.java" "$D/src/JettyHello.java" || exit 1
java -Xms256m -Xmx256m -XX:+UseParallelGC -cp "$D/cls:$LIBS/*" HelloServers jetty 18082 >"$D/jetty.log" 2>&1 & PIDS+=($!)
wait_port 127.0.0.108 18082 20 || { echo "jetty did not start"; exit 1; }
JETTY=http://127.0.0.108:18082/v1/kv/foo

# --- the agents
start_agent() { # start_agent IP -> pid in $APID
  # -dev runs the quick JIT only (bin/cairn): give the agents the full JIT a server runs with
  CAIRN_JAVA_OPTS=${CAIRN_JAVA_OPTS:--XX:TieredStopAtLevel=4} CAIRN_MAX_MEM=${CAIRN_MAX_MEM:-512m} "$CAIRN" agent -dev -bind "$1" -client "$1" -log-level=warn >"$D/agent-$1.log" 2>&1 & APID=$!
  PIDS+=($APID)
  for _ in $(seq 1 600); do grep -aq "agent running" "$D/agent-$1.log" && return 0; sleep 0.1; done; echo "agent on $1 did not start"; exit 1
}
register() { # register IP N SERVICES : instance i of service (i % SERVICES): web for 0 when SERVICES=1, else s<k>
  seq 1 "$2" | xargs -P 8 -I{} bash -c '
  i={}; s=$(( i % '"$3"' )); name=web; [ '"$3"' -gt 1 ] && name=s$s
  printf "{\"Node\":\"n%d\",\"Address\":\"10.%d.%d.%d\",\"Service\":{\"ID\":\"%s-%d\",\"Service\":\"%s\",\"Port\":8080,\"Tags\":[\"v1\"]},\"Check\":{\"CheckID\":\"%s-%d\",\"Name\":\"%s\",\"Status\":\"passing\",\"ServiceID\":\"%s-%d\"}}" \
    $i $((i/65536%256)) $((i/256%256)) $((i%256)) $name $i $name $name $i $name $name $i |
    curl -s -X PUT http://'"$1"':8500/v1/catalog/register --data-binary @- >/dev/null'
}
start_agent 127.0.0.106; PID_A=$APID
start_agent 127.0.0.107; PID_B=$APID
register 127.0.0.106 "$INSTANCES" 1 & R1=$!; register 127.0.0.107 "$INSTANCES" 100 & R2=$!; wait $R1 $R2
URL_A="http://127.0.0.106:8500/v1/health/service/web?passing"
URL_B="http://127.0.0.107:8500/v1/health/service/s1?passing"
for u in "$URL_A" "$URL_B"; do
  echo "  # $u: $(curl -s "$u" | grep -o '"ServiceID"' | wc -l) instances, $(curl -s "$u" | wc -c) bytes, gzip $(curl -s -H 'Accept-Encoding: gzip' "$u" | wc -c) bytes"
done

# wrk_bytes ARGS... -> "rps p50ms p99ms err MB/s"
wrk_bytes() {
  local out; out=$(wrk --latency "$@" 2>&1)
  local line; line=$(wrk_parse "$out")
  local tr; tr=$(echo "$out" | awk '/^Transfer\/sec:/{v=$2; if (v ~ /GB$/) {sub(/GB$/,"",v); v*=1024} else if (v ~ /MB$/) {sub(/MB$/,"",v)} else if (v ~ /KB$/) {sub(/KB$/,"",v); v/=1024} else if (v ~ /B$/) {sub(/B$/,"",v); v/=1048576}; printf "%.1f", v}')
  echo "$line $tr"
}
wrk_parse() {
  local out=$1 rps p50 p99 err
  rps=$(echo "$out" | awk '/^Requests\/sec:/{printf "%.0f", $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%"{print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1=="99%"{print $2}')")
  err=$(echo "$out" | awk '/Non-2xx|Socket errors/{e=e $0 ";"} END{print (e==""?"0":e)}' | tr ' ' '_')
  echo "$rps $p50 $p99 $err"
}
# report LABEL: lines "rps p50 p99 err MBps fg=..." -> median line, and RPS_MED for ratios
report() {
  awk -v label="$1" '
    function med(a, n,   i,j,t){ for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(a[j]<a[i]){t=a[i];a[i]=a[j];a[j]=t}; return (n%2)?a[(n+1)/2]:(a[n/2]+a[n/2+1])/2 }
    { n++; r[n]=$1; p[n]=$2; q[n]=$3; b[n]=$5; all=all (all==""?"":"/") $1; if ($4!="0") errs=errs $4
      if ($6 ~ /^fg=/) { f=$6; sub(/^fg=/,"",f); split(f,x,"%"); if (x[1]+0>=fmax) {fmax=x[1]+0; fwho=f} } }
    END { printf "%-44s req/s=%-7.0f p50=%.2fms p99=%.2fms MB/s=%-7.1f (median of %d; runs %s; max foreign CPU=%s)%s\n", label, med(r,n), med(p,n), med(q,n), med(b,n), n, all, (fwho==""?"n/a":fwho), (errs==""?"":"  ERRORS:" errs) }'
}
measured_b() { local snap; snap=$(mktemp); python3 "$PA_LIB/cpusnap.py" snap "$snap"; local line; line=$("$@"); echo "$line fg=$(python3 "$PA_LIB/cpusnap.py" diff "$snap" "$PA_SID" | tr ' ' ':')"; rm -f "$snap"; }
fig() { # fig LABEL wrk-args... -> prints the report line, sets MED
  local label=$1; shift
  wait_quiet || true
  local lines; lines=$(for r in $(seq "$RUNS"); do measured_b wrk_bytes "$@"; done)
  local out; out=$(echo "$lines" | report "$label"); echo "$out"
  MED=$(echo "$out" | sed -E 's/.*req\/s=([0-9]+).*/\1/')
}
for u in "$JETTY" "$URL_A" "$URL_B"; do wrk -t2 -c64 -d3s "$u" >/dev/null 2>&1; done   # warm-up / JIT
wrk -t2 -c64 -d3s -H 'Accept-Encoding: gzip' "$URL_A" >/dev/null 2>&1
echo "  # uptime at start: $(uptime)"
if [ "${JFR:-0}" = 1 ]; then
  jpid=$(pgrep -P "$PID_A" java || echo "$PID_A")
  jcmd "$jpid" JFR.start duration=$((DUR + 2))s filename="$D/a.jfr" settings=profile >/dev/null
  wrk -t2 -c64 -d${DUR}s "$URL_A" >/dev/null; sleep 3
  jfr print --events jdk.ExecutionSample "$D/a.jfr" | awk '/stackTrace = \[/{getline; sub(/^[ \t]+/,""); sub(/line:.*/,""); print}' | sort | uniq -c | sort -rn | head -15 | sed 's/^/  # jfr (a) c=64 top frame: /'
fi
for c in 16 64; do
  fig "jetty-12 hello (89 B) c=$c" -t2 -c$c -d${DUR}s "$JETTY"; J=$MED
  fig "(a) 1 svc x $INSTANCES inst c=$c" -t2 -c$c -d${DUR}s "$URL_A"; A=$MED
  fig "(a) 1 svc x $INSTANCES inst gzip c=$c" -t2 -c$c -d${DUR}s -H 'Accept-Encoding: gzip' "$URL_A"; AZ=$MED
  fig "(b) 100 svc x 10 inst c=$c" -t2 -c$c -d${DUR}s "$URL_B"; B=$MED
  fig "(b) 100 svc x 10 inst gzip c=$c" -t2 -c$c -d${DUR}s -H 'Accept-Encoding: gzip' "$URL_B"; BZ=$MED
  awk -v j="$J" -v a="$A" -v az="$AZ" -v b="$B" -v bz="$BZ" -v c="$c" 'BEGIN { printf "  ratios to jetty c=%s: (a) %.3f  (a) gzip %.3f  (b) %.3f  (b) gzip %.3f\n", c, a/j, az/j, b/j, bz/j }'
  echo "  # uptime: $(uptime)"
done
