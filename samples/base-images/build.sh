#!/bin/sh
# Builds the offline base images that Berth's samples and tests run on. No image registry is needed:
# each image is FROM scratch, assembled from binaries that Debian packages install on this host.
#
#   berth-sample/busybox:1   /bin/busybox (package busybox-static, statically linked) + applet links
#   berth-sample/redis:7     redis-server and redis-cli (package redis-tools) + the shared libraries
#                            that ldd lists for them
#
# Needs a reachable Docker engine; installs the two packages with apt-get when they are missing
# (root needed for that). Safe to run again: docker's build cache makes a re-run a no-op re-tag.
set -eu

missing=""
for pkg in busybox-static redis-tools; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "base-images: installing Debian packages:$missing"
  if [ "$(id -u)" -ne 0 ]; then
    echo "base-images: need root to install:$missing (run: sudo apt-get install$missing)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || {
  echo "base-images: no Docker engine answers; start one (sudo dockerd &) and run again" >&2
  exit 1
}

work=$(mktemp -d /tmp/berth-base-images.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# A root file system skeleton: users root and nobody, a sticky /tmp.
skeleton() {
  mkdir -p "$1/etc" "$1/tmp"
  chmod 1777 "$1/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$1/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$1/etc/group"
}

# --- berth-sample/busybox:1 ---
bb="$work/busybox"
mkdir -p "$bb/root/bin"
skeleton "$bb/root"
cp /bin/busybox "$bb/root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$bb/root/bin/$applet"
done
cat >"$bb/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY root/ /
ENV PATH=/bin
LABEL org.opencontainers.image.title="berth-sample/busybox" \
      org.opencontainers.image.description="Debian's static busybox, for Berth's offline samples"
CMD ["sh"]
DOCKERFILE
docker build -q -t berth-sample/busybox:1 "$bb" >/dev/null

# --- berth-sample/redis:7 ---
rd="$work/redis"
mkdir -p "$rd/root/usr/bin" "$rd/root/data"
skeleton "$rd/root"
chmod 0777 "$rd/root/data"
# redis-server is redis-check-rdb under another name: redis picks its mode from argv[0].
cp "$(readlink -f /usr/bin/redis-check-rdb)" "$rd/root/usr/bin/redis-server"
cp "$(readlink -f /usr/bin/redis-cli)" "$rd/root/usr/bin/redis-cli"
for lib in $( (ldd "$rd/root/usr/bin/redis-server"; ldd "$rd/root/usr/bin/redis-cli") \
              | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u); do
  mkdir -p "$rd/root$(dirname "$lib")"
  cp -L "$lib" "$rd/root$lib"
done
cat >"$rd/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY root/ /
ENV PATH=/usr/bin
WORKDIR /data
EXPOSE 6379
LABEL org.opencontainers.image.title="berth-sample/redis" \
      org.opencontainers.image.description="Debian's redis, for Berth's offline samples"
CMD ["redis-server", "--protected-mode", "no", "--save", "", "--appendonly", "no"]
DOCKERFILE
docker build -q -t berth-sample/redis:7 "$rd" >/dev/null

docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep '^berth-sample/'
