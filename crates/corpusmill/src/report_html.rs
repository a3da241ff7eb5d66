//! `corpusmill stats --html FILE`: the stats as one self-contained HTML page
//! for operators (no scripts, no external files), with examples of each
//! reject reason. The same tables give the same page: nothing in it comes
//! from the clock.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::stats::{RepairTally, Stats};

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}\
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:.5em 0 1em}td,th{padding:.2em .7em;text-align:left;vertical-align:top}\
th{border-bottom:1px solid #999}td.n{text-align:right;font-variant-numeric:tabular-nums}\
.bar{display:inline-block;height:.8em;background:#4a7fb0}.muted{color:#777}\
code{font-size:.95em;word-break:break-all}section.tallies{display:flex;flex-wrap:wrap;gap:0 2.5em}";

/// Writes `page` to `path` by way of a hidden file beside it, flushed and
/// renamed: a page being written is never the one a browser or web server
/// shows, and two runs at once each write a file of their own.
pub fn write_page(path: &Path, page: &str) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut file| {
        std::io::Write::write_all(&mut file, page.as_bytes())?;
        file.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = std::fs::remove_file(&tmp);
            Err(err)
        }
    }
}

/// The page for `stats` of `out_dirs`.
pub fn render(stats: &Stats, out_dirs: &[PathBuf]) -> String {
    let dirs: Vec<String> = out_dirs.iter().map(|d| escape(&d.display().to_string())).collect();
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>corpusmill report: {}</title><style>{STYLE}</style></head><body>\n",
        dirs.join(" ")
    );
    let _ = writeln!(page, "<h1>corpusmill report</h1><p class=\"muted\">{}</p>", dirs.join("<br>"));
    let _ = writeln!(
        page,
        "<p><b>{}</b> current articles ({} duplicates{}), {} characters of body text; <b>{}</b> rejects; \
         {} rows superseded by later runs.</p>",
        stats.articles,
        stats.duplicates,
        stats.cross_shard_duplicates.map_or(String::new(), |n| format!(", and {n} across shards")),
        stats.body_chars,
        stats.rejects,
        stats.superseded_rows
    );

    page.push_str("<h2>Articles</h2><section class=\"tallies\">\n");
    for (name, tally) in [
        ("Language", &stats.by_lang),
        ("Script", &stats.by_script),
        ("Format", &stats.by_format),
        ("Encoding", &stats.by_encoding),
        ("Encoding found by", &stats.by_encoding_source),
    ] {
        tally_table(&mut page, name, tally.iter().map(|(k, n)| (k.as_str(), *n)), stats.articles);
    }
    page.push_str("</section>\n");

    let _ =
        writeln!(page, "<h2>Repairs</h2><p>{} of the articles had at least one repair.</p>", stats.repaired_articles);
    if !stats.repairs.is_empty() {
        let mut repairs: Vec<(&String, &RepairTally)> = stats.repairs.iter().collect();
        repairs.sort_by(|a, b| b.1.documents.cmp(&a.1.documents).then(a.0.cmp(b.0)));
        page.push_str("<table><tr><th>kind</th><th>articles</th><th>repairs</th></tr>\n");
        for (kind, tally) in repairs {
            let _ = writeln!(
                page,
                "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                escape(kind),
                tally.documents,
                tally.repairs
            );
        }
        page.push_str("</table>\n");
    }

    page.push_str("<h2>Rejects</h2>\n");
    if stats.rejects == 0 {
        page.push_str("<p>None.</p>\n");
    } else {
        page.push_str("<section class=\"tallies\">\n");
        tally_table(&mut page, "Reason", stats.rejects_by_reason.iter().map(|(k, n)| (k.as_str(), *n)), stats.rejects);
        tally_table(&mut page, "Stage", stats.rejects_by_stage.iter().map(|(k, n)| (k.as_str(), *n)), stats.rejects);
        page.push_str("</section>\n<table><tr><th>reason</th><th>examples (the first of each reason)</th></tr>\n");
        for (reason, examples) in &stats.reject_examples {
            let _ = write!(page, "<tr><td><code>{}</code></td><td>", escape(reason));
            for example in examples {
                let mut source = example.source_path.clone();
                if let Some(member) = &example.source_member {
                    source = format!("{source} ! {member}");
                }
                let _ = write!(page, "<code>{}</code>", escape(&source));
                if let Some(detail) = &example.detail {
                    let _ = write!(page, " <span class=\"muted\">{}</span>", escape(detail));
                }
                page.push_str("<br>");
            }
            page.push_str("</td></tr>\n");
        }
        page.push_str("</table>\n");
    }

    let _ = writeln!(page, "<h2>Runs</h2>");
    if stats.runs.is_empty() {
        page.push_str("<p>No run reports here (the tables of <code>corpusmill merge</code> have none).</p>\n");
    } else {
        page.push_str(
            "<table><tr><th>run</th><th>started</th><th>shard</th><th>articles</th><th>rejects</th>\
             <th>seconds</th><th>note</th></tr>\n",
        );
        for run in &stats.runs {
            let note = run
                .settings_changed_since
                .as_deref()
                .map_or(String::new(), |since| format!("settings changed since run {}", escape(since)));
            let _ = writeln!(
                page,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{:.1}</td><td>{note}</td></tr>",
                escape(&run.run_id),
                escape(&run.started_at),
                escape(run.shard.as_deref().unwrap_or("")),
                run.articles,
                run.rejects,
                run.wall_seconds
            );
        }
        page.push_str("</table>\n");
    }
    page.push_str("</body></html>\n");
    page
}

/// A small table of counts with their share of `total` as a bar, the
/// largest first.
fn tally_table<'a>(page: &mut String, name: &str, tally: impl Iterator<Item = (&'a str, u64)>, total: u64) {
    let mut items: Vec<(&str, u64)> = tally.collect();
    if items.is_empty() {
        return;
    }
    items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let _ = writeln!(page, "<table><tr><th>{}</th><th>count</th><th>share</th></tr>", escape(name));
    for (key, n) in items {
        let share = if total == 0 { 0.0 } else { 100.0 * n as f64 / total as f64 };
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"n\">{n}</td><td><span class=\"bar\" style=\"width:{:.0}px\"></span> {share:.1}%</td></tr>",
            escape(key),
            share.max(0.5)
        );
    }
    page.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_tables_cannot_open_a_tag() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("新闻/a.txt"), "新闻/a.txt");
    }
}
