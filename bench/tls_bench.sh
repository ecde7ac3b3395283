#!/usr/bin/env bash
# Mutual TLS against none, same run, three servers on 127.0.0.61-63 (bootstrap_expect=3):
#  A: Raft plain, HTTPS one-way (tls.https: certificate, no verify_incoming)
#  B: Raft mutual TLS with verify_server_hostname, HTTPS mutual (tls.defaults, verify_incoming)
# Figures: KV PUT of 256-byte values to the leader's plain HTTP API (wrk, c=16, DUR s: only
# Raft replication differs), and full TLS handshakes/s on the leader's HTTPS port
# (openssl s_time -new, one connection at a time, TLS 1.3, a CLI certificate in B).
# usage: tls_bench.sh   (needs the built distribution, wrk and openssl)
set -u
DUR=${DUR:-7}
HERE=$(cd "$(dirname "$0")" && pwd)
CAIRN=${CAIRN_HOME:-$HERE/../karaf-distro/target/assembly}/bin/cairn
DATA=$(mktemp -d /tmp/cairn-tlsbench.XXXX)
pids=()
stop() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null; pids=(); }
trap 'stop; rm -rf "$DATA"' EXIT
cd "$DATA" && "$CAIRN" tls ca create >/dev/null && for i in 0 1 2; do "$CAIRN" tls cert create -server >/dev/null 2>&1; done
"$CAIRN" tls cert create -cli >/dev/null

config() { # phase server-number
  local files="ca_file = \"$DATA/consul-agent-ca.pem\"
    cert_file = \"$DATA/dc1-server-consul-$2.pem\"
    key_file = \"$DATA/dc1-server-consul-$2-key.pem\""
  if [ "$1" = A ]; then echo "tls { https { $files } }"
  else echo "tls {
  defaults { $files
    verify_incoming = true
    verify_outgoing = true }
  internal_rpc { verify_server_hostname = true } }"; fi
}

phase() {
  local name=$1
  for i in 1 2 3; do
    config "$name" $((i - 1)) > "$DATA/$name$i.hcl"
    CAIRN_MAX_MEM=${CAIRN_MAX_MEM:-384m} "$CAIRN" agent -server -bootstrap-expect=3 -node="tls$i" -bind="127.0.0.6$i" \
      -client="127.0.0.6$i" -https-port=8501 -data-dir="$DATA/$name-s$i" -log-level=warn -config-file="$DATA/$name$i.hcl" \
      -retry-join=127.0.0.61 -retry-join=127.0.0.62 -retry-join=127.0.0.63 >"$DATA/$name-s$i.log" 2>&1 &
    pids+=($!)
  done
  leader=""
  for _ in $(seq 1 1800); do
    leader=$(curl -s -m 1 http://127.0.0.61:8500/v1/status/leader | tr -d '"' | cut -d: -f1)
    [ -n "$leader" ] && curl -s -m 5 -X PUT "http://$leader:8500/v1/kv/warm" -d x | grep -q true && break
    leader=""; sleep 0.1
  done
  [ -n "$leader" ] || { echo "phase $name: no leader; logs in $DATA" >&2; exit 1; }
  wrk -t2 -c16 -d2s -s "$HERE/kv_put.lua" "http://$leader:8500" >/dev/null 2>&1   # warm-up
  echo "phase $name: KV PUT c=16: $(wrk -t2 -c16 -d${DUR}s -s "$HERE/kv_put.lua" "http://$leader:8500" | grep -E 'Requests/sec|Latency' | tr -s ' ' | tr '\n' ' ')"
  local cert=()
  [ "$name" = B ] && cert=(-cert "$DATA/dc1-cli-consul-0.pem" -key "$DATA/dc1-cli-consul-0-key.pem")
  echo "phase $name: handshakes: $(openssl s_time -connect "$leader:8501" -new -time "$DUR" -CAfile "$DATA/consul-agent-ca.pem" \
      "${cert[@]}" 2>&1 | grep -E 'real seconds' | head -1)"
  stop
}
phase A
phase B
