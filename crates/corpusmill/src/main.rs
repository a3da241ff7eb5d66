//! The `corpusmill` command: parses arguments and hands over to the modules.

mod cli;
mod commit;
mod config;
mod ingest;
mod inspect;
mod merge_cmd;
mod pipeline;
mod plan;
mod progress;
mod queue;
mod repair_cmd;
mod report_html;
mod run_id;
mod shard;
mod stages;
mod stats;

/// mimalloc instead of the system allocator: documents are read on one thread,
/// processed on the pool and their rows dropped on another, and glibc's
/// `free` of another thread's block waits for that thread's arena lock. With
/// glibc the pool threads slept in `free` most of the times they slept at all.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use config::Config;

/// Exit code for a command line that cannot be carried out as given (clap uses
/// it for arguments it does not understand).
const EXIT_USAGE: u8 = 2;
/// Exit code when another run holds the output directory's lock.
const EXIT_LOCKED: u8 = 3;
/// Exit code, with `--fail-on-rejects`, of a run that completed and committed
/// everything, some of it as rejects.
const EXIT_WITH_REJECTS: u8 = 4;
/// Exit code of `inspect` when no row names the key (a script can tell a
/// missing document from a failure).
const EXIT_NOT_FOUND: u8 = 5;

/// A failure and the exit code it maps to.
struct Failure {
    message: String,
    code: u8,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure { message, code: 1 }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(Done::Clean) => ExitCode::SUCCESS,
        Ok(Done::WithRejects) => ExitCode::from(EXIT_WITH_REJECTS),
        Ok(Done::NotFound) => ExitCode::from(EXIT_NOT_FOUND),
        Err(Failure { message, code }) => {
            eprintln!("corpusmill: error: {message}");
            ExitCode::from(code)
        }
    }
}

/// The exit code an `ingest` (or dry run) failure calls for.
fn ingest_failure(err: ingest::IngestError) -> Failure {
    let code = match err {
        ingest::IngestError::Locked(_) => EXIT_LOCKED,
        ingest::IngestError::RunIdUsed { .. } | ingest::IngestError::ShardMismatch { .. } => EXIT_USAGE,
        _ => 1,
    };
    Failure { message: err.to_string(), code }
}

/// How a command that did not fail ended.
enum Done {
    Clean,
    /// The run wrote reject rows.
    WithRejects,
    /// What was looked for is not there.
    NotFound,
}

fn run(cli: Cli) -> Result<Done, Failure> {
    match cli.command {
        Command::Ingest {
            paths,
            out,
            config,
            threads,
            run_id,
            quiet,
            full,
            dry_run,
            shard,
            fail_on_rejects,
            log_format,
        } => {
            // A path that is not there is a mistake on the command line (a typo, a
            // share not mounted), not a document: the run fails before doing anything.
            if let Some(missing) = ingest::missing_paths(&paths).first() {
                let message = format!("input path {} does not exist; nothing was done", missing.display());
                return Err(Failure { message, code: EXIT_USAGE });
            }
            if corpusmill_store::is_merged_dir(&out) {
                let message = format!(
                    "{} holds the tables of `corpusmill merge` (a snapshot each merge replaces); \
                     ingest into a shard's own directory",
                    out.display()
                );
                return Err(Failure { message, code: EXIT_USAGE });
            }
            let config = Config::load(config.as_deref()).map_err(|e| e.to_string())?;
            if dry_run {
                let counts = ingest::dry_run(&paths, &out, &config, full, shard).map_err(ingest_failure)?;
                eprintln!(
                    "corpusmill: dry run: {} new, {} changed, {} to resume, {} unchanged, {} touched; \
                     passed over: {} hidden, {} symbolic links, {} FIFOs/sockets/devices",
                    counts.new,
                    counts.changed,
                    counts.resumed,
                    counts.unchanged,
                    counts.touched,
                    counts.hidden_skipped,
                    counts.links_skipped,
                    counts.special_skipped
                );
                return Ok(Done::Clean);
            }
            let run_id = match run_id {
                Some(id) => run_id::validate(id)?,
                None => run_id::generate(),
            };
            let request = ingest::IngestRequest {
                paths: &paths,
                out_dir: &out,
                config: &config,
                threads: threads.map(usize::from),
                run_id,
                full,
                shard,
                log: progress::Logger { format: log_format, quiet },
            };
            match ingest::ingest(request) {
                Ok(report) if fail_on_rejects && report.written.rejects > 0 => Ok(Done::WithRejects),
                Ok(_) => Ok(Done::Clean),
                Err(err) => Err(ingest_failure(err)),
            }
        }
        Command::Repair { file, json, charset, config, script } => {
            let mut config = Config::load(config.as_deref()).map_err(|e| e.to_string())?;
            if let Some(script) = script {
                config.repair.script = repair_cmd::script_target(&script)?;
            }
            repair_cmd::run(file.as_deref(), json, charset.as_deref(), &config.repair)?;
            Ok(Done::Clean)
        }
        Command::Stats { out, json, html } => {
            let stats = match stats::collect_all(&out) {
                Ok(stats) => stats,
                Err(err @ (stats::StatsError::NotAnOutput(_) | stats::StatsError::MergedAmongOthers(_))) => {
                    return Err(Failure { message: err.to_string(), code: EXIT_USAGE })
                }
                Err(err) => return Err(err.to_string().into()),
            };
            if let Some(path) = html {
                report_html::write_page(&path, &report_html::render(&stats, &out))
                    .map_err(|e| Failure::from(format!("{}: {e}", path.display())))?;
            }
            if json {
                let text = serde_json::to_string(&stats).map_err(|e| Failure::from(e.to_string()))?;
                println!("{text}");
            } else {
                print!("{}", stats::render(&stats, &out));
            }
            Ok(Done::Clean)
        }
        Command::Inspect { out, key, json } => {
            let rows = match inspect::find(&out, &key) {
                Ok(rows) => rows,
                Err(err @ inspect::InspectError::NotAnOutput(_)) => {
                    return Err(Failure { message: err.to_string(), code: EXIT_USAGE })
                }
                Err(err) => return Err(err.to_string().into()),
            };
            if rows.is_empty() {
                eprintln!("corpusmill: no row of {} names {key:?}", out.display());
                return Ok(Done::NotFound);
            }
            if json {
                for row in &rows {
                    println!("{}", inspect::to_json(row));
                }
            } else {
                print!("{}", inspect::render(&rows));
            }
            Ok(Done::Clean)
        }
        Command::Merge { shards, out, config, quiet } => {
            let config = Config::load(config.as_deref()).map_err(|e| e.to_string())?;
            match merge_cmd::run(&shards, &out, &config.output) {
                Ok(report) => {
                    if !quiet {
                        eprintln!(
                            "corpusmill: merged {} shard{} into {}: {} articles ({} duplicates, {} of them \
                             of a text first seen in another shard), {} rejects; {} superseded rows left out",
                            report.shards.len(),
                            if report.shards.len() == 1 { "" } else { "s" },
                            out.display(),
                            report.articles,
                            report.duplicates,
                            report.duplicates_across_shards,
                            report.rejects,
                            report.superseded_rows
                        );
                    }
                    Ok(Done::Clean)
                }
                Err(merge_cmd::MergeFailure::Usage(message)) => Err(Failure { message, code: EXIT_USAGE }),
                Err(merge_cmd::MergeFailure::Locked(message)) => Err(Failure { message, code: EXIT_LOCKED }),
                Err(merge_cmd::MergeFailure::Failed(message)) => Err(message.into()),
            }
        }
        Command::DefaultConfig => {
            let text = toml::to_string(&Config::default()).map_err(|e| Failure::from(e.to_string()))?;
            print!("{text}");
            Ok(Done::Clean)
        }
    }
}
