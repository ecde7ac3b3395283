#!/usr/bin/env bash
# Dev agent start-up: launch `cairn agent -dev` N times (default 5) and report, per run, the
# time from launch to `/v1/status/leader` answering "127.0.0.1:8300", the agent's CPU (user+sys)
# at that moment, and its RSS one second later.
# usage: dev_agent_start.sh [N] [DIST...]  — with several distributions (unpacked homes), each
# round starts one agent from each in turn, so they are compared in the same window.
# Needs the built distribution (mvn install) and 127.0.0.1:8500 free.
set -euo pipefail
runs=${1:-5}
shift || true
homes=("$@")
if [ ${#homes[@]} -eq 0 ]; then
    homes=("$(cd "$(dirname "$0")/../karaf-distro/target/assembly" && pwd)")
fi
tick=$(getconf CLK_TCK)
echo "run,dist,ms_to_leader,cpu_ms,rss_mb"
for run in $(seq 1 "$runs"); do
    for home in "${homes[@]}"; do
        start=$(date +%s%N)
        "$home/bin/cairn" agent -dev >/dev/null 2>&1 &
        pid=$!
        ms=""
        cpu=""
        for _ in $(seq 1 1500); do
            if [ "$(curl -s -m 1 127.0.0.1:8500/v1/status/leader 2>/dev/null)" = '"127.0.0.1:8300"' ]; then
                ms=$(( ($(date +%s%N) - start) / 1000000 ))
                cpu=$(awk -v t="$tick" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
                break
            fi
            sleep 0.01
        done
        sleep 1 # let start-up work settle before reading the footprint
        rss=$(( $(ps -o rss= -p "$pid" || echo 0) / 1024 ))
        echo "$run,$home,${ms:-timeout},${cpu:-},$rss"
        kill -TERM "$pid"
        wait "$pid" || true
    done
done
