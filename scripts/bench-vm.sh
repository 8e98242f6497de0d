#!/usr/bin/env bash
# Berth's VM on this machine: `berth vm start` until its engine answers (wall), one `docker run --rm` in it, and a
# one-service project (`berth up -d --wait`, a bind mount from the shared folder, a port published on 127.0.0.1)
# until its page answers on this machine; then `berth vm stop`. Median of RUNS (default 3). Prints Markdown rows
# for docs/benchmarks.md. Not a test: wall times depend on the machine and the accelerator (TCG here).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
find_jdk
ensure_engine
ensure_base_images
ensure_guest
ensure_built
runs=${RUNS:-3}
dir=$(mktemp -d /tmp/berth-bench-vm.XXXXXX)
export BERTH_VM_DIR=$dir/vm DOCKER_CONFIG=$dir/docker-config BERTH_RESIDENT=0
trap '"$BERTH_ROOT/berth" vm stop >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
mkdir -p "$dir/work/site" "$DOCKER_CONFIG"
echo "answered from the shared folder" > "$dir/work/site/index.html"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$dir/work/compose.yaml" <<YAML
services:
  web:
    image: berth-sample/busybox:1
    command: ["httpd", "-f", "-p", "8080", "-h", "/site"]
    volumes: ["./site:/site:ro"]
    ports: ["127.0.0.1:$port:8080"]
YAML
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
declare -A fig
for run in $(seq "$runs"); do
  rm -f "$dir/start.log"; t0=$(now_ms)
  "$BERTH_ROOT/berth" vm start --share "$dir/work" > "$dir/start.log" 2>&1 &
  until grep -q "Berth's VM runs" "$dir/start.log" 2>/dev/null; do
    grep -q "^error:" "$dir/start.log" 2>/dev/null && { cat "$dir/start.log" >&2; die "berth vm start failed"; }
    sleep 0.1
  done
  fig[boot]+="$(( $(now_ms) - t0 )) "
  accel=$(sed -n 's/^berth: booting the VM (\([a-z]*\),.*/\1/p' "$dir/start.log" | tail -n 1)
  t0=$(now_ms); docker save berth-sample/busybox:1 | docker --context berth-vm load >/dev/null
  fig[load]+="$(( $(now_ms) - t0 )) "
  t0=$(now_ms); docker --context berth-vm run --rm berth-sample/busybox:1 true
  fig[run]+="$(( $(now_ms) - t0 )) "
  t0=$(now_ms)
  DOCKER_CONTEXT=berth-vm "$BERTH_ROOT/berth" -f "$dir/work/compose.yaml" up -d --wait >/dev/null 2>&1
  until curl -sf -m 2 "http://127.0.0.1:$port/" >/dev/null; do sleep 0.05; done
  fig[up]+="$(( $(now_ms) - t0 )) "
  t0=$(now_ms); "$BERTH_ROOT/berth" vm stop >/dev/null 2>&1; wait
  fig[stop]+="$(( $(now_ms) - t0 )) "
  for k in "${!fig[@]}"; do say "after run $run: $k = ${fig[$k]}"; done
done
med() { tr ' ' '\n' <<<"${fig[$1]:-}" | grep . | median; }
echo "| what (accelerator: $accel) | median of $runs |"
echo "|---|---|"
echo "| \`berth vm start\` until the VM's engine answers | $(med boot) ms |"
echo "| \`docker save | docker --context berth-vm load\` (busybox image, 2 MB) | $(med load) ms |"
echo "| \`docker --context berth-vm run --rm busybox true\` | $(med run) ms |"
echo "| \`berth up -d --wait\` (1 service, bind mount, published port) until its page answers here | $(med up) ms |"
echo "| \`berth vm stop\` | $(med stop) ms |"
echo "($(date -u +%F); $(nproc) cores; $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1))"
