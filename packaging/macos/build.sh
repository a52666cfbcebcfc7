#!/usr/bin/env bash
# Build SayYes for macOS: build/dist/SayYes.app (Info.plist and .icns from packaging/sayyes.spec), a headless
# smoke test of it, then dist/SayYes-<version>-macos-<arch>.dmg with hdiutil.
#
#     packaging/macos/build.sh [PYTHON]
#
# PYTHON must have SayYes and its `package` extra installed (pip install -e '.[package]'). The app is built
# for the machine's own architecture (arm64 on Apple silicon runners, x86_64 on Intel ones).
#
# Signing and notarisation run only when their credentials are in the environment:
#   MACOS_SIGN_IDENTITY   a "Developer ID Application: ..." identity in the keychain -> codesign app and dmg
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (an app-specific password) -> notarytool submit + stapler
# Without them the .dmg is unsigned: Gatekeeper asks the user to confirm the first start (right-click > Open).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${1:-${PYTHON:-python3}}
cd "$ROOT"

VERSION=$("$PYTHON" packaging/project_info.py version)
ARCH=$(uname -m)
APP=build/dist/SayYes.app
DMG=dist/SayYes-$VERSION-macos-$ARCH.dmg

step() { printf '\n== %s\n' "$*"; }

step "icons"
"$PYTHON" tools/make_icons.py --out build/icons >/dev/null

step "PyInstaller: $APP"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyinstaller \
    packaging/sayyes.spec
"$PYTHON" packaging/check_bundle.py "$APP"
/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist"

step "smoke test of the frozen app (headless)"
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
export QT_QPA_PLATFORM=offscreen
"$APP/Contents/MacOS/SayYes" --help >/dev/null
"$APP/Contents/MacOS/SayYes" --data-dir "$DATA/demo" demo
"$APP/Contents/MacOS/SayYes" --data-dir "$DATA/demo" check | tee "$DATA/check.txt"
grep -q "ok: integrity" "$DATA/check.txt"
unset QT_QPA_PLATFORM

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    step "codesign $APP"
    codesign --force --deep --options runtime --timestamp \
        --entitlements packaging/macos/entitlements.plist --sign "$MACOS_SIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
else
    echo "MACOS_SIGN_IDENTITY is not set: the app is not signed"
fi

step "disk image: $DMG"
mkdir -p dist
STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "SayYes $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
rm -rf "$STAGE"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] \
        && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    step "notarise $DMG"
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose "$DMG"
else
    echo "Apple ID credentials are not set: the disk image is not notarised"
fi

step "the app from the disk image"
MOUNT=$(mktemp -d)
hdiutil attach -nobrowse -readonly -mountpoint "$MOUNT" "$DMG" >/dev/null
QT_QPA_PLATFORM=offscreen "$MOUNT/SayYes.app/Contents/MacOS/SayYes" --data-dir "$DATA/from-dmg" demo
QT_QPA_PLATFORM=offscreen "$MOUNT/SayYes.app/Contents/MacOS/SayYes" --data-dir "$DATA/from-dmg" check
hdiutil detach "$MOUNT" >/dev/null

printf '%s (%s)\n' "$DMG" "$(du -h "$DMG" | cut -f1)"
