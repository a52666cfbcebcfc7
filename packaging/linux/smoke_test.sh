#!/usr/bin/env bash
# Smoke-test the Linux packages as a user meets them (`make package-test`):
#   1. install the .deb with apt (which fetches its Depends), check what it put where;
#   2. run the installed `sayyes`: --help, demo and check on a fresh data folder (HOME in a temp dir),
#      stats, an export/import round trip; open the window on a virtual X screen (Xvfb), find it by its
#      title, screenshot it, go to the Dashboard (Ctrl+1: pyqtgraph), screenshot, quit with Ctrl+Q, exit 0;
#   3. the same from the unpacked tarball;
#   4. compile the Windows installer script with makensis against a folder laid out like the Windows build;
#   5. uninstall the .deb and check nothing of it is left.
#
#     packaging/linux/smoke_test.sh DEB TARBALL        screenshots and logs go to build/package-test/
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEB=$(realpath "$1")
TARBALL=$(realpath "$2")
OUT=$ROOT/build/package-test
PYTHON=${PYTHON:-python3}
NAME=$("$PYTHON" "$ROOT/packaging/project_info.py" name)
VERSION=$("$PYTHON" "$ROOT/packaging/project_info.py" version)
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)
export DEBIAN_FRONTEND=noninteractive

WORK=$(mktemp -d /tmp/sayyes-package-test.XXXXXX)
XVFB_PID=
APP_PID=
INSTALLED=
cleanup() {
    [ -z "$APP_PID" ] || kill "$APP_PID" 2>/dev/null || true
    [ -z "$XVFB_PID" ] || kill "$XVFB_PID" 2>/dev/null || true
    if [ -n "$INSTALLED" ]; then  # a failed run leaves no package behind either
        "${SUDO[@]}" apt-get remove -y -qq "$NAME" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { echo "package-test: FAIL: $*" >&2; exit 1; }
expect() {  # expect FILE TEXT: the file contains the text
    grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "expected '$2' in $(basename "$1")"; }
}

bash "$ROOT/packaging/linux/install-build-deps.sh"
rm -rf "$OUT"
mkdir -p "$OUT"

# Run a command as a user with a fresh home: nothing of this machine's SayYes settings or data is seen.
as_user() {
    local home=$1
    shift
    env -u SAYYES_DATA_DIR -u QT_QPA_PLATFORM -u XDG_DATA_DIRS HOME="$home" XDG_DATA_HOME="$home/.local/share" \
        XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state" \
        XDG_RUNTIME_DIR="$home/run" "$@"
}

# Poll screenshots of a window until it is painted (many colours) and stops changing: no fixed sleeps.
screenshot_when_settled() {
    local window=$1 target=$2 previous="" current colours
    for _ in $(seq 1 80); do
        import -display "$DISPLAY" -window "$window" "$WORK/shot.png" 2>/dev/null || true
        colours=$(identify -format '%k' "$WORK/shot.png" 2>/dev/null || echo 0)
        current=$(md5sum <"$WORK/shot.png" 2>/dev/null | cut -c1-32 || true)
        if [ "$colours" -gt 64 ] && [ "$current" = "$previous" ] && [ "${3:-}" != "$current" ]; then
            cp "$WORK/shot.png" "$target"
            echo "$current"
            return 0
        fi
        previous=$current
        sleep 0.25
    done
    fail "window $window was not painted (or did not change) within 20 s"
}

app_checks() {  # app_checks LABEL SAYYES
    local label=$1 sayyes=$2 home=$WORK/home-$1 log=$OUT/$1
    local data=$home/.local/share/SayYes
    mkdir -p "$home/run" && chmod 700 "$home/run"

    step "$label: sayyes --help, demo, check, stats, export/import on a fresh data folder"
    as_user "$home" "$sayyes" --help >"$log-help.txt"
    expect "$log-help.txt" "usage: sayyes"
    as_user "$home" "$sayyes" demo >"$log-demo.txt" 2>&1 || { cat "$log-demo.txt"; fail "$label: sayyes demo"; }
    expect "$log-demo.txt" "created demo data in $data"
    as_user "$home" "$sayyes" check >"$log-check.txt" 2>&1 || { cat "$log-check.txt"; fail "$label: sayyes check"; }
    expect "$log-check.txt" "ok: integrity"
    expect "$log-check.txt" "ok: foreign keys"
    as_user "$home" "$sayyes" stats --json >"$log-stats.json"
    "$PYTHON" -m json.tool "$log-stats.json" >/dev/null || fail "$label: sayyes stats --json is not JSON"
    as_user "$home" "$sayyes" export all "$home/archive" >/dev/null
    as_user "$home" "$sayyes" --data-dir "$home/restored" import all "$home/archive" >/dev/null
    as_user "$home" "$sayyes" --data-dir "$home/restored" check >/dev/null || fail "$label: restored archive fails check"
    cat "$log-check.txt"

    step "$label: the window on Xvfb"
    exec 5>"$WORK/display"
    Xvfb -displayfd 5 -screen 0 1366x860x24 -nolisten tcp -noreset >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    exec 5>&-
    for _ in $(seq 1 40); do [ -s "$WORK/display" ] && break; sleep 0.25; done
    [ -s "$WORK/display" ] || fail "Xvfb did not start: $(cat "$WORK/xvfb.log")"
    export DISPLAY=:$(head -1 "$WORK/display")

    env -u SAYYES_DATA_DIR HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
        XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state" XDG_RUNTIME_DIR="$home/run" \
        DISPLAY="$DISPLAY" QT_QPA_PLATFORM=xcb "$sayyes" >"$log-gui.out" 2>"$log-gui.err" &
    APP_PID=$!  # env execs sayyes (a one-folder PyInstaller app runs in the bootloader's own process)
    local window=""
    for _ in $(seq 1 120); do
        window=$(xdotool search --onlyvisible --name '^SayYes' 2>/dev/null | head -1 || true)
        [ -n "$window" ] && break
        kill -0 "$APP_PID" 2>/dev/null || { cat "$log-gui.err" >&2; fail "$label: sayyes exited before showing a window"; }
        sleep 0.25
    done
    [ -n "$window" ] || { cat "$log-gui.err" >&2; fail "$label: no window titled SayYes within 30 s"; }
    local title
    title=$(xdotool getwindowname "$window")
    [ "$title" = "SayYes — $data" ] || fail "$label: window title is '$title'"
    echo "window $window: $title"
    local first
    first=$(screenshot_when_settled "$window" "$OUT/$label-window.png")

    xdotool windowfocus --sync "$window"
    xdotool key --clearmodifiers ctrl+1  # the Dashboard: its charts are pyqtgraph, imported on first show
    screenshot_when_settled "$window" "$OUT/$label-dashboard.png" "$first" >/dev/null

    xdotool windowfocus --sync "$window"
    xdotool key --clearmodifiers ctrl+q
    local status=""
    for _ in $(seq 1 120); do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            status=0
            wait "$APP_PID" || status=$?
            break
        fi
        sleep 0.25
    done
    [ -n "$status" ] || fail "$label: still running 30 s after Ctrl+Q"
    APP_PID=
    [ "$status" -eq 0 ] || { cat "$log-gui.err" >&2; fail "$label: exit status $status after Ctrl+Q"; }
    if grep -q "Traceback" "$log-gui.err"; then
        cat "$log-gui.err" >&2
        fail "$label: a Python traceback while the window was open"
    fi
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=
    echo "quit with Ctrl+Q: exit status 0; screenshots $OUT/$label-window.png, $OUT/$label-dashboard.png"
}

step "install $DEB with apt"
if dpkg-query -W "$NAME" >/dev/null 2>&1; then
    "${SUDO[@]}" apt-get remove -y -qq "$NAME" >/dev/null
fi
if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "$DEB" >"$WORK/apt.log" 2>&1; then
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "$DEB" >"$WORK/apt.log" 2>&1 || {
        cat "$WORK/apt.log" >&2; fail "apt could not install $DEB"; }
fi
INSTALLED=1
[ "$(dpkg-query -W -f='${Version}' "$NAME")" = "$VERSION" ] || fail "dpkg does not list $NAME $VERSION"
[ "$(command -v sayyes)" = /usr/bin/sayyes ] || fail "sayyes is not /usr/bin/sayyes on PATH"
[ -x "/opt/$NAME/$NAME" ] || fail "/opt/$NAME/$NAME is missing"
for size in 16 22 24 32 48 64 128 256 512; do
    [ -f "/usr/share/icons/hicolor/${size}x${size}/apps/sayyes.png" ] || fail "no ${size}px icon"
done
[ -f /usr/share/icons/hicolor/scalable/apps/sayyes.svg ] || fail "no scalable icon"
desktop-file-validate /usr/share/applications/sayyes.desktop || fail "the .desktop entry is not valid"
appstreamcli validate --no-net --explain /usr/share/metainfo/app.sayyes.SayYes.metainfo.xml >"$WORK/appstream.log" 2>&1 || {
    cat "$WORK/appstream.log" >&2; fail "the AppStream metainfo is not valid"; }
INSTALLED_SIZE=$(du -sh "/opt/$NAME" | cut -f1)
echo "installed: /opt/$NAME ($INSTALLED_SIZE), /usr/bin/sayyes -> $(readlink /usr/bin/sayyes)"

app_checks deb sayyes

step "unpack $TARBALL"
mkdir -p "$WORK/tar"
tar -xzf "$TARBALL" -C "$WORK/tar"
TAR_APP=$(find "$WORK/tar" -mindepth 2 -maxdepth 2 -type f -name "$NAME" | head -1)
[ -n "$TAR_APP" ] || fail "no $NAME executable at the top of the tarball"
app_checks tarball "$TAR_APP"

step "makensis packaging/windows/sayyes.nsi against a folder laid out like the Windows build"
STUB=$WORK/nsis/SayYes  # SayYes.exe + sayyes.com + _internal/, as packaging/windows/build.ps1 leaves it
mkdir -p "$STUB"
cp -a "/opt/$NAME/_internal" "$STUB/_internal"
cp "/opt/$NAME/$NAME" "$STUB/SayYes.exe"
cp "/opt/$NAME/$NAME" "$STUB/sayyes.com"
ICON_ARG=()
[ ! -f "$ROOT/build/icons/sayyes.ico" ] || ICON_ARG=(-DICON="$ROOT/build/icons/sayyes.ico")
makensis -V2 -DVERSION="$VERSION" -DAPPDIR="$STUB" "${ICON_ARG[@]}" \
    -DOUTFILE="$WORK/SayYes-$VERSION-setup.exe" -DFAST "$ROOT/packaging/windows/sayyes.nsi" >"$OUT/makensis.log" 2>&1 || {
    cat "$OUT/makensis.log" >&2; fail "makensis could not compile packaging/windows/sayyes.nsi"; }
file "$WORK/SayYes-$VERSION-setup.exe" | tee -a "$OUT/makensis.log" | grep -q "Nullsoft" || fail "makensis wrote no NSIS installer"
echo "compiled: $(file -b "$WORK/SayYes-$VERSION-setup.exe")"

step "uninstall $NAME"
"${SUDO[@]}" apt-get remove -y -qq "$NAME" >/dev/null
INSTALLED=
[ ! -e "/opt/$NAME" ] || fail "/opt/$NAME is left after apt-get remove"
[ ! -e /usr/bin/sayyes ] || fail "/usr/bin/sayyes is left after apt-get remove"
[ ! -e /usr/share/applications/sayyes.desktop ] || fail "the .desktop entry is left after apt-get remove"

step "passed"
printf 'deb      %s (%s)\n' "$DEB" "$(du -h "$DEB" | cut -f1)"
printf 'tarball  %s (%s)\n' "$TARBALL" "$(du -h "$TARBALL" | cut -f1)"
printf 'installed /opt/%s: %s\n' "$NAME" "$INSTALLED_SIZE"
printf 'screenshots in %s: %s\n' "$OUT" "$(cd "$OUT" && ls -- *.png | tr '\n' ' ')"
