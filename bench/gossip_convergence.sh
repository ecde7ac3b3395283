#!/usr/bin/env bash
# Membership benchmark (issue 4): N Cairn pools in one JVM (JGroupsTransport + MemberPool, LAN
# timings as an agent runs them) on 127.0.0.174-179 with distinct ports; prints cold convergence,
# join dissemination and bytes/s per member at rest for each N (io.cairn.membership.bench.ConvergenceBench).
# usage: bench/gossip_convergence.sh [encrypt] [N...]   (default 10 50 100; needs `mvn -o install -pl bundles/membership`)
set -eu
cd "$(dirname "$0")/.."
M=bundles/membership
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -o dependency:build-classpath -pl $M -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
[ -d $M/target/test-classes/io/cairn/membership/bench ] || mvn -B -q -o test-compile -pl $M
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
exec java -Xss256k -Xmx${BENCH_XMX:-4g} -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$M/target/test-classes:$M/target/classes:$(cat "$CP_FILE")" io.cairn.membership.bench.ConvergenceBench "$@"
