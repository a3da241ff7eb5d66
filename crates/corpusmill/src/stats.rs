//! `corpusmill stats OUT`: what an output directory holds now, for operators:
//! the current rows (those no later run superseded) counted by language,
//! script, format, encoding, repair and reject reason, and the runs that
//! wrote them. Reads only the columns it counts, never the text.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use arrow_array::{Array, ListArray, StringArray, StructArray, UInt64Array};
use corpusmill_store::{
    check_settled, is_merged_dir, is_output_dir, scan_table, string_column, StoreError, Superseded,
};

/// Counts of one table column's values.
type Tally = BTreeMap<String, u64>;

/// Documents with a repair kind, and how many repairs of it they had.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RepairTally {
    pub documents: u64,
    pub repairs: u64,
}

/// How many rejected documents of each reason the report names.
pub const REJECT_EXAMPLES: usize = 5;

/// A rejected document named as an example of its reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RejectExample {
    pub source_path: String,
    pub source_member: Option<String>,
    pub detail: Option<String>,
}

/// One run, from its report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RunSummary {
    pub run_id: String,
    pub started_at: String,
    pub articles: u64,
    pub rejects: u64,
    pub wall_seconds: f64,
    pub shard: Option<String>,
    pub settings_changed_since: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    pub articles: u64,
    /// Current articles whose content an earlier article already had.
    pub duplicates: u64,
    pub body_chars: u64,
    pub by_lang: Tally,
    pub by_script: Tally,
    pub by_format: Tally,
    pub by_encoding: Tally,
    pub by_encoding_source: Tally,
    pub repairs: BTreeMap<String, RepairTally>,
    /// Current articles with at least one repair.
    pub repaired_articles: u64,
    pub rejects: u64,
    pub rejects_by_reason: Tally,
    pub rejects_by_stage: Tally,
    /// The first [`REJECT_EXAMPLES`] current rejects of each reason, in table order.
    pub reject_examples: BTreeMap<String, Vec<RejectExample>>,
    /// Rows of articles and rejects that a later run of their input took back.
    pub superseded_rows: u64,
    /// Every run, oldest first.
    pub runs: Vec<RunSummary>,
    /// With several output directories (shards): current articles that are
    /// the first of their content in their own shard but not in the corpus,
    /// which `duplicate_of` cannot know.
    pub cross_shard_duplicates: Option<u64>,
    /// The content hashes (their first 64 bits) of the current articles that
    /// are no duplicate in their shard: of one directory as collected, of
    /// every directory added so far once summed. 8 bytes an article and the
    /// set's overhead.
    #[serde(skip)]
    firsts: HashSet<u64>,
    /// Directories added up.
    #[serde(skip)]
    shards: usize,
}

/// Why `stats` could not read an output directory.
#[derive(Debug)]
pub enum StatsError {
    NotAnOutput(std::path::PathBuf),
    /// A merged directory given with others: its rows are theirs, counted twice.
    MergedAmongOthers(std::path::PathBuf),
    Store(StoreError),
    Report {
        path: std::path::PathBuf,
        detail: String,
    },
}

impl std::fmt::Display for StatsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatsError::NotAnOutput(dir) => {
                write!(
                    f,
                    "{} is not a corpusmill output directory (no {})",
                    dir.display(),
                    corpusmill_store::LEDGER_FILE
                )
            }
            StatsError::MergedAmongOthers(dir) => write!(
                f,
                "{} holds merged shards: give it alone, or the shards without it (their rows are counted once)",
                dir.display()
            ),
            StatsError::Store(err) => write!(f, "{err}"),
            StatsError::Report { path, detail } => write!(f, "run report {}: {detail}", path.display()),
        }
    }
}

impl From<StoreError> for StatsError {
    fn from(err: StoreError) -> Self {
        StatsError::Store(err)
    }
}

fn value(column: Option<&StringArray>, row: usize) -> Option<&str> {
    column.filter(|c| c.is_valid(row)).map(|c| c.value(row))
}

fn count(tally: &mut Tally, key: Option<&str>) {
    *tally.entry(key.unwrap_or("null").to_owned()).or_default() += 1;
}

/// The stats of `out_dirs` summed: the shards of one corpus, or one merged
/// directory (whose rows hold the shards' already, so that it is refused
/// beside others).
pub fn collect_all(out_dirs: &[std::path::PathBuf]) -> Result<Stats, StatsError> {
    if out_dirs.len() > 1 {
        if let Some(merged) = out_dirs.iter().find(|dir| is_merged_dir(dir)) {
            return Err(StatsError::MergedAmongOthers(merged.clone()));
        }
    }
    let mut stats = Stats::default();
    for dir in out_dirs {
        stats.add(collect(dir)?);
    }
    Ok(stats)
}

/// The stats of one output directory (its committed parts; a run writing
/// meanwhile adds only what it has committed).
pub fn collect(out_dir: &Path) -> Result<Stats, StatsError> {
    // An ingest output, or the tables `merge` wrote (no superseded rows, no runs).
    if !is_output_dir(out_dir) {
        return Err(StatsError::NotAnOutput(out_dir.to_path_buf()));
    }
    let settled = check_settled(out_dir)?;
    let gone = Superseded::read(out_dir)?;
    let is_current = |path: Option<&str>, run: Option<&str>| match (path, run) {
        (Some(path), Some(run)) => !gone.contains(path, run),
        _ => true,
    };
    let mut stats = Stats::default();
    let columns = [
        "source_path",
        "run_id",
        "format",
        "encoding",
        "encoding_source",
        "lang",
        "script",
        "char_count",
        "repairs",
        "duplicate_of",
        "content_hash",
    ];
    scan_table(out_dir, "articles", &columns, |batch| {
        let text = |name| string_column(batch, name);
        let (paths, runs) = (text("source_path"), text("run_id"));
        let chars = batch.column_by_name("char_count").and_then(|c| c.as_any().downcast_ref::<UInt64Array>());
        let repairs = batch.column_by_name("repairs").and_then(|c| c.as_any().downcast_ref::<ListArray>());
        for row in 0..batch.num_rows() {
            if !is_current(value(paths, row), value(runs, row)) {
                stats.superseded_rows += 1;
                continue;
            }
            stats.articles += 1;
            if value(text("duplicate_of"), row).is_some() {
                stats.duplicates += 1;
            } else if let Some(hash) = value(text("content_hash"), row) {
                stats.firsts.insert(u64::from_str_radix(hash.get(..16).unwrap_or(hash), 16).unwrap_or(0));
            }
            stats.body_chars += chars.map_or(0, |c| c.value(row));
            count(&mut stats.by_lang, value(text("lang"), row));
            count(&mut stats.by_script, value(text("script"), row));
            count(&mut stats.by_format, value(text("format"), row));
            count(&mut stats.by_encoding, value(text("encoding"), row));
            count(&mut stats.by_encoding_source, value(text("encoding_source"), row));
            let Some(list) = repairs.filter(|r| r.is_valid(row)).map(|r| r.value(row)) else { continue };
            let Some(items) = list.as_any().downcast_ref::<StructArray>() else { continue };
            let kinds = items.column(0).as_any().downcast_ref::<StringArray>();
            let counts = items.column(1).as_any().downcast_ref::<UInt64Array>();
            let (Some(kinds), Some(counts)) = (kinds, counts) else { continue };
            stats.repaired_articles += u64::from(!items.is_empty());
            for i in 0..items.len() {
                let tally = stats.repairs.entry(kinds.value(i).to_owned()).or_default();
                tally.documents += 1;
                tally.repairs += counts.value(i);
            }
        }
    })?;
    let columns = ["source_path", "source_member", "run_id", "stage", "reason", "detail"];
    scan_table(out_dir, "rejects", &columns, |batch| {
        let text = |name| string_column(batch, name);
        for row in 0..batch.num_rows() {
            if !is_current(value(text("source_path"), row), value(text("run_id"), row)) {
                stats.superseded_rows += 1;
                continue;
            }
            stats.rejects += 1;
            count(&mut stats.rejects_by_reason, value(text("reason"), row));
            count(&mut stats.rejects_by_stage, value(text("stage"), row));
            let examples =
                stats.reject_examples.entry(value(text("reason"), row).unwrap_or("null").to_owned()).or_default();
            if examples.len() < REJECT_EXAMPLES {
                let owned = |name| value(text(name), row).map(str::to_owned);
                examples.push(RejectExample {
                    source_path: owned("source_path").unwrap_or_default(),
                    source_member: owned("source_member"),
                    detail: owned("detail"),
                });
            }
        }
    })?;
    stats.runs = runs(out_dir)?;
    settled.unchanged(out_dir)?;
    Ok(stats)
}

impl Stats {
    /// Adds the counts of another output directory (a shard of the same
    /// corpus); its runs join the list, oldest first.
    pub fn add(&mut self, other: Stats) {
        // A shard's firsts that an earlier shard has are duplicates across shards.
        let mut across = 0;
        for hash in other.firsts {
            across += u64::from(!self.firsts.insert(hash));
        }
        self.shards += 1;
        if self.shards > 1 {
            *self.cross_shard_duplicates.get_or_insert(0) += across;
        }
        self.articles += other.articles;
        self.duplicates += other.duplicates;
        self.body_chars += other.body_chars;
        for (mine, theirs) in [
            (&mut self.by_lang, other.by_lang),
            (&mut self.by_script, other.by_script),
            (&mut self.by_format, other.by_format),
            (&mut self.by_encoding, other.by_encoding),
            (&mut self.by_encoding_source, other.by_encoding_source),
            (&mut self.rejects_by_reason, other.rejects_by_reason),
            (&mut self.rejects_by_stage, other.rejects_by_stage),
        ] {
            for (key, n) in theirs {
                *mine.entry(key).or_default() += n;
            }
        }
        for (reason, examples) in other.reject_examples {
            let mine = self.reject_examples.entry(reason).or_default();
            let room = REJECT_EXAMPLES.saturating_sub(mine.len());
            mine.extend(examples.into_iter().take(room));
        }
        for (kind, tally) in other.repairs {
            let mine = self.repairs.entry(kind).or_default();
            mine.documents += tally.documents;
            mine.repairs += tally.repairs;
        }
        self.repaired_articles += other.repaired_articles;
        self.rejects += other.rejects;
        self.superseded_rows += other.superseded_rows;
        self.runs.extend(other.runs);
        self.runs.sort_by(|a, b| (&a.started_at, &a.run_id).cmp(&(&b.started_at, &b.run_id)));
    }
}

/// The runs' reports (`runs/*.json`), oldest first.
fn runs(out_dir: &Path) -> Result<Vec<RunSummary>, StatsError> {
    let dir = out_dir.join("runs");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut runs = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let bad = |detail: String| StatsError::Report { path: path.clone(), detail };
        let bytes = std::fs::read(&path).map_err(|err| bad(err.to_string()))?;
        let report: serde_json::Value = serde_json::from_slice(&bytes).map_err(|err| bad(err.to_string()))?;
        let text = |key: &str| report.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let number = |key: &str| report.get(key).and_then(|v| v.as_u64()).unwrap_or(0);
        runs.push(RunSummary {
            run_id: text("run_id").ok_or_else(|| bad("no run_id".to_owned()))?,
            started_at: text("started_at").unwrap_or_default(),
            articles: number("articles"),
            rejects: number("rejects"),
            wall_seconds: report.get("wall_seconds").and_then(|v| v.as_f64()).unwrap_or(0.0),
            shard: text("shard"),
            settings_changed_since: text("settings_changed_since"),
        });
    }
    runs.sort_by(|a, b| (&a.started_at, &a.run_id).cmp(&(&b.started_at, &b.run_id)));
    Ok(runs)
}

/// `tally` as `a 3 · b 1`, the largest first.
fn line(tally: &Tally) -> String {
    let mut items: Vec<(&String, &u64)> = tally.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    items.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(" · ")
}

/// The stats of `out_dirs` (shards of one corpus, summed) as lines for people.
pub fn render(stats: &Stats, out_dirs: &[std::path::PathBuf]) -> String {
    let dirs: Vec<String> = out_dirs.iter().map(|d| d.display().to_string()).collect();
    let mut out = format!("corpusmill stats {}\n", dirs.join(" "));
    out += &format!(
        "articles   {} current ({} duplicates), {} characters of body text\n",
        stats.articles, stats.duplicates, stats.body_chars
    );
    if let Some(across) = stats.cross_shard_duplicates {
        out += &format!("  and {across} duplicates across shards (the first copy is in another shard)\n");
    }
    for (name, tally) in [
        ("language", &stats.by_lang),
        ("script", &stats.by_script),
        ("format", &stats.by_format),
        ("encoding", &stats.by_encoding),
        ("found by", &stats.by_encoding_source),
    ] {
        if !tally.is_empty() {
            out += &format!("  {name:<9}{}\n", line(tally));
        }
    }
    out += &format!("  repaired {} articles", stats.repaired_articles);
    let mut repairs: Vec<(&String, &RepairTally)> = stats.repairs.iter().collect();
    repairs.sort_by(|a, b| b.1.documents.cmp(&a.1.documents).then(a.0.cmp(b.0)));
    for (kind, tally) in repairs {
        out += &format!("\n    {kind:<28}{:>8} articles {:>10} repairs", tally.documents, tally.repairs);
    }
    out += "\n";
    out += &format!("rejects    {} current", stats.rejects);
    if !stats.rejects_by_reason.is_empty() {
        out += &format!(": {}", line(&stats.rejects_by_reason));
    }
    out += "\n";
    out += &format!("superseded {} rows of earlier runs\n", stats.superseded_rows);
    out += &format!("runs       {}", stats.runs.len());
    if let Some(last) = stats.runs.last() {
        out += &format!(
            ", last {} at {}: {} articles, {} rejects in {:.1} s",
            last.run_id, last.started_at, last.articles, last.rejects, last.wall_seconds
        );
    }
    out += "\n";
    for run in stats.runs.iter().filter(|r| r.settings_changed_since.is_some()) {
        out += &format!(
            "  run {} changed the settings of run {}\n",
            run.run_id,
            run.settings_changed_since.as_deref().unwrap_or_default()
        );
    }
    out
}
