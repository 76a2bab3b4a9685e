#!/usr/bin/env bash
# Builds redline's Debian package with cargo-deb and checks what is in it.
#   packaging/linux/build-deb.sh            build and check the .deb (target/debian/)
#   packaging/linux/build-deb.sh --install  also install it with dpkg -i, run it, and remove it
# Needs: cargo-deb (installed here if missing), dpkg-dev, desktop-file-utils and appstream for
# the checks (installed here if missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
id=app.redline.Redline

need() { command -v "$1" >/dev/null 2>&1; }
if ! need dpkg-shlibdeps || ! need desktop-file-validate || ! need appstreamcli; then
  if [ "$(id -u)" = 0 ] && need apt-get; then
    apt-get update -qq && apt-get install -y -qq dpkg-dev desktop-file-utils appstream >/dev/null
  else
    echo "build-deb: install dpkg-dev, desktop-file-utils and appstream first" >&2
    exit 2
  fi
fi
need cargo-deb || cargo install cargo-deb --locked --version 3.8.0

echo "== validating the desktop entry and the AppStream metainfo"
desktop-file-validate packaging/linux/$id.desktop
appstreamcli validate --no-net packaging/linux/$id.metainfo.xml

echo "== building the package"
# cargo-deb prints the package's path last (it honours CARGO_TARGET_DIR).
deb=$(cargo deb --locked | tail -n 1)
test -f "$deb" || { echo "cargo deb did not report a package" >&2; exit 1; }
echo "built $deb ($(du -h "$deb" | cut -f1))"

echo "== checking its contents"
listing=$(dpkg-deb --contents "$deb" | awk '{print $NF}')
for f in ./usr/bin/redline ./usr/share/applications/$id.desktop ./usr/share/metainfo/$id.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/$id.svg ./usr/share/doc/redline/README.md; do
  grep -qx -- "$f" <<<"$listing" || { echo "missing from the package: $f" >&2; exit 1; }
done
for size in 16 24 32 48 64 128 256 512; do
  f=./usr/share/icons/hicolor/${size}x${size}/apps/$id.png
  grep -qx -- "$f" <<<"$listing" || { echo "missing from the package: $f" >&2; exit 1; }
done
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
# The window's libraries are loaded at run time; a hard dependency on them would stop a
# headless install.
if grep -Eq 'libx11|libwayland|libgl|libvulkan' <<<"$depends"; then
  echo "the package must not depend on display libraries: $depends" >&2
  exit 1
fi

if [ "${1:-}" = "--install" ]; then
  echo "== installing it with dpkg -i and running it"
  dpkg -i "$deb"
  trap 'dpkg -r redline >/dev/null' EXIT
  /usr/bin/redline --version
  set +e
  /usr/bin/redline summary --format text assets/samples/article-v1.txt assets/samples/article-v2.txt >/tmp/redline-deb-summary.txt
  code=$?
  set -e
  [ "$code" = 1 ] || { echo "installed redline summary exited $code, expected 1 (files differ)" >&2; exit 1; }
  grep -q "For the fact-checker" /tmp/redline-deb-summary.txt
  test -f /usr/share/applications/$id.desktop
  test -f /usr/share/icons/hicolor/256x256/apps/$id.png
  echo "installed package runs"
fi
echo "build-deb: ok"
