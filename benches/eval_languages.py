#!/usr/bin/env python3
"""Repair across languages: sentences of real words of eleven languages
(benches/languages.tsv), damaged the common ways, repaired by corpusmill.

For each language it writes N seeded random sentences (as many words as a
paragraph, between the punctuation the language uses), and makes of each:

  clean            the UTF-8 text itself: must come back unchanged
  legacy           a sentence in its language's legacy code page, unlabelled
                   (cp1251, cp1253, cp1250, cp1254, EUC-KR, Shift_JIS, cp1255,
                   cp1256, cp874), of the words and separators the code page
                   holds: must decode to the text. (Vietnamese's cp1258 writes
                   tones as combining marks, which Python's codec does not
                   make from composed text: its legacy sentences are of the
                   words without tone marks.)
  utf8_as_cp1252   its UTF-8 read as cp1252 (the five undefined bytes as
                   Latin-1, as browsers do), saved as UTF-8
  utf8_as_cp1251   its UTF-8 read as cp1251 (0x98, undefined, as U+FFFD: lossy)
  utf8_as_gbk      its UTF-8 read as GBK, bytes GBK cannot pair as U+FFFD (lossy)
  utf8_as_cp932    its UTF-8 read as Shift_JIS by Python's cp932 codec, bytes it
                   cannot pair as U+FFFD (lossy)
  utf8_as_legacy   its UTF-8 read as its language's own single-byte code page (a
                   Greek page's text read as cp1253), bytes the page lacks as the
                   C1 control or Latin-1 character of the same number, as browsers
                   do (`–` for the multi-byte pages of Korean and Japanese)
  legacy_as_latin1 the legacy sentence's bytes read as Latin-1, as `requests` reads
                   a page served without a charset
  legacy_cut       the legacy sentence without its final newline and its last
                   byte, as a size cap or a partial download leaves a file: must
                   decode as Python's codec does with errors="replace" (a cut
                   double-byte character is one U+FFFD)
  legacy_bad_byte  the legacy sentence with its middle non-ASCII byte made 0xFF,
                   which the multi-byte encodings never use (lossy: similarity to
                   the sentence)

repairs every file with the `repair_files` example of corpusmill-repair (the
`repair_bytes` that ingest calls) and prints, per language and kind, the share
of documents recovered exactly and the mean character similarity (difflib).
A kind that does not apply (a language its legacy code page cannot hold) is `–`.

Usage: python3 benches/eval_languages.py [--docs N] [--seed N] [--out DIR] [--no-build]
"""
import argparse
import difflib
import os
import random
import sys

import repair_files_bin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))

SEPS = [" ", " ", " ", ", ", ". ", "; ", ": ", " — ", " – ", "… ", "\n", " «", "» ", " “", "” ", " „", " (", ") ",
        " 2024 ", " 3,5 % ", " 12:30 ", "! ", "? "]
CJK_SEPS = ["", "", "、", "。", "「", "」", "（", "）", "！", "？", " ", "\n", "・", "：", "2024年", "ABC", "，"]

LEGACY = {
    "russian": "cp1251", "ukrainian": "cp1251", "greek": "cp1253", "czech_polish": "cp1250",
    "vietnamese": "cp1258", "turkish": "cp1254", "korean": "euc_kr", "japanese": "shift_jis",
    "hebrew": "cp1255", "arabic": "cp1256", "thai": "cp874",
}
KINDS = ["clean", "legacy", "utf8_as_cp1252", "utf8_as_cp1251", "utf8_as_gbk", "utf8_as_cp932", "utf8_as_legacy", "legacy_as_latin1",
         "legacy_cut", "legacy_bad_byte"]
MULTI_BYTE = {"euc_kr", "shift_jis"}
LOSSY = {"utf8_as_cp1251", "utf8_as_gbk", "utf8_as_cp932", "legacy_bad_byte"}
LEGACY_KINDS = ("legacy", "legacy_as_latin1", "legacy_cut", "legacy_bad_byte")


def languages():
    out = []
    with open(os.path.join(ROOT, "benches", "languages.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, kind, words = line.split("\t", 2)
            out.append((name, CJK_SEPS if kind == "cjk" else SEPS, words.split(" ")))
    return out


def sentence(rng, words, seps):
    text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(20, 60)))
    return text.strip() + "\n"


def misread_cp1252(raw):
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in raw)


def misread_sloppy(raw, codec):
    """`raw` read with a single-byte `codec`, a byte it lacks as the character of its number."""
    out = []
    for b in raw:
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def damaged(kind, lang, text):
    """The damaged file's bytes, or None where the kind does not apply."""
    raw = text.encode("utf-8")
    if kind == "clean":
        return raw
    if kind in LEGACY_KINDS:
        try:
            data = text.encode(LEGACY[lang])
        except UnicodeEncodeError:
            return None
        if kind == "legacy_cut":
            return data.rstrip(b"\n")[:-1]
        if kind == "legacy_bad_byte":
            high = [i for i, b in enumerate(data) if b >= 0x80]
            if not high:
                return None
            bad = bytearray(data)
            bad[high[len(high) // 2]] = 0xFF
            return bytes(bad)
        return data if kind == "legacy" else data.decode("latin-1").encode("utf-8")
    if kind == "utf8_as_legacy":
        if LEGACY[lang] in MULTI_BYTE:
            return None
        return misread_sloppy(raw, LEGACY[lang]).encode("utf-8")
    if kind == "utf8_as_cp1252":
        return misread_cp1252(raw).encode("utf-8")
    if kind == "utf8_as_cp1251":
        return raw.decode("cp1251", errors="replace").encode("utf-8")
    if kind == "utf8_as_gbk":
        return raw.decode("gbk", errors="replace").encode("utf-8")
    if kind == "utf8_as_cp932":
        return raw.decode("cp932", errors="replace").encode("utf-8")
    raise ValueError(kind)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=50, help="documents per language (default 50)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(TARGET, "eval-languages"))
    repair_files_bin.add_arguments(ap)
    args = ap.parse_args()

    binary = repair_files_bin.binary(args)

    rng = random.Random(args.seed)
    cases = []  # (language, kind, path, clean text)
    for lang, seps, words in languages():
        # The legacy copies are of sentences their code page can hold: its
        # words, and the separators it has (EUC-KR has no `«`).
        def encodes(piece):
            try:
                piece.encode(LEGACY[lang])
                return True
            except UnicodeEncodeError:
                return False
        legacy_words, legacy_seps = [w for w in words if encodes(w)], [s for s in seps if encodes(s)]
        for i in range(args.docs):
            text = sentence(rng, words, seps)
            legacy_text = sentence(rng, legacy_words, legacy_seps) if legacy_words else None
            for kind in KINDS:
                if kind in LEGACY_KINDS:
                    if legacy_text is None:
                        continue
                    text_of_kind = legacy_text
                else:
                    text_of_kind = text
                data = damaged(kind, lang, text_of_kind)
                if data is None:
                    continue
                if kind == "legacy_cut":
                    text_of_kind = data.decode(LEGACY[lang], errors="replace")
                path = os.path.join(args.out, lang, kind, f"{i:04d}.txt")
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(data)
                cases.append((lang, kind, path, text_of_kind))

    repaired = repair_files_bin.texts_for(binary, [path for _, _, path, _ in cases])

    results = {}
    for (lang, kind, path, clean), got in zip(cases, repaired):
        exact = got == clean
        similar = difflib.SequenceMatcher(None, got or "", clean, autojunk=False).ratio()
        results.setdefault((lang, kind), []).append((exact, similar))

    langs = [name for name, _, _ in languages()]
    print(f"{args.docs} documents per language, seed {args.seed}: exact % (mean similarity % for lossy kinds)\n")
    print("| language | " + " | ".join(KINDS) + " |")
    print("|---|" + "---:|" * len(KINDS))
    for lang in langs:
        cells = []
        for kind in KINDS:
            rows = results.get((lang, kind))
            if not rows:
                cells.append("–")
                continue
            exact = 100 * sum(e for e, _ in rows) / len(rows)
            cell = f"{exact:.0f}"
            if kind in LOSSY:
                cell += f" ({100 * sum(s for _, s in rows) / len(rows):.1f})"
            cells.append(cell)
        name = f"{lang} ({LEGACY[lang]})"
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
