#!/usr/bin/env python3
"""Independent check of corpusmill's Parquet output with two readers (pyarrow, duckdb).

Usage: python3 tests/check_parquet.py OUT_DIR

Checks OUT_DIR/articles/*.parquet and OUT_DIR/rejects/*.parquet: both tables present,
exact column names and Arrow types, no nulls in required columns, value domains,
duckdb row count == pyarrow row count, duckdb sees the same types, doc_id unique,
char_count == number of code points in body, no file both accepted and rejected,
and OUT_DIR/runs/<run_id>.json exists for every run_id. For the tables of `corpusmill
merge` (OUT_DIR/merge.json), the run reports are looked for in the shards it names, and
every duplicate_of must name the first copy of its text in the merged table.
Prints one line per check and `N passed, M failed` last; exits 1 on any failure.
"""
import collections
import glob
import json
import os
import sys

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

S, U64 = pa.string(), pa.uint64()
REPAIR = pa.struct([("kind", S), ("count", U64)])

# column -> (arrow type, nullable)
ARTICLES = [
    ("doc_id", S, False),
    ("source_path", S, False),
    ("source_member", S, True),
    ("source_record", U64, True),
    ("source_bytes", U64, False),
    ("format", S, False),
    ("encoding", S, False),
    ("encoding_source", S, False),
    ("title", S, True),
    ("published_date", pa.date32(), True),
    ("author", S, True),
    ("source_name", S, True),
    ("url", S, True),
    ("crawl_date", pa.date32(), True),
    ("lang", S, False),
    ("script", S, True),
    ("body", S, False),
    ("summary", S, True),
    ("char_count", U64, False),
    ("repairs", pa.list_(REPAIR), False),
    ("content_hash", S, False),
    ("duplicate_of", S, True),
    ("run_id", S, False),
]
REJECTS = [
    ("source_path", S, False),
    ("source_member", S, True),
    ("source_record", U64, True),
    ("stage", S, False),
    ("reason", S, False),
    ("detail", S, True),
    ("source_bytes", U64, True),   # null when the file could not even be stat-ed
    ("run_id", S, False),
]
# the same types as duckdb names them
DUCK = {S: "VARCHAR", U64: "UBIGINT", pa.date32(): "DATE",
        pa.list_(REPAIR): 'STRUCT(kind VARCHAR, "count" UBIGINT)[]'}
DOMAINS = {"encoding_source": {"bom", "declared", "utf8", "detected"},
           "format": {"text", "html", "json"},
           "script": {"hans", "hant"}}

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))
    return ok


def same_type(got, want):
    """Arrow type equality that ignores the list item's field name ('item' vs 'element')
    and field nullability flags, but nothing else."""
    if pa.types.is_list(want):
        return pa.types.is_list(got) and same_type(got.value_type, want.value_type)
    if pa.types.is_struct(want):
        return (pa.types.is_struct(got) and got.num_fields == want.num_fields
                and all(got.field(i).name == want.field(i).name
                        and same_type(got.field(i).type, want.field(i).type)
                        for i in range(want.num_fields)))
    return got == want


def duck_norm(t):
    return t.replace('"', "").replace(" ", "").upper()


def check_table(out, name, spec):
    files = sorted(glob.glob(os.path.join(out, name, "*.parquet")))
    if not check("%s: at least one parquet file" % name, bool(files), os.path.join(out, name, "*.parquet")):
        return None
    try:
        table = pq.read_table(files)  # pyarrow must read every file with one schema
    except Exception as e:
        check("%s: pyarrow reads all files" % name, False, str(e))
        return None
    check("%s: pyarrow reads all files" % name, True)

    want_names = [c for c, _, _ in spec]
    check("%s: column names and order" % name, table.column_names == want_names,
          "got %s" % table.column_names)
    for col, typ, nullable in spec:
        if col not in table.column_names:
            continue
        got = table.schema.field(col).type
        check("%s.%s type %s" % (name, col, typ), same_type(got, typ), "got %s" % got)
        if not nullable:
            nulls = table.column(col).null_count
            check("%s.%s has no nulls" % (name, col), nulls == 0, "%d nulls" % nulls)
        if col in DOMAINS and pa.types.is_string(got):
            vals = set(v for v in table.column(col).to_pylist() if v is not None)
            bad = vals - DOMAINS[col]
            check("%s.%s values in %s" % (name, col, sorted(DOMAINS[col])), not bad, "got %s" % sorted(bad))

    glob_sql = os.path.join(out, name, "*.parquet").replace("'", "''")
    con = duckdb.connect()
    try:
        n = con.execute("select count(*) from read_parquet('%s')" % glob_sql).fetchone()[0]
        check("%s: duckdb count == pyarrow count (%d)" % (name, table.num_rows), n == table.num_rows,
              "duckdb %d" % n)
        desc = {r[0]: r[1] for r in con.execute("describe select * from read_parquet('%s')" % glob_sql).fetchall()}
        for col, typ, _ in spec:
            if col in desc:
                check("%s.%s duckdb type %s" % (name, col, DUCK[typ]),
                      duck_norm(desc[col]) == duck_norm(DUCK[typ]), "got %s" % desc[col])
        if name == "articles" and {"doc_id", "char_count", "body"} <= set(desc):
            dup = con.execute("select count(*) - count(distinct doc_id) from read_parquet('%s')" % glob_sql).fetchone()[0]
            check("articles: duckdb sees unique doc_id", dup == 0, "%d duplicates" % dup)
            bad = con.execute("select count(*) from read_parquet('%s') where char_count is distinct from length(body)"
                              % glob_sql).fetchone()[0]
            check("articles: duckdb char_count == length(body)", bad == 0, "%d rows differ" % bad)
    except Exception as e:
        check("%s: duckdb reads the files" % name, False, str(e))
    finally:
        con.close()
    return table


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out = sys.argv[1]
    articles = check_table(out, "articles", ARTICLES)
    rejects = check_table(out, "rejects", REJECTS)

    if articles is not None:
        cols = set(articles.column_names)
        if "doc_id" in cols:
            ids = articles.column("doc_id").to_pylist()
            dups = sorted((i for i, n in collections.Counter(ids).items() if n > 1), key=str)
            check("articles: doc_id unique (%d rows)" % len(ids), not dups, "duplicates %s" % dups[:5])
        if {"body", "char_count"} <= cols:
            body = articles.column("body").to_pylist()
            cc = articles.column("char_count").to_pylist()
            bad = [i for i, (b, c) in enumerate(zip(body, cc)) if c != len(b or "")]
            check("articles: char_count == code points in body", not bad,
                  "%d rows differ, first row %s" % (len(bad), bad[:1]))
        if "repairs" in cols and same_type(articles.schema.field("repairs").type, pa.list_(REPAIR)):
            flat = pc.list_flatten(articles.column("repairs"))
            kinds = pc.struct_field(flat, [0])
            counts = pc.struct_field(flat, [1])
            check("articles: repairs entries have a kind and a count",
                  kinds.null_count == 0 and counts.null_count == 0)
        merge_file = os.path.join(out, "merge.json")
        run_dirs = [os.path.join(out, "runs")]
        if os.path.isfile(merge_file):
            with open(merge_file) as f:
                run_dirs = [os.path.join(s, "runs") for s in json.load(f)["shards"]]
            glob_sql = os.path.join(out, "articles", "*.parquet").replace("'", "''")
            con = duckdb.connect()
            bad = con.execute(
                "select count(*) from read_parquet('%s') a where a.duplicate_of is not null and not exists "
                "(select 1 from read_parquet('%s') f where f.doc_id = a.duplicate_of "
                "and f.content_hash = a.content_hash and f.duplicate_of is null)" % (glob_sql, glob_sql)).fetchone()[0]
            firsts = con.execute(
                "select count(*) - count(distinct content_hash) from read_parquet('%s') where duplicate_of is null"
                % glob_sql).fetchone()[0]
            con.close()
            check("merged articles: duplicate_of names a first copy of the same text", bad == 0, "%d rows" % bad)
            check("merged articles: one first copy per text", firsts == 0, "%d extra" % firsts)
        if "run_id" in cols:
            runs = sorted(set(r for r in articles.column("run_id").to_pylist() if r))
            missing = [r for r in runs if not any(os.path.isfile(os.path.join(d, r + ".json")) for d in run_dirs)]
            check("articles: runs/<run_id>.json exists for each run_id (%d)" % len(runs), not missing,
                  "missing %s" % missing[:3])
    if articles is not None and rejects is not None:
        key = lambda t: set(zip(t.column("source_path").to_pylist(), t.column("source_member").to_pylist(),
                                t.column("source_record").to_pylist()))
        if {"source_path", "source_member", "source_record"} <= set(articles.column_names) & set(rejects.column_names):
            both = key(articles) & key(rejects)
            check("no (source_path, source_member, source_record) in both articles and rejects", not both,
                  "%d, e.g. %s" % (len(both), sorted(both, key=str)[:2]))

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
