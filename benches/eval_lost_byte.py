#!/usr/bin/env python3
"""Chinese text in GBK or Big5 with one byte lost or damaged, read unlabelled.

A byte lost inside a run of double-byte characters puts every pair after it out
of step; a damaged one spoils one pair. For each line of our own Chinese texts
(benches/repair-clean-zh: 5 simplified, read as GBK, and 3 traditional, read as
Big5) and, when it exists, of ../shared/corpora/clean-dev (GBK), and of the 3
traditional texts again as GBK ("gbk (traditional)": many of their characters
have a trail byte from 0x40 to 0x7E, where pairs out of step come back in step
at an ASCII letter), this script
makes one file per line and kind, seeded:

  lost       one non-ASCII byte removed
  lead_as_q  one non-ASCII byte replaced by `?` (0x3F), as a lossy converter
             leaves a byte it cannot map
  damaged    one non-ASCII byte replaced by another byte from 0x80 to 0xFF

and reads each with the `repair_files` example of corpusmill-repair (the
`repair_bytes` that ingest calls). It prints, per encoding and kind, how many
files came out in their encoding and the mean character similarity (difflib) to
the line. Lines of 20 to 200 characters, mostly Han.

Usage: python3 benches/eval_lost_byte.py [--bin BIN] [--no-build] [--seed N] [--out DIR]
"""
import argparse
import difflib
import glob
import json
import os
import random
import subprocess
import sys

import repair_files_bin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
KINDS = ["lost", "lead_as_q", "damaged"]


def chinese_lines(path):
    """The lines of a text that are 20 to 200 characters long and mostly Han."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            han = sum("\u4e00" <= c <= "\u9fff" for c in line)
            if 20 <= len(line) <= 200 and han * 10 >= len(line) * 6:
                yield line


def damage(data, kind, rng):
    high = [i for i, b in enumerate(data) if b >= 0x80]
    at = rng.choice(high)
    data = bytearray(data)
    if kind == "lost":
        del data[at]
    elif kind == "lead_as_q":
        data[at] = 0x3F
    else:
        data[at] = rng.choice([b for b in range(0x80, 0x100) if b != data[at]])
    return bytes(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    repair_files_bin.add_arguments(ap)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(TARGET, "eval-lost-byte"))
    args = ap.parse_args()
    binary = repair_files_bin.binary(args)

    simplified = sorted(glob.glob(os.path.join(ROOT, "benches/repair-clean-zh/zhs-*.txt")))
    traditional = sorted(glob.glob(os.path.join(ROOT, "benches/repair-clean-zh/zht-*.txt")))
    shared = os.path.join(ROOT, "..", "shared", "corpora", "clean-dev")
    # (path, codec, group); the groups added last leave the earlier ones'
    # seeded damage as it was.
    sources = [(p, "gbk", "gbk") for p in simplified]
    sources += [(p, "big5", "big5") for p in traditional]
    sources += [(p, "gbk", "gbk") for p in sorted(glob.glob(os.path.join(shared, "*.txt")))]
    sources += [(p, "gbk", "gbk (traditional)") for p in traditional]

    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    cases = []
    for path, codec, group in sources:
        for line in chinese_lines(path):
            try:
                data = line.encode(codec)
            except UnicodeEncodeError:
                continue
            for kind in KINDS:
                name = os.path.join(args.out, f"{len(cases):05d}_{codec}_{kind}.txt")
                with open(name, "wb") as f:
                    f.write(damage(data, kind, rng))
                cases.append((name, group, kind, line))

    results = {}
    for i in range(0, len(cases), 400):
        batch = [c[0] for c in cases[i:i + 400]]
        out = subprocess.run([binary, *batch], capture_output=True, text=True, check=True).stdout
        for row in out.splitlines():
            record = json.loads(row)
            results[record["path"]] = record

    expected = {"gbk": {"GBK", "gb18030"}, "big5": {"Big5"}, "gbk (traditional)": {"GBK", "gb18030"}}
    print(f"{len(cases)} files from {len(sources)} texts, seed {args.seed}\n")
    print("| encoding | kind | files | read in their encoding | mean similarity % |")
    print("|---|---|---:|---:|---:|")
    for group in expected:
        for kind in KINDS:
            rows = [c for c in cases if c[1] == group and c[2] == kind]
            if not rows:
                continue
            right, similar = 0, 0.0
            for name, _, _, line in rows:
                record = results.get(name, {})
                right += record.get("encoding") in expected[group]
                similar += difflib.SequenceMatcher(None, record.get("text", ""), line, autojunk=False).ratio()
            print(f"| {group} | {kind} | {len(rows)} | {right} ({100 * right / len(rows):.1f}%) "
                  f"| {100 * similar / len(rows):.1f} |")


if __name__ == "__main__":
    sys.exit(main())
