#!/usr/bin/env bash
# Install (from Debian's or Ubuntu's package archive) what building and smoke-testing the Linux packages
# needs: dpkg-dev, Xvfb, xdotool, ImageMagick, NSIS, the validators, and the X11/xcb/Wayland/EGL libraries
# Qt's plugins link to (dpkg-shlibdeps must find them to name the .deb's Depends).
#
#     packaging/linux/install-build-deps.sh        installs what is missing (as root, or through sudo)
#     packaging/linux/install-build-deps.sh --check   lists what is missing; exit 1 if anything is
set -euo pipefail

PACKAGES=(
    dpkg-dev file xvfb xdotool imagemagick nsis desktop-file-utils appstream
    libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libgssapi-krb5-2 libbrotli1
    libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0
    libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 libwayland-client0 libwayland-cursor0
)

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "${1:-}" = --check ]; then
    echo "missing: ${missing[*]}"
    exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-build-deps.sh: run as root: apt-get install ${missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
fi
echo "install-build-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
