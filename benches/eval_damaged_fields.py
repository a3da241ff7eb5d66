#!/usr/bin/env python3
"""Do the fields survive the damage? Each damaged document against its clean original.

Usage: python3 benches/eval_damaged_fields.py [--size-mb 20] [--mix damaged,mojibake]
           [--bin BIN] [--no-build] [--work DIR] [--seed 1]

For each mix, writes a corpus with benches/corpus_mix.py that keeps every damaged
document's clean UTF-8 text beside it (OUT/.originals/, same relative path), ingests
the damaged documents and the clean originals with the same binary, and matches the
two article rows of each document by path. Per damage kind it prints how many
documents keep each field the clean original gives (title, published_date, author,
source_name), how many give the same value, how many fields gained a U+FFFD, and the
share of body characters that differ (U+FFFD left, or a wrong character). The
content-farm kind has no clean original (its template comes damaged) and is left out.

With ../shared beside the checkout (or --dumps DIR), the same comparison runs on the
Chinese dumps of ../shared/corpora/dumps-dev, whose layouts vary more than the
generated ones: each read by Python as GBK and as cp932 (errors="replace") and,
where GBK can hold it, written in GBK and read as Latin-1; that table counts the
fields lost (a value in the clean ingest, none in the damaged one) and changed.

Reads the tables with pyarrow (pip install pyarrow). Nothing here is a pass/fail test:
the numbers go to the README.
"""
import argparse
import difflib
import glob
import os
import shutil
import subprocess
import sys

import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_mix  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
FIELDS = ["title", "published_date", "author", "source_name"]


def rows_by_document(out_dir, root):
    """Article rows of out_dir by the document's path below root."""
    rows = {}
    for path in sorted(glob.glob(os.path.join(out_dir, "articles", "*.parquet"))):
        for row in pq.read_table(path, columns=["source_path", "body"] + FIELDS).to_pylist():
            rows[os.path.relpath(row["source_path"], root)] = row
    return rows


def ingest(binary, root, out):
    if os.path.exists(out):
        shutil.rmtree(out)
    subprocess.run([binary, "ingest", root, "--out", out, "-q"], check=True)


def body_differences(clean, damaged):
    """Characters of `clean` left as U+FFFD and characters read wrong in `damaged`."""
    if clean == damaged:
        return 0, 0
    lost = wrong = 0
    matcher = difflib.SequenceMatcher(None, clean, damaged, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        replaced = damaged[j1:j2].count("\ufffd")
        lost += replaced
        wrong += max(i2 - i1, j2 - j1) - replaced
    return lost, wrong


def evaluate(binary, work, mix, size_mb, seed):
    corpus = os.path.join(work, mix)
    if os.path.exists(corpus):
        shutil.rmtree(corpus)
    corpus_mix.generate(corpus, size_mb, mix, seed, originals=True)
    originals = os.path.join(corpus, corpus_mix.ORIGINALS)
    damaged_out, clean_out = os.path.join(work, f"{mix}-out"), os.path.join(work, f"{mix}-originals-out")
    ingest(binary, corpus, damaged_out)
    ingest(binary, originals, clean_out)
    damaged, clean = rows_by_document(damaged_out, corpus), rows_by_document(clean_out, originals)
    kinds = {}
    for rel, want in sorted(clean.items()):
        kind = rel.split(os.sep)[1]
        k = kinds.setdefault(kind, {"docs": 0, "missing": 0, "chars": 0, "lost": 0, "wrong": 0,
                                    "fffd": 0, **{f: [0, 0, 0] for f in FIELDS}})
        k["docs"] += 1
        got = damaged.get(rel)
        if got is None:
            k["missing"] += 1
            continue
        for f in FIELDS:
            if want[f] is None:
                continue
            k[f][0] += 1
            k[f][1] += got[f] is not None
            k[f][2] += got[f] == want[f]
            k["fffd"] += "\ufffd" in str(got[f] or "") and "\ufffd" not in str(want[f])
        lost, wrong = body_differences(want["body"] or "", got["body"] or "")
        k["chars"] += len(want["body"] or "")
        k["lost"] += lost
        k["wrong"] += wrong
    return kinds


# The mix's damage (corpus_mix.misread), but a dump GBK cannot hold is left out of
# gbk_as_latin1 rather than given a `?`.
DUMP_DAMAGE = {
    kind: lambda t, kind=kind: corpus_mix.misread(t, kind, errors="strict")
    for kind in ["utf8_as_gbk", "utf8_as_shift_jis", "gbk_as_latin1"]
}


def evaluate_dumps(binary, work, dumps):
    """Per damage kind: documents, and per field how many lost and how many changed."""
    root = os.path.join(work, "dumps")
    if os.path.exists(root):
        shutil.rmtree(root)
    for kind in ["clean", *DUMP_DAMAGE]:
        os.makedirs(os.path.join(root, kind))
    for name in sorted(os.listdir(dumps)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(dumps, name), encoding="utf-8", newline="") as f:
            text = f.read()
        if text.isascii():
            continue
        for kind, damage in [("clean", lambda t: t), *DUMP_DAMAGE.items()]:
            try:
                damaged = damage(text)
            except UnicodeEncodeError:
                continue
            with open(os.path.join(root, kind, name), "w", encoding="utf-8", newline="") as f:
                f.write(damaged)
    rows = {}
    for kind in ["clean", *DUMP_DAMAGE]:
        ingest(binary, os.path.join(root, kind), os.path.join(root, f"{kind}-out"))
        rows[kind] = rows_by_document(os.path.join(root, f"{kind}-out"), os.path.join(root, kind))
    result = {}
    for kind in DUMP_DAMAGE:
        k = result.setdefault(kind, {"docs": 0, **{f: [0, 0] for f in FIELDS}})
        for name, got in rows[kind].items():
            want = rows["clean"].get(name)
            if want is None:
                continue
            k["docs"] += 1
            for f in FIELDS:
                if want[f] is not None and got[f] is None:
                    k[f][0] += 1
                elif want[f] != got[f]:
                    k[f][1] += 1
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=20)
    ap.add_argument("--mix", default="damaged,mojibake")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", default=os.path.join(TARGET, "eval-damaged-fields"))
    ap.add_argument("--bin", default=os.path.join(TARGET, "release", "corpusmill"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--dumps", default=os.path.join(os.path.dirname(REPO), "shared", "corpora", "dumps-dev"),
                    help="Chinese dumps to damage as well (skipped when the folder is missing)")
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "corpusmill"], cwd=REPO, check=True)
    os.makedirs(args.work, exist_ok=True)
    print(f"{args.size_mb:g} MB per mix, seed {args.seed}, {args.bin}\n")
    cols = " | ".join(f"{f}: kept / same" for f in FIELDS)
    print(f"| kind | docs | {cols} | fields with a new U+FFFD | body U+FFFD % | body wrong % |")
    print("|---|---:|" + "---:|" * len(FIELDS) + "---:|---:|---:|")
    for mix in args.mix.split(","):
        for kind, k in evaluate(args.bin, args.work, mix, args.size_mb, args.seed).items():
            pct = lambda n, d: f"{100 * n / d:.1f}" if d else "–"  # noqa: E731
            fields = " | ".join(
                f"{pct(k[f][1], k[f][0])} / {pct(k[f][2], k[f][0])}" if k[f][0] else "–" for f in FIELDS
            )
            missing = f" ({k['missing']} not ingested)" if k["missing"] else ""
            print(f"| {kind} | {k['docs']}{missing} | {fields} | {k['fffd']} | "
                  f"{pct(k['lost'], k['chars'])} | {100 * k['wrong'] / max(k['chars'], 1):.2f} |")
    if os.path.isdir(args.dumps):
        print(f"\n{args.dumps}: fields lost / changed against the clean dump's\n")
        print("| kind | docs | " + " | ".join(FIELDS) + " |")
        print("|---|---:|" + "---:|" * len(FIELDS))
        for kind, k in evaluate_dumps(args.bin, args.work, args.dumps).items():
            print(f"| {kind} | {k['docs']} | " + " | ".join(f"{k[f][0]} / {k[f][1]}" for f in FIELDS) + " |")


if __name__ == "__main__":
    main()
