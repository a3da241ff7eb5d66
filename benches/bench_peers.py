#!/usr/bin/env python3
"""corpusmill's repair, decoding and HTML extraction next to Python peers, on the same bytes.

Usage (from anywhere):
    python3 benches/bench_peers.py [--clean-mb 2] [--kind-mb 1] [--runs 3] [--seed 1]
                                   [--aeb ../shared/corpora/aeb] [--work DIR] [--venv DIR]
                                   [--no-build] [--json-out FILE]

Peers (pip-installed into a venv, --venv, default $CARGO_TARGET_DIR/peers-venv; the script
re-runs itself under the venv's python): ftfy, charset_normalizer, trafilatura.

Inputs (all generated or read before any timing, and held in memory):
  * text dumps from benches/corpus_mix.py: the `clean` mix (--clean-mb of UTF-8 dumps) and
    the `damaged` mix (--kind-mb per damage kind: legacy_gb18030, legacy_big5,
    utf16le_bom, html_entities, contentfarm);
  * HTML: the AEB pages (--aeb/html/*.html.gz, decompressed first) when they exist, else
    the `html` mix of corpus_mix.py (about 5 MB).

Method. Both sides run on one thread, over inputs already in memory, best of --runs:
  * corpusmill: crates/corpusmill-repair/examples/time_repair.rs times `decode` and
    `repair_bytes` (the functions ingest calls, on the raw bytes: decoding included) in one
    process over all files of a group, repeated until a pass takes >= 1 s;
    crates/corpusmill-extract/examples/html_extract.rs times `extract_html` over the pages
    (decoded first, as for trafilatura). No process start-up or file I/O is timed.
  * (a) repair: `ftfy.fix_text(s)` and `ftfy.fix_encoding(s)` per file, where s is the
    file decoded from UTF-8 beforehand (not timed: ftfy takes str). Only the UTF-8 groups
    (clean, utf8_as_cp1252 = the clean dumps' UTF-8 read as windows-1252, utf8_as_gbk = the
    same read as GBK, utf8_as_shift_jis = the same read as cp932, html_entities,
    contentfarm): ftfy cannot read GB18030/Big5 bytes.
  * (b) decoding: `charset_normalizer.from_bytes(b).best()` then `str(...)` (the decoded
    text) vs corpusmill `decode` on the legacy-encoded groups (and clean UTF-8 for
    reference), with how often each got the text right (equal to Python's decode with the
    true codec; GBK and GB18030 count as the same for GB18030 files without 4-byte codes).
  * (c) HTML: `trafilatura.extract(html)` (default options) vs `extract_html`, pages/s.
MB = 10^6 bytes of input. ratio = corpusmill speed / peer speed.
"""
import argparse
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
PEERS = ["ftfy", "charset_normalizer", "trafilatura"]
# trafilatura's dependency justext imports lxml.html.clean, a separate package since lxml 5.2.
EXTRA = ["lxml_html_clean"]
KINDS = ["legacy_gb18030", "legacy_big5", "utf16le_bom", "html_entities", "contentfarm"]
TRUE_CODEC = {"legacy_gb18030": "gb18030", "legacy_big5": "big5", "utf16le_bom": "utf-16", "clean": "utf-8"}


def ensure_venv(venv):
    """Re-executes this script under a venv that has the peers, creating it if needed."""
    py = os.path.join(venv, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(venv):
        return
    if not os.path.exists(py):
        print(f"creating venv {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    check = subprocess.run([py, "-c", "import " + ", ".join(PEERS)], capture_output=True)
    if check.returncode != 0:
        print(f"pip install {' '.join(PEERS)} into {venv}", flush=True)
        p = subprocess.run([py, "-m", "pip", "install", "-q", *PEERS, *EXTRA], capture_output=True, text=True)
        check = subprocess.run([py, "-c", "import " + ", ".join(PEERS)], capture_output=True, text=True)
        if p.returncode != 0 or check.returncode != 0:
            sys.exit(
                f"bench_peers: could not install the peers ({' '.join(PEERS)}) with pip into {venv}:\n"
                f"{p.stderr[-1500:]}{check.stderr[-1500:]}\nInstall them by hand (e.g. pip install --user {' '.join(PEERS)}) "
                "or point --venv at an environment that has them."
            )
    os.execv(py, [py, os.path.abspath(__file__), *sys.argv[1:]])


def gen(work, mix, mb, seed):
    sys.path.insert(0, HERE)
    import corpus_mix

    d = os.path.join(work, f"{mix}-{mb:g}mb-s{seed}")
    m = os.path.join(d, corpus_mix.MANIFEST)
    if not os.path.exists(m):
        if os.path.exists(d):
            shutil.rmtree(d)
        corpus_mix.generate(d, mb, mix, seed)
    return d


def misread(paths, out_dir, read):
    """Each file's bytes (UTF-8) read by `read` (bytes -> str), saved as UTF-8 in out_dir."""
    os.makedirs(out_dir, exist_ok=True)
    out = []
    for p in paths:
        text = read(open(p, "rb").read())
        dest = os.path.join(out_dir, os.path.basename(p))
        with open(dest, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        out.append(dest)
    return out


def cp1252_mojibake(paths, out_dir):
    """The clean dumps as UTF-8 read as windows-1252 (its five undefined bytes as
    Latin-1), saved as UTF-8: ftfy's home ground, here on Chinese and English text."""
    sys.path.insert(0, HERE)
    import corpus_mix

    return misread(paths, out_dir, lambda raw: "".join(corpus_mix.CP1252_OR_LATIN1[b] for b in raw))


def gbk_mojibake(paths, out_dir):
    """The clean dumps as UTF-8 read as GBK, saved as UTF-8 (`鍙戝竷` for `发布`), the
    commonest Chinese mojibake; bytes GBK cannot pair became U+FFFD, as a lenient
    decoder leaves them."""
    return misread(paths, out_dir, lambda raw: raw.decode("gbk", errors="replace"))


def sjis_mojibake(paths, out_dir):
    """The clean dumps as UTF-8 read as Shift_JIS by Python's cp932 codec, saved as UTF-8
    (`譌･譛ｬ` for `日本`); a lead byte whose pair maps to nothing became U+FFFD."""
    return misread(paths, out_dir, lambda raw: raw.decode("cp932", errors="replace"))


def read_all(paths):
    out = []
    for p in paths:
        with open(p, "rb") as f:
            out.append((p, f.read()))
    return out


def best_time(fn, runs):
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        s = time.perf_counter() - t
        best = s if best is None else min(best, s)
    return best


def corpusmill_repair(binary, paths, runs):
    """(decode seconds, repair seconds) per pass, and per-file results (encoding, repairs)."""
    # Calibrate the repeat count so that one timed run takes about a second.
    p = subprocess.run([binary, "--print", *paths], capture_output=True, text=True, check=True)
    info = [json.loads(l) for l in p.stdout.splitlines()]
    stats = parse_kv(p.stderr)
    per_pass = max(stats["repair_seconds"], 1e-4)
    repeat = max(1, int(1.0 / per_pass))
    dec, rep = None, None
    for _ in range(runs):
        p = subprocess.run([binary, "--repeat", str(repeat), *paths], capture_output=True, text=True, check=True)
        s = parse_kv(p.stderr)
        d, r = s["decode_seconds"] / repeat, s["repair_seconds"] / repeat
        dec = d if dec is None else min(dec, d)
        rep = r if rep is None else min(rep, r)
    return dec, rep, info


def parse_kv(text):
    for line in text.splitlines():
        if "_seconds=" in line:
            out = {}
            for f in line.split():
                k, v = f.split("=", 1)
                try:
                    out[k] = float(v)
                except ValueError:
                    out[k] = v
            return out
    raise SystemExit(f"no timing line in:\n{text}")


def row(table, name, nbytes, ours, peer, unit="MB/s", n=None):
    ours_speed = (n if n is not None else nbytes / 1e6) / ours
    peer_speed = (n if n is not None else nbytes / 1e6) / peer
    table.append(
        {"what": name, "input_mb": nbytes / 1e6, "unit": unit, "corpusmill": ours_speed, "peer": peer_speed,
         "ratio": ours_speed / peer_speed}
    )
    print(f"  {name:<52} {nbytes / 1e6:>7.2f} MB  corpusmill {ours_speed:>9.1f} {unit}  peer {peer_speed:>8.2f} {unit}"
          f"  ratio {ours_speed / peer_speed:>7.1f}x", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clean-mb", type=float, default=2)
    ap.add_argument("--kind-mb", type=float, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--aeb", default=os.path.join(os.path.dirname(REPO), "shared", "corpora", "aeb"))
    ap.add_argument("--work", default=os.path.join(TARGET, "bench-peers"))
    ap.add_argument("--venv", default=os.path.join(TARGET, "peers-venv"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--json-out")
    args = ap.parse_args()
    ensure_venv(args.venv)

    import charset_normalizer
    import ftfy
    import trafilatura
    from importlib.metadata import version

    if not args.no_build:
        subprocess.run(
            ["cargo", "build", "--release", "-q", "-p", "corpusmill-repair", "--example", "time_repair",
             "-p", "corpusmill-extract", "--example", "html_extract"],
            cwd=REPO, check=True,
        )
    repair_bin = os.path.join(TARGET, "release", "examples", "time_repair")
    html_bin = os.path.join(TARGET, "release", "examples", "html_extract")
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "?")
    print(f"machine: {os.cpu_count()} cores, {cpu}; load average {open('/proc/loadavg').read().split()[:3]}")
    print("peers: " + ", ".join(f"{p} {version(p.replace('_', '-'))}" for p in PEERS))
    os.makedirs(args.work, exist_ok=True)
    clean_dir = gen(args.work, "clean", args.clean_mb, args.seed)
    damaged_dir = gen(args.work, "damaged", args.kind_mb * len(KINDS), args.seed)
    groups = {"clean": sorted(glob.glob(os.path.join(clean_dir, "text", "*", "*.txt")))}
    for k in KINDS:
        groups[k] = sorted(glob.glob(os.path.join(damaged_dir, "damaged", k, "*", "*.txt")))
    groups["utf8_as_cp1252"] = cp1252_mojibake(groups["clean"], os.path.join(args.work, "utf8_as_cp1252"))
    groups["utf8_as_gbk"] = gbk_mojibake(groups["clean"], os.path.join(args.work, "utf8_as_gbk"))
    groups["utf8_as_shift_jis"] = sjis_mojibake(groups["clean"], os.path.join(args.work, "utf8_as_shift_jis"))
    data = {g: read_all(ps) for g, ps in groups.items()}
    results = {"repair": [], "decode": [], "html": [], "accuracy": {}}

    ours = {}
    for g, ps in groups.items():
        ours[g] = corpusmill_repair(repair_bin, ps, args.runs)

    print("(a) repair: corpusmill repair_bytes (bytes in, decode included) vs ftfy on str (decode not timed)")
    for g in ["clean", "utf8_as_cp1252", "utf8_as_gbk", "utf8_as_shift_jis", "html_entities", "contentfarm"]:
        texts = [b.decode("utf-8", errors="replace") for _, b in data[g]]
        nbytes = sum(len(b) for _, b in data[g])
        for fname, fn in [("fix_text", ftfy.fix_text), ("fix_encoding", ftfy.fix_encoding)]:
            secs = best_time(lambda: [fn(t) for t in texts], args.runs)
            row(results["repair"], f"{g}: repair_bytes vs ftfy.{fname}", nbytes, ours[g][1], secs)

    print("(b) decoding: corpusmill decode vs charset_normalizer.from_bytes(b).best() + str()")
    for g in ["legacy_gb18030", "legacy_big5", "utf16le_bom", "clean"]:
        blobs = [b for _, b in data[g]]
        nbytes = sum(map(len, blobs))
        secs = best_time(lambda: [str(charset_normalizer.from_bytes(b).best()) for b in blobs], args.runs)
        row(results["decode"], f"{g}: decode vs charset_normalizer", nbytes, ours[g][0], secs)
        # Correctness: text equal to the true codec's decode.
        truth = [b.decode(TRUE_CODEC[g]) for b in blobs]
        cn_ok = 0
        names = {}
        for b, t in zip(blobs, truth):
            m = charset_normalizer.from_bytes(b).best()
            names[m.encoding if m else None] = names.get(m.encoding if m else None, 0) + 1
            cn_ok += m is not None and str(m) == t
        cm_names, cm_ok = {}, 0
        for i, t in zip(ours[g][2], truth):
            cm_names[i.get("encoding")] = cm_names.get(i.get("encoding"), 0) + 1
            cm_ok += i.get("decoded") == t.lstrip("\ufeff")
        results["accuracy"][g] = {"files": len(blobs), "charset_normalizer_exact_text": cn_ok,
                                  "charset_normalizer_encodings": names, "corpusmill_exact_text": cm_ok,
                                  "corpusmill_encodings": cm_names}
        print(f"      {len(blobs)} files; text exact: charset_normalizer {cn_ok}/{len(blobs)} (chose {names}), "
              f"corpusmill {cm_ok}/{len(blobs)} (chose {cm_names})")

    print("(c) HTML: corpusmill extract_html vs trafilatura.extract (pages decoded first, not timed)")
    pages = sorted(glob.glob(os.path.join(args.aeb, "html", "*.html.gz")))
    if pages:
        source = f"AEB ({args.aeb})"
        htmls = [gzip.decompress(open(p, "rb").read()) for p in pages]
    else:
        source = "generated pages (benches/corpus_mix.py html mix, 5 MB): AEB not found"
        hd = gen(args.work, "html", 5, args.seed)
        pages = sorted(glob.glob(os.path.join(hd, "html", "*", "*.html")))
        htmls = [open(p, "rb").read() for p in pages]
    print(f"  pages: {len(pages)} from {source}")
    texts = [h.decode("utf-8", errors="replace") for h in htmls]
    nbytes = sum(map(len, htmls))
    secs_t = best_time(lambda: [trafilatura.extract(t) for t in texts], max(1, args.runs - 1))
    best = None
    for _ in range(args.runs):
        p = subprocess.run([html_bin, *pages], capture_output=True, text=True, check=True)
        s = parse_kv(p.stderr)["extract_seconds"]
        best = s if best is None else min(best, s)
    row(results["html"], "pages: extract_html vs trafilatura.extract", nbytes, best, secs_t, "pages/s", n=len(pages))
    row(results["html"], "bytes: extract_html vs trafilatura.extract", nbytes, best, secs_t)
    results["html_source"] = source
    results["peers"] = {p: version(p.replace("_", "-")) for p in PEERS}
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(results, f, indent=1)
        print(f"results: {args.json_out}")


if __name__ == "__main__":
    main()
