#!/usr/bin/env bash
# Wall times of the walking skeleton on the local engine, Berth beside docker-compose v1 when it is installed:
# up -d from nothing (base images and build cache warm), a no-op re-up, down -v. Prints a Markdown table row per
# figure, for docs/benchmarks.md. Runs each step RUNS times (default 3) and reports the median.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
find_jdk
ensure_engine
ensure_base_images
ensure_built
runs=${RUNS:-3}
compose="$BERTH_ROOT/samples/trainingwheels/compose.yaml"

ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

measure() { # tool label up-command... ; down is "$tool_down"
  local name=$1; shift
  local up=() noop=() down=()
  for _ in $(seq "$runs"); do
    "${down_cmd[@]}" >/dev/null 2>&1 || true
    up+=("$(ms "${up_cmd[@]}")")
    noop+=("$(ms "${up_cmd[@]}")")
    down+=("$(ms "${down_cmd[@]}")")
  done
  printf '| %s up -d (cold containers) | %s ms |\n' "$name" "$(printf '%s\n' "${up[@]}" | median)"
  printf '| %s re-up, nothing changed | %s ms |\n' "$name" "$(printf '%s\n' "${noop[@]}" | median)"
  printf '| %s down -v | %s ms |\n' "$name" "$(printf '%s\n' "${down[@]}" | median)"
}

up_cmd=("$BERTH_ROOT/berth" -f "$compose" up -d); down_cmd=("$BERTH_ROOT/berth" -f "$compose" down -v)
measure berth
if command -v docker-compose >/dev/null; then
  up_cmd=(docker-compose -f "$compose" up -d); down_cmd=(docker-compose -f "$compose" down -v)
  measure "docker-compose $(docker-compose version --short)"
fi
