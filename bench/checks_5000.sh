#!/usr/bin/env bash
# 5,000 HTTP checks at a 10 s interval on one server agent, -bootstrap (issue 6): the agent's CPU share,
# threads, heap and RSS at steady state, then the delay from the backend's failure to every
# check critical on the agent and in the catalog.
#   bench/checks_5000.sh [N]     (agent on 127.0.0.112, backend: python3 http.server on 127.0.0.113:8080)
set -euo pipefail
N=${1:-5000}
HOME_DIR=$(cd "$(dirname "$0")/.." && pwd)/karaf-distro/target/assembly
WORK=$(mktemp -d /tmp/cairn-bench-checks.XXXX)
python3 -m http.server 8080 --bind 127.0.0.113 --directory "$WORK" >"$WORK/backend.log" 2>&1 & BACKEND=$!
CAIRN_MAX_MEM=256m "$HOME_DIR/bin/cairn" agent -server -bootstrap -bind 127.0.0.112 -client 127.0.0.112 -data-dir "$WORK/data" \
  >"$WORK/agent.log" 2>&1 & AGENT=$!
trap 'kill $AGENT $BACKEND 2>/dev/null || true' EXIT
until curl -sf 127.0.0.112:8500/v1/status/leader | grep -q 8300; do sleep 0.5; done
python3 - "$N" "$AGENT" "$BACKEND" <<'PY'
import http.client, json, os, signal, sys, time, urllib.request
from collections import Counter
n, agent, backend = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
api = "http://127.0.0.112:8500"
c = http.client.HTTPConnection("127.0.0.112", 8500)
t = time.time()
for i in range(n):
    c.request("PUT", "/v1/agent/check/register", json.dumps({"ID": "hc-%d" % i, "Name": "hc-%d" % i,
              "HTTP": "http://127.0.0.113:8080/", "Interval": "10s", "Timeout": "5s"}))
    r = c.getresponse(); r.read(); assert r.status == 200, r.status
print("registered %d checks in %.1f s" % (n, time.time() - t))
checks = lambda: json.load(urllib.request.urlopen(api + "/v1/agent/checks")).values()
def cpu():
    f = open("/proc/%d/stat" % agent).read().split(")")[1].split()
    return int(f[11]) + int(f[12])
def sample(label, seconds):
    c0, t0 = cpu(), time.time(); time.sleep(seconds)
    share = 100.0 * (cpu() - c0) / os.sysconf("SC_CLK_TCK") / (time.time() - t0)
    rss = [l.split()[1] for l in open("/proc/%d/status" % agent) if l.startswith("VmRSS")][0]
    print("%s: CPU %.1f%% of one core, %d threads, RSS %d MB, %s" % (label, share,
          len(os.listdir("/proc/%d/task" % agent)), int(rss) // 1024, dict(Counter(x["Status"] for x in checks()))))
time.sleep(20)
sample("steady, passing", 30)
os.system("jcmd %d GC.heap_info | grep -E 'total'" % agent)
t0 = time.time(); os.kill(backend, signal.SIGTERM); first = None
while True:
    crit = sum(1 for x in checks() if x["Status"] == "critical")
    if crit and first is None: first = time.time() - t0
    if crit == n: break
    time.sleep(0.2)
print("backend down: first check critical after %.1f s, all %d after %.1f s" % (first, n, time.time() - t0))
while len(json.load(urllib.request.urlopen(api + "/v1/health/state/critical"))) < n:
    time.sleep(0.5)
print("all %d critical in the catalog after %.1f s" % (n, time.time() - t0))
sample("steady, critical", 20)
PY
