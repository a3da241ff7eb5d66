#!/usr/bin/env python3
"""Scores the repair of lossy mojibake against its sources, character by
character: the dumps `bench_peers.py` reads as GBK and as cp932 (errors
"replace") keep their clean sources beside them, so each lost byte a repair
fills can be told right or wrong.

It also damages independent texts the same way: the Chinese of
../shared/corpora/clean-dev and benches/repair-clean-zh (42 texts, none of
them repeated), into a temporary folder (group names ending in `:texts`).

For each group it prints the documents, the exact ones, the mean similarity,
the U+FFFD left, the characters that stand where the source has another of
the same length ("wrong": a wrong pick for a lost byte, never U+FFFD), and,
with two binaries, how many source characters the second matches that the
first does not ("gained") and the reverse ("lost"): a rule that fills lost
bytes wrongly shows as lost, as no gain, or as more wrong.

Usage: python3 benches/lossy_recall.py NEW_REPAIR_FILES [OLD_REPAIR_FILES]
                                       [--work DIR]
where the binaries are builds of crates/corpusmill-repair/examples/repair_files
and --work is bench_peers.py's work folder (default target/bench-peers; run
bench_peers.py once to make it).
"""
import argparse
import difflib
import glob
import json
import os
import subprocess
import sys
import tempfile

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


def wrong_picks(source, text):
    """Characters of `text` standing where `source` has others of the same length."""
    ops = difflib.SequenceMatcher(None, source, text, autojunk=False).get_opcodes()
    return sum(b2 - b1 for op, a1, a2, b1, b2 in ops
               if op == "replace" and a2 - a1 == b2 - b1 and "\ufffd" not in text[b1:b2])


def score(name, cases, new_binary, old_binary):
    """Prints one line for `cases`, (damaged file, source text) pairs."""
    paths = [path for path, _ in cases]
    new = repaired(new_binary, paths)
    old = repaired(old_binary, paths) if old_binary else None
    exact = similar = left = wrong = old_wrong = gained = lost = 0
    for path, source in cases:
        text = new[path]
        exact += text == source
        similar += difflib.SequenceMatcher(None, text, source, autojunk=False).ratio()
        left += text.count("\ufffd")
        wrong += wrong_picks(source, text)
        if old is not None:
            old_wrong += wrong_picks(source, old[path])
            if old[path] != text:
                now, before = matched(source, text), matched(source, old[path])
                gained += len(now - before)
                lost += len(before - now)
    line = (f"{name}: {len(paths)} documents, {exact} exact, {100 * similar / len(paths):.2f}% similar, "
            f"{left} U+FFFD left, {wrong} wrong")
    if old is not None:
        line += f"; against the old binary: {gained} source characters gained, {lost} lost, {old_wrong} wrong before"
    print(line, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("new")
    ap.add_argument("old", nargs="?")
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "bench-peers"))
    args = ap.parse_args()
    sources_dir = os.path.join(args.work, "clean-2mb-s1", "text", "0000")
    if os.path.isdir(sources_dir):
        for group in GROUPS:
            folder = os.path.join(args.work, group)
            cases = []
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(sources_dir, name), encoding="utf-8", newline="") as f:
                    cases.append((os.path.join(folder, name), f.read()))
            score(group, cases, args.new, args.old)
    else:
        print(f"lossy_recall: no bench dumps in {sources_dir} (run benches/bench_peers.py); texts only")
    texts = sorted(glob.glob(os.path.join(ROOT, "..", "shared", "corpora", "clean-dev", "*.txt")))
    texts += sorted(glob.glob(os.path.join(ROOT, "benches", "repair-clean-zh", "*.txt")))
    if not texts:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for group, codec in (("utf8_as_gbk", "gbk"), ("utf8_as_shift_jis", "cp932")):
            cases = []
            for i, path in enumerate(texts):
                with open(path, encoding="utf-8", newline="") as f:
                    source = f.read()
                damaged = os.path.join(tmp, f"{group}-{i:03}.txt")
                with open(damaged, "w", encoding="utf-8", newline="") as f:
                    f.write(source.encode("utf-8").decode(codec, errors="replace"))
                cases.append((damaged, source))
            score(f"{group}:texts", cases, args.new, args.old)
    return 0


if __name__ == "__main__":
    sys.exit(main())
