#!/usr/bin/env bash
# 20 services in three depends_on levels (4 → 8 → 8), every service with a healthcheck that passes about a
# second after start and `condition: service_healthy` between levels. On the local engine, in one run:
#   up    — from no containers until all 20 are running and healthy (Berth: `up -d --wait`; docker-compose v1
#           has no --wait: `up -d`), both followed by the same `docker inspect` polling loop, so both tools are
#           measured to the same end state;
#   re-up — the same `up` again with nothing changed (Berth also reports its in-process time, JVM start excluded);
#   down  — `down` until no container is left.
# And the floor: the same up by a client that does only what the engine needs, in Berth's order
# (scripts/bench-up-floor.py: no checks, lists or output), to show how much of up is the engine's own.
# Also the JVM start alone (`berth --version`). Median of RUNS (default 3). Prints Markdown rows for
# docs/benchmarks.md. Not a test: wall times depend on the machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
find_jdk
ensure_engine
ensure_base_images
ensure_built
runs=${RUNS:-3}
dir=$(mktemp -d /tmp/berth-bench-up.XXXXXX)
trap 'rm -rf "$dir"' EXIT

service() { # name level deps...
  local name=$1; shift
  cat <<YAML
  $name:
    image: berth-sample/busybox:1
    # exits at once on SIGTERM (PID 1 ignores it otherwise), so down measures the tools, not a 10 s stop timeout
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 1; touch /tmp/ready; while true; do sleep 1; done & wait"]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 1s
      timeout: 10s        # generous: on a loaded machine an exec can take over a second
      retries: 30
YAML
  if [ $# -gt 0 ]; then
    echo "    depends_on:"
    for dep in "$@"; do printf '      %s:\n        condition: service_healthy\n' "$dep"; done
  fi
}
{
  echo "services:"
  for i in 1 2 3 4; do service "base$i"; done
  for i in 1 2 3 4 5 6 7 8; do service "mid$i" "base$(( (i - 1) % 4 + 1 ))" "base$(( i % 4 + 1 ))"; done
  for i in 1 2 3 4 5 6 7 8; do service "top$i" "mid$i" "mid$(( i % 8 + 1 ))"; done
} > "$dir/compose.yaml"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Waits until the project has 20 containers, all running and healthy (the same loop for both tools).
await_healthy() { # project
  local states
  while true; do
    states=$(docker ps -aq --filter "label=com.docker.compose.project=$1" | xargs -r docker inspect \
      --format '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}' 2>/dev/null || true)
    [ "$(grep -c '^running/healthy$' <<<"$states")" -eq 20 ] && return 0
    sleep 0.1
  done
}
await_gone() { # project
  while [ -n "$(docker ps -aq --filter "label=com.docker.compose.project=$1")" ]; do sleep 0.1; done
}
# The commands' output goes to $dir/last.log, emptied first and then appended to, as a terminal or a pipe takes it:
# a resident berth process writes into an output it may append to (`>>`, a pipe, a terminal), while a file
# opened with `>` makes the command run in its own JVM (decision 007).
timed() { # command... → ms on stdout
  local t0; : >"$dir/last.log"; t0=$(now_ms); "$@" >>"$dir/last.log" 2>&1 || { cat "$dir/last.log" >&2; die "failed: $*"; }
  echo $(( $(now_ms) - t0 ))
}
up_until_healthy() { local t0; : >"$dir/last.log"; t0=$(now_ms)
  "$@" >>"$dir/last.log" 2>&1 || { cat "$dir/last.log" >&2; die "failed: $*"; }
  await_healthy "$project"; echo $(( $(now_ms) - t0 )); }
down_until_gone() { local t0; : >"$dir/last.log"; t0=$(now_ms)
  "$@" >>"$dir/last.log" 2>&1 || { cat "$dir/last.log" >&2; die "failed: $*"; }
  await_gone "$project"; echo $(( $(now_ms) - t0 )); }

berth=("$BERTH_ROOT/berth" -f "$dir/compose.yaml")
# The launcher's first run of a verb after a build records its AOT cache (slower), assembled in the background:
# a warm-up project of one service runs each measured verb once, and the caches are awaited.
mkdir -p "$dir/warm" && printf 'services:\n  warm:\n    image: berth-sample/busybox:1\n    command: ["sleep", "60"]\n' \
  > "$dir/warm/compose.yaml"
"$BERTH_ROOT/berth" --version >/dev/null
"$BERTH_ROOT/berth" -f "$dir/warm/compose.yaml" -p "berthbench-$$-warm" up -d --wait >/dev/null 2>&1
"$BERTH_ROOT/berth" -f "$dir/warm/compose.yaml" -p "berthbench-$$-warm" down -t 0 >/dev/null 2>&1
for i in $(seq 1 120); do
  [ -f "$BERTH_ROOT/app-ui/target/aot/up.aot" ] && [ -f "$BERTH_ROOT/app-ui/target/aot/down.aot" ] \
    && [ -f "$BERTH_ROOT/app-ui/target/aot/help.aot" ] && break
  sleep 1
done
v1=(docker-compose -f "$dir/compose.yaml")
declare -A fig
for run in $(seq "$runs"); do
  project="berthbench-$$-b$run"
  fig[berth_up]+="$(up_until_healthy "${berth[@]}" -p "$project" up -d --wait) "
  fig[berth_noop]+="$(BERTH_TIMINGS=1 timed "${berth[@]}" -p "$project" up -d --wait) "
  fig[berth_noop_inproc]+="$(sed -n 's/^berth: up took \([0-9]*\) ms.*/\1/p' "$dir/last.log" | tail -n 1) "
  fig[berth_down]+="$(down_until_gone "${berth[@]}" -p "$project" down) "
  if command -v docker-compose >/dev/null; then
    project="berthbench-$$-v$run"
    fig[v1_up]+="$(up_until_healthy "${v1[@]}" -p "$project" up -d) "
    fig[v1_noop]+="$(timed "${v1[@]}" -p "$project" up -d) "
    fig[v1_down]+="$(down_until_gone "${v1[@]}" -p "$project" down) "
  fi
  if command -v docker-compose >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
    # the floor: the least a client can do for this project (scripts/bench-up-floor.py), on the same engine
    project="berthbench-$$-f$run"
    fig[floor_up]+="$(up_until_healthy python3 "$BERTH_ROOT/scripts/bench-up-floor.py" "$dir/compose.yaml" \
      "$project") "
    docker ps -aq --filter "label=com.docker.compose.project=$project" | xargs -r docker rm -f >/dev/null
    docker network rm "${project}_default" >/dev/null
  fi
  fig[jvm]+="$(timed "$BERTH_ROOT/berth" --version) "
  for k in "${!fig[@]}"; do say "after run $run: $k = ${fig[$k]}"; done
done
med() { tr ' ' '\n' <<<"${fig[$1]:-}" | grep . | median; }
v1v=$(docker-compose version --short 2>/dev/null || echo "not installed")
echo "| what | berth | docker-compose $v1v |"
echo "|---|---|---|"
echo "| 20 services, 3 levels: up until all healthy | $(med berth_up) ms | $(med v1_up) ms |"
echo "| the same up by the least a client can do (scripts/bench-up-floor.py) | $(med floor_up) ms | |"
echo "| no-op re-up (wall, JVM start included) | $(med berth_noop) ms | $(med v1_noop) ms |"
echo "| no-op re-up, in-process (after JVM start) | $(med berth_noop_inproc) ms | — |"
echo "| down until no container is left | $(med berth_down) ms | $(med v1_down) ms |"
echo "| \`berth --version\` (JVM start + picocli) | $(med jvm) ms | — |"
echo "(median of $runs; $(date -u +%F); $(nproc) cores; Docker $(docker version --format '{{.Server.Version}}'))"
