#!/usr/bin/env python3
"""Scores the repair of lossy mojibake against its sources, character by
character: the dumps `bench_peers.py` reads as GBK and as cp932 (errors
"replace") keep their clean sources beside them, so each lost byte a repair
fills can be told right or wrong.

For each group it prints the documents, the exact ones, the mean similarity,
the U+FFFD left, and, with two binaries, how many source characters the
second matches that the first does not ("gained") and the reverse ("lost"):
a rule that fills lost bytes wrongly shows as lost or as no gain.

Usage: python3 benches/lossy_recall.py NEW_REPAIR_FILES [OLD_REPAIR_FILES]
                                       [--work DIR]
where the binaries are builds of crates/corpusmill-repair/examples/repair_files
and --work is bench_peers.py's work folder (default target/bench-peers; run
bench_peers.py once to make it).
"""
import argparse
import difflib
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUPS = ["utf8_as_gbk", "utf8_as_shift_jis"]


def repaired(binary, paths):
    out = {}
    for start in range(0, len(paths), 400):
        lines = subprocess.run([binary, *paths[start:start + 400]], capture_output=True, text=True, check=True)
        for line in lines.stdout.splitlines():
            row = json.loads(line)
            out[row["path"]] = row.get("text") or ""
    return out


def matched(source, text):
    """The positions of `source` that `text` matches."""
    blocks = difflib.SequenceMatcher(None, source, text, autojunk=False).get_matching_blocks()
    return {i for b in blocks for i in range(b.a, b.a + b.size)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("new")
    ap.add_argument("old", nargs="?")
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "bench-peers"))
    args = ap.parse_args()
    sources_dir = os.path.join(args.work, "clean-2mb-s1", "text", "0000")
    if not os.path.isdir(sources_dir):
        sys.exit(f"lossy_recall: no sources in {sources_dir}; run benches/bench_peers.py first")
    for group in GROUPS:
        folder = os.path.join(args.work, group)
        paths = sorted(os.path.join(folder, name) for name in os.listdir(folder))
        new = repaired(args.new, paths)
        old = repaired(args.old, paths) if args.old else None
        exact = similar = left = gained = lost = 0
        for path in paths:
            with open(os.path.join(sources_dir, os.path.basename(path)), encoding="utf-8", newline="") as f:
                source = f.read()
            text = new[path]
            exact += text == source
            similar += difflib.SequenceMatcher(None, text, source, autojunk=False).ratio()
            left += text.count("\ufffd")
            if old is not None and old[path] != text:
                now, before = matched(source, text), matched(source, old[path])
                gained += len(now - before)
                lost += len(before - now)
        line = (f"{group}: {len(paths)} documents, {exact} exact, {100 * similar / len(paths):.2f}% similar, "
                f"{left} U+FFFD left")
        if old is not None:
            line += f"; against the old binary: {gained} source characters gained, {lost} lost"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
