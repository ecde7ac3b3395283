#!/usr/bin/env bash
# Membership benchmark (issue 4): N Cairn pools in one JVM (JGroupsTransport + MemberPool, LAN
# timings as an agent runs them) on 127.0.0.174-179 with distinct ports; prints cold convergence,
# join dissemination and bytes/s per member at rest for each N (io.cairn.membership.bench.ConvergenceBench).
# usage: bench/gossip_convergence.sh [encrypt] [N...]   (default 10 50 100; needs `mvn -o install -pl bundles/membership`)
#        bench/gossip_convergence.sh parts TOTAL JVMS   (BENCH_LOG=DIR keeps each JVM's whole output in DIR/partP.log;
#                                                        BENCH_ENCRYPT=1 seals the pool with one random key)
set -eu
cd "$(dirname "$0")/.."
M=bundles/membership
CP_FILE=$(mktemp)
PARTS=()
# the parts' JVMs go with the script: a timeout that ends it ends them
trap 'kill "${PARTS[@]}" 2>/dev/null; rm -f "$CP_FILE"' EXIT
trap 'exit 143' TERM INT
mvn -B -q -o ${MVN_REPO:+-Dmaven.repo.local=$MVN_REPO} dependency:build-classpath -pl $M -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
[ -d $M/target/test-classes/io/cairn/membership/bench ] || mvn -B -q -o ${MVN_REPO:+-Dmaven.repo.local=$MVN_REPO} test-compile -pl $M
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
JAVA_CP="$M/target/test-classes:$M/target/classes:$(cat "$CP_FILE")"
if [ "${1:-}" = parts ]; then  # parts TOTAL JVMS: one pool of TOTAL members spread over JVMS JVMs
  KEY_OPT=${BENCH_ENCRYPT:+-Dbench.key=$(head -c 32 /dev/urandom | base64)}
  total=$2; jvms=$3; per=$(( (total + jvms - 1) / jvms )); t0=$(date +%s%3N)
  DONE=$(mktemp -d); trap 'kill "${PARTS[@]}" 2>/dev/null; rm -rf "$CP_FILE" "$DONE"' EXIT  # each part leaves a file when done
  for p in $(seq 0 $((jvms-1))); do
    first=$((p*per)); count=$(( first + per > total ? total - first : per ))
    java -Xss256k -Xmx${BENCH_XMX:-1g} ${BENCH_JAVA_OPTS:-} ${KEY_OPT} -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
      -Dbench.done="$DONE" -Dbench.parts="$jvms" -cp "$JAVA_CP" io.cairn.membership.bench.ConvergenceBench part "$t0" "$first" "$count" "$total" \
      > >(tee ${BENCH_LOG:+"$BENCH_LOG/part$p.log"} | grep --line-buffered '^part') 2>&1 &
    PARTS+=($!)
    [ "$p" -eq 0 ] && sleep 1
  done
  wait "${PARTS[@]}"; exit 0
fi
exec java -Xss256k -Xmx${BENCH_XMX:-4g} ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$M/target/test-classes:$M/target/classes:$(cat "$CP_FILE")" io.cairn.membership.bench.ConvergenceBench "$@"
