#!/usr/bin/env python3
"""Runs `corpusmill ingest --shard K/N` as a real Slurm job array and checks the
shards against one unsharded run of the same corpus.

Needs root (it starts a single-node Slurm cluster with ../shared/tools/slurm-local.sh,
which installs Debian's slurm-wlm and munge when missing) and pyarrow.

    python3 benches/slurm_shards.py [--shards 4] [--size-mb 20] [--work DIR] [--bin PATH]
                                    [--keep-cluster]

Steps:
  1. generates (or reuses) a mixed corpus with benches/corpus_mix.py in --work;
  2. `sbatch --array=0-(N-1) --wait` of one task per shard, each
     `corpusmill ingest CORPUS --out WORK/shards/shard-$SLURM_ARRAY_TASK_ID
     --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT --log-format json`;
  3. one unsharded run of the same corpus;
  4. checks that every article and reject row of the unsharded run is in exactly
     one shard, equal in every column but `duplicate_of` and `run_id`
     (duplicate detection sees only its own shard's history; the differences are
     counted and printed), and that no shard holds anything else;
  5. the commit step: `corpusmill merge` of the shards, as a job that depends on the
     array (`sbatch --dependency=afterok:ARRAY`), whose tables must hold the unsharded
     run's rows (every column but `run_id` and `duplicate_of`) with as many duplicates
     marked and one first copy per text;
  6. submits the array again: a nightly rerun, which must find every input
     unchanged and write no rows.
Prints the timings and exits non-zero if a check fails.
"""
import argparse
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import time

import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_mix  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SLURM_LOCAL = os.path.join(os.path.dirname(REPO), "shared", "tools", "slurm-local.sh")
# Columns that may differ between a shard and the unsharded run.
RUN_COLUMNS = {"run_id", "duplicate_of"}


def rows(out_dir, table):
    """Every row of a table, as a dict, keyed by where the document came from."""
    found = {}
    for path in sorted(glob.glob(os.path.join(out_dir, table, "*.parquet"))):
        for row in pq.read_table(path).to_pylist():
            key = (row["source_path"], row.get("source_member"), row.get("source_record"))
            if key in found:
                sys.exit(f"{out_dir}/{table}: {key} twice")
            found[key] = row
    return found


def job_script(work, corpus, binary, shards, tag):
    path = os.path.join(work, f"array-{tag}.sh")
    with open(path, "w") as f:
        f.write(
            "#!/bin/bash\n"
            f"#SBATCH --array=0-{shards - 1} --cpus-per-task=1 --job-name=corpusmill-{tag}\n"
            f"#SBATCH --output={work}/logs/{tag}-%a.log\n"
            f"exec {shlex.quote(binary)} ingest {shlex.quote(corpus)} "
            f"--out {shlex.quote(work)}/shards/shard-$SLURM_ARRAY_TASK_ID \\\n"
            "    --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT --threads 1 --log-format json\n"
        )
    return path


def merge_script(work, binary, shards):
    path = os.path.join(work, "merge.sh")
    shard_dirs = " ".join(shlex.quote(f"{work}/shards/shard-{k}") for k in range(shards))
    with open(path, "w") as f:
        f.write(
            "#!/bin/bash\n"
            "#SBATCH --cpus-per-task=1 --job-name=corpusmill-merge\n"
            f"#SBATCH --output={work}/logs/merge.log\n"
            f"exec {shlex.quote(binary)} merge {shard_dirs} --out {shlex.quote(work)}/merged\n"
        )
    return path


def submit(script, *options):
    """`sbatch --wait`: the seconds it took and the job id."""
    start = time.monotonic()
    done = subprocess.run(["sbatch", "--wait", *options, script], capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(f"sbatch --wait {script}: exit {done.returncode}\n{done.stdout}{done.stderr}")
    job = done.stdout.split()[-1] if done.stdout.startswith("Submitted batch job") else None
    return elapsed, job


def reports(shard_dir):
    return [json.load(open(p)) for p in sorted(glob.glob(os.path.join(shard_dir, "runs", "*.json")))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--size-mb", type=int, default=20)
    ap.add_argument("--work", default=os.path.join(REPO, "target", "bench-slurm"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "corpusmill"))
    ap.add_argument("--keep-cluster", action="store_true", help="leave the Slurm cluster running")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("slurm_shards: needs root (it starts a local Slurm cluster)")
    if not os.path.exists(args.bin):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    if not os.path.exists(args.bin):
        sys.exit(f"slurm_shards: {args.bin} does not exist (the build writes target/release/corpusmill)")
    binary = os.path.abspath(args.bin)
    work = os.path.abspath(args.work)
    corpus = os.path.join(work, f"corpus-mixed-{args.size_mb}mb")
    if not os.path.exists(corpus):
        corpus_mix.generate(corpus, args.size_mb, "mixed", 1)
    for d in ["shards", "single", "logs", "merged"]:
        shutil.rmtree(os.path.join(work, d), ignore_errors=True)
    os.makedirs(os.path.join(work, "logs"))

    subprocess.run(["bash", SLURM_LOCAL, "start"], check=True)
    try:
        first, array_job = submit(job_script(work, corpus, binary, args.shards, "first"))
        merge_seconds, _ = submit(merge_script(work, binary, args.shards), f"--dependency=afterok:{array_job}")
        start = time.monotonic()
        subprocess.run([binary, "ingest", corpus, "--out", os.path.join(work, "single"), "-q", "--threads", "1"],
                       check=True)
        single_seconds = time.monotonic() - start
        rerun, _ = submit(job_script(work, corpus, binary, args.shards, "rerun"))
    finally:
        if not args.keep_cluster:
            subprocess.run(["bash", SLURM_LOCAL, "stop"], check=False)

    failures = []
    shard_dirs = [os.path.join(work, "shards", f"shard-{k}") for k in range(args.shards)]
    for table in ["articles", "rejects"]:
        single = rows(os.path.join(work, "single"), table)
        seen, differing = {}, {}
        for k, shard_dir in enumerate(shard_dirs):
            for key, row in rows(shard_dir, table).items():
                if key in seen:
                    failures.append(f"{table}: {key} in shards {seen[key]} and {k}")
                seen[key] = k
                want = single.get(key)
                if want is None:
                    failures.append(f"{table}: {key} only in shard {k}")
                    continue
                for column in row:
                    if row[column] != want[column]:
                        if column in RUN_COLUMNS:
                            differing[column] = differing.get(column, 0) + 1
                        else:
                            failures.append(f"{table}: {key} column {column} differs in shard {k}")
        missing = [key for key in single if key not in seen]
        failures += [f"{table}: {key} in no shard" for key in missing[:10]]
        shares = [sum(1 for v in seen.values() if v == k) for k in range(args.shards)]
        print(f"{table}: {len(single)} rows unsharded, {len(seen)} in the shards {shares}; "
              f"differing only in {differing or 'nothing'}")

    merged_dir = os.path.join(work, "merged")
    for table in ["articles", "rejects"]:
        single, merged = rows(os.path.join(work, "single"), table), rows(merged_dir, table)
        if set(merged) != set(single):
            failures.append(f"merged {table}: {len(set(merged) ^ set(single))} rows not in both it and the unsharded run")
        for key in set(merged) & set(single):
            bad = [c for c in merged[key] if c not in RUN_COLUMNS and merged[key][c] != single[key][c]]
            if bad:
                failures.append(f"merged {table}: {key} differs in {bad}")
        if table == "articles":
            marked = lambda rs: sum(1 for r in rs.values() if r["duplicate_of"] is not None)
            firsts = {}
            for r in merged.values():
                if r["duplicate_of"] is None:
                    if r["content_hash"] in firsts:
                        failures.append(f"merged articles: two first copies of {r['content_hash']}")
                    firsts[r["content_hash"]] = r["doc_id"]
            wrong = [k for k, r in merged.items() if r["duplicate_of"] not in (None, firsts.get(r["content_hash"]))]
            failures += [f"merged articles: {k} names a copy that is not the first" for k in wrong[:10]]
            if marked(merged) != marked(single):
                failures.append(f"merged articles: {marked(merged)} duplicates marked, the unsharded run {marked(single)}")
            in_shards = sum(marked(rows(d, "articles")) for d in shard_dirs)
            print(f"merged: {len(merged)} articles, {marked(merged)} duplicates marked (unsharded run "
                  f"{marked(single)}, the shards alone {in_shards})")
        else:
            print(f"merged: {len(merged)} rejects (unsharded run {len(single)})")

    for k, shard_dir in enumerate(shard_dirs):
        first_report, second_report = reports(shard_dir)[-2:] if len(reports(shard_dir)) >= 2 else (None, None)
        if first_report is None:
            failures.append(f"shard {k}: expected two run reports")
            continue
        if second_report["files_new"] + second_report["files_changed"] or second_report["articles"]:
            failures.append(f"shard {k}: the rerun ingested something: {second_report}")
        if second_report["files_unchanged"] != first_report["files_new"]:
            failures.append(f"shard {k}: rerun found {second_report['files_unchanged']} unchanged inputs, "
                            f"the first run {first_report['files_new']} new")
        other = first_report["files_other_shards"]
        print(f"shard {k}: {first_report['files_new']} inputs, {first_report['articles']} articles, "
              f"{other} inputs left to other shards; rerun: {second_report['files_unchanged']} unchanged")
    manifest = json.load(open(os.path.join(corpus, corpus_mix.MANIFEST)))
    print(f"corpus: {manifest['files']} files, {manifest['docs']} documents, {manifest['doc_bytes'] / 1e6:.1f} MB")
    # `sbatch --wait` polls the job every few seconds: small corpora mostly time that.
    print(f"array of {args.shards} (sbatch --wait, one thread a task, as many tasks at once as the node has "
          f"cores): {first:.1f} s; merge job: {merge_seconds:.1f} s; unsharded run, one thread: {single_seconds:.1f} s; "
          f"rerun of the array: {rerun:.1f} s")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures[:40]))
        sys.exit(1)
    print("ok: every row in exactly one shard, equal to the unsharded run's; the merge holds them all, "
          "duplicates marked across shards; the rerun found nothing new")


if __name__ == "__main__":
    main()
