#!/usr/bin/env bash
# Builds Berth's guest: a Debian kernel and an initramfs holding busybox and the Docker engine (dockerd, containerd,
# runc, tini, iptables, and e2fsprogs for its data disk) with the libraries and kernel modules they need — all from
# Debian 12 packages, fetched with apt-get download. The guest runs from RAM; the engine's data lives on the disk
# the host gives it (formatted on first boot), else in a tmpfs.
#
#   vm-launcher/guest/build.sh [OUT]      OUT defaults to vm-launcher/target/guest
#
# Writes OUT/vmlinuz, OUT/initrd.img and OUT/manifest (package versions). Skips the work when OUT/manifest is newer
# than this script and the init. Downloads are kept in ${BERTH_GUEST_CACHE:-~/.cache/berth/guest-debs}.
# Needs root (a chroot checks that every binary finds its libraries), apt-get and dpkg-deb.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$(cd "$here/.." && pwd)/target/guest}
out=$(realpath -m "$out")
cache=${BERTH_GUEST_CACHE:-$HOME/.cache/berth/guest-debs}
say() { printf 'berth guest: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

if [ -f "$out/manifest" ] && [ "$out/manifest" -nt "$here/build.sh" ] && [ "$out/manifest" -nt "$here/init" ]; then
  say "up to date: $out"; exit 0
fi
[ "$(id -u)" -eq 0 ] || die "run as root: the libraries are checked in a chroot"
for tool in apt-get dpkg-deb; do command -v $tool >/dev/null || die "$tool is missing (Debian 12 has it)"; done

# The kernel: Debian's generic one (the cloud flavour has no 9p, which shares the user's folders).
kernel_of() { apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1; }
kernel_pkg=$(kernel_of)
if [ -z "$kernel_pkg" ]; then
  say "apt's package lists are missing: apt-get update"
  apt-get update -qq || die "apt-get update failed"
  kernel_pkg=$(kernel_of)
fi
[ -n "$kernel_pkg" ] || die "apt knows no linux-image-amd64 (is this Debian 12 with its main archive?)"
# dockerd and what it runs, and every library their binaries link (checked below)
packages=("$kernel_pkg" busybox-static docker.io containerd runc tini iptables
  libc6 libcap2 libdevmapper1.02.1 libgcrypt20 libgpg-error0 liblz4-1 liblzma5 libpcre2-8-0 libseccomp2 libselinux1
  libsystemd0 libudev1 libzstd1 libip4tc2 libip6tc2 libmnl0 libnftnl11 libxtables12
  e2fsprogs libext2fs2 libcom-err2 libblkid1 libuuid1 libss2)

mkdir -p "$cache"
missing=()
for p in "${packages[@]}"; do
  v=$(apt-cache policy "$p" | sed -n 's/^ *Candidate: //p')
  [ -n "$v" ] && [ "$v" != "(none)" ] || die "apt knows no package $p; run apt-get update"
  compgen -G "$cache/${p}_${v//:/%3a}_*.deb" >/dev/null || missing+=("$p=$v")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "downloading ${#missing[@]} Debian packages into $cache"
  (cd "$cache" && apt-get download -q "${missing[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2) \
    || die "apt-get download failed for: ${missing[*]}"
fi

stage=$(mktemp -d /tmp/berth-guest.XXXXXX)
trap 'rm -rf "$stage"' EXIT
root=$stage/root
mkdir -p "$root"
: > "$stage/manifest"
for p in "${packages[@]}"; do
  v=$(apt-cache policy "$p" | sed -n 's/^ *Candidate: //p')
  deb=$(compgen -G "$cache/${p}_${v//:/%3a}_*.deb" | head -n 1)
  echo "$p $v" >> "$stage/manifest"
  if [ "$p" = "$kernel_pkg" ]; then
    dpkg-deb -x "$deb" "$stage/kernel"
  else
    dpkg-deb -x "$deb" "$root"
  fi
done

# Debian 12 merges /bin, /sbin and /lib into /usr; packages still ship some files under the old names
for d in bin sbin lib lib64; do
  if [ -d "$root/$d" ] && [ ! -L "$root/$d" ]; then cp -a "$root/$d/." "$root/usr/$d/" 2>/dev/null || { mkdir -p "$root/usr/$d"; cp -a "$root/$d/." "$root/usr/$d/"; }; rm -rf "$root/$d"; fi
  mkdir -p "$root/usr/$d"; ln -s "usr/$d" "$root/$d"
done
# what the packages' maintainer scripts would do: iptables' alternatives (legacy: fewer kernel modules), busybox's applets
ln -sf xtables-legacy-multi "$root/usr/sbin/iptables"
ln -sf xtables-legacy-multi "$root/usr/sbin/iptables-save"
ln -sf xtables-legacy-multi "$root/usr/sbin/iptables-restore"
ln -sf xtables-legacy-multi "$root/usr/sbin/ip6tables"
ln -sf xtables-legacy-multi "$root/usr/sbin/ip6tables-save"
ln -sf xtables-legacy-multi "$root/usr/sbin/ip6tables-restore"
for applet in $("$root/usr/bin/busybox" --list); do
  [ -e "$root/usr/bin/$applet" ] || [ -e "$root/usr/sbin/$applet" ] || ln -s busybox "$root/usr/bin/$applet"
done
# the kernel asks /sbin/modprobe for modules it needs on the way (a crc32c for conntrack, say)
for applet in modprobe insmod rmmod depmod init poweroff; do ln -sf ../bin/busybox "$root/usr/sbin/$applet"; done
# no docs, manuals or the docker CLI's shell completions in RAM
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/locale" "$root/usr/share/bash-completion" \
  "$root/usr/share/zsh" "$root/usr/share/fish" "$root/usr/share/lintian" "$root/etc/init.d" "$root/etc/default" \
  "$root/lib/systemd" "$root/usr/lib/systemd" "$root/usr/bin/docker" "$root/usr/sbin/dnet" "$root/usr/sbin/ovrouter" \
  "$root/usr/bin/ctr" "$root/usr/bin/containerd-stress" "$root/usr/share/docker.io"

# every binary the engine runs must find its libraries in the guest, not on this machine
for check in "/usr/sbin/dockerd --version" "/usr/bin/containerd --version" "/usr/bin/containerd-shim-runc-v2 -v" \
    "/usr/sbin/runc --version" "/usr/sbin/iptables --version" "/usr/sbin/docker-proxy --help" "/usr/bin/tini-static --version" \
    "/usr/sbin/mke2fs -V" "/usr/sbin/e2fsck -V"; do
  bin=${check%% *}
  [ -x "$root$bin" ] || die "$bin is not in the packages (Debian changed them?)"
  out_v=$(chroot "$root" $check 2>&1) || [ "$bin" = /usr/sbin/docker-proxy ] \
    || die "$bin does not run in the guest's files: $out_v"
  case $out_v in *"error while loading shared libraries"*) die "$bin lacks a library in the guest: $out_v" ;; esac
done
ln -sf tini-static "$root/usr/bin/docker-init"

# kernel modules: networking (bridge, veth, netfilter), overlayfs, 9p and virtio; the rest of the 400 MB stays out
kver=$(ls "$stage/kernel/lib/modules")
kmods=$stage/kernel/lib/modules/$kver
mkdir -p "$root/usr/lib/modules/$kver"
(cd "$kmods" && find kernel/net kernel/fs/overlayfs kernel/fs/9p kernel/fs/netfs kernel/fs/fscache kernel/drivers/virtio \
    kernel/fs/ext4 kernel/fs/jbd2 kernel/fs/mbcache.ko \
    kernel/drivers/char/virtio_console.ko kernel/drivers/net/virtio_net.ko kernel/drivers/net/net_failover.ko \
    kernel/drivers/net/veth.ko kernel/drivers/net/vxlan kernel/drivers/net/macvlan.ko kernel/drivers/net/ipvlan \
    kernel/drivers/net/dummy.ko kernel/drivers/block/virtio_blk.ko kernel/drivers/firmware/qemu_fw_cfg.ko \
    kernel/lib kernel/crypto kernel/arch -name '*.ko' \
  | grep -v -e /wireless/ -e /bluetooth/ -e /mac80211/ -e /nfc/ -e /can/ -e /ceph/ -e /sunrpc/ -e /rxrpc/ -e /tipc/ \
  | xargs cp --parents -t "$root/usr/lib/modules/$kver") || die "the kernel package lacks modules the guest needs"
cp "$kmods/modules.builtin" "$kmods/modules.order" "$root/usr/lib/modules/$kver/" 2>/dev/null || true
chroot "$root" /usr/bin/busybox depmod -b / "$kver" || die "depmod failed for the guest's modules"

install -m 0755 "$here/init" "$root/init"
mkdir -p "$root/etc" "$root/proc" "$root/sys" "$root/dev" "$root/run" "$root/tmp" "$root/var/lib/docker" "$root/root"
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
echo 'berth' > "$root/etc/hostname"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost berth\n::1 localhost\n' > "$root/etc/hosts"

# the initramfs: a newc cpio, uncompressed (under TCG the kernel would spend seconds inflating it)
made=$out
while [ ! -d "$(dirname "$made")" ]; do made=$(dirname "$made"); done   # the first folder this run creates
[ -d "$made" ] && made=""
mkdir -p "$out"
(cd "$root" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort \
  | "$root/usr/bin/busybox" cpio -o -H newc -R 0:0 > "$out/initrd.img.tmp") || die "could not write the initramfs"
mv "$out/initrd.img.tmp" "$out/initrd.img"
cp "$stage/kernel/boot/vmlinuz-$kver" "$out/vmlinuz"
cp "$stage/manifest" "$out/manifest"
# under sudo, what this run made belongs to the user (a root-owned target/ would stop their next Maven build)
if [ -n "${SUDO_UID:-}" ]; then
  chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$out"
  [ -z "$made" ] || chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$made"
fi
say "built $out: kernel $kver, initramfs $(du -h "$out/initrd.img" | cut -f1)"
