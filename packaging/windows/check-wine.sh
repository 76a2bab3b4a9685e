#!/usr/bin/env bash
# Windows for real: builds the release redline.exe with MinGW-w64, checks its embedded icon and
# version information, runs it under Wine and Xvfb (the command line, Windows paths, a file
# saved by Notepad, the window), then builds the NSIS installer from it and installs, runs and
# uninstalls it under Wine, checking the files, the Start menu entry and the registry.
#
# .ci/run calls this under a time guard (it links a second release build, about 7 minutes on two
# cores). Run it alone with `bash packaging/windows/check-wine.sh`. As root on Debian it
# installs what it needs; elsewhere it checks what it can and says what it skipped.
#
# Wine is Debian's Wine 8, 64-bit only: the prefix is 64-bit and the installer is too. Rust's
# standard library needs ProcessPrng from bcryptprimitives.dll, which Windows 10 and 11 have and
# Wine 8 lacks; a stand-in built here (packaging/windows/wine/) goes into the throwaway prefix.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
export CARGO_TERM_COLOR=never
target=x86_64-pc-windows-gnu

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        gcc-mingw-w64-x86-64 wine64 nsis icoutils xvfb libgl1-mesa-dri >/dev/null
fi
wine="$(command -v wine64 || echo /usr/lib/wine/wine64)"
wineserver="$(command -v wineserver || echo /usr/lib/wine/wineserver)"
for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres makensis wrestool icotool Xvfb \
    "$wine" "$wineserver"; do
    if ! command -v "$tool" >/dev/null; then
        echo "$tool is not installed and cannot be installed here: skipping the Windows check"
        exit 0
    fi
done
if ! rustup target add "$target" >/dev/null 2>&1; then
    echo "rustup could not install $target: skipping the Windows check"
    exit 0
fi

echo "== Windows: release build with MinGW-w64"
cargo build --release --target "$target"
# The Linux build the Windows one must agree with (.ci/run has built it already).
cargo build --release
target_dir="$(realpath "${CARGO_TARGET_DIR:-target}")"
exe="$target_dir/$target/release/redline.exe"
linux="$target_dir/release/redline"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
echo "redline.exe: $(stat -c %s "$exe") bytes"

echo "== Windows: the icon and version information are embedded"
work="$(mktemp -d)"
wrestool --extract --type=group_icon --output="$work/embedded.ico" "$exe"
icotool --list "$work/embedded.ico" | sed 's/--index=[0-9]* //' | sort >"$work/embedded.sizes"
icotool --list assets/icons/redline.ico | sed 's/--index=[0-9]* //' | sort >"$work/asset.sizes"
if ! diff -u "$work/asset.sizes" "$work/embedded.sizes"; then
    echo "redline.exe's icon is not assets/icons/redline.ico" >&2
    exit 1
fi
wrestool --extract --type=version --raw "$exe" >"$work/version.bin"
python3 - "$work/version.bin" "$version" <<'PYEOF'
import sys

info = open(sys.argv[1], "rb").read().decode("utf-16-le", "replace")
version = sys.argv[2]
for key, value in [
    ("ProductName", "Redline"),
    ("FileDescription", "Redline: see what changed"),
    ("OriginalFilename", "redline.exe"),
    ("FileVersion", version),
    ("ProductVersion", version),
]:
    at = info.find(key)
    assert at >= 0, f"redline.exe's version information has no {key}"
    assert value in info[at:at + 200], f"redline.exe's {key} is not {value!r}"
print(f"version information: ProductName Redline, FileVersion {version}: ok")
PYEOF

echo "== Windows: a throwaway 64-bit Wine prefix, under Xvfb"
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
done
Xvfb ":$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display" WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko download prompts: Redline needs neither. Arguments and paths are UTF-8.
export WINEDLLOVERRIDES="mscoree,mshtml=" LC_ALL=C.UTF-8
trap '"$wineserver" -k 2>/dev/null || true; kill "$xvfb_pid" 2>/dev/null || true' EXIT
timeout 300 "$wine" wineboot --init
"$wineserver" -w
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    packaging/windows/wine/bcryptprimitives.c
# Runs a program (a Windows one through Wine) with a time limit, its output into the file OUT,
# and prints its exit code (Redline's: 0 the same, 1 changed, 2 an error).
run_to() {
    local out="$1" status=0
    shift
    timeout 300 "$@" >"$out" || status=$?
    echo "$status"
}
run() {
    run_to /dev/null "$wine" "$@"
}
expect() {
    if [ "$2" != "$1" ]; then
        echo "$3: exit code $2, expected $1" >&2
        exit 1
    fi
}

echo "== Windows: summary of the sample matches the Linux build's"
cp assets/samples/article-v1.txt assets/samples/article-v2.txt "$work/"
cp tests/fixtures/pdf/article-v1-columns.pdf tests/fixtures/pdf/flate-bomb.pdf "$work/"
cd "$work"
# Only the time each was made may differ (the paths are the same relative paths).
times='s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g'
expect 1 "$(run_to windows.md "$wine" "$exe" summary article-v1.txt article-v2.txt)" "redline.exe summary"
expect 1 "$(run_to linux.md "$linux" summary article-v1.txt article-v2.txt)" "redline summary"
if ! diff -u <(sed -E "$times" linux.md) <(sed -E "$times" windows.md); then
    echo "redline.exe's summary differs from the Linux build's" >&2
    exit 1
fi
echo "Markdown summary: $(wc -l <windows.md) lines, the same as the Linux build's"

echo "== Windows: paths with backslashes, spaces and non-ASCII letters; JSON"
docs="$WINEPREFIX/drive_c/users/Zoë/Documents"
mkdir -p "$docs"
cp "$repo/tests/fixtures/inputs/article.odt" "$docs/Story v1.odt"
sed 's/met a top Russian/met a senior Russian/' "$repo/tests/fixtures/inputs/article.txt" >"$docs/Story v2.txt"
cp "$repo/tests/fixtures/inputs/article.docx" "$docs/Story v2.docx"
old='C:\Users\Zoë\Documents\Story v1.odt'
for new in 'C:\Users\Zoë\Documents\Story v2.docx' 'C:\Users\Zoë\Documents\Story v2.txt'; do
    status=$(run_to windows.json "$wine" "$exe" summary --format json "$old" "$new")
    "$linux" summary --format json "$docs/Story v1.odt" "$docs/$(basename "${new//\\//}")" \
        >linux.json || true
    python3 - windows.json linux.json "$old" "$new" "$status" <<'PYEOF'
import json, sys

windows, linux = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
old, new, status = sys.argv[3], sys.argv[4], int(sys.argv[5])
assert windows["old"]["path"] == old, f"old path read as {windows['old']['path']!r}"
assert windows["new"]["path"] == new, f"new path read as {windows['new']['path']!r}"
assert windows["old"]["name"] == "Story v1.odt", windows["old"]["name"]
for doc in (windows, linux):
    for side in ("old", "new"):
        for key in ("path", "modified"):
            doc[side].pop(key)
    for key in ("generated", "elapsed_ms"):
        doc.pop(key, None)
assert windows == linux, "redline.exe's JSON differs from the Linux build's"
changes = len(windows["changes"])
assert status == (1 if changes else 0), f"exit code {status} with {changes} changes"
print(f"{new}: {changes} change{'' if changes == 1 else 's'}, the same as the Linux build's")
PYEOF
done

echo "== Windows: a file saved by Notepad (UTF-16 with BOM, CRLF) is the same as its UTF-8 text"
python3 - article-v1.txt notepad.txt <<'PYEOF'
import sys

text = open(sys.argv[1], encoding="utf-8").read().replace("\n", "\r\n")
open(sys.argv[2], "wb").write("\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
PYEOF
expect 0 "$(run "$exe" summary notepad.txt article-v1.txt)" "Notepad's UTF-16 file"
echo "notepad.txt: unchanged against article-v1.txt"

echo "== Windows: a PDF is read by a child redline.exe; a decompression bomb ends only the child"
expect 0 "$(run "$exe" summary article-v1.txt article-v1-columns.pdf)" "a PDF of the sample"
echo "article-v1-columns.pdf: unchanged against article-v1.txt"
expect 2 "$(run "$exe" summary article-v1.txt flate-bomb.pdf 2>bomb.txt)" "a PDF bomb"
if ! grep -q "decompression bomb\|made to stall readers" bomb.txt; then
    echo "the PDF bomb's message is not the expected one:" >&2
    cat bomb.txt >&2
    exit 1
fi
echo "flate-bomb.pdf: $(grep -o 'needed more than [0-9]* MiB of memory\|took more than [0-9]* seconds' bomb.txt)"

echo "== Windows: the window, drawn through Wine's OpenGL"
expect 0 "$(REDLINE_THEME=light run "$exe" article-v1.txt article-v2.txt \
    --screenshot windows-shot.png --size 1200x800)" "redline.exe --screenshot"
python3 "$repo/.ci/check_shot.py" windows-shot.png 1200 800 light
cp windows-shot.png /tmp/shot-windows.png
cd "$repo"

echo "== Windows: the installer installs, runs and uninstalls"
setup="$work/redline-$version-setup.exe"
makensis -V2 -DVERSION="$version" -DEXE="$exe" -DOUTFILE="$setup" packaging/windows/redline.nsi
echo "installer: $(stat -c %s "$setup") bytes"
expect 0 "$(run "$setup" /S)" "the silent install"
"$wineserver" -w
installed="$WINEPREFIX/drive_c/Program Files/Redline"
menu="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Redline.lnk"
classes='HKLM\Software\Classes'
uninstall='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Redline'
# Each registry value the installer writes: key and value name.
keys=(
    "$uninstall|DisplayName"
    "$uninstall|UninstallString"
    "$classes\\Redline.Article\\shell\\open\\command|"
    "$classes\\Applications\\redline.exe\\shell\\open\\command|"
)
for ext in .txt .md .html .docx .odt; do
    keys+=("$classes\\$ext\\OpenWithProgids|Redline.Article")
done
query() {
    local key="${1%|*}" value="${1#*|}"
    if [ -n "$value" ]; then
        timeout 60 "$wine" reg query "$key" /v "$value" >/dev/null 2>&1
    else
        timeout 60 "$wine" reg query "$key" /ve >/dev/null 2>&1
    fi
}
for file in redline.exe uninstall.exe README.md; do
    test -f "$installed/$file" || { echo "the installer did not put $file in Program Files" >&2; exit 1; }
done
test -f "$menu" || { echo "the installer made no Start menu entry" >&2; exit 1; }
for key in "${keys[@]}"; do
    query "$key" || { echo "the installer did not write $key" >&2; exit 1; }
done
if ! timeout 60 "$wine" reg query "$classes\\Redline.Article\\shell\\open\\command" /ve |
    grep -qF '"C:\Program Files\Redline\redline.exe" "%1"'; then
    echo "the Open with command does not start the installed redline.exe" >&2
    exit 1
fi
echo "installed: Program Files\\Redline, the Start menu entry, ${#keys[@]} registry values"
expect 0 "$(run 'C:\Program Files\Redline\redline.exe' summary "$work/notepad.txt" \
    "$work/article-v1.txt")" "the installed redline.exe"
echo "the installed redline.exe runs"
expect 0 "$(run 'C:\Program Files\Redline\uninstall.exe' /S)" "the silent uninstall"
# The uninstaller copies itself to a temporary folder and works from there: wait for it.
"$wineserver" -w
if [ -e "$installed" ] || [ -e "$menu" ]; then
    echo "the uninstaller left files behind:" >&2
    ls -la "$installed" "$menu" >&2 || true
    exit 1
fi
for key in "${keys[@]}"; do
    if query "$key"; then
        echo "the uninstaller left $key in the registry" >&2
        exit 1
    fi
done
echo "uninstalled: no files, Start menu entry or registry values left"
rm -rf "$work"
