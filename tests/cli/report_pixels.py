#!/usr/bin/env python3
"""Checks a screenshot of `seg report`: each section of the page (where the page's script
says it is) shows its chart colour. The PNG is decoded here with zlib alone.
Usage: report_pixels.py SCREENSHOT.png SECTIONS_JSON"""
import json
import struct
import sys
import zlib


def decode_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat, header = 8, b"", None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (2, 6), f"unsupported PNG {header}"
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def count(image, top, bottom, test):
    width, height, channels, rows = image
    n = 0
    for y in range(max(0, top), min(height, bottom)):
        row = rows[y]
        for x in range(width):
            if test(row[x * channels], row[x * channels + 1], row[x * channels + 2]):
                n += 1
    return n


def exactly(colour):
    return lambda r, g, b: (r, g, b) == colour


def main():
    image = decode_png(sys.argv[1])
    sections = json.loads(sys.argv[2])
    checks = [
        ("segments", "segment bars #1f77b4", exactly((31, 119, 180)), 2000),
        ("partitions", "branch bars #ff7f0e", exactly((255, 127, 14)), 500),
        ("clusters", "coloured centroids", lambda r, g, b: max(r, g, b) - min(r, g, b) > 60, 200),
        ("overlap", "dark heat-map cells", lambda r, g, b: r > 200 and g < 110 and b < 110, 100),
        ("scores", "histogram bars #2ca02c", exactly((44, 160, 44)), 500),
        ("metrics", "metric bars #9467bd", exactly((148, 103, 189)), 500),
    ]
    failed = 0
    for section, what, test, least in checks:
        top, bottom = sections[section]
        n = count(image, top, bottom, test)
        outside = count(image, 0, top, test) if section == "segments" else 0
        ok = n >= least
        print(f"{'ok' if ok else 'FAIL'}: {section} (rows {top}-{bottom}): {n} pixels of {what}"
              f" (at least {least})")
        failed += not ok
    # Above the first chart there is only text: no bar colour.
    top = sections["segments"][0]
    stray = count(image, 0, top, exactly((31, 119, 180)))
    print(f"{'ok' if stray == 0 else 'FAIL'}: {stray} bar pixels above the segments section")
    failed += stray != 0
    sys.exit(1 if failed else 0)


main()
