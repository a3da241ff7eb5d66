#!/usr/bin/env python3
"""Evaluate the repair engine on synthetic damage.

Builds damaged copies of clean texts with ../shared/tools/corrupt.py (every
kind), repairs each file with the `repair_files` example of corpusmill-repair
and prints a markdown table per corpus and kind:

  exact %      repaired text == the ground truth corrupt.py wrote
               (for `clean`: repaired text == input, i.e. unchanged)
  similar %    mean character similarity to the clean source (difflib), which
               is the only measure for kinds whose ground truth is null (lossy)
  flagged %    documents where the engine logged a repair of the kind's family
  exact % where no byte was lost
               for contentfarm only: corrupt.py's farm decoder turns an invalid
               pair into one `?` and so drops the byte after a misaligned trail
               byte (a digit, a newline); documents where that happened cannot
               be restored exactly, and this column leaves them out
  exact % where nothing unknowable was lost
               for contentfarm only, finer: the farm's damage is replayed on the
               ground truth and a document is left out only when a byte that no
               context tells was lost: an ASCII digit swallowed with a trail
               byte, or a four-byte GB18030 character (`ö`, `£`) turned to `??`.
               A lost newline, space or punctuation byte, and a lead byte lost
               after a 0x80 trail byte (`個`), count as recoverable here

Corpora: ../shared/corpora/clean-dev (Chinese), benches/repair-clean
(English and other Latin-script texts written for this project) and
benches/repair-clean-zh (Chinese news-style texts written for this project,
simplified zhs-* and traditional zht-*; run like the shared Chinese corpus).

Usage: python3 benches/eval_repair.py [--shared DIR] [--out DIR] [--release] [--seed N]
"""
import argparse, base64, difflib, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")

# Which logged repair codes count as "the engine noticed this damage".
FAMILY = {
    "clean": None,
    "legacy_gb18030": "encoding",
    "legacy_big5": "encoding",
    "utf16le_bom": "encoding",
    "utf8_as_gbk": ("mojibake_utf8_as_gbk",),
    "gbk_as_latin1": ("mojibake_gbk_as_latin1", "mojibake_big5_as_latin1"),
    "utf8_as_cp1252": ("mojibake_utf8_as_cp1252",),
    "double_cp1252": ("mojibake_utf8_as_cp1252",),
    "html_entities": ("html_entity",),
    "contentfarm": ("pinyin_annotation", "lost_lead_byte"),
    # Made here, not by corrupt.py: UTF-8 read by Python's cp932 decoder with
    # errors="replace" (lossy: a dropped lead byte became U+FFFD).
    "utf8_as_shift_jis": ("mojibake_utf8_as_shift_jis",),
}


# A `?` the farm decoder wrote for a pair that is not a lost-lead marker (`?py)`).
LOST_BYTE = re.compile(r"\?(?![a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+\))")


_corrupt = None


def unknowable_losses(shared, case):
    """Bytes the farm's damage lost that no context can tell, found by
    replaying corrupt.py's byte-level replace and pairwise decoding."""
    global _corrupt
    if _corrupt is None:
        import importlib.util
        spec = importlib.util.spec_from_file_location("corrupt", os.path.join(shared, "tools", "corrupt.py"))
        _corrupt = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_corrupt)
    b = case["expected"].encode("gb18030")
    table = _corrupt.farm_dictionary()
    out = bytearray(); i = 0
    while i < len(b):
        pair = bytes(b[i:i + 2])
        if pair in table:
            out += pair + ("(%s)" % table[pair]).encode("gbk"); i += 2
        else:
            out.append(b[i]); i += 1
    lost = 0; i = 0
    while i < len(out):
        if out[i] < 0x80:
            i += 1
            continue
        try:
            bytes(out[i:i + 2]).decode("gb18030")
        except UnicodeDecodeError:
            lost += i + 1 < len(out) and 0x30 <= out[i + 1] <= 0x39
        i += 2
    return lost


def lost_bytes(case):
    damaged = base64.b64decode(case["input_b64"]).decode("utf-8", errors="replace")
    return len(LOST_BYTE.findall(damaged)) - case["expected"].count("?")


def build_example(release):
    cmd = ["cargo", "build", "--quiet", "-p", "corpusmill-repair", "--example", "repair_files"]
    if release:
        cmd.append("--release")
    subprocess.run(cmd, cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release" if release else "debug", "examples", "repair_files")


def repair_all(binary, paths):
    results = {}
    for i in range(0, len(paths), 200):
        out = subprocess.run([binary] + paths[i:i + 200], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            row = json.loads(line)
            results[row["path"]] = row
    return results


def ensure_corrupt_deps():
    """corrupt.py imports `opencc` (the OpenCC wheel) and `pypinyin`: install them
    with pip when this interpreter lacks them, as the other bench scripts install
    their peers, instead of failing halfway through the corpus."""
    missing = [m for m in ("opencc", "pypinyin") if subprocess.run(
        [sys.executable, "-c", f"import {m}"], capture_output=True).returncode != 0]
    if not missing:
        return
    print(f"eval_repair: pip install {' '.join(missing)} (corrupt.py needs them)", file=sys.stderr)
    p = subprocess.run([sys.executable, "-m", "pip", "install", "-q"] + missing, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"eval_repair: pip install {' '.join(missing)} failed:\n{p.stderr[-2000:]}")


def make_corpus(shared, clean_dir, out_dir, seed):
    corrupt = os.path.join(shared, "tools", "corrupt.py")
    p = subprocess.run([sys.executable, corrupt, clean_dir, out_dir, "--seed", str(seed)],
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"eval_repair: {corrupt} failed (exit {p.returncode}):\n{p.stderr[-2000:]}")
    cases = [json.loads(l) for l in open(os.path.join(out_dir, "cases.jsonl"), encoding="utf-8")]
    for case in cases:
        case["path"] = os.path.join(out_dir, "files", case["id"] + ".txt")
        case["clean"] = open(os.path.join(clean_dir, case["source"]), encoding="utf-8").read()
    for source in sorted({case["source"] for case in cases}):
        clean = open(os.path.join(clean_dir, source), encoding="utf-8").read()
        path = os.path.join(out_dir, "files", "sjis-" + os.path.basename(source))
        with open(path, "w", encoding="utf-8") as f:
            f.write(clean.encode("utf-8").decode("cp932", errors="replace"))
        cases.append({"id": "sjis-" + source, "kind": "utf8_as_shift_jis", "expected": None, "clean": clean,
                      "path": path, "source": source})
    return cases


def evaluate(binary, cases):
    results = repair_all(binary, [c["path"] for c in cases])
    rows = {}
    for case in cases:
        kind = case["kind"]
        row = rows.setdefault(kind, {"n": 0, "exact": 0, "truth": 0, "sim": 0.0, "flag": 0, "errors": 0,
                                     "whole": 0, "whole_exact": 0, "known": 0, "known_exact": 0})
        row["n"] += 1
        got = results.get(case["path"], {})
        text = got.get("text")
        if text is None:
            row["errors"] += 1
            continue
        repairs = got.get("repairs", {})
        if kind == "clean":
            original = base64.b64decode(case["input_b64"]).decode("utf-8")
            row["truth"] += 1
            row["exact"] += text == original and not repairs
        elif case["expected"] is not None:
            row["truth"] += 1
            row["exact"] += text == case["expected"]
            if kind == "contentfarm" and lost_bytes(case) <= 0:
                row["whole"] += 1
                row["whole_exact"] += text == case["expected"]
            if kind == "contentfarm" and unknowable_losses(SHARED, case) == 0:
                row["known"] += 1
                row["known_exact"] += text == case["expected"]
        family = FAMILY.get(kind)
        if family == "encoding":
            row["flag"] += got.get("encoding") != "UTF-8"
        elif family:
            row["flag"] += any(code in repairs for code in family)
        reference = case["expected"] if case["expected"] is not None else case["clean"]
        row["sim"] += difflib.SequenceMatcher(None, text, reference, autojunk=False).ratio()
    return rows


def print_table(title, rows):
    print(f"\n### {title}\n")
    print("| kind | cases | exact % | similar % | flagged % | errors | exact % where no byte was lost "
          "| exact % where nothing unknowable was lost |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in FAMILY:
        row = rows.get(kind)
        if not row:
            continue
        exact = f"{100.0 * row['exact'] / row['truth']:.1f}" if row["truth"] else "n/a (lossy)"
        flagged = f"{100.0 * row['flag'] / row['n']:.1f}" if FAMILY[kind] else "–"
        whole = f"{100.0 * row['whole_exact'] / row['whole']:.1f} ({row['whole']} docs)" if row["whole"] else "–"
        known = f"{100.0 * row['known_exact'] / row['known']:.1f} ({row['known']} docs)" if row["known"] else "–"
        sim = 100.0 * row["sim"] / row["n"]
        print(f"| {kind} | {row['n']} | {exact} | {sim:.1f} | {flagged} | {row['errors']} | {whole} | {known} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--out", help="keep the damaged corpus here (default: a temporary folder)")
    ap.add_argument("--release", action="store_true", help="build the example with --release")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    global SHARED
    SHARED = a.shared
    ensure_corrupt_deps()
    binary = build_example(a.release)
    with tempfile.TemporaryDirectory() as tmp:
        out = a.out or tmp
        corpora = [
            ("Chinese (shared/corpora/clean-dev)", os.path.join(a.shared, "corpora", "clean-dev"), "zh"),
            ("Chinese written for this project (benches/repair-clean-zh)", os.path.join(ROOT, "benches", "repair-clean-zh"), "zh-own"),
            ("English and Latin (benches/repair-clean)", os.path.join(ROOT, "benches", "repair-clean"), "latin"),
        ]
        for title, clean_dir, name in corpora:
            cases = make_corpus(a.shared, clean_dir, os.path.join(out, name), a.seed)
            print_table(title, evaluate(binary, cases))


if __name__ == "__main__":
    main()
