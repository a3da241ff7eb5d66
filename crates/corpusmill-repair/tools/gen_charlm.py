#!/usr/bin/env python3
"""Generates data/charlm.txt, the character language model of the repair crate.

Source: the word-frequency dictionary shipped with the `jieba` Python package
(MIT licence). Each word's frequency is credited to its characters and to the
bigrams inside it, in simplified form and in OpenCC's traditional forms (s2t, s2tw, s2twp, s2hk) (the
content farm converts to traditional). Needs: pip install jieba opencc.

Output lines: `U<TAB>char<TAB>count` and `B<TAB>char char<TAB>count`, sorted,
bigrams below MIN_BIGRAM dropped to keep the file small.

Usage: python3 tools/gen_charlm.py > data/charlm.txt
"""
import collections, os, sys

import jieba
import opencc

MIN_BIGRAM = 10


def main():
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    ccs = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2twp", "s2hk")]
    uni = collections.Counter()
    bi = collections.Counter()
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        forms = {word} | {cc.convert(word) for cc in ccs}
        for form in forms:
            for c in form:
                uni[c] += freq
            for a, b in zip(form, form[1:]):
                bi[a + b] += freq
    out = sys.stdout
    for c, n in sorted(uni.items()):
        out.write(f"U\t{c}\t{n}\n")
    for ab, n in sorted(bi.items()):
        if n >= MIN_BIGRAM:
            out.write(f"B\t{ab}\t{n}\n")


if __name__ == "__main__":
    main()
