#!/usr/bin/env bash
# The simulator's load benchmark: `load` (10,000 machines at 1 Hz by default) against HiveMQ CE of
# local-stack, started by its own launcher in a separate JVM (in-memory sessions, no Connect).
# Usage: simulator/bench/load-bench.sh [RUNS] [extra load options...]
#   e.g. simulator/bench/load-bench.sh 3 --duration 150s --warmup 30s
# Prints each run's summary and keeps the logs in simulator/target/bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs="${1:-3}"
shift || true
extra=("$@")
if [ ${#extra[@]} -eq 0 ]; then
  extra=(--duration 150s --warmup 30s --progress 10s)
fi
out=simulator/target/bench
mqtt_port="${BENCH_MQTT_PORT:-18830}"

mvn -B -q package -DskipTests -pl local-stack,simulator -am
mvn -B -q dependency:build-classpath -pl local-stack -Dmdep.outputFile="$PWD/$out/local-stack.classpath" \
  -Dmdep.includeScope=runtime >/dev/null 2>&1 || {
  # dependency:build-classpath needs the sibling modules resolvable; fall back to the reactor
  mvn -B -q dependency:build-classpath -pl local-stack -am -Dmdep.outputFile="$PWD/$out/local-stack.classpath" \
    -Dmdep.includeScope=runtime
}
mkdir -p "$out"
# this build's events classes, not whatever snapshot the local repository holds
classpath="local-stack/target/classes:events/target/classes:$(tr ':' '\n' < "$out/local-stack.classpath" \
  | grep -v -e '/iiot-pdm-events/' -e '/io/quarkus/' -e '/org/jboss/slf4j/' -e '/org/jboss/logmanager/' \
  | paste -sd: -)"

java -Xmx2g -cp "$classpath" dev.pdm.iiot.localstack.LocalStackMain --data-dir "$out/stack" --mqtt-in-memory \
  --no-connect --kafka-port 0 --kafka-controller-port 0 --mqtt-port "$mqtt_port" > "$out/stack.log" 2>&1 &
stack_pid=$!
trap 'kill "$stack_pid" 2>/dev/null; wait "$stack_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "HiveMQ ready" "$out/stack.log" && break
  kill -0 "$stack_pid" 2>/dev/null || { cat "$out/stack.log"; exit 1; }
  sleep 1
done
grep "HiveMQ ready" "$out/stack.log"

jar=$(ls simulator/target/iiot-pdm-simulator-*-all.jar)
for run in $(seq 1 "$runs"); do
  echo "== run $run of $runs: load --mqtt-uri tcp://127.0.0.1:$mqtt_port --seed $run ${extra[*]}"
  echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  timer=()
  if [ -x /usr/bin/time ]; then
    timer=(/usr/bin/time -f "   simulator process: cpu user %U s, system %S s, wall %e s, max RSS %M KB")
  fi
  "${timer[@]}" java -jar "$jar" load --mqtt-uri "tcp://127.0.0.1:$mqtt_port" --seed "$run" "${extra[@]}" \
    > "$out/run-$run.log" 2>&1
  grep -A3 "^summary over" "$out/run-$run.log"
  grep "simulator process:" "$out/run-$run.log" || true
  echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
