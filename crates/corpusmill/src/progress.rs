//! Progress for people and for logs: a bar on a terminal, plain lines otherwise.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often a plain progress line is logged when stderr is not a terminal.
const LOG_EVERY: Duration = Duration::from_secs(30);

pub enum Progress {
    Bar { bar: ProgressBar, bytes: u64, started: Instant },
    Log { total: u64, files: u64, bytes: u64, started: Instant, last: Instant },
    Quiet,
}

impl Progress {
    pub fn new(total_files: u64, quiet: bool) -> Progress {
        let now = Instant::now();
        if quiet {
            Progress::Quiet
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(Some(total_files), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {pos}/{len} files · {per_sec} · {msg} · eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style.progress_chars("=> "));
            Progress::Bar { bar, bytes: 0, started: now }
        } else {
            Progress::Log { total: total_files, files: 0, bytes: 0, started: now, last: now }
        }
    }

    pub fn advance(&mut self, files: u64, bytes_done: u64) {
        match self {
            Progress::Bar { bar, bytes, started } => {
                *bytes += bytes_done;
                bar.inc(files);
                bar.set_message(format!("{:.1} MB/s", mb_per_s(*bytes, started.elapsed())));
            }
            Progress::Log { total, files: done, bytes, started, last } => {
                *done += files;
                *bytes += bytes_done;
                if last.elapsed() >= LOG_EVERY {
                    *last = Instant::now();
                    let elapsed = started.elapsed();
                    eprintln!(
                        "corpusmill: progress {done}/{total} files, {:.1} MB, {:.0} files/s, {:.1} MB/s",
                        *bytes as f64 / 1e6,
                        *done as f64 / elapsed.as_secs_f64().max(1e-9),
                        mb_per_s(*bytes, elapsed)
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
