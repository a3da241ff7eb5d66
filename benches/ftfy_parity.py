#!/usr/bin/env python3
"""Parity with ftfy's own test cases (issue 3: "every case that ftfy's own test
suite expects it to fix is fixed the same way").

Downloads the ftfy source distribution with pip (its `tests/test_cases.json` is
not in the wheel) into target/ftfy-parity/, writes each case's `original` text
as a UTF-8 file, repairs all of them with the `repair_files` example of
corpusmill-repair (the same `repair_bytes` the ingest pipeline calls), and
compares with ftfy's expectations:

  * `fixed-encoding` (what `ftfy.fix_encoding` must give; `fixed` when absent):
    the mojibake part, which is what corpusmill sets out to repair;
  * `fixed` (what `ftfy.fix_text` must give): also uncurls quotes, narrows
    full-width letters, expands ligatures, and so on. corpusmill deliberately
    leaves those alone (they change clean text), so misses here are expected.

Only the cases ftfy marks `"expect": "pass"` count. Prints a table and, with
--list, every case that differs. Usage: python3 benches/ftfy_parity.py [--list]
[--version 6.3.1].
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tarfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))


def ftfy_cases(work, version):
    sdists = glob.glob(os.path.join(work, f"ftfy-{version}.tar.gz"))
    if not sdists:
        subprocess.run([sys.executable, "-m", "pip", "download", f"ftfy=={version}", "--no-binary", ":all:",
                        "--no-deps", "-q", "-d", work], check=True)
        sdists = glob.glob(os.path.join(work, f"ftfy-{version}.tar.gz"))
    with tarfile.open(sdists[0]) as tar:
        member = tar.getmember(f"ftfy-{version}/tests/test_cases.json")
        return json.load(tar.extractfile(member))


def build_example():
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "corpusmill-repair", "--example", "repair_files"],
                   cwd=ROOT, check=True)
    return os.path.join(TARGET, "release", "examples", "repair_files")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--version", default="6.3.1")
    ap.add_argument("--list", action="store_true", help="print every case that differs")
    args = ap.parse_args()
    work = os.path.join(TARGET, "ftfy-parity")
    os.makedirs(work, exist_ok=True)
    cases = [c for c in ftfy_cases(work, args.version) if c["expect"] == "pass"]
    paths = []
    for i, case in enumerate(cases):
        path = os.path.join(work, f"case-{i:03d}.txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(case["original"])
        paths.append(path)
    out = subprocess.run([build_example()] + paths, check=True, capture_output=True, text=True).stdout
    results = {}
    for line in out.splitlines():
        row = json.loads(line)
        results[row["path"]] = row

    rows = {"needs a fix": [0, 0, 0], "needs none": [0, 0, 0]}
    differ = []
    for case, path in zip(cases, paths):
        row = results.get(path, {})
        text = row.get("text")
        want_encoding = case.get("fixed-encoding", case["fixed"])
        # fix_encoding does not normalise; corpusmill puts text in NFC.
        same_encoding = text is not None and text == unicodedata.normalize("NFC", want_encoding)
        same_text = text is not None and text == case["fixed"]
        kind = "needs none" if want_encoding == case["original"] else "needs a fix"
        rows[kind][0] += 1
        rows[kind][1] += same_encoding
        rows[kind][2] += same_text
        if not same_encoding:
            differ.append((case, text, row.get("repairs")))

    print(f"ftfy {args.version} test_cases.json, {len(cases)} cases ftfy expects to pass")
    print(f"{'cases':<14}{'n':>5}  {'= fix_encoding':>16}  {'= fix_text':>12}")
    total = [0, 0, 0]
    for kind, (n, enc, txt) in rows.items():
        total = [total[0] + n, total[1] + enc, total[2] + txt]
        print(f"{kind:<14}{n:>5}  {enc:>7} ({enc / max(n, 1):6.1%})  {txt:>4} ({txt / max(n, 1):6.1%})")
    n, enc, txt = total
    print(f"{'all':<14}{n:>5}  {enc:>7} ({enc / max(n, 1):6.1%})  {txt:>4} ({txt / max(n, 1):6.1%})")
    if args.list:
        for case, text, repairs in differ:
            print(f"\n- {case['label']}\n  original: {case['original']!r}\n  expected: "
                  f"{case.get('fixed-encoding', case['fixed'])!r}\n  got:      {text!r}  {repairs}")


if __name__ == "__main__":
    main()
