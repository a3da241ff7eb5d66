#!/usr/bin/env python3
"""End-to-end benchmark of `corpusmill ingest` on a generated corpus (stdlib only).

Usage (from anywhere; paths are relative to the repo):
    python3 benches/bench_e2e.py [--size-mb 1024] [--mix mixed[,clean,damaged,html]]
                                 [--threads 1,2] [--runs 1] [--seed 1]
                                 [--compare-size-mb MB] [--work DIR] [--bin PATH]
                                 [--no-build] [--cold] [--json-out FILE]

For each mix it generates (or reuses, when the same mix, size and seed are already in
--work) a deterministic corpus with benches/corpus_mix.py (see there: text dumps, HTML,
JSON Lines, tar.gz/zip archives, .gz/.zst files, ~10% damaged dumps for the `mixed` mix;
`clean`, `damaged` and `html` mixes hold one kind only, to compare with the issue's
per-kind targets). Then:

  * speed of light: `cat` of every corpus file to /dev/null (after one warm-up read of
    all of them), and `gzip -dc` / `zstd -dc` / `unzip -p` of the compressed files;
  * `corpusmill ingest CORPUS --out FRESH_DIR --threads N -q` for every N of --threads,
    under `/usr/bin/time -v`: wall time, MB/s of document bytes (the run report's
    bytes_read, i.e. uncompressed) and of bytes on disk, documents/s, CPU seconds, peak
    RSS ("Maximum resident set size"), and the 1 -> N thread efficiency;
  * scaling by cores: one more run with the whole process pinned to one core
    (`taskset -c 0`, --threads 1) against the run with as many threads as cores, since
    at --threads 1 the reader and writer threads already use part of a second core;
  * the split by stage, when the run report (out/runs/*.json) has per-stage timings (it
    does not yet; the script says so);
  * with --compare-size-mb, the same at a second corpus size (e.g. 4x), to show whether
    peak RSS depends on the corpus size.

Runs are warm-cache (the corpus was just written and read); best of --runs by wall time.
With --cold (needs root: it writes /proc/sys/vm/drop_caches), each configuration also
runs once more after dropping the page cache, beside a cold `cat` of every file: what a
nightly run over files not read since they were written, or a bulk import, meets.
MB = 10^6 bytes.
"""
import argparse
import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_mix  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
# Report keys that are not stage timings even though they end in "seconds".
NOT_STAGES = {"wall_seconds"}


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return {"nproc": os.cpu_count(), "cpu": model, "mem": mem, "kernel": platform.release()}


def load_avg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def corpus(work, mix, size_mb, seed):
    d = os.path.join(work, f"corpus-{mix}-{size_mb:g}mb-s{seed}")
    mpath = os.path.join(d, corpus_mix.MANIFEST)
    if os.path.exists(mpath):
        m = json.load(open(mpath))
        if m.get("mix") == mix and m.get("target_mb") == size_mb and m.get("seed") == seed:
            print(f"corpus: reusing {d}")
            return d, m
        shutil.rmtree(d)
    elif os.path.exists(d):
        shutil.rmtree(d)
    t = time.perf_counter()
    m = corpus_mix.generate(d, size_mb, mix, seed)
    print(f"corpus: generated {d} in {time.perf_counter() - t:.1f} s")
    return d, m


def timed_shell(cmd, files, cwd):
    """Runs `cmd` with the file list on stdin (NUL-separated, through xargs); returns seconds and stdout."""
    data = b"\0".join(f.encode() for f in files)
    t = time.perf_counter()
    p = subprocess.run(["sh", "-c", f"xargs -0 {cmd}"], input=data, cwd=cwd, capture_output=True, check=True)
    return time.perf_counter() - t, p.stdout


def speed_of_light(d, m):
    files = sorted(
        os.path.relpath(p, d)
        for p in glob.glob(os.path.join(d, "**", "*"), recursive=True)
        if os.path.isfile(p) and not os.path.basename(p).startswith(".")
    )
    timed_shell("cat > /dev/null", files, d)  # warm-up
    secs, _ = timed_shell("cat > /dev/null", files, d)
    out = {"cat_seconds": secs, "cat_mb_s": m["disk_bytes"] / 1e6 / secs, "decompress": []}
    # `xargs -n 1 unzip -p` because unzip takes one archive per call.
    tools = [
        ("gzip -dc", (".gz",), "gzip", "gzip -dc | wc -c"),
        ("zstd -dc", (".zst",), "zstd", "zstd -qdc | wc -c"),
        ("unzip -p", (".zip",), "unzip", "-n 1 unzip -p | wc -c"),
    ]
    for name, exts, tool, cmd in tools:
        sel = [f for f in files if f.endswith(exts)]
        if not sel:
            continue
        if not shutil.which(tool):
            out["decompress"].append({"tool": name, "note": "not installed"})
            continue
        in_bytes = sum(os.path.getsize(os.path.join(d, f)) for f in sel)
        secs, stdout = timed_shell(cmd, sel, d)
        out_bytes = int(stdout.split()[-1]) if stdout.split() else 0
        out["decompress"].append(
            {"tool": name, "files": len(sel), "in_mb": in_bytes / 1e6, "out_mb": out_bytes / 1e6, "seconds": secs,
             "out_mb_s": out_bytes / 1e6 / secs}
        )
    return out


def drop_caches():
    """Empties the page cache (root only); False when this process may not."""
    subprocess.run(["sync"], check=True)
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def cold_runs(args, binary, d, m, log):
    """A cold-cache `cat` of every file and a cold-cache ingest per thread count."""
    files = sorted(
        os.path.relpath(p, d)
        for p in glob.glob(os.path.join(d, "**", "*"), recursive=True)
        if os.path.isfile(p) and not os.path.basename(p).startswith(".")
    )
    if not drop_caches():
        log("  cold cache: skipped, cannot write /proc/sys/vm/drop_caches (needs root)")
        return None
    secs, _ = timed_shell("cat > /dev/null", files, d)
    out = {"cat_seconds": secs, "cat_mb_s": m["disk_bytes"] / 1e6 / secs, "runs": []}
    log(f"  cold cache: cat of all files (one process, in order) {secs:.2f} s ({out['cat_mb_s']:.0f} MB/s of disk bytes)")
    for threads in args.threads:
        drop_caches()
        out["runs"].append(ingest(binary, d, os.path.join(args.work, "out"), threads, lambda msg: log("  cold" + msg[1:])))
    return out


def parse_time_v(path):
    text = open(path).read()
    r = {}
    for key, pat in [
        ("rss_kb", r"Maximum resident set size \(kbytes\): (\d+)"),
        ("user", r"User time \(seconds\): ([\d.]+)"),
        ("sys", r"System time \(seconds\): ([\d.]+)"),
        ("cpu_pct", r"Percent of CPU this job got: (\d+)%"),
        ("exit", r"Exit status: (\d+)"),
    ]:
        mm = re.search(pat, text)
        r[key] = float(mm.group(1)) if mm else None
    mm = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if mm:
        parts = [float(x) for x in mm.group(1).split(":")]
        r["elapsed"] = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    return r


def stage_timings(report):
    """Per-stage timings in the run report, if there are any (keys like *_seconds / *_ms / stages)."""
    found = {}
    for k, v in report.items():
        if k in NOT_STAGES:
            continue
        if k in ("stages", "stage_seconds", "timings") and isinstance(v, dict):
            found.update(v)
        elif isinstance(v, (int, float)) and re.search(r"(_seconds|_secs|_ms|_nanos)$", k):
            found[k] = v
    return found


def ingest(binary, d, out, threads, log, one_core=False):
    if os.path.exists(out):
        shutil.rmtree(out)
    tfile = out + ".time"
    cmd = ["/usr/bin/time", "-v", "-o", tfile, binary, "ingest", d, "--out", out, "--threads", str(threads), "-q"]
    if one_core:
        # The whole process (pool, reader and writer threads) on CPU 0.
        cmd = ["taskset", "-c", "0"] + cmd
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"ingest failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    tv = parse_time_v(tfile)
    reports = glob.glob(os.path.join(out, "runs", "*.json"))
    if len(reports) != 1:
        sys.exit(f"expected one run report in {out}/runs, found {len(reports)}")
    rep = json.load(open(reports[0]))
    out_bytes = sum(os.path.getsize(p) for p in glob.glob(os.path.join(out, "*", "*.parquet")))
    shutil.rmtree(out)
    os.remove(tfile)
    wall = tv.get("elapsed") or rep["wall_seconds"]
    docs = rep["articles"] + rep["rejects"]
    r = {
        "threads": threads,
        "one_core": one_core,
        "wall": wall,
        "report_wall": rep["wall_seconds"],
        "cpu": (tv["user"] or 0) + (tv["sys"] or 0),
        "rss_mb": tv["rss_kb"] / 1024 if tv["rss_kb"] else None,
        "bytes_read": rep["bytes_read"],
        "articles": rep["articles"],
        "rejects": rep["rejects"],
        "rejects_by_reason": rep.get("rejects_by_reason", {}),
        "docs": docs,
        "mb_s": rep["bytes_read"] / 1e6 / wall,
        "docs_s": docs / wall,
        "parquet_mb": out_bytes / 1e6,
        "stages": stage_timings(rep),
        "report_keys": sorted(rep),
    }
    where = " on one core (taskset -c 0)" if one_core else ""
    log(f"  --threads {threads}{where}: {wall:.2f} s, {r['mb_s']:.1f} MB/s, {r['docs_s']:.0f} docs/s, "
        f"cpu {r['cpu']:.1f} s, peak RSS {r['rss_mb']:.0f} MB, {r['articles']} articles, {r['rejects']} rejects")
    return r


def bench_corpus(args, binary, mix, size_mb, log, with_sol=True):
    d, m = corpus(args.work, mix, size_mb, args.seed)
    log(f"corpus {mix} {size_mb:g} MB: {m['docs']} documents, {m['files']} files, "
        f"{m['doc_bytes'] / 1e6:.1f} MB of documents, {m['disk_bytes'] / 1e6:.1f} MB on disk")
    for cat, st in m["by_category"].items():
        log(f"  {cat:<11} {st['files']:>7} files {st['docs']:>8} docs {st['doc_bytes'] / 1e6:>9.1f} MB docs "
            f"{st['disk_bytes'] / 1e6:>9.1f} MB disk")
    for note in m.get("notes", []):
        log(f"  note: {note}")
    res = {"mix": mix, "size_mb": size_mb, "manifest": {k: v for k, v in m.items() if k != "compressed_files"}}
    if with_sol:
        sol = speed_of_light(d, m)
        res["speed_of_light"] = sol
        log(f"  speed of light: cat of all files {sol['cat_seconds']:.2f} s ({sol['cat_mb_s']:.0f} MB/s of disk bytes, warm cache)")
        for dc in sol["decompress"]:
            if "note" in dc:
                log(f"  {dc['tool']}: {dc['note']}")
            else:
                log(f"  {dc['tool']} of {dc['files']} files: {dc['in_mb']:.1f} -> {dc['out_mb']:.1f} MB in "
                    f"{dc['seconds']:.2f} s ({dc['out_mb_s']:.0f} MB/s out)")
    # Scaling by cores: `--threads 1` is one pool thread, but the reader and writer run
    # beside it on another core, so the 1 -> N thread speedup understates scaling. One
    # more configuration pins the whole process to one core, to compare with N threads
    # on N cores.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    scaling = with_sol and not args.no_core_scaling and any(1 < t <= cores for t in args.threads)
    if scaling and shutil.which("taskset") is None:
        log("  scaling by cores: skipped, `taskset` (util-linux) is not installed")
        scaling = False
    configs = [(t, False) for t in args.threads] + ([(1, True)] if scaling else [])
    # Rounds alternate the configurations, so a slow phase of the machine hits all alike.
    best = {}
    for _ in range(args.runs):
        for threads, one_core in configs:
            r = ingest(binary, d, os.path.join(args.work, "out"), threads, log, one_core=one_core)
            key = (threads, one_core)
            if key not in best or r["wall"] < best[key]["wall"]:
                best[key] = r
    runs = [best[(t, False)] for t in args.threads]
    res["runs"] = runs
    if runs and not runs[0]["stages"]:
        log("  per-stage timings: none in the run report (out/runs/*.json has only wall_seconds); "
            "the split by stage is not available")
    elif runs:
        for r in runs:
            log(f"  stages at {r['threads']} threads: {r['stages']}")
    one = next((r for r in runs if r["threads"] == 1), None)
    for r in runs:
        if one and r["threads"] > 1:
            eff = one["wall"] / r["wall"] / r["threads"]
            r["efficiency_vs_1"] = eff
            log(f"  1 -> {r['threads']} threads: speedup {one['wall'] / r['wall']:.2f}x, efficiency {eff * 100:.0f}%")
    top = max((r for r in runs if 1 < r["threads"] <= cores), key=lambda r: r["threads"], default=None)
    if scaling and top:
        pinned = best[(1, True)]
        res["one_core"] = pinned
        n = top["threads"]
        eff = pinned["wall"] / top["wall"] / n
        top["efficiency_vs_one_core"] = eff
        busy = top["cpu"] / (top["wall"] * n)
        log(f"  1 core -> {n} cores ({n} threads): speedup {pinned['wall'] / top['wall']:.2f}x, "
            f"efficiency {eff * 100:.0f}%; the {n} cores were {busy * 100:.0f}% busy "
            f"(CPU {top['cpu']:.1f} s vs {pinned['cpu']:.1f} s on one core)")
    if with_sol and args.cold:
        res["cold"] = cold_runs(args, binary, d, m, log)
    if with_sol and one:
        sol = res["speed_of_light"]
        io_secs = sol["cat_seconds"] + sum(dc.get("seconds", 0) for dc in sol["decompress"])
        log(f"  pipeline vs speed of light (cat + decompress {io_secs:.2f} s): "
            f"1 thread {one['wall'] / io_secs:.0f}x slower")
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=1024)
    ap.add_argument("--mix", default="mixed", help="comma list of: " + ", ".join(corpus_mix.MIXES))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--runs", type=int, default=1, help="runs per thread count (best wall time kept)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--compare-size-mb", type=float, help="also run the first mix at this size (e.g. 4x) to compare peak RSS")
    ap.add_argument("--work", default=os.path.join(TARGET, "bench-e2e"), help="corpora and outputs go here")
    ap.add_argument("--bin", default=os.path.join(TARGET, "release", "corpusmill"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-core-scaling", action="store_true",
                    help="skip the run pinned to one core (taskset) that measures 1 -> N core scaling")
    ap.add_argument("--cold", action="store_true",
                    help="also time a cold-cache cat and ingest (drops the page cache: root only)")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora (default: reuse needs --keep)")
    ap.add_argument("--json-out", help="write all results as JSON here")
    args = ap.parse_args()
    args.threads = [int(t) for t in args.threads.split(",")]
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "corpusmill"], cwd=REPO, check=True)
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"{args.bin}: not built (cargo build --release)")
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("/usr/bin/time is needed for peak RSS (apt-get install time)")

    def log(msg):
        print(msg, flush=True)

    mc = machine()
    log(f"machine: {mc['nproc']} cores, {mc['cpu']}, {mc['mem']}, Linux {mc['kernel']}; load average {load_avg()}")
    results = {"machine": mc, "corpora": []}
    sizes = [(mix, args.size_mb) for mix in args.mix.split(",")]
    for mix, size in sizes:
        results["corpora"].append(bench_corpus(args, args.bin, mix, size, log))
        if not args.keep:
            shutil.rmtree(os.path.join(args.work, f"corpus-{mix}-{size:g}mb-s{args.seed}"))
    if args.compare_size_mb:
        mix = sizes[0][0]
        big = bench_corpus(args, args.bin, mix, args.compare_size_mb, log, with_sol=False)
        results["compare"] = big
        if not args.keep:
            shutil.rmtree(os.path.join(args.work, f"corpus-{mix}-{args.compare_size_mb:g}mb-s{args.seed}"))
        small = results["corpora"][0]
        log(f"peak RSS vs corpus size ({mix}):")
        for rs, rb in zip(small["runs"], big["runs"]):
            log(f"  --threads {rs['threads']}: {args.size_mb:g} MB -> {rs['rss_mb']:.0f} MB RSS, "
                f"{args.compare_size_mb:g} MB -> {rb['rss_mb']:.0f} MB RSS ({rb['rss_mb'] / rs['rss_mb']:.2f}x)")
    log(f"load average at the end: {load_avg()}")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(results, f, indent=1)
        log(f"results: {args.json_out}")


if __name__ == "__main__":
    main()
