#!/usr/bin/env bash
# Issue 6 benchmark: the compose editor on a generated 1,000-service file (EditorBenchmark, app-ui test scope).
# Types bursts of keys with pauses and prints (a) the time from the last key to the problems being shown and
# (b) the longest frame gap while typing. Needs a display: DISPLAY=:NN (Xvfb is fine).
# Usage: DISPLAY=:102 scripts/bench-editor.sh   (BURSTS=16 by default; BENCH_JAVA_OPTS=-XX:+UseZGC to compare;
# BENCH_JAVA_OPTS="-Dbench.windows=true -XX:StartFlightRecording:filename=f.jfr,jdk.ExecutionSample#period=1ms"
# prints each burst's wall-clock window, to pick its samples out of the recording)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
: "${DISPLAY:?set DISPLAY (e.g. start Xvfb :102 and export DISPLAY=:102)}"

# compose-model in the same reactor, so that its classes come from this tree, not from ~/.m2
./mvnw -q -o -pl compose-model,app-ui test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
a=app-ui/target
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# BENCH_JAVA_OPTS: e.g. -XX:+UseZGC to compare collectors
# -XX:MaxTenuringThreshold=1 as the launcher starts the window
"$JAVA_HOME/bin/java" -XX:MaxTenuringThreshold=1 ${BENCH_JAVA_OPTS:-} -Dbursts="${BURSTS:-16}" -cp "$a/test-classes:$a/classes:$(cat "$a/bench-classpath.txt")" \
  dev.berth.app.editor.RunEditorBenchmark 2>&1 | grep -v "Unsupported JavaFX configuration"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
