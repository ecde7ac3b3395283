#!/usr/bin/env bash
# Dev agent start-up: launch `cairn agent -dev` N times (default 5) and report, per run, the
# time from launch to `/v1/status/leader` answering "127.0.0.1:8300" and the RSS once ready.
# Needs the built distribution (mvn install) and 127.0.0.1:8500 free.
set -euo pipefail
runs=${1:-5}
home=$(cd "$(dirname "$0")/../karaf-distro/target/assembly" && pwd)
echo "run,ms_to_leader,rss_mb"
for run in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$home/bin/cairn" agent -dev >/dev/null 2>&1 &
    pid=$!
    ms=""
    for _ in $(seq 1 1500); do
        if [ "$(curl -s -m 1 127.0.0.1:8500/v1/status/leader 2>/dev/null)" = '"127.0.0.1:8300"' ]; then
            ms=$(( ($(date +%s%N) - start) / 1000000 ))
            break
        fi
        sleep 0.01
    done
    sleep 1 # let start-up work settle before reading the footprint
    rss=$(( $(ps -o rss= -p "$pid" || echo 0) / 1024 ))
    echo "$run,${ms:-timeout},$rss"
    kill -TERM "$pid"
    wait "$pid" || true
done
