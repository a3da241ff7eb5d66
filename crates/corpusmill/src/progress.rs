//! Progress and log lines for people and for log shippers: a bar on a
//! terminal, plain or JSON lines otherwise.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often a plain progress line is logged when stderr is not a terminal.
const LOG_EVERY: Duration = Duration::from_secs(30);

/// How log lines are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// `corpusmill: <message>` lines.
    Text,
    /// One JSON object per line: `{"ts", "level", "event", "msg", ...fields}`.
    Json,
}

/// Writes the run's log lines (never the data) to stderr.
#[derive(Debug, Clone, Copy)]
pub struct Logger {
    pub format: LogFormat,
    pub quiet: bool,
}

impl Logger {
    /// An informational line; `fields` (a JSON object) are merged into JSON lines.
    pub fn info(&self, event: &str, message: &str, fields: serde_json::Value) {
        if !self.quiet {
            self.line("info", event, message, fields);
        }
    }

    /// A line that something needs the operator's attention; written even
    /// with `--quiet`, like errors, so that a cron job's mail carries it.
    pub fn warn(&self, event: &str, message: &str, fields: serde_json::Value) {
        self.line("warn", event, message, fields);
    }

    fn line(&self, level: &str, event: &str, message: &str, fields: serde_json::Value) {
        match self.format {
            LogFormat::Text if level == "info" => eprintln!("corpusmill: {message}"),
            LogFormat::Text => eprintln!("corpusmill: {level}ing: {message}"),
            LogFormat::Json => {
                let mut line = serde_json::json!({
                    "ts": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    "level": level,
                    "event": event,
                    "msg": message,
                });
                if let (Some(line), serde_json::Value::Object(extra)) = (line.as_object_mut(), fields) {
                    line.extend(extra);
                }
                eprintln!("{line}");
            }
        }
    }
}

pub enum Progress {
    Bar { bar: ProgressBar, bytes: u64, started: Instant },
    Log { log: Logger, files: u64, bytes: u64, started: Instant, last: Instant },
    Quiet,
}

impl Progress {
    /// A bar only for text logs on a terminal; periodic log lines otherwise.
    /// Inputs are counted as they are walked, so there is no total up front.
    pub fn new(log: &Logger) -> Progress {
        let now = Instant::now();
        if log.quiet {
            Progress::Quiet
        } else if log.format == LogFormat::Text && std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} files · {per_sec} · {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(250));
            Progress::Bar { bar, bytes: 0, started: now }
        } else {
            Progress::Log { log: *log, files: 0, bytes: 0, started: now, last: now }
        }
    }

    pub fn advance(&mut self, files: u64, bytes_done: u64) {
        match self {
            Progress::Bar { bar, bytes, started } => {
                *bytes += bytes_done;
                bar.inc(files);
                bar.set_message(format!("{:.1} MB/s", mb_per_s(*bytes, started.elapsed())));
            }
            Progress::Log { log, files: done, bytes, started, last } => {
                *done += files;
                *bytes += bytes_done;
                if last.elapsed() >= LOG_EVERY {
                    *last = Instant::now();
                    let elapsed = started.elapsed();
                    let files_per_s = *done as f64 / elapsed.as_secs_f64().max(1e-9);
                    let mbps = mb_per_s(*bytes, elapsed);
                    log.info(
                        "progress",
                        &format!(
                            "progress {done} files, {:.1} MB, {files_per_s:.0} files/s, {mbps:.1} MB/s",
                            *bytes as f64 / 1e6
                        ),
                        serde_json::json!({"files_done": *done, "bytes": *bytes,
                                           "files_per_s": files_per_s, "mb_per_s": mbps}),
                    );
                }
            }
            Progress::Quiet => {}
        }
    }

    pub fn finish(&self) {
        if let Progress::Bar { bar, .. } = self {
            bar.finish_and_clear();
        }
    }
}

pub fn mb_per_s(bytes: u64, elapsed: Duration) -> f64 {
    bytes as f64 / 1e6 / elapsed.as_secs_f64().max(1e-9)
}
