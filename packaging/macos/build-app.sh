#!/usr/bin/env bash
# Assembles Redline.app from a release build (run on macOS after `cargo build --release`):
#   packaging/macos/build-app.sh [path/to/redline]   → target/macos/Redline.app
set -euo pipefail
cd "$(dirname "$0")/../.."
exe=${1:-target/release/redline}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
app=target/macos/Redline.app
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$exe" "$app/Contents/MacOS/redline"
cp assets/icons/redline.icns "$app/Contents/Resources/"
sed "s/@VERSION@/$version/g" packaging/macos/Info.plist > "$app/Contents/Info.plist"
if command -v plutil >/dev/null; then plutil -lint "$app/Contents/Info.plist"; fi
echo "built $app"
