#!/usr/bin/env bash
# Installs the Debian system packages the test suite needs (idempotent; used by CI):
#   - chromium                          (Playwright e2e runs Debian's Chromium headless)
#   - mesa-vulkan-drivers libvulkan1    (Mesa lavapipe: a CPU Vulkan driver, so the `webgpu`
#                                        npm package (Dawn) finds a WebGPU adapter), taken
#                                        from bookworm-backports (bookworm's Mesa is too old).
#   - colmap ffmpeg                     (`parallax poses`: structure from motion, CPU SIFT, and
#                                        video frame extraction; Debian main)
# Runs `apt-get update` at most once, skips packages already installed, adds
# bookworm-backports to the apt sources only if no source lists it yet.
# Works as root (no sudo needed) or as a normal user with sudo.
set -euo pipefail

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-system-deps: not root and sudo is not available; run as root." >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get not found; this script supports Debian only." >&2
  exit 1
fi

CODENAME="bookworm"
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  CODENAME="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
fi
BACKPORTS="${CODENAME}-backports"

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

UPDATED=0
apt_update_once() {
  if [ "$UPDATED" -eq 0 ]; then
    "${SUDO[@]}" apt-get update
    UPDATED=1
  fi
}

export DEBIAN_FRONTEND=noninteractive

# 1. Which packages are missing?
MISSING_MAIN=()
for pkg in chromium colmap ffmpeg; do
  is_installed "$pkg" || MISSING_MAIN+=("$pkg")
done
MISSING_BACKPORTS=()
for pkg in mesa-vulkan-drivers libvulkan1; do
  is_installed "$pkg" || MISSING_BACKPORTS+=("$pkg")
done

if [ "${#MISSING_MAIN[@]}" -eq 0 ] && [ "${#MISSING_BACKPORTS[@]}" -eq 0 ]; then
  echo "install-system-deps: chromium, colmap, ffmpeg, mesa-vulkan-drivers and libvulkan1 already installed."
  exit 0
fi

# 2. Add backports to the sources (before the single apt-get update) when needed.
if [ "${#MISSING_BACKPORTS[@]}" -gt 0 ]; then
  if grep -rqs -- "$BACKPORTS" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "install-system-deps: $BACKPORTS already in apt sources."
  else
    echo "install-system-deps: adding $BACKPORTS to /etc/apt/sources.list.d/${BACKPORTS}.sources"
    printf '%s\n' \
      'Types: deb' \
      'URIs: http://deb.debian.org/debian' \
      "Suites: ${BACKPORTS}" \
      'Components: main' \
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
      | "${SUDO[@]}" tee "/etc/apt/sources.list.d/${BACKPORTS}.sources" >/dev/null
  fi
fi

apt_update_once

# 3. Install what is missing.
if [ "${#MISSING_MAIN[@]}" -gt 0 ]; then
  echo "install-system-deps: installing ${MISSING_MAIN[*]}"
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${MISSING_MAIN[@]}"
fi
if [ "${#MISSING_BACKPORTS[@]}" -gt 0 ]; then
  echo "install-system-deps: installing ${MISSING_BACKPORTS[*]} from $BACKPORTS"
  "${SUDO[@]}" apt-get install -y --no-install-recommends -t "$BACKPORTS" "${MISSING_BACKPORTS[@]}"
fi
echo "install-system-deps: done."
