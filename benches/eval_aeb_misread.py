#!/usr/bin/env python3
"""Scores the repair of real web text, mostly English, read with the wrong codec.

The 181 article bodies of ../shared/corpora/aeb/ground-truth.json (English news,
blogs and press releases, with curly quotes, dashes, `©` and `£`; by a count of
common words, 16 are German, Spanish, Russian, Indonesian or Arabic) are written
as UTF-8 and read back by Python's codecs, as a crawler that guessed wrong would
have read them:

- `utf8_as_gbk`: `gbk` with errors="replace" (`It’s` is `It鈥檚`; a byte GBK
  cannot pair becomes U+FFFD, so the kind is lossy);
- `utf8_as_cp932`: Japanese Windows, errors="replace" (lossy);
- `utf8_as_cp1252`: Windows-1252, its five undefined bytes read as Latin-1
  (ftfy's home ground; lossless).

Each damaged body is repaired with the `repair_files` example; per binary and
kind the script prints the documents, the exact ones, the characters wrong
(the edit distance's changed characters against the original), how many of
those are U+FFFD left for a lost byte, and the commonest wrong substitutions
that are not U+FFFD. With two binaries it also counts the documents each gets
closer to the truth.

Usage: python3 benches/eval_aeb_misread.py NEW_REPAIR_FILES [OLD_REPAIR_FILES]
                                          [--kinds K,...] [--work DIR]
(binaries: builds of crates/corpusmill-repair/examples/repair_files; needs
../shared beside the checkout.)
"""
import argparse
import collections
import difflib
import json
import os
import sys

import corpus_mix
import repair_files_bin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
KINDS = ["utf8_as_gbk", "utf8_as_cp932", "utf8_as_cp1252"]


def misread(text, kind):
    """`text` as a reader of `kind` leaves it: `corpus_mix.misread`, whose
    name for cp932 is `utf8_as_shift_jis`."""
    return corpus_mix.misread(text, "utf8_as_shift_jis" if kind == "utf8_as_cp932" else kind)


def make_cases(work, kinds):
    truth = json.load(open(os.path.join(SHARED, "corpora", "aeb", "ground-truth.json"), encoding="utf-8"))
    bodies = [(key, v["articleBody"]) for key, v in sorted(truth.items()) if v.get("articleBody")]
    cases = []
    for kind in kinds:
        folder = os.path.join(work, kind)
        os.makedirs(folder, exist_ok=True)
        for n, (key, body) in enumerate(bodies):
            damaged = misread(body, kind)
            path = os.path.join(folder, f"{n:03d}.txt")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(damaged)
            cases.append({"kind": kind, "id": key, "path": path, "expected": body, "damaged": damaged != body})
    return cases


def diff(text, truth):
    """Characters wrong, U+FFFD among them, and the substitutions that are not U+FFFD.

    Lines are matched first and characters only inside the lines that differ:
    a character diff of a whole 50,000-character body takes minutes."""
    if text is None:
        return len(truth), 0, []
    wrong, lost, subs = 0, 0, []
    truth_lines, text_lines = truth.splitlines(keepends=True), text.splitlines(keepends=True)
    lines = difflib.SequenceMatcher(None, truth_lines, text_lines, autojunk=False)
    for op, l1, l2, m1, m2 in lines.get_opcodes():
        if op == "equal":
            continue
        want, got = "".join(truth_lines[l1:l2]), "".join(text_lines[m1:m2])
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            wrong += max(a2 - a1, b2 - b1)
            lost += got[b1:b2].count("\ufffd")
            if "\ufffd" not in got[b1:b2]:
                subs.append((want[a1:a2], got[b1:b2]))
    return wrong, lost, subs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("new")
    ap.add_argument("old", nargs="?")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "eval-aeb-misread"))
    ap.add_argument("--show", type=int, default=8, help="wrong substitutions to print per kind")
    a = ap.parse_args()
    if not os.path.isdir(SHARED):
        sys.exit(f"eval_aeb_misread: {SHARED} is needed (the AEB ground truth)")
    kinds = a.kinds.split(",")
    cases = make_cases(a.work, kinds)
    paths = [c["path"] for c in cases]
    runs = [(name, repair_files_bin.texts_for(b, paths)) for name, b in [("new", a.new), ("old", a.old)] if b]
    print("| binary | kind | documents (damaged) | exact | characters wrong | of them U+FFFD | wrong, not U+FFFD |")
    print("|---|---|---:|---:|---:|---:|---:|")
    common = {}
    for name, texts in runs:
        for kind in kinds:
            rows = [(c, t) for c, t in zip(cases, texts) if c["kind"] == kind]
            scores = [diff(t, c["expected"]) for c, t in rows]
            exact = sum(t == c["expected"] for c, t in rows)
            wrong = sum(s[0] for s in scores)
            lost = sum(s[1] for s in scores)
            subs = collections.Counter(sub for s in scores for sub in s[2])
            damaged = sum(c["damaged"] for c, _ in rows)
            print(f"| {name} | {kind} | {len(rows)} ({damaged}) | {exact} | {wrong} | {lost} | {sum(subs.values())} |")
            common[(name, kind)] = subs
    for (name, kind), subs in common.items():
        if subs and a.show:
            shown = ", ".join(f"{n}× {want!r}→{got!r}" for (want, got), n in subs.most_common(a.show))
            print(f"{name} {kind}: {shown}")
    if len(runs) == 2:
        (_, new), (_, old) = runs
        for kind in kinds:
            closer = further = 0
            for case, n, o in zip(cases, new, old):
                if case["kind"] != kind:
                    continue
                wn, wo = diff(n, case["expected"])[0], diff(o, case["expected"])[0]
                closer += wn < wo
                further += wn > wo
            print(f"new against old, {kind}: {closer} documents closer to the truth, {further} further")


if __name__ == "__main__":
    main()
