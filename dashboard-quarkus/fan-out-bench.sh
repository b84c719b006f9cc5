#!/usr/bin/env bash
# Fan-out load tool: N WebSocket clients against a running dashboard while statuses are written to
# Kafka at a fixed rate. Settings are -Dbench.* system properties (see FanOutBenchmark), e.g.
#   dashboard-quarkus/fan-out-bench.sh -Dbench.clients=50 -Dbench.rate=1000 -Dbench.seconds=60
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl dashboard-quarkus -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="dashboard-quarkus/target/test-classes:dashboard-quarkus/target/classes:$(cat dashboard-quarkus/target/bench.classpath)"
exec java -Xmx1g "$@" -cp "$cp" dev.pdm.iiot.dashboard.bench.FanOutBenchmark
