"""Deterministic mixed benchmark corpus (used by gen_corpus.py --mixed-mb and bench_e2e.py).

generate(out_dir, size_mb, mix, seed) writes about size_mb * 10^6 bytes of documents
(counted uncompressed, the way the run report's bytes_read counts them) and returns a
manifest (also written to out_dir/.manifest.json, hidden so ingest skips it). Same arguments, same bytes.
With originals=True, the clean UTF-8 text each damaged or mojibake document was made from
goes to out_dir/.originals/ under the same relative path (not for contentfarm, whose
template comes damaged); benches/eval_damaged_fields.py compares the two ingests.

Everything is built from the sample files in data/ (Python standard library only; .zst
files need the `zstd` command and are replaced by .gz with a note when it is missing):

  text/        clean UTF-8 text dumps: a data/clean/ template with a numbered title, two
               lines swapped and 0-20 extra body paragraphs from templates of the same script
  damaged/     dumps damaged one kind each: legacy_gb18030 and legacy_big5 (Python codecs,
               no label), utf16le_bom, html_entities (~15% of non-ASCII characters as
               &#N;/&#xH; plus &nbsp;), contentfarm (data/damaged/farm-contentfarm.txt
               varied: numbered title, swapped and repeated damaged body lines)
  mojibake/    Chinese dumps whose UTF-8 was read as another code page and saved as
               UTF-8 again: utf8_as_gbk (`鍙戝竷` for `发布`, unpairable bytes as U+FFFD),
               utf8_as_cp1252 (`ä¸­æ–‡` for `中文`, undefined bytes as Latin-1),
               utf8_as_shift_jis (Python's cp932, U+FFFD for what it cannot read), and
               gbk_as_latin1 (`ÖÐ¹ú` for `中国`)
  html/        HTML pages: data/html/zhs-bridge.html with a numbered title and extra
               paragraphs, and generated English pages of 8-60 KB with navigation, share
               bar, related list, comments and footer
  feeds/       JSON Lines files (title, content, pub_time, url, author; 10% HTML bodies)
  archives/    tar.gz and zip files of dumps and HTML pages
  compressed/  .jsonl.gz, .jsonl.zst and .txt.gz files

Mixes (share of document bytes):
  mixed    text 35%, damaged 10% (2% per kind), html 15%, feeds 15%, archives 15%,
           compressed 10%
  clean    text 100%
  damaged  damaged 100% (Chinese only, 20% per kind)
  html     html 100%
  mojibake mojibake 100% (Chinese only, 25% per kind)
"""
import gzip
import io
import json
import os
import random
import shutil
import subprocess
import tarfile
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(REPO, "data")

MIXES = {
    "mixed": {"text": 0.35, "damaged": 0.10, "html": 0.15, "feeds": 0.15, "archives": 0.15, "compressed": 0.10},
    "clean": {"text": 1.0},
    "damaged": {"damaged": 1.0},
    "html": {"html": 1.0},
    "mojibake": {"mojibake": 1.0},
}
DAMAGE_KINDS = ["legacy_gb18030", "legacy_big5", "utf16le_bom", "html_entities", "contentfarm"]
# Chinese dumps whose UTF-8 was read with the wrong code page and saved again as UTF-8:
# the "UTF-8-as-GBK" damage of issue 6's damaged-Chinese target, and its cp1252 cousin.
# (Not UTF-8 read as Big5: Python's big5 codec leaves about two thirds of such a text as
# U+FFFD, and ingest rejects it as undecodable.)
MOJIBAKE_KINDS = ["utf8_as_gbk", "utf8_as_cp1252", "utf8_as_shift_jis", "gbk_as_latin1"]
MANIFEST = ".manifest.json"  # hidden: ingest skips hidden files
ORIGINALS = ".originals"  # the clean texts of damaged documents, with originals=True
FIXED_MTIME = 1740700800  # 2025-02-28, for archive members


def read(rel, encoding="utf-8"):
    with open(os.path.join(DATA, rel), "rb") as f:
        return f.read().decode(encoding)


def is_body(line):
    s = line.strip()
    if len(s) < 30:
        return False
    wide = sum(1 for c in s if ord(c) > 0x2E80)
    return wide >= 25 or (wide == 0 and len(s) >= 60)


def script_of(name):
    return name.split("-")[0]  # zhs, zht, en


class Sources:
    def __init__(self):
        clean = os.path.join(DATA, "clean")
        self.templates = []
        for name in sorted(os.listdir(clean)):
            self.templates.append((name, read(os.path.join("clean", name))))
        self.pool = {}
        for name, text in self.templates:
            for line in text.split("\n"):
                if is_body(line):
                    self.pool.setdefault(script_of(name), []).append(line.strip().replace("\r", ""))
        # Traditional text Big5 can hold: the Big5 sample decoded, and the zht templates'
        # body lines without the few characters Big5 lacks.
        self.big5_tpl = read("damaged/market-legacy_big5.txt", "big5")
        self.big5_pool = [l for l in self.pool["zht"] if encodable(l, "big5")]
        self.big5_pool += [l.strip() for l in self.big5_tpl.split("\n") if is_body(l)]
        self.farm = read("damaged/farm-contentfarm.txt")
        self.bridge = read("html/zhs-bridge.html")
        self.zh_templates = [(n, t) for n, t in self.templates if n.startswith("zh")]
        self.en_sentences = []
        for line in self.pool["en"]:
            self.en_sentences += [s.strip() + "." for s in line.split(".") if len(s.strip()) > 30]


def encodable(text, enc):
    try:
        text.encode(enc)
        return True
    except UnicodeEncodeError:
        return False


def long_dump(name, tpl, pool, i, rng, extra_max=20):
    """A template with a numbered title, two body lines swapped and extra paragraphs."""
    crlf = "\r\n" in tpl
    lines = tpl.replace("\r\n", "\n").split("\n")
    body = [k for k, l in enumerate(lines) if is_body(l)]
    # Number the title line (the first non-navigation line of some length).
    for k, l in enumerate(lines[:4]):
        if len(l.strip()) >= 8 and not l.startswith(("当前位置", "首页", "Home", "The ")) and ">" not in l:
            lines[k] = f"{l} {i}"
            break
    if len(body) > 2:
        a, b = rng.sample(body[1:], 2)
        lines[a], lines[b] = lines[b], lines[a]
    if body and pool:
        last = body[-1]
        blank = body[0] + 1 < len(lines) and lines[body[0] + 1].strip() == ""
        extra = []
        for p in rng.choices(pool, k=rng.randint(0, extra_max)):
            extra += ([""] if blank else []) + [p]
        indent = "\u3000\u3000" if lines[body[0]].startswith("\u3000") else ""
        extra = [indent + e if e else e for e in extra]
        lines[last + 1 : last + 1] = ([""] if blank else []) + extra if extra else []
    text = "\n".join(lines)
    return text.replace("\n", "\r\n") if crlf else text


def clean_dump(src, i, rng):
    name, tpl = src.templates[i % len(src.templates)]
    return long_dump(name, tpl, src.pool[script_of(name)], i, rng).encode("utf-8")


def entity_damage(text, rng):
    out = []
    for c in text:
        if ord(c) > 127 and rng.random() < 0.15:
            out.append(f"&#{ord(c)};" if rng.random() < 0.5 else f"&#x{ord(c):X};")
        elif c == " " and rng.random() < 0.02:
            out.append("&nbsp;")
        else:
            out.append(c)
    return "".join(out)


def damaged_dump(src, i, rng, kind):
    """The damaged bytes of document i of `kind`, and the clean text they were made
    from (None for contentfarm, whose template comes damaged)."""
    if kind == "legacy_big5":
        text = long_dump("zht-big5", src.big5_tpl, src.big5_pool, i, rng)
        return text.encode("big5", errors="replace"), text
    if kind == "contentfarm":
        farm_body = [l for l in src.farm.split("\n") if is_body(l)]
        return long_dump("zht-farm", src.farm, farm_body, i, rng, extra_max=10).encode("utf-8"), None
    name, tpl = src.zh_templates[i % len(src.zh_templates)]
    text = long_dump(name, tpl, src.pool[script_of(name)], i, rng)
    if kind == "legacy_gb18030":
        return text.encode("gb18030"), text
    if kind == "utf16le_bom":
        return b"\xff\xfe" + text.encode("utf-16-le"), text
    if kind == "html_entities":
        return entity_damage(text, rng).encode("utf-8"), text
    if kind in MOJIBAKE_KINDS:
        return misread(text, kind).encode("utf-8"), text
    raise ValueError(kind)


def misread(text, kind, errors="replace"):
    """`text` as one of MOJIBAKE_KINDS leaves it, to be saved as UTF-8 again. `errors`
    is for gbk_as_latin1's encoding into GBK: with "replace" a character GBK lacks
    becomes `?` first, with "strict" it raises UnicodeEncodeError."""
    if kind == "utf8_as_gbk":
        # As a lenient reader leaves it: bytes GBK cannot pair become U+FFFD.
        return text.encode("utf-8").decode("gbk", errors="replace")
    if kind == "utf8_as_cp1252":
        # cp1252's five undefined bytes pass through as Latin-1, as most readers do.
        return "".join(CP1252_OR_LATIN1[b] for b in text.encode("utf-8"))
    if kind == "utf8_as_shift_jis":
        return text.encode("utf-8").decode("cp932", errors="replace")
    if kind == "gbk_as_latin1":
        # `ÖÐ¹ú` for `中国`.
        return text.encode("gbk", errors=errors).decode("latin-1")
    raise ValueError(kind)


# Each byte as Windows-1252 reads it, its five undefined bytes as Latin-1 (C1 controls).
CP1252_OR_LATIN1 = [
    chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in range(256)
]


def zh_page(src, i, rng):
    page = src.bridge.replace("青溪大桥完成加固改造 今起恢复双向通行", f"青溪大桥完成加固改造 今起恢复双向通行 {i}")
    extra = "".join(f"<p>{p}</p>\n" for p in rng.choices(src.pool["zhs"], k=rng.randint(0, 25)))
    return page.replace("</article>", extra + "</article>", 1)


def en_page(src, i, rng):
    s = src.en_sentences
    target = rng.randint(8_000, 60_000)
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Harbour library story {i} | The Harrowgate Courier</title>",
        '<meta property="og:site_name" content="The Harrowgate Courier">',
        f'<meta property="article:published_time" content="2025-02-{1 + i % 28:02d}T09:15:00Z">',
        f'<link rel="canonical" href="https://courier.example/local/2025/{i}.html"></head><body>',
        "<header><nav><ul>",
        "".join(f'<li><a href="/{x.lower()}">{x}</a></li>' for x in ["Home", "Local", "Business", "Sport", "Opinion"]),
        f"</ul></nav></header><main><article><h1>Harbour library story {i}</h1>",
        '<p class="byline">By Priya Castellan, Local Reporter</p>',
    ]
    size = sum(map(len, parts))
    n = 0
    while size < target * 0.75:
        p = "<p>" + " ".join(rng.choices(s, k=rng.randint(2, 6))) + "</p>\n"
        parts.append(p)
        size += len(p)
        n += 1
        if n % 6 == 0:
            parts.append(f"<h2>Part {n // 6}</h2>")
    parts.append('<div class="share"><a href="#">Share on Facebook</a> <a href="#">Email</a></div></article>')
    parts.append('<aside class="related"><h3>Related stories</h3><ul>')
    parts += [f'<li><a href="/l/{k}">{rng.choice(s)}</a></li>' for k in range(8)]
    parts.append('</ul></aside><section class="comments"><h3>Comments</h3>')
    k = 0
    while size < target:
        c = f'<div class="comment"><b>reader{k}</b><p>{rng.choice(s)}</p></div>'
        parts.append(c)
        size += len(c)
        k += 1
    parts.append("</section></main><footer><p>(c) 2025 The Harrowgate Courier.</p></footer></body></html>")
    return "".join(parts)


def html_page(src, i, rng):
    return (zh_page(src, i, rng) if i % 2 == 0 else en_page(src, i, rng)).encode("utf-8")


def jsonl_line(src, i, rng):
    name, tpl = src.templates[i % len(src.templates)]
    pool = src.pool[script_of(name)]
    paras = rng.choices(pool, k=rng.randint(3, 15))
    html = i % 10 == 0
    content = "".join(f"<p>{p}</p>" for p in paras) if html else "\n\n".join(paras)
    rec = {
        "id": i,
        "title": f"Record {i}: {paras[0][:20]}",
        "content": content,
        "pub_time": f"2025-02-{1 + i % 28:02d} 09:15",
        "url": f"https://feed.example/{i}",
        "author": "秦若溪" if i % 2 else "Priya Castellan",
    }
    return (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")


class Writer:
    """Writes files under out_dir and counts documents and bytes per category."""

    def __init__(self, out, originals=False):
        self.out = out
        self.stats = {}
        self.files = []
        # Whether damaged documents' clean texts go to out_dir/.originals/ as well.
        self.originals = originals

    def put_original(self, rel, text):
        path = os.path.join(self.out, ORIGINALS, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)

    def put(self, cat, rel, data, docs, doc_bytes):
        path = os.path.join(self.out, cat, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.count(cat, path, docs, doc_bytes)
        return path

    def count(self, cat, path, docs, doc_bytes):
        st = self.stats.setdefault(cat, {"files": 0, "docs": 0, "doc_bytes": 0, "disk_bytes": 0})
        st["files"] += 1
        st["docs"] += docs
        st["doc_bytes"] += doc_bytes
        st["disk_bytes"] += os.path.getsize(path)
        self.files.append(os.path.relpath(path, self.out))


def gen_text(w, src, budget, rng):
    i = done = 0
    while done < budget:
        data = clean_dump(src, i, rng)
        w.put("text", f"{i // 1000:04d}/{i:07d}.txt", data, 1, len(data))
        done += len(data)
        i += 1


def gen_damaged(w, src, budget, rng, kinds, cat="damaged"):
    per_kind = budget / len(kinds)
    for kind in kinds:
        i = done = 0
        while done < per_kind:
            data, original = damaged_dump(src, i, rng, kind)
            rel = f"{kind}/{i // 1000:04d}/{i:07d}.txt"
            w.put(cat, rel, data, 1, len(data))
            if w.originals and original is not None:
                w.put_original(os.path.join(cat, rel), original)
            done += len(data)
            i += 1


def gen_html(w, src, budget, rng):
    i = done = 0
    while done < budget:
        data = html_page(src, i, rng)
        w.put("html", f"{i // 1000:04d}/{i:07d}.html", data, 1, len(data))
        done += len(data)
        i += 1


def jsonl_blob(src, start, size, rng):
    buf, n, total = [], 0, 0
    while total < size:
        line = jsonl_line(src, start + n, rng)
        buf.append(line)
        total += len(line)
        n += 1
    return b"".join(buf), n


def gen_feeds(w, src, budget, rng):
    file_size = max(1_000_000, min(16_000_000, budget // 4))
    i = done = n = 0
    while done < budget:
        blob, docs = jsonl_blob(src, i, min(file_size, budget - done + 1000), rng)
        w.put("feeds", f"feed-{n:04d}.jsonl", blob, docs, len(blob))
        i += docs
        done += len(blob)
        n += 1


def members(src, start, size, rng):
    out, total, k = [], 0, 0
    while total < size:
        i = start + k
        if k % 3 == 2:
            data, name = html_page(src, i, rng), f"site/{i:07d}.html"
        else:
            data, name = clean_dump(src, i, rng), f"dumps/{i:07d}.txt"
        out.append((name, data))
        total += len(data)
        k += 1
    return out, total


def gen_archives(w, src, budget, rng):
    size = max(500_000, min(4_000_000, budget // 8))
    i = done = n = 0
    while done < budget:
        mem, total = members(src, 10_000_000 + i, min(size, budget - done + 1000), rng)
        if n % 2 == 0:
            bio = io.BytesIO()
            with tarfile.open(fileobj=bio, mode="w", format=tarfile.PAX_FORMAT) as tf:
                for name, data in mem:
                    info = tarfile.TarInfo(name)
                    info.size, info.mtime, info.mode = len(data), FIXED_MTIME, 0o644
                    tf.addfile(info, io.BytesIO(data))
            bio = io.BytesIO(gzip.compress(bio.getvalue(), 6, mtime=0))
            w.put("archives", f"bundle-{n:04d}.tar.gz", bio.getvalue(), len(mem), total)
        else:
            bio = io.BytesIO()
            with zipfile.ZipFile(bio, "w", zipfile.ZIP_DEFLATED) as zf:
                for name, data in mem:
                    zf.writestr(zipfile.ZipInfo(name, date_time=(2025, 2, 28, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
            w.put("archives", f"bundle-{n:04d}.zip", bio.getvalue(), len(mem), total)
        i += len(mem)
        done += total
        n += 1


def gen_compressed(w, src, budget, rng, notes):
    has_zstd = shutil.which("zstd") is not None
    if not has_zstd:
        notes.append("zstd command not found: .zst files skipped (written as .gz instead)")
    size = max(500_000, min(8_000_000, budget // 6))
    i = done = n = 0
    while done < budget:
        kind = n % 3
        if kind == 2:  # a few single gzipped dumps, then back to feeds
            for _ in range(20):
                data = clean_dump(src, 20_000_000 + i, rng)
                w.put("compressed", f"dumps/{i:07d}.txt.gz", gzip.compress(data, mtime=0), 1, len(data))
                i += 1
                done += len(data)
            n += 1
            continue
        blob, docs = jsonl_blob(src, 30_000_000 + i, min(size, budget - done + 1000), rng)
        if kind == 1 and has_zstd:
            plain = os.path.join(w.out, "compressed", f"feed-{n:04d}.jsonl")
            os.makedirs(os.path.dirname(plain), exist_ok=True)
            with open(plain, "wb") as f:
                f.write(blob)
            subprocess.run(["zstd", "-q", "-3", "--rm", "-f", plain], check=True)
            w.count("compressed", plain + ".zst", docs, len(blob))
        else:
            w.put("compressed", f"feed-{n:04d}.jsonl.gz", gzip.compress(blob, 6, mtime=0), docs, len(blob))
        i += docs
        done += len(blob)
        n += 1


def generate(out, size_mb, mix="mixed", seed=1, originals=False):
    if mix not in MIXES:
        raise SystemExit(f"unknown mix {mix!r}: one of {', '.join(MIXES)}")
    if os.path.exists(out) and os.listdir(out):
        raise SystemExit(f"{out} exists and is not empty")
    os.makedirs(out, exist_ok=True)
    src = Sources()
    w = Writer(out, originals)
    notes = []
    total = size_mb * 1e6
    for cat, share in MIXES[mix].items():
        rng = random.Random(f"{seed}-{mix}-{cat}")
        budget = int(total * share)
        if cat == "text":
            gen_text(w, src, budget, rng)
        elif cat == "damaged":
            gen_damaged(w, src, budget, rng, DAMAGE_KINDS)
        elif cat == "mojibake":
            gen_damaged(w, src, budget, rng, MOJIBAKE_KINDS, cat)
        elif cat == "html":
            gen_html(w, src, budget, rng)
        elif cat == "feeds":
            gen_feeds(w, src, budget, rng)
        elif cat == "archives":
            gen_archives(w, src, budget, rng)
        elif cat == "compressed":
            gen_compressed(w, src, budget, rng, notes)
    manifest = {
        "mix": mix,
        "seed": seed,
        "target_mb": size_mb,
        "doc_bytes": sum(s["doc_bytes"] for s in w.stats.values()),
        "disk_bytes": sum(s["disk_bytes"] for s in w.stats.values()),
        "docs": sum(s["docs"] for s in w.stats.values()),
        "files": len(w.files),
        "by_category": w.stats,
        "compressed_files": sorted(f for f in w.files if f.endswith((".gz", ".zst", ".zip"))),
        "notes": notes,
    }
    with open(os.path.join(out, MANIFEST), "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest
