#!/usr/bin/env python3
"""Main-content evaluation of `extract_html` on the Article Extraction Benchmark (AEB).

Usage (from the repo root):
    python3 benches/eval_aeb.py [--corpus ../shared/corpora/aeb] [--no-build] [--worst 10]
                                [--runs 3] [--show ID]

Builds `crates/corpusmill-extract/examples/html_extract.rs` in release (unless
--no-build), runs it over every html/<id>.html.gz (the example reads .gz itself), and
scores each page's body (paragraphs joined by newlines, split on whitespace) against
ground-truth.json's articleBody: precision, recall and F1 over 4-word shingles (as
multisets), averaged over pages. A page with no output counts as 0.

Also reports throughput of `extract_html` alone (the example reads and decodes all
pages first): pages per second of wall time on one thread, and pages per CPU-second
(less disturbed by other load on a shared machine), best of --runs runs; and the wall
time of the whole process.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.join(os.path.dirname(REPO), "shared", "corpora", "aeb")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
BIN = os.path.join(TARGET, "release", "examples", "html_extract")


def shingles(text, n=4):
    toks = text.split()
    if len(toks) < n:
        return collections.Counter([tuple(toks)]) if toks else collections.Counter()
    return collections.Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def prf(pred, truth):
    p, t = shingles(pred), shingles(truth)
    if not p and not t:
        return 1.0, 1.0, 1.0
    if not p or not t:
        return 0.0, 0.0, 0.0
    overlap = sum((p & t).values())
    prec = overlap / sum(p.values())
    rec = overlap / sum(t.values())
    f1 = 0.0 if overlap == 0 else 2 * prec * rec / (prec + rec)
    return prec, rec, f1


def run(files):
    start = time.perf_counter()
    proc = subprocess.run([BIN, *files], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"html_extract failed ({proc.returncode}):\n{proc.stderr}")
    secs, cpu = None, None
    for line in proc.stderr.splitlines():
        if line.startswith("extract_seconds="):
            fields = dict(f.split("=", 1) for f in line.split())
            secs = float(fields["extract_seconds"])
            cpu = float(fields["cpu_seconds"]) if fields.get("cpu_seconds", "-") != "-" else None
    out = {}
    for line in proc.stdout.splitlines():
        rec = json.loads(line)
        out[os.path.basename(rec["path"]).split(".")[0]] = rec
    return out, secs, cpu, wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--show", help="print extracted body and truth for one id prefix")
    args = ap.parse_args()

    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "-q", "-p", "corpusmill-extract", "--example", "html_extract"],
            cwd=REPO,
            check=True,
        )
    truth = json.load(open(os.path.join(args.corpus, "ground-truth.json")))
    html_dir = os.path.join(args.corpus, "html")
    files = [os.path.join(html_dir, f"{i}.html.gz") for i in sorted(truth)]

    best_secs, best_cpu, best_wall, out = None, None, None, None
    for _ in range(max(1, args.runs)):
        out, secs, cpu, wall = run(files)
        best_secs = secs if best_secs is None else min(best_secs, secs)
        if cpu:
            best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        best_wall = wall if best_wall is None else min(best_wall, wall)

    if args.show:
        pid = next(i for i in truth if i.startswith(args.show))
        rec = out.get(pid, {})
        print("== extracted ==")
        print("\n".join(rec.get("body_paragraphs", [])))
        print("== truth ==")
        print(truth[pid]["articleBody"])
        print(prf("\n".join(rec.get("body_paragraphs", [])), truth[pid]["articleBody"]))
        return

    rows = []
    for pid in sorted(truth):
        rec = out.get(pid)
        pred = "\n".join(rec["body_paragraphs"]) if rec else ""
        p, r, f = prf(pred, truth[pid]["articleBody"])
        rows.append((f, p, r, pid, truth[pid].get("url", "")))
    n = len(rows)
    mean = lambda k: sum(row[k] for row in rows) / n
    print(f"pages: {n}")
    print(f"F1 {mean(0):.4f}  precision {mean(1):.4f}  recall {mean(2):.4f}")
    if best_secs:
        print(f"extract_html: {n / best_secs:.0f} pages/s wall on one thread ({best_secs * 1000 / n:.2f} ms/page, best of {args.runs})")
    if best_cpu:
        print(f"extract_html: {n / best_cpu:.0f} pages per CPU-second (10 ms tick resolution, best of {args.runs})")
    print(f"whole process (decompress, decode, extract, JSON): {n / best_wall:.0f} pages/s")
    print(f"worst {args.worst}:")
    for f, p, r, pid, url in sorted(rows)[: args.worst]:
        print(f"  F1 {f:.3f} P {p:.3f} R {r:.3f}  {pid[:12]}  {url}")


if __name__ == "__main__":
    main()
