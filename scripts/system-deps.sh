#!/usr/bin/env bash
# Installs the Debian packages coachdesk needs (Qt's libraries, optionally PostgreSQL for the
# tests) when they are missing and root or sudo is available; otherwise says what to install.
set -euo pipefail

packages=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3
          fonts-dejavu-core xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
          libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0
          libxcb-xinerama0 libxcb-xkb1)
for extra in "$@"; do packages+=("$extra"); done
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then packages+=(python3-venv); fi

command -v dpkg-query >/dev/null 2>&1 || { echo "Not a Debian system: install Qt 6's runtime libraries yourself."; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
  echo "Missing system packages: ${missing[*]}"
  echo "Install them with: sudo apt-get install ${missing[*]}"
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
