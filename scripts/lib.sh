# Shared by ./run, ./test, ./berth and .ci/run: find a JDK 25, install what the host lacks, make sure
# a container engine answers. Sourced, not run. Every step says what it does and is safe to repeat.

# (no dirname, sed or grep processes on the way to a verb: on a busy machine each costs tens of milliseconds)
_berth_scripts=${BASH_SOURCE[0]%/*}
[ "$_berth_scripts" != "${BASH_SOURCE[0]}" ] || _berth_scripts=.
BERTH_ROOT=$(cd "$_berth_scripts/.." && pwd)

say() { printf 'berth: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# Sets JAVA_HOME to a JDK 25 or newer: $JAVA_HOME if it is one, else the first under /usr/lib/jvm.
find_jdk() {
  local candidate version line
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    # the JDK's release file says its version without starting a JVM (a tenth of a second per command)
    version=""
    if [ -r "$candidate/release" ]; then
      while IFS= read -r line; do
        case $line in JAVA_VERSION=\"*) version=${line#JAVA_VERSION=\"}; version=${version%%[!0-9]*}; break ;; esac
      done < "$candidate/release"
    fi
    [ -n "$version" ] || version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  die "no JDK 25 found (looked at \$JAVA_HOME and /usr/lib/jvm). Install one, e.g. Temurin 25, and set JAVA_HOME to it."
}

# apt_need PACKAGE... installs the Debian packages that are missing, saying which.
apt_need() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ ! -f /var/lib/berth-apt-updated ] || [ -n "$(find /var/lib/berth-apt-updated -mmin +1440 2>/dev/null)" ]; then
    $sudo apt-get update -qq && $sudo touch /var/lib/berth-apt-updated
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get could not install: ${missing[*]}"
}

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Makes sure a Docker engine answers on the default socket (or $DOCKER_HOST): starts dockerd when none does.
ensure_engine() {
  apt_need docker.io
  engine_answers && return 0
  [ -z "${DOCKER_HOST:-}" ] || die "no engine answers at DOCKER_HOST=$DOCKER_HOST; start it, or unset DOCKER_HOST to use the local one"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "no container engine answers: starting dockerd (log: /var/log/berth-dockerd.log)"
  $sudo sh -c 'nohup dockerd >/var/log/berth-dockerd.log 2>&1 &'
  local i
  for i in $(seq 1 60); do
    engine_answers && { say "engine is up: Docker $(docker version --format '{{.Server.Version}}')"; return 0; }
    sleep 1
  done
  die "dockerd did not answer within 60 s; see /var/log/berth-dockerd.log"
}

# The images that the samples and the engine tests build on (no registry is reachable here).
ensure_base_images() {
  if docker image inspect berth-sample/busybox:1 berth-sample/redis:7 >/dev/null 2>&1; then return 0; fi
  say "building the offline base images (samples/base-images/build.sh)"
  "$BERTH_ROOT/samples/base-images/build.sh" >/dev/null
}

# Builds the app when a source is newer than the last build (or there is none).
ensure_built() {
  local stamp="$BERTH_ROOT/app-ui/target/lib/.built"
  if [ -f "$stamp" ] && [ -z "$(find "$BERTH_ROOT" \( -path "$BERTH_ROOT/.git" -o -name target -o -name node_modules \) -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  say "building Berth (./mvnw install -DskipTests) ..."
  (cd "$BERTH_ROOT" && ./mvnw -q -B install -DskipTests) || die "the build failed (see above)"
  touch "$stamp"
}

# Sets DISPLAY to a virtual X server (Xvfb :99) when there is no display, for the UI tests.
ensure_virtual_display() {
  [ -n "${DISPLAY:-}" ] && return 0
  apt_need xvfb xauth
  export DISPLAY=:99
  if ! pgrep -f 'Xvfb :99' >/dev/null 2>&1; then
    rm -f /tmp/.X11-unix/X99 /tmp/.X99-lock
    say "no display: starting Xvfb on :99"
    (Xvfb :99 -screen 0 1600x1000x24 -nolisten tcp >/tmp/berth-xvfb.log 2>&1 &)
    sleep 1
  fi
}

# What engine-bridge's engine tests compare with or pull from: docker-compose v1 (the same file under both
# tools) and Debian's registry, which the pull test starts itself on 127.0.0.1 (the package's own service on
# :5000 is not used); openssl and socat make the TLS engine test's certificates and its TLS front for the engine.
ensure_compare_tools() {
  apt_need docker-compose docker-registry openssl socat
}

# Berth's VM guest (kernel + initramfs with the Docker engine, from Debian packages) for `berth vm` and its test;
# vm-launcher/guest/build.sh skips the work when it is up to date.
ensure_guest() {
  apt_need qemu-system-x86
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo "$BERTH_ROOT/vm-launcher/guest/build.sh" || die "the VM guest could not be built (see above)"
}

# The libraries JavaFX needs to open a window on Linux.
ensure_gui_libraries() { apt_need libgtk-3-0 libgl1 libxtst6; }
