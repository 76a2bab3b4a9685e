#!/usr/bin/env bash
# Checks every packaging file that can be checked on Linux, and builds, installs, runs and
# removes the Debian package. CI runs this (see .ci/run); it installs what it needs when root.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis dpkg-dev desktop-file-utils appstream >/dev/null
fi

echo "== macOS: Info.plist"
python3 - <<'PY'
import plistlib
info = plistlib.load(open("packaging/macos/Info.plist", "rb"))
assert info["CFBundleIdentifier"] == "app.redline.Redline", info["CFBundleIdentifier"]
assert info["CFBundleIconFile"] == "redline.icns"
types = info["CFBundleDocumentTypes"][0]["CFBundleTypeExtensions"]
for ext in ["txt", "md", "html", "docx", "odt"]:
    assert ext in types, ext
print("Info.plist: ok")
PY
test -s assets/icons/redline.icns && test -s assets/icons/redline.ico

echo "== Windows: the NSIS installer script compiles"
if command -v makensis >/dev/null; then
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
  stand_in=$(mktemp)
  makensis -V2 -DVERSION="$version" -DEXE="$stand_in" -DOUTFILE="$(mktemp -d)/redline-installer.exe" packaging/windows/redline.nsi
  rm -f "$stand_in"
  echo "redline.nsi: ok"
else
  echo "makensis is not installed: skipping the installer check"
fi

echo "== Linux: Debian package"
packaging/linux/build-deb.sh --install
