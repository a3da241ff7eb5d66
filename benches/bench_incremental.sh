#!/usr/bin/env bash
# Nightly-run benchmark: first ingest of N inputs, then a rerun with nothing new,
# then a rerun after touching 1% of the inputs' contents.
# Usage: benches/bench_incremental.sh [N=100000] [THREADS=all]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
THREADS=${2:-$(nproc)}
BIN=target/release/corpusmill
cargo build --release --quiet
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
BYTES=$(python3 benches/gen_corpus.py "$WORK/in" --files "$N")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus: $N dumps, $((BYTES / 1000000)) MB"
run() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" ingest "$WORK/in" --out "$WORK/out" --threads "$THREADS" -q "$@"
  read -r secs rss < "$WORK/time"
  printf '%-28s %8.2f s  peak RSS %6d MB\n' "$label" "$secs" "$((rss / 1024))"
}
run "first run"
run "rerun, nothing new"
# Change 1% of the files (append a line), then rerun.
find "$WORK/in/dumps" -name '*.txt' | sort | awk 'NR % 100 == 0' | while read -r f; do echo "更新。" >> "$f"; done
run "rerun, 1% changed"
python3 - "$WORK/out" <<'PY'
import glob, json, sys
reports = sorted(glob.glob(sys.argv[1] + "/runs/*.json"), key=lambda p: json.load(open(p))["started_at"])
for p in reports:
    r = json.load(open(p))
    print(f"  run: new {r['files_new']}, changed {r['files_changed']}, unchanged {r['files_unchanged']}, "
          f"articles {r['articles']}, rejects {r['rejects']}, {r['wall_seconds']:.2f} s")
PY
