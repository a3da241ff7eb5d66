#!/usr/bin/env bash
# Regenerate data/damaged/ from data/clean/ with ../shared/tools/corrupt.py.
# Deterministic: fixed --seed, one corrupt.py run per (clean file, kind) pair.
# Needs python3 with opencc and pypinyin (for legacy_big5 and contentfarm).
# Usage: benches/sample-data/make_damaged.sh            (corrupt.py found at <repo>/../shared/tools/corrupt.py)
#        CORRUPT=/path/to/corrupt.py benches/sample-data/make_damaged.sh
set -euo pipefail

DATA="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../data" && pwd)"
CORRUPT="${CORRUPT:-$DATA/../../shared/tools/corrupt.py}"
SEED=20250228

[ -f "$CORRUPT" ] || { echo "corrupt.py not found at $CORRUPT (set CORRUPT=...)" >&2; exit 1; }
python3 -c 'import opencc, pypinyin' || { echo "need: pip install opencc pypinyin" >&2; exit 1; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# clean file              kind            output name in data/damaged/
PAIRS="
zhs-news.txt              legacy_gb18030  news-legacy_gb18030.txt
zhs-news.txt              html_entities   news-html_entities.txt
zhs-market-indent.txt     legacy_big5     market-legacy_big5.txt
zhs-school-crlf.txt       utf16le_bom     school-utf16le_bom.txt
zhs-farm.txt              contentfarm     farm-contentfarm.txt
"

mkdir -p "$DATA/damaged"
rm -f "$DATA"/damaged/*.txt
echo "$PAIRS" | while read -r src kind name; do
    [ -n "$src" ] || continue
    work="$TMP/$kind-${src%.txt}"
    mkdir -p "$work/clean"
    cp "$DATA/clean/$src" "$work/clean/"
    python3 "$CORRUPT" "$work/clean" "$work/out" --seed "$SEED" --kinds "$kind"
    out="$work/out/files/${src%.txt}.$kind.txt"
    [ -f "$out" ] || { echo "corrupt.py made no $kind case for $src" >&2; exit 1; }
    cp "$out" "$DATA/damaged/$name"
    echo "damaged/$name  <- clean/$src ($kind, seed $SEED)"
done
