#!/usr/bin/env python3
"""Builds the container samples in data/ from the clean dumps, deterministically:

  data/feeds/feed.jsonl.gz     three JSON records (one with an HTML body) and a malformed line
  data/archives/bundle.zip     a tar.gz inside a zip, holding a dump and the HTML page
  data/warc/crawl.warc.gz      a WARC with a request, a 200 GBK page and a 404

Run from the repository root: python3 benches/sample-data/make_containers.py
"""
import gzip
import io
import json
import os
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "data")


def read(rel):
    with open(os.path.join(DATA, rel), "rb") as f:
        return f.read()


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def write(rel, data):
    path = os.path.join(DATA, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def feed():
    page = read("html/zhs-bridge.html").decode("utf-8")
    records = [
        {"headline": "云岫市图书馆延长夜间开放时间", "content": "云岫市图书馆自下月起将夜间开放时间延长至晚上十点。\n\n馆方表示，延长开放主要为方便上班族和备考学生。",
         "pub_time": "2025-03-02 19:00", "link": "https://yunxiu.example/lib", "author": "祁晓岚", "media": "云岫晚报"},
        {"title": "Harbour ferry adds a late sailing", "text": "The harbour ferry will add a sailing at 11pm from next month.\n\nThe operator said demand after concerts had doubled.",
         "published_at": 1740734100, "url": "https://harbour.example/ferry"},
        {"title": "青溪大桥恢复通行", "content": page, "pub_time": "2025-01-16"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(2, '{"title": "truncated by the crawler", "content": ')
    write("feeds/feed.jsonl.gz", gz(("\n".join(lines) + "\n").encode("utf-8")))


def bundle():
    tar_buf = io.BytesIO()
    with tarfile.open(fileobj=tar_buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in [("2025/market.txt", read("clean/zhs-market-indent.txt")),
                           ("2025/bridge.html", read("html/zhs-bridge.html"))]:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    zip_buf = io.BytesIO()
    with zipfile.ZipFile(zip_buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("scrape/site-a.tar.gz", date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, gz(tar_buf.getvalue()))
    write("archives/bundle.zip", zip_buf.getvalue())


def warc():
    def record(kind, uri, block):
        head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
                f"WARC-Date: 2025-01-17T03:00:00Z\r\nContent-Length: {len(block)}\r\n\r\n").encode()
        return gz(head + block + b"\r\n\r\n")
    page = read("html/zhs-bridge.html").decode("utf-8").replace('charset="utf-8"', 'charset="gbk"')
    page = page.replace("<meta charset=\"utf-8\">", "<meta charset=\"gbk\">").replace("©", "&copy;")
    ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page.encode("gbk")
    missing = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>gone</html>"
    uri = "https://news.qingxi.example/local/2025/01/16/bridge.html"
    write("warc/crawl.warc.gz", record("request", uri, b"GET /local/2025/01/16/bridge.html HTTP/1.1\r\n\r\n")
          + record("response", uri, ok) + record("response", uri + "?page=2", missing))


if __name__ == "__main__":
    feed()
    bundle()
    warc()
