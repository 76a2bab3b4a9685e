#!/usr/bin/env python3
"""Checks a screenshot of the window: a PNG of the requested size that shows deleted and
inserted words in the theme's colours (src/gui/palette.rs), give or take dithering.

    check_shot.py SHOT.png WIDTH HEIGHT light|dark

Used by .ci/run for the Linux build and by packaging/windows/check-wine.sh for the Windows one.
"""
import struct, sys, zlib

path, want_w, want_h, theme = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
colours = {
    "light": {"deleted words": (0xF8, 0xC9, 0xB8), "inserted words": (0xBF, 0xDC, 0xF5)},
    "dark": {"deleted words": (0x73, 0x2E, 0x18), "inserted words": (0x16, 0x46, 0x73)},
}[theme]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
pos, idat, header = 8, b"", None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
width, height, depth, colour_type = header[:4]
assert (width, height) == (want_w, want_h), f"{path} is {width}x{height}, not {want_w}x{want_h}"
assert depth == 8 and colour_type in (2, 6), f"unexpected PNG format {depth}/{colour_type}"
bpp = 4 if colour_type == 6 else 3
raw = zlib.decompress(idat)
stride = width * bpp
rows, prev, i = [], bytearray(stride), 0
for _ in range(height):
    kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if kind == 1:
            line[x] = (line[x] + a) & 255
        elif kind == 2:
            line[x] = (line[x] + b) & 255
        elif kind == 3:
            line[x] = (line[x] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    prev = line
counts = {name: 0 for name in colours}
for line in rows:
    for x in range(0, stride, bpp):
        px = line[x:x + 3]
        for name, rgb in colours.items():
            if all(abs(px[k] - rgb[k]) <= 3 for k in range(3)):
                counts[name] += 1
for name, count in counts.items():
    assert count >= 200, f"{path}: only {count} pixels of {name} colour {colours[name]}"
print(f"{path}: {width}x{height}, " + ", ".join(f"{n}: {c} px" for n, c in counts.items()))
