#!/usr/bin/env bash
# Build SayYes for Linux: the PyInstaller folder, then dist/sayyes_<version>_<arch>.deb and
# dist/sayyes-<version>-linux-<machine>.tar.gz. Offline: PyInstaller, dpkg-deb, dpkg-shlibdeps and tar only.
#
#     packaging/linux/build.sh [PYTHON]     (`make package` runs it with .venv/bin/python)
#
# PYTHON must have SayYes and its `package` extra installed (pip install -e '.[package]'). The libraries
# Qt's plugins link to must be installed too (packaging/linux/install-build-deps.sh), so that dpkg-shlibdeps
# can name the packages the .deb depends on.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${1:-${PYTHON:-$ROOT/.venv/bin/python}}
cd "$ROOT"

NAME=$("$PYTHON" packaging/project_info.py name)
VERSION=$("$PYTHON" packaging/project_info.py version)
DESCRIPTION=$("$PYTHON" packaging/project_info.py description)
ARCH=$(dpkg --print-architecture)
MACHINE=$(uname -m)
MAINTAINER=${DEB_MAINTAINER:-SayYes <sayyes@localhost>}  # set DEB_MAINTAINER for a published package
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
RELEASE_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)

DIST=dist
APP=build/dist/$NAME                    # what PyInstaller writes
STAGE=build/deb/$NAME                   # the .deb's file tree; build/deb/debian/control is for dpkg-shlibdeps
TARDIR=build/tar/$NAME-$VERSION-linux-$MACHINE
DEB=$DIST/${NAME}_${VERSION}_${ARCH}.deb
TARBALL=$DIST/$NAME-$VERSION-linux-$MACHINE.tar.gz
HICOLOR_SIZES="16 22 24 32 48 64 128 256 512"

step() { printf '\n== %s\n' "$*"; }

bash packaging/linux/install-build-deps.sh  # apt-installs only what is missing

step "icons from resources/icons/sayyes.svg"
"$PYTHON" tools/make_icons.py --out build/icons >/dev/null

step "PyInstaller: $APP"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath build/dist --workpath build/pyinstaller packaging/sayyes.spec
"$PYTHON" packaging/check_bundle.py "$APP"

# Install the metadata files (desktop entry, AppStream, hicolor icons) under a prefix's share/.
install_share() {
    local share=$1
    install -Dm644 packaging/linux/sayyes.desktop "$share/applications/sayyes.desktop"
    mkdir -p "$share/metainfo"
    sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$RELEASE_DATE/" \
        packaging/linux/app.sayyes.SayYes.metainfo.xml.in > "$share/metainfo/app.sayyes.SayYes.metainfo.xml"
    chmod 644 "$share/metainfo/app.sayyes.SayYes.metainfo.xml"
    for size in $HICOLOR_SIZES; do
        install -Dm644 "build/icons/sayyes-$size.png" "$share/icons/hicolor/${size}x${size}/apps/sayyes.png"
    done
    install -Dm644 resources/icons/sayyes.svg "$share/icons/hicolor/scalable/apps/sayyes.svg"
}

step "Debian package: $DEB"
rm -rf build/deb
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$DIST"
cp -a "$APP" "$STAGE/opt/$NAME"
ln -s "/opt/$NAME/$NAME" "$STAGE/usr/bin/$NAME"
install_share "$STAGE/usr/share"
install -Dm644 README.md "$STAGE/usr/share/doc/$NAME/README.md"

# Depends: what the bundled ELF files link to outside the bundle, as dpkg-shlibdeps resolves it against the
# installed packages (versioned by their symbols files: libc6 (>= ...) is the glibc floor). Qt's GTK theme
# plugin is only used on a GTK desktop, which has GTK: its library goes to Recommends.
mkdir -p build/deb/debian
printf 'Source: %s\n\nPackage: %s\nArchitecture: %s\n' "$NAME" "$NAME" "$ARCH" > build/deb/debian/control
INTERNAL=$NAME/opt/$NAME/_internal
mapfile -t ELF_FILES < <(cd build/deb && find "$NAME/opt" -type f \( -name '*.so*' -o -path "*/opt/$NAME/$NAME" \) \
    ! -name 'libqgtk3.so' | sort)
if ! SHLIBS=$(cd build/deb && dpkg-shlibdeps -O --warnings=0 \
        "-l$INTERNAL" "-l$INTERNAL/PySide6/Qt/lib" "-l$INTERNAL/PySide6" "-l$INTERNAL/shiboken6" \
        "-l$INTERNAL/numpy.libs" "${ELF_FILES[@]}" 2>"$ROOT/build/deb/shlibdeps.log"); then
    cat build/deb/shlibdeps.log >&2
    echo "build.sh: dpkg-shlibdeps failed; are the libraries Qt links to installed? (packaging/linux/install-build-deps.sh)" >&2
    exit 1
fi
# The xcb/EGL packages Qt's xcb platform plugin needs, named even if a future Qt loads some of them lazily.
DEPENDS=$("$PYTHON" - "${SHLIBS#shlibs:Depends=}" <<'EOF'
import sys
computed = [part.strip() for part in sys.argv[1].split(",") if part.strip()]
names = {part.split()[0] for part in computed}
baseline = ["libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libxcb-cursor0", "libegl1", "libfontconfig1"]
print(", ".join(sorted(computed + [name for name in baseline if name not in names])))
EOF
)
GLIBC_FLOOR=$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' <<<"$DEPENDS")
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: libgtk-3-0
Section: misc
Priority: optional
Description: ${DESCRIPTION%%:*}
 SayYes keeps opportunities, interviews, the questions you were asked, skills,
 contacts, offers and your own workplace standards in forms, and shows your
 progress in charts. Your data stays in a private SQLite file on this computer:
 no account, no server, no network. "sayyes --help" lists the command line.
EOF
find "$STAGE" -type d -exec chmod 755 {} +
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null

step "tarball: $TARBALL"
rm -rf build/tar
mkdir -p "$TARDIR"
cp -a "$APP/." "$TARDIR/"
install_share "$TARDIR/share"
cat > "$TARDIR/README.txt" <<EOF
SayYes $VERSION for Linux ($MACHINE)

Run ./$NAME to open the app; ./$NAME --help lists the command line (demo, import, export, check, ...).
It needs glibc $GLIBC_FLOOR or newer and the X11/Wayland libraries of a desktop; on Debian or Ubuntu:

    sudo apt install $(tr -d '\n' <<<"${DEPENDS}" | sed -e 's/ ([^)]*)//g' -e 's/,//g')

share/ holds the desktop entry, the icons and the AppStream metadata: copy them under ~/.local/share (and
put a link to $NAME on your PATH) to have SayYes in the applications menu. The .deb does all of this.
EOF
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C build/tar -cf - "$(basename "$TARDIR")" | gzip -n -6 > "$TARBALL"

step "done"
printf 'folder   %s (%s)\n' "$APP" "$(du -sh "$APP" | cut -f1)"
printf 'deb      %s (%s, installs %s KB)\n' "$DEB" "$(du -h "$DEB" | cut -f1)" "$INSTALLED_KB"
printf 'tarball  %s (%s)\n' "$TARBALL" "$(du -h "$TARBALL" | cut -f1)"
printf 'glibc    >= %s (the build machine has %s)\n' "$GLIBC_FLOOR" "$(ldd --version | head -1 | awk '{print $NF}')"
printf 'Depends: %s\n' "$DEPENDS"
