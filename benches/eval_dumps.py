#!/usr/bin/env python3
"""Field-level evaluation of `corpusmill ingest` on the dumps-dev corpus.

Usage (from the repo root):
    python3 benches/eval_dumps.py [--bin target/release/corpusmill]
                                  [--corpus ../shared/corpora/dumps-dev] [--verbose] [--keep]

Copies the corpus's *.txt (or `--ext html` pages; not the ground-truth .json) into a temp dir, runs
`BIN ingest TMPDIR --out TMPOUT`, reads TMPOUT/articles/*.parquet and
TMPOUT/rejects/*.parquet with pyarrow, matches each article row to NNN.json by the
basename of `source_path`, and prints a markdown table of exact matches per field.
A dump that is rejected or missing counts as wrong on every field.

Exit status: 0 on success; 1 if any dump is in neither articles nor rejects;
2 if the binary fails or its output cannot be read.
"""
import argparse
import datetime
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pyarrow.parquet as pq

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_BIN = os.path.join(REPO, "target", "release", "corpusmill")
DEFAULT_CORPUS = os.path.join(os.path.dirname(REPO), "shared", "corpora", "dumps-dev")

# (name printed in the table, ground-truth key, articles column)
FIELDS = [
    ("title", "title", "title"),
    ("published_date", "published_date", "published_date"),
    ("body_paragraphs", "body_paragraphs", "body"),
    ("author", "author", "author"),
    ("source", "source", "source_name"),
    ("url", "url", "url"),
    ("summary", "summary", "summary"),
]
CORE = ("title", "published_date", "body_paragraphs")


def read_table(directory):
    """All rows of DIR/*.parquet as a list of dicts (empty list if there are no files)."""
    rows = []
    for path in sorted(glob.glob(os.path.join(directory, "*.parquet"))):
        rows.extend(pq.read_table(path).to_pylist())
    return rows


def got_value(row, field, column):
    v = row.get(column)
    if field == "published_date":
        if isinstance(v, (datetime.date, datetime.datetime)):
            return v.isoformat()[:10]
        return v
    if field == "body_paragraphs":
        return v.split("\n\n") if v else []
    return v


def expected_value(truth, field, key):
    v = truth.get(key)
    if field == "body_paragraphs":
        return v or []
    return v


def first_difference(a, b):
    """Index of the first paragraph where the two lists differ."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def window(exp, got, n=80):
    """Both values, shortened to ~n chars; two strings are cut to start a little
    before their first differing character so the difference is visible."""
    if isinstance(exp, str) and isinstance(got, str):
        k = next((i for i, (x, y) in enumerate(zip(exp, got)) if x != y), min(len(exp), len(got)))
        start = max(0, k - 20)
        if start:
            return "…" + short(exp[start:], n - 1)[1:], "…" + short(got[start:], n - 1)[1:]
    return short(exp, n), short(got, n)


def short(v, n=80):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[: n - 1] + "…"


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` should not raise
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=DEFAULT_BIN, help="corpusmill binary (default: %(default)s)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="dumps dir with NNN.txt + NNN.json (default: %(default)s)")
    ap.add_argument("--ext", default="txt",
                    help="extension of the inputs beside their NNN.json, e.g. html (default: %(default)s)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every mismatch")
    ap.add_argument("--keep", action="store_true", help="keep the temp input/output dirs and print their paths")
    a = ap.parse_args()

    binary = os.path.abspath(a.bin)
    corpus = os.path.abspath(a.corpus)
    if not os.access(binary, os.X_OK):
        sys.exit("eval_dumps: binary not found or not executable: %s (cargo build --release first)" % binary)
    ext = "." + a.ext.lstrip(".")
    names = sorted(n for n in os.listdir(corpus) if n.endswith(ext))
    if not names:
        sys.exit("eval_dumps: no %s inputs in %s" % (ext, corpus))
    truth = {}
    for n in names:
        jpath = os.path.join(corpus, n[: -len(ext)] + ".json")
        if not os.path.exists(jpath):
            sys.exit("eval_dumps: ground truth missing: %s" % jpath)
        with open(jpath, encoding="utf-8") as f:
            truth[n] = json.load(f)

    work = tempfile.mkdtemp(prefix="eval_dumps.")
    try:
        indir = os.path.join(work, "in")
        outdir = os.path.join(work, "out")
        os.makedirs(indir)
        for n in names:
            shutil.copyfile(os.path.join(corpus, n), os.path.join(indir, n))

        cmd = [binary, "ingest", indir, "--out", outdir]
        t0 = time.monotonic()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        elapsed = time.monotonic() - t0
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout.decode("utf-8", "replace"))
            sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
            print("eval_dumps: `%s` exited with %d" % (" ".join(cmd), proc.returncode), file=sys.stderr)
            return 2

        try:
            articles = read_table(os.path.join(outdir, "articles"))
            rejects = read_table(os.path.join(outdir, "rejects"))
        except Exception as e:  # unreadable output is a hard failure
            print("eval_dumps: cannot read output parquet: %s" % e, file=sys.stderr)
            return 2

        by_name = {}
        extra = []
        for row in articles:
            base = os.path.basename(row.get("source_path") or "")
            if base not in truth:
                extra.append(base)
            elif base in by_name:
                print("warning: %s appears in more than one article row; using the first" % base, file=sys.stderr)
            else:
                by_name[base] = row
        rejected = {}
        for row in rejects:
            base = os.path.basename(row.get("source_path") or "")
            rejected.setdefault(base, row)

        total = len(names)
        exact = {f: 0 for f, _, _ in FIELDS}
        core_ok = 0
        mismatches = []
        for n in names:
            row = by_name.get(n)
            if row is None:
                continue
            ok = {}
            for field, key, column in FIELDS:
                exp = expected_value(truth[n], field, key)
                got = got_value(row, field, column)
                ok[field] = exp == got
                if ok[field]:
                    exact[field] += 1
                elif field == "body_paragraphs":
                    i = first_difference(exp, got)
                    e, g = window(exp[i] if i < len(exp) else None, got[i] if i < len(got) else None)
                    mismatches.append((n, field, "%d paragraphs, #%d: %s" % (len(exp), i + 1, e),
                                       "%d paragraphs, #%d: %s" % (len(got), i + 1, g)))
                else:
                    e, g = window(exp, got)
                    mismatches.append((n, field, e, g))
            if all(ok[f] for f in CORE):
                core_ok += 1

        print("corpusmill eval on %s (%d dumps, %.2f s)" % (corpus, total, elapsed))
        print()
        print("| field | exact | of | percent |")
        print("|---|---:|---:|---:|")
        for field, _, _ in FIELDS:
            print("| %s | %d | %d | %.1f%% |" % (field, exact[field], total, 100.0 * exact[field] / total))
        print()
        print("title+date+body all exact: %d/%d" % (core_ok, total))

        missing = [n for n in names if n not in by_name and n not in rejected]
        only_rejected = [n for n in names if n not in by_name and n in rejected]
        print("articles: %d matched, rejects: %d, missing from both: %d"
              % (len(by_name), len(only_rejected), len(missing)))
        for n in only_rejected:
            r = rejected[n]
            print("  rejected %s: stage=%s reason=%s detail=%s"
                  % (n, r.get("stage"), r.get("reason"), short(r.get("detail"), 60)))
        for n in missing:
            print("  MISSING %s (in neither articles nor rejects)" % n)
        for base in extra:
            print("  warning: article row for unknown file %r" % base)

        if a.verbose and mismatches:
            print()
            print("mismatches:")
            for n, field, exp, got in mismatches:
                print("- %s %s" % (n, field))
                print("    expected: %s" % exp)
                print("    got:      %s" % got)
        if a.keep:
            print("kept: %s" % work)
        return 1 if missing else 0
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
