#!/usr/bin/env python3
"""Legacy CJK files someone else encoded: CPython's `test/cjkencodings` samples.

Usage: python3 benches/eval_cjk_samples.py [--bin BIN] [--no-build] [--dir DIR]

CPython's test suite ships, for each legacy CJK encoding its codecs know, a sample file
in that encoding beside the same text in UTF-8 (`big5.txt`, `big5-utf8.txt`, ...). They
were written by people who know those encodings (HZ, ISO-2022-KR, EUC-KR with KS X 1001's
make-up sequences), which makes them a check of the decoder on bytes we did not make.

Each sample is read unlabelled by `repair_files` (the release build, built first unless
--no-build or --bin), whole and cut one byte short (a size cap inside the last
character), and the text is compared with the UTF-8 file: exact, exact after NFC, or the
similarity (difflib ratio). The samples are found in the running Python's standard
library (`test/cjkencodings`), or in --dir.

The samples are not ours and stay where Python keeps them: nothing is copied into the
repository. A Python without its test package has none, and the script says so.
"""
import argparse
import difflib
import glob
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import unicodedata

import repair_files_bin


def verdict(got, want):
    if got == want:
        return "exact"
    if unicodedata.normalize("NFC", got) == unicodedata.normalize("NFC", want):
        return "exact (NFC)"
    return f"{difflib.SequenceMatcher(None, got, want, autojunk=False).ratio():.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    repair_files_bin.add_arguments(ap)
    ap.add_argument("--dir", default=os.path.join(sysconfig.get_paths()["stdlib"], "test", "cjkencodings"))
    args = ap.parse_args()
    samples = sorted(p for p in glob.glob(os.path.join(args.dir, "*.txt")) if not p.endswith("-utf8.txt"))
    samples = [p for p in samples if os.path.exists(p[: -len(".txt")] + "-utf8.txt")]
    if not samples:
        sys.exit(f"no samples in {args.dir} (this Python has no test package)")
    binary = repair_files_bin.binary(args)
    with tempfile.TemporaryDirectory() as tmp:
        cut_paths = []
        for p in samples:
            with open(p, "rb") as f:
                data = f.read()
            cut = os.path.join(tmp, os.path.basename(p))
            with open(cut, "wb") as f:
                # One byte short of the last character (line ends dropped).
                f.write(data.rstrip(b"\r\n")[:-1])
            cut_paths.append(cut)
        out = subprocess.run([binary, *samples, *cut_paths], capture_output=True, text=True, check=True).stdout
    results = {}
    for line in out.splitlines():
        r = json.loads(line)
        results[r["path"]] = r
    print(f"samples: {args.dir}\n")
    print("| sample | read as | whole | cut inside its last character: read as | similarity |")
    print("|---|---|---|---|---:|")
    exact = 0
    for p, cut in zip(samples, cut_paths):
        with open(p[: -len(".txt")] + "-utf8.txt", encoding="utf-8") as f:
            want = f.read()
        whole, short = results[p], results[cut]
        v = verdict(whole.get("text", ""), want)
        exact += v.startswith("exact")
        # The cut file lost its last character (and the newline after it):
        # compared with the text up to it.
        want_cut = want.rstrip("\r\n")[:-1]
        got_cut = short.get("text", "").rstrip("\ufffd")
        ratio = difflib.SequenceMatcher(None, got_cut, want_cut, autojunk=False).ratio()
        name = os.path.basename(p)[: -len(".txt")]
        print(f"| {name} | {whole.get('encoding', whole.get('error'))} | {v} "
              f"| {short.get('encoding', short.get('error'))} | {ratio:.3f} |")
    print(f"\nwhole samples exact (or exact after NFC): {exact} of {len(samples)}")


if __name__ == "__main__":
    main()
