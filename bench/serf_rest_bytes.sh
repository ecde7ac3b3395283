#!/usr/bin/env bash
# Peer figure for the membership benchmark (issue 4): bytes/s of gossip per Serf agent at rest
# (Debian's serf: memberlist/SWIM as in Consul's LAN pool, default LAN profile), from Serf's own
# counters (memberlist.udp.sent + memberlist.tcp.sent, dumped on SIGUSR1 in 10 s intervals).
# N agents on 127.0.0.179, ports 17500+i / RPC 27500+i, all joining the first; after they all
# list N alive and 25 s of settling, the last complete 10 s interval of each agent is summed.
# Also prints the time from starting the N agents until the first lists N alive.
# usage: bench/serf_rest_bytes.sh [N...]   (default 10 50 100)
set -u
command -v serf >/dev/null || { echo "serf is not installed (apt-get install serf)"; exit 1; }
D=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT
alive() { serf members -rpc-addr=127.0.0.179:27500 -status=alive 2>/dev/null | wc -l; }
for N in "${@:-10 50 100}"; do
  for n in $N; do
    PIDS=()
    t0=$(date +%s.%N)
    for i in $(seq 0 $((n-1))); do
      j=""; [ "$i" -gt 0 ] && j="-join=127.0.0.179:17500"
      serf agent -node=s$i -bind=127.0.0.179:$((17500+i)) -rpc-addr=127.0.0.179:$((27500+i)) $j -log-level=warn \
        > "$D/s$i.log" 2>&1 &
      PIDS+=($!)
      [ "$i" -eq 0 ] && sleep 0.5
    done
    for t in $(seq 1200); do [ "$(alive)" -ge "$n" ] && break; sleep 0.1; done
    t1=$(date +%s.%N)
    [ "$(alive)" -ge "$n" ] || { echo "serf N=$n: did not converge ($(alive)/$n)"; cleanup; continue; }
    sleep 25
    for p in "${PIDS[@]}"; do kill -USR1 "$p"; done
    sleep 1
    total=0
    for i in $(seq 0 $((n-1))); do
      # intervals are printed oldest first; the last one is still running: take the one before it
      b=$(grep -a "memberlist\.\(udp\|tcp\)\.sent'" "$D/s$i.log" | awk -F'[][]' '{print $2}' | sort -u | tail -2 | head -1)
      s=$(grep -a "^\[$b\]\[C\] 'serf-agent.memberlist.\(udp\|tcp\).sent'" "$D/s$i.log" |
          sed 's/.* Sum: \([0-9.]*\).*/\1/' | awk '{s+=$1} END{printf "%.0f", s}')
      total=$((total + ${s:-0}))
    done
    printf "serf N=%d: start -> first agent lists %d alive %.2f s; at rest %.0f B/s sent per agent (10 s interval, %s)\n" \
      "$n" "$n" "$(echo "$t1 - $t0" | bc -l)" "$(echo "$total / $n / 10" | bc -l)" "$(uptime | sed 's/.*load/load/')"
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; PIDS=()
  done
done
