#!/usr/bin/env python3
"""Clean text of many languages, written by people: the system's gettext translations.

Usage: python3 benches/eval_translations.py [--bin BIN] [--out DIR] [--no-build] [--show N]

Every `/usr/share/locale/*/LC_MESSAGES/*.mo` file the machine has (183 locales, 3,717
files on the development machine; Debian packages install them) is read with Python's
`gettext`, which decodes each catalogue from its declared charset. The translated strings
of one catalogue are joined by newlines into documents of about 3,000 characters, written
as UTF-8 to --out, and repaired by `repair_files` (the release build, built first unless
--no-build or --bin).

The translated manual pages (`/usr/share/man/<lang>/man*/*.gz`, 1,262 here) are repaired
too, one document each, and summed up the same way.

Translations are clean text, so every change is either a repair the issue asks for
(NFC, control characters such as the ANSI escapes of terminal strings, HTML entities in
markup strings) or a false alarm. The script prints the changed documents per set of
repair kinds, and every document that a mojibake repair changed, line by line, to be
read by a person: some catalogues do hold real mojibake (`geÃ¯nstalleerd`).

The set of .mo files depends on the installed packages, so the counts are the
machine's; the README quotes the development machine's.
"""
import argparse
import collections
import difflib
import glob
import gettext
import gzip
import io
import json
import os
import struct
import subprocess
import sys

import repair_files_bin
from repair_files_bin import TARGET

DOC_CHARS = 3000


def raw_translations(data):
    """The translated strings of a .mo file as bytes (plural forms apart), header first.

    Layout (GNU gettext manual, "The Format of GNU MO Files"): magic 0x950412de in the
    file's byte order, revision, string count N, offset of the original strings' table,
    offset of the translations' table; each table entry is (length, offset)."""
    order = "<" if struct.unpack("<I", data[:4])[0] == 0x950412DE else ">"
    _, n, _, trans = struct.unpack(order + "4I", data[4:20])
    out = []
    for i in range(n):
        length, offset = struct.unpack(order + "2I", data[trans + 8 * i:trans + 8 * i + 8])
        out.extend(data[offset:offset + length].split(b"\0"))
    return out


def catalogues():
    """(locale, [translated strings], declared charset or None) per .mo file.

    Strings are str when the catalogue decodes with its declared charset, else the raw
    bytes of a catalogue whose declaration is wrong (`UTF-8` over Latin-1 bytes)."""
    for path in sorted(glob.glob("/usr/share/locale/*/LC_MESSAGES/*.mo")):
        locale = path.split(os.sep)[4]
        with open(path, "rb") as f:
            data = f.read()
        try:
            catalog = gettext.GNUTranslations(io.BytesIO(data))._catalog
        except UnicodeDecodeError:
            try:
                raw = raw_translations(data)
            except struct.error as err:
                print(f"skipped {path}: {err}", file=sys.stderr)
                continue
            header = raw[0].decode("ascii", "replace") if raw else ""
            declared = header.split("charset=")[-1].split()[0] if "charset=" in header else None
            yield locale, [r for r in raw[1:] if r.strip()], declared
            continue
        except Exception as err:  # a damaged file: say so, go on
            print(f"skipped {path}: {err}", file=sys.stderr)
            continue
        strings = [v for k, v in sorted(catalog.items(), key=lambda kv: str(kv[0]))
                   if k != "" and isinstance(v, str) and v.strip()]
        if strings:
            yield locale, strings, None


def write_docs(out):
    """Writes the documents, one catalogue's strings split every DOC_CHARS; returns the
    paths of the clean ones and (path, declared charset) of the mislabelled ones."""
    os.makedirs(out, exist_ok=True)
    paths, mislabelled, per_locale = [], [], collections.Counter()
    for locale, strings, declared in catalogues():
        chunk, size = [], 0
        for s in strings + [None]:
            if s is None or (size > DOC_CHARS and chunk):
                if chunk:
                    name = f"{locale}__{per_locale[locale]:04d}.txt"
                    per_locale[locale] += 1
                    path = os.path.join(out, name)
                    if isinstance(chunk[0], bytes):
                        with open(path, "wb") as f:
                            f.write(b"\n".join(chunk) + b"\n")
                        mislabelled.append((path, declared))
                    else:
                        with open(path, "w", encoding="utf-8", newline="") as f:
                            f.write("\n".join(chunk) + "\n")
                        paths.append(path)
                chunk, size = [], 0
            if s is not None:
                chunk.append(s)
                size += len(s)
    return paths, mislabelled, len(per_locale)


def write_man_pages(out):
    """The translated manual pages (`/usr/share/man/<lang>/man*/*.gz`), one document each,
    as their bytes; returns the paths."""
    os.makedirs(out, exist_ok=True)
    paths = []
    for path in sorted(glob.glob("/usr/share/man/*/man*/*.gz")):
        lang = path.split(os.sep)[4]
        # Links name pages already read.
        if lang.startswith("man") or os.path.islink(path):
            continue
        try:
            with gzip.open(path, "rb") as f:
                data = f.read()
        except OSError as err:
            print(f"skipped {path}: {err}", file=sys.stderr)
            continue
        dest = os.path.join(out, f"{lang}__{os.path.basename(path)[:-3]}.txt")
        with open(dest, "wb") as f:
            f.write(data)
        paths.append(dest)
    return paths


def repair(binary, paths):
    results = []
    for i in range(0, len(paths), 300):
        p = subprocess.run([binary] + paths[i:i + 300], capture_output=True, text=True, check=True)
        results.extend(json.loads(line) for line in p.stdout.splitlines())
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    repair_files_bin.add_arguments(ap)
    ap.add_argument("--out", default=os.path.join(TARGET, "eval-translations"))
    ap.add_argument("--show", type=int, default=20, help="mojibake-repaired documents to print")
    args = ap.parse_args()
    binary = repair_files_bin.binary(args)
    paths, mislabelled, locales = write_docs(os.path.join(args.out, "catalogues"))
    man = write_man_pages(os.path.join(args.out, "man"))
    if not paths:
        sys.exit("no /usr/share/locale/*/LC_MESSAGES/*.mo files on this machine")
    size = sum(os.path.getsize(p) for p in paths)
    results = repair(binary, paths)
    by_kinds, mojibake = collections.Counter(), []
    changed, flagged = 0, collections.Counter()
    for r in results:
        if "error" in r:
            print(f"error: {r['path']}: {r['error']}")
            continue
        with open(r["path"], encoding="utf-8", newline="") as f:
            original = f.read()
        if r["text"] == original:
            # Flagged, not changed: U+FFFD runs the translators left (`VERIFICA��O`).
            for kind in r["repairs"]:
                flagged[kind] += 1
            continue
        changed += 1
        if not r["repairs"]:
            print(f"CHANGED WITH NOTHING LOGGED: {r['path']}")
        kinds = tuple(sorted(r["repairs"]))
        by_kinds[kinds] += 1
        if any(k.startswith("mojibake") for k in kinds):
            mojibake.append((r, original))
    print(f"{len(paths)} documents ({size / 1e6:.1f} MB) from {locales} locales; changed: {changed}")
    print("| repairs | documents |")
    print("|---|---:|")
    for kinds, n in by_kinds.most_common():
        print(f"| {', '.join(kinds) or '(none logged)'} | {n} |")
    for kind, n in flagged.most_common():
        print(f"flagged in documents left unchanged: {kind} in {n}")
    if mislabelled:
        # Catalogues whose bytes Python's gettext could not decode (a header that
        # declares one charset where the file's own strings are in another, or that
        # Python reads as UTF-8): corpusmill reads the bytes unlabelled, and its text
        # is compared with the declared charset's reading of them.
        agree = 0
        for r, (path, declared) in zip(repair(binary, [p for p, _ in mislabelled]), mislabelled):
            with open(path, "rb") as f:
                raw = f.read()
            try:
                expected = raw.decode(declared or "cp1252")
            except (LookupError, UnicodeDecodeError):
                expected = raw.decode("cp1252", errors="replace")
            same = r.get("text") == expected
            agree += same
            note = ""
            if not same:
                got = r.get("text", "")
                at = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
                note = f", differs: {got[max(0, at - 20):at + 20]!r} for {expected[max(0, at - 20):at + 20]!r}"
            print(f"unlabelled {os.path.basename(path)} (declares {declared}): read as {r.get('encoding')}{note}")
        print(f"documents read as their declared charset reads them: {agree} of {len(mislabelled)}")
    if man:
        # Manual pages in UTF-8 are compared with their text; others are listed.
        man_kinds, man_mojibake = collections.Counter(), []
        for r in repair(binary, man):
            with open(r["path"], "rb") as f:
                raw = f.read()
            try:
                original = raw.decode("utf-8")
            except UnicodeDecodeError:
                print(f"manual page not in UTF-8: {os.path.basename(r['path'])}, read as {r.get('encoding')}")
                continue
            if r.get("text") != original:
                kinds = tuple(sorted(r.get("repairs", {})))
                man_kinds[kinds] += 1
                if any(k.startswith("mojibake") for k in kinds):
                    man_mojibake.append(os.path.basename(r["path"]))
        print(f"\n{len(man)} translated manual pages; changed: {sum(man_kinds.values())}")
        for kinds, n in man_kinds.most_common():
            print(f"  {', '.join(kinds) or '(none logged)'}: {n}")
        print(f"  changed by a mojibake repair: {', '.join(man_mojibake) or 'none'}")
    print(f"\ndocuments changed by a mojibake repair: {len(mojibake)}")
    for r, original in mojibake[:args.show]:
        print(f"== {os.path.basename(r['path'])} {r['repairs']}")
        for line in difflib.unified_diff(original.split("\n"), r["text"].split("\n"), lineterm="", n=0):
            if line.startswith(("-", "+")) and not line.startswith(("---", "+++")):
                print("   " + line[:160])


if __name__ == "__main__":
    main()
