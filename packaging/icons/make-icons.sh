#!/usr/bin/env bash
# Renders assets/icons/redline.svg into every raster form the platforms need and checks them in:
#   assets/icons/hicolor/NxN/apps/app.redline.Redline.png  (Linux, hicolor theme sizes)
#   assets/icons/redline.ico                                (Windows: 16–256 in one file)
#   assets/icons/redline.icns                               (macOS)
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")/../.."
svg=assets/icons/redline.svg
id=app.redline.Redline
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for size in 16 24 32 48 64 128 256 512; do
  dir=assets/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$dir/$id.png"
done
mkdir -p assets/icons/hicolor/scalable/apps
cp "$svg" assets/icons/hicolor/scalable/apps/$id.svg

ico_sizes=()
for size in 16 24 32 48 64 128 256; do ico_sizes+=("assets/icons/hicolor/${size}x${size}/apps/$id.png"); done
convert "${ico_sizes[@]}" assets/icons/redline.ico

# png2icns takes the sizes Apple defines (16, 32, 128, 256, 512).
png2icns assets/icons/redline.icns \
  assets/icons/hicolor/16x16/apps/$id.png assets/icons/hicolor/32x32/apps/$id.png \
  assets/icons/hicolor/128x128/apps/$id.png assets/icons/hicolor/256x256/apps/$id.png \
  assets/icons/hicolor/512x512/apps/$id.png >/dev/null
echo "icons written under assets/icons/"
