//! Command-line interface definitions.
//!
//! The doc comments below are the help text clap prints: `[repair]` and
//! `<run-id>` there are words for the terminal, not links or HTML.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::progress::LogFormat;
use crate::shard::Shard;

pub const EXIT_CODES: &str = "Exit codes:\n  \
    0  the run completed; rejects, if any, are in the rejects table and the run report\n  \
    1  a fatal error stopped the run (the cause is printed on one line); rerun to finish the job\n  \
    2  the command line was not understood, an input path does not exist, or --run-id names a run\n     \
       already in the output directory\n  \
    3  another run holds the output directory's lock; nothing was done\n  \
    4  with --fail-on-rejects: the run completed, and some documents became rejects\n  \
    5  inspect: no row of the output directory names the key";

/// corpusmill: turns scraped article dumps into clean, typed Parquet tables.
#[derive(Debug, Parser)]
#[command(name = "corpusmill", version, about, long_about = None)]
#[command(after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest article dumps: decode, repair, extract fields, write Parquet tables.
    ///
    /// Writes DIR/articles/*.parquet, DIR/rejects/*.parquet, DIR/superseded/*.parquet,
    /// DIR/runs/<run-id>.json and the ledger DIR/ledger.sqlite. Every document found
    /// becomes an article row or a reject row with a reason. Incremental: inputs
    /// already ingested and unchanged are skipped, changed ones re-ingested (their
    /// old rows listed in superseded), and a killed run is finished by the next one.
    #[command(after_help = EXIT_CODES)]
    Ingest {
        /// Files or folders to ingest (folders are walked recursively, in name order).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output directory (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Configuration file (TOML); the built-in defaults are in config/corpusmill.toml
        /// and printed by `corpusmill default-config`.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Worker threads (default: one per core).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
        /// Run id used in file names and the run_id column (default: UTC time plus a random suffix).
        /// Letters, digits, '.', '_' and '-' only.
        #[arg(long, value_name = "ID")]
        run_id: Option<String>,
        /// No progress output and no summary (errors are still printed).
        #[arg(long, short)]
        quiet: bool,
        /// Re-ingest every input, even unchanged ones; earlier rows are superseded.
        #[arg(long)]
        full: bool,
        /// List what would be ingested (new, changed, resume, retry, unchanged, touched) and exit.
        #[arg(long)]
        dry_run: bool,
        /// Take only shard K of N (0 <= K < N) of the inputs, split by a hash of
        /// their paths: for N cooperating runs (a Slurm job array), each with its own --out.
        #[arg(long, value_name = "K/N")]
        shard: Option<Shard>,
        /// Exit with code 4 instead of 0 when the run completed but wrote rejects
        /// (for jobs that alert on them).
        #[arg(long)]
        fail_on_rejects: bool,
        /// Format of log lines on stderr (no progress bar with json).
        #[arg(long, value_enum, default_value = "text")]
        log_format: LogFormat,
    },
    /// Decode and repair one document; print the repaired text (or JSON with --json).
    Repair {
        /// The file to repair; `-` or nothing reads standard input.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// Print {"text", "encoding", "encoding_source", "repairs", "plan"} as JSON.
        #[arg(long)]
        json: bool,
        /// Charset declared by the container (e.g. from an HTTP header); used unless the bytes contradict it.
        #[arg(long, value_name = "LABEL")]
        charset: Option<String>,
        /// Configuration file (TOML) whose [repair] section is used.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Convert a Chinese text to these characters after the repair (overrides the
        /// configuration's `repair.script`): OpenCC's t2s, s2t, s2twp or s2hk tables.
        #[arg(long, value_name = "SCRIPT",
              value_parser = ["keep", "simplified", "traditional", "taiwan", "hongkong"])]
        script: Option<String>,
    },
    /// Summarise an output directory: current articles by language, script, format,
    /// encoding and repair; rejects by reason; the runs that wrote them.
    Stats {
        /// The output directory of earlier `ingest` runs; several (the shards of one
        /// corpus) are summed.
        #[arg(value_name = "OUT", required = true)]
        out: Vec<PathBuf>,
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
        /// Also write the summary as a self-contained HTML page, with examples of
        /// each reject reason, to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Show every row an output directory holds for a document: the articles and
    /// rejects whose doc_id, content_hash, duplicate_of or source_path is KEY, each
    /// marked current or superseded (by which run). Exits with code 5 when no row
    /// names KEY.
    Inspect {
        /// An output directory of `ingest` (or of `merge`).
        #[arg(value_name = "OUT")]
        out: PathBuf,
        /// A doc_id or content_hash (32 hex digits), or a source_path as the tables
        /// write it.
        #[arg(value_name = "KEY")]
        key: String,
        /// Print each row as one JSON object per line (with the whole body).
        #[arg(long)]
        json: bool,
    },
    /// Merge the output directories of a sharded corpus (`ingest --shard K/N`, one
    /// per task of a job array) into one table set, once every shard has finished.
    ///
    /// Writes OUT/articles/part-merged-*.parquet, OUT/rejects/part-merged-*.parquet and
    /// OUT/merge.json, replacing what an earlier merge wrote: the current rows of every
    /// shard (none a later run superseded), in the order the shards are given, with
    /// duplicate_of naming the first article of the merged table with the same
    /// content_hash, across shards. The same shards give byte-identical files. Holds
    /// every shard's lock while it reads (exit code 3 if a run is writing one).
    #[command(after_help = EXIT_CODES)]
    Merge {
        /// The shards' output directories.
        #[arg(value_name = "SHARD", required = true)]
        shards: Vec<PathBuf>,
        /// Directory of the merged tables (created if missing; not an ingest output).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Configuration file (TOML) whose [output] section sizes the files.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// No summary line.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print the built-in default configuration as TOML.
    DefaultConfig,
}
