#!/usr/bin/env python3
"""Deterministic synthetic corpus for benchmarks (seeded; same arguments, same bytes).

Usage: python3 benches/gen_corpus.py OUT_DIR [--files N] [--jsonl-lines M] [--seed S]
       python3 benches/gen_corpus.py OUT_DIR --mixed-mb MB [--mix KIND] [--seed S]

Writes N plain-text article dumps under OUT_DIR/dumps/NNN/ (simplified Chinese and
English, varied layouts built from the sample files in data/clean/ with numbered
titles and shuffled paragraphs) and, with --jsonl-lines, one JSON Lines file
OUT_DIR/feed.jsonl of M records. Prints the byte total.

With --mixed-mb it writes instead a corpus of about MB megabytes (10^6 bytes) of
document bytes (uncompressed) made by benches/corpus_mix.py: --mix mixed (default; text
dumps, HTML pages, JSON Lines, tar.gz/zip archives, .gz/.zst files and ~10% damaged
dumps), clean (UTF-8 text dumps only), damaged (damaged Chinese dumps only), html
(HTML pages only) or mojibake (Chinese dumps misread as GBK or cp1252). Prints the byte total and writes OUT_DIR/.manifest.json.
"""
import argparse
import json
import os
import random

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def templates():
    out = []
    clean = os.path.join(REPO, "data", "clean")
    for name in sorted(os.listdir(clean)):
        with open(os.path.join(clean, name), encoding="utf-8", newline="") as f:
            out.append(f.read())
    return out


def vary(text, i, rng):
    lines = text.split("\n")
    # Number the title so every document differs, and rotate body lines a little.
    lines[0] = f"{lines[0]} {i}" if lines[0] and not lines[0].startswith(("首页", "Home", "The ")) else lines[0]
    body = [k for k, l in enumerate(lines) if len(l) > 60]
    if len(body) > 2:
        a, b = rng.sample(body, 2)
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--jsonl-lines", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mixed-mb", type=float, help="write a mixed corpus of about this many MB instead")
    ap.add_argument("--mix", default="mixed", help="mixed, clean, damaged, html or mojibake (with --mixed-mb)")
    ap.add_argument("--originals", action="store_true",
                    help="with --mixed-mb, also write damaged documents' clean texts to OUT_DIR/.originals/")
    args = ap.parse_args()
    if args.mixed_mb:
        import corpus_mix

        manifest = corpus_mix.generate(args.out, args.mixed_mb, args.mix, args.seed, args.originals)
        print(manifest["doc_bytes"])
        return
    rng = random.Random(args.seed)
    tpl = templates()
    total = 0
    for i in range(args.files):
        d = os.path.join(args.out, "dumps", f"{i // 1000:03d}")
        os.makedirs(d, exist_ok=True)
        data = vary(tpl[i % len(tpl)], i, rng).encode("utf-8")
        with open(os.path.join(d, f"{i:06d}.txt"), "wb") as f:
            f.write(data)
        total += len(data)
    if args.jsonl_lines:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "feed.jsonl"), "w", encoding="utf-8") as f:
            for i in range(args.jsonl_lines):
                text = vary(tpl[i % len(tpl)], i, rng)
                paras = [l for l in text.split("\n") if len(l) > 40]
                rec = {"title": f"Record {i}", "content": "\n\n".join(paras), "pub_time": "2025-02-28 09:15"}
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                f.write(line)
                total += len(line.encode("utf-8"))
    print(total)


if __name__ == "__main__":
    main()
