//! End to end: the binary on small corpora written by the tests.

mod common;

use std::fs;
use std::path::Path;

use common::{corpusmill, get, ingest, parquet_files, read_table};

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, bytes).expect("write");
}

const CLEAN_ZH: &str = "长河市新建三座社区图书馆\n2024年11月3日 09:15 来源：长河日报 作者：李明\n\n长河市今天宣布，三座社区图书馆将于年底开放。\n\n新馆共有藏书十二万册，并设有儿童阅读区。\n";

/// A corpus with one of each kind of bad input next to good ones.
fn mixed_corpus(dir: &Path) {
    write(dir, "good/clean.txt", CLEAN_ZH);
    let (gbk, _, _) = encoding_rs::GBK.encode(CLEAN_ZH);
    write(dir, "good/legacy.txt", gbk);
    write(dir, "bad/empty.txt", "");
    write(dir, "bad/blank.txt", " \n\n\t\n");
    write(dir, "bad/binary.dat", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0");
    write(dir, "bad/lost.txt", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}a\u{FFFD}\u{FFFD}\u{FFFD}\n".repeat(20));
    write(dir, "bad/paper.txt", "%PDF-1.4\n%binary follows");
    let huge = fs::File::create(dir.join("bad/huge.txt")).expect("create");
    huge.set_len(2 << 30).expect("sparse 2 GiB file");
}

#[test]
fn every_file_found_is_an_article_or_a_reject_with_a_reason() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    mixed_corpus(input.path());
    let output = ingest(&[input.path()], out.path(), "t1", &["--fail-on-rejects"]);
    assert_eq!(output.status.code(), Some(4), "completed with rejects");

    let articles = read_table(out.path(), "articles");
    let rejects = read_table(out.path(), "rejects");
    let mut sources: Vec<String> =
        articles.iter().chain(&rejects).map(|r| get(r, "source_path").expect("path").to_owned()).collect();
    sources.sort();
    let mut expected: Vec<String> = [
        "bad/binary.dat",
        "bad/blank.txt",
        "bad/empty.txt",
        "bad/huge.txt",
        "bad/lost.txt",
        "bad/paper.txt",
        "good/clean.txt",
        "good/legacy.txt",
    ]
    .iter()
    .map(|name| input.path().join(name).display().to_string())
    .collect();
    expected.sort();
    assert_eq!(sources, expected, "each file exactly once");

    let reason = |name: &str| {
        let path = input.path().join(name).display().to_string();
        let row = rejects
            .iter()
            .find(|r| get(r, "source_path") == Some(path.as_str()))
            .unwrap_or_else(|| panic!("{name} not rejected"));
        (get(row, "stage").expect("stage").to_owned(), get(row, "reason").expect("reason").to_owned())
    };
    assert_eq!(reason("bad/empty.txt"), ("decode".into(), "empty".into()));
    assert_eq!(reason("bad/blank.txt"), ("decode".into(), "blank".into()));
    assert_eq!(reason("bad/binary.dat"), ("decode".into(), "binary".into()));
    assert_eq!(reason("bad/lost.txt"), ("decode".into(), "undecodable".into()));
    assert_eq!(reason("bad/paper.txt"), ("read".into(), "unsupported_format".into()));
    assert_eq!(reason("bad/huge.txt"), ("read".into(), "too_large".into()));
    for row in &rejects {
        assert!(!get(row, "detail").unwrap_or_default().is_empty(), "reject without detail: {row:?}");
    }

    // The GBK copy decodes to the same article as the UTF-8 one.
    assert_eq!(articles.len(), 2);
    let legacy = articles.iter().find(|r| get(r, "encoding") == Some("GBK")).expect("GBK article");
    assert_eq!(get(legacy, "encoding_source"), Some("detected"));
    assert_eq!(get(legacy, "title"), Some("长河市新建三座社区图书馆"));
    assert_eq!(get(legacy, "published_date"), Some("2024-11-03"));
    assert_eq!(get(legacy, "script"), Some("hans"));
    assert_eq!(get(legacy, "lang"), Some("zh"));
    assert_eq!(get(&articles[0], "content_hash"), get(&articles[1], "content_hash"));
    assert_ne!(get(&articles[0], "doc_id"), get(&articles[1], "doc_id"));

    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("runs/t1.json")).expect("report")).expect("json");
    assert_eq!(report["files_found"], 8);
    assert_eq!(report["articles"], 2);
    assert_eq!(report["rejects"], 6);
    assert_eq!(report["rejects_by_reason"]["too_large"], 1);
}

/// U+FFFD already in a text may be bytes a wrong decoder lost (UTF-8 read
/// lossily as GBK, 29% U+FFFD here): the limit judges what is left after the
/// repair, in a text dump and in a JSON record alike; what stays lost is refused.
#[test]
fn lost_bytes_are_judged_after_the_repair() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    // 本报报道, 中国新闻 and 中国报道 as Python's `gbk` reads their UTF-8.
    let lossy = "鏈\u{FFFD}鎶ユ姤閬\u{FFFD}";
    let body = "涓\u{FFFD}鍥芥柊闂\u{FFFD}\n\n涓\u{FFFD}鍥芥姤閬\u{FFFD}";
    write(input.path(), "dump.txt", format!("{lossy}\n\n{body}\n"));
    let record = serde_json::json!({ "title": lossy, "content": body });
    write(input.path(), "record.json", record.to_string());
    let lost = "\u{FFFD}".repeat(6);
    write(input.path(), "lost.json", serde_json::json!({ "title": "标题", "content": lost }).to_string());
    ingest(&[input.path()], out.path(), "lost", &[]);
    let articles = read_table(out.path(), "articles");
    let rejects = read_table(out.path(), "rejects");
    let path = |name: &str| input.path().join(name).display().to_string();
    for name in ["dump.txt", "record.json"] {
        let row = articles.iter().find(|r| get(r, "source_path") == Some(path(name).as_str()));
        let row = row.unwrap_or_else(|| panic!("{name} not an article: {rejects:?}"));
        assert_eq!(get(row, "title"), Some("本报报道"), "{name}");
        assert_eq!(get(row, "body"), Some("中国新闻\n\n中国报道"), "{name}");
        // Each of the six characters that lost a byte was filled by a guess,
        // and the row says so.
        let repairs = get(row, "repairs").unwrap_or_default();
        assert!(repairs.contains("lost_byte_filled=6"), "{name}: {repairs}");
    }
    let row = rejects.iter().find(|r| get(r, "source_path") == Some(path("lost.json").as_str())).expect("rejected");
    assert_eq!((get(row, "stage"), get(row, "reason")), (Some("decode"), Some("undecodable")));
    assert!(get(row, "detail").unwrap_or_default().contains("after repair"), "{row:?}");
}

/// A Korean page saved as EUC-KR and read as Latin-1 by the scraper (what
/// `requests` does without a charset), stored as UTF-8: the row holds the
/// Korean text, says Korean, and names the repair.
#[test]
fn a_korean_page_read_as_latin1_is_read_back() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let title = "서울시, 새 교통 대책 발표";
    let body = "서울시는 오늘 새로운 교통 대책을 발표했다. 시민들은 다음 달부터 버스 노선이 바뀐다고 말했다.";
    let page = format!("{title}\n\n{body}\n");
    let (bytes, _, errors) = encoding_rs::EUC_KR.encode(&page);
    assert!(!errors);
    let as_latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
    write(input.path(), "page.txt", as_latin1);
    ingest(&[input.path()], out.path(), "ko", &[]);
    let articles = read_table(out.path(), "articles");
    assert_eq!(articles.len(), 1, "{articles:?}");
    let row = &articles[0];
    assert_eq!(get(row, "title"), Some(title));
    assert_eq!(get(row, "body"), Some(body));
    assert_eq!(get(row, "lang"), Some("ko"));
    let repairs = get(row, "repairs").unwrap_or_default();
    assert!(repairs.contains("mojibake_legacy_as_latin1=1"), "{repairs}");
}

/// An HTML page whose UTF-8 was read as Windows-1252 and saved again (`â€\u{9D}`
/// for `”`, `Â\u{A0}` for a no-break space): read back before its text is
/// extracted, since the extractor folds the no-break spaces and drops the C1
/// controls the reading needs; a web font's private-use icon in its markup
/// does not stop it.
#[test]
fn an_html_page_read_as_cp1252_is_read_back_before_extraction() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Harbour library opens \u{2013} The Courier</title></head>\
        <body><nav><i class=\"icon-home\">\u{F015}</i> Home</nav><article><h1>Harbour library opens</h1>\
        <p>\u{201C}We waited years for this,\u{201D} said Zoë Brennan, who chairs the friends\u{2019} group.\u{A0}The caf\u{E9} opens on Monday.</p>\
        <p>The reading room seats eighty, and the children\u{2019}s corner has its own entrance \u{2014} a first for the town.</p>\
        <p>Opening hours run from nine to eight on weekdays; the library is closed on Sundays and holidays.</p>\
        </article></body></html>";
    // Each byte as Windows-1252, its five undefined bytes as Latin-1 (C1 controls).
    let misread: String = page
        .as_bytes()
        .iter()
        .map(|&b| match b {
            0x81 | 0x8D | 0x8F | 0x90 | 0x9D => char::from(b),
            _ => encoding_rs::WINDOWS_1252.decode_without_bom_handling(&[b]).0.chars().next().unwrap_or('?'),
        })
        .collect();
    assert!(misread.contains("â€\u{9D}") && misread.contains("Â\u{A0}"));
    write(input.path(), "clean.html", page);
    write(input.path(), "misread.html", misread);
    ingest(&[input.path()], out.path(), "html", &[]);
    let articles = read_table(out.path(), "articles");
    assert_eq!(articles.len(), 2, "{articles:?}");
    let (clean, misread) = if get(&articles[0], "source_path").is_some_and(|p| p.ends_with("clean.html")) {
        (&articles[0], &articles[1])
    } else {
        (&articles[1], &articles[0])
    };
    for column in ["title", "body", "lang"] {
        assert_eq!(get(misread, column), get(clean, column), "{column}");
    }
    assert!(get(misread, "body").is_some_and(|b| b.contains("\u{201D} said Zoë")));
    let repairs = get(misread, "repairs").unwrap_or_default();
    assert!(repairs.contains("mojibake_utf8_as_cp1252"), "{repairs}");
}

#[test]
fn clean_text_comes_through_unchanged() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let paragraphs = [
        "“这是引号”，还有书名号《长河》、顿号、问号？感叹号！以及省略号……",
        "Café, naïve, São Paulo, Ærø — and emoji 🎉 stay as they are; so does 한국어 and русский.",
        "价格(jià)一栏写着 (注) 和 ? 号，也都不动。",
    ];
    let text = format!("标题一行\n\n{}\n", paragraphs.join("\n\n"));
    write(input.path(), "clean.txt", &text);
    ingest(&[input.path()], out.path(), "clean", &[]);
    let articles = read_table(out.path(), "articles");
    assert_eq!(articles.len(), 1);
    assert_eq!(get(&articles[0], "body"), Some(paragraphs.join("\n\n").as_str()));
    assert_eq!(get(&articles[0], "repairs"), Some(""));
}

#[test]
fn same_inputs_give_identical_tables_at_any_thread_count() {
    let input = tempfile::tempdir().expect("tempdir");
    mixed_corpus(input.path());
    for i in 0..30 {
        write(input.path(), &format!("many/{i:03}.txt"), CLEAN_ZH.replace("三座", &format!("{i}座")));
    }
    let one = tempfile::tempdir().expect("tempdir");
    let two = tempfile::tempdir().expect("tempdir");
    ingest(&[input.path()], one.path(), "same", &["--threads", "1"]);
    ingest(&[input.path()], two.path(), "same", &["--threads", "2"]);
    for table in ["articles", "rejects"] {
        let a = parquet_files(&one.path().join(table));
        let b = parquet_files(&two.path().join(table));
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert!(fs::read(x).expect("read") == fs::read(y).expect("read"), "{table} differs: {x:?}");
        }
    }
    // A different run id changes only the run_id column.
    let three = tempfile::tempdir().expect("tempdir");
    ingest(&[input.path()], three.path(), "other", &[]);
    let strip = |dir: &Path| {
        let mut rows = read_table(dir, "articles");
        for row in &mut rows {
            row.remove("run_id");
        }
        rows
    };
    assert_eq!(strip(one.path()), strip(three.path()));
}

#[test]
fn fatal_errors_exit_non_zero_with_a_one_line_cause() {
    let input = tempfile::tempdir().expect("tempdir");
    write(input.path(), "a.txt", CLEAN_ZH);
    let blocker = input.path().join("not-a-dir");
    fs::write(&blocker, "x").expect("write");
    let output = corpusmill().arg("ingest").arg(input.path()).arg("--out").arg(&blocker).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    assert!(last.starts_with("corpusmill: error: "), "{stderr}");

    let bad_config = input.path().join("bad.toml");
    fs::write(&bad_config, "[input]\nmax_file_byte = 3\n").expect("write");
    let output = corpusmill()
        .args(["ingest", "--out"])
        .arg(input.path().join("out"))
        .arg("--config")
        .arg(&bad_config)
        .arg(input.path())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("max_file_byte"));
}

#[test]
fn a_writer_failing_ends_the_run_with_an_error_not_a_hang() {
    // The writer cannot make its table folder (a file took its name: it
    // fails as it starts, before the first row group), while the reader has
    // hundreds of one-file chunks to hand over: the run must stop with the
    // writer's error. It used to hang, the reader blocked on its full
    // channel and the main thread waiting for it.
    let input = tempfile::tempdir().expect("tempdir");
    let out = input.path().join("out");
    let docs = input.path().join("docs");
    fs::create_dir(&docs).expect("mkdir");
    write(&docs, "first.txt", CLEAN_ZH);
    ingest(&[&docs], &out, "first", &[]);
    fs::remove_dir_all(out.join("articles")).expect("rm");
    fs::write(out.join("articles"), "in the way").expect("write");
    for i in 0..300 {
        write(&docs, &format!("{i:03}.txt"), format!("Title {i}\n\nBody {i} of a short article.\n"));
    }
    let config = input.path().join("small-chunks.toml");
    fs::write(&config, "[input]\nchunk_files = 1\n").expect("write");
    let mut child = corpusmill()
        .arg("ingest")
        .arg(&docs)
        .arg("--out")
        .arg(&out)
        .arg("--config")
        .arg(&config)
        .args(["--threads", "2", "--quiet"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // A generous bound, only there so that a hang fails the test instead of
    // stalling the suite: the run ends in well under a second.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("ingest still running two minutes after the writer failed");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr).expect("reads");
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.lines().last().unwrap_or_default().starts_with("corpusmill: error: "), "{stderr}");
    assert!(stderr.contains("articles"), "{stderr}");
}

#[test]
fn a_missing_input_path_fails_the_run_before_anything_is_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "in/a.txt", CLEAN_ZH);
    let missing = dir.path().join("nowhere");
    let out = dir.path().join("out");
    let output = corpusmill()
        .arg("ingest")
        .arg(dir.path().join("in"))
        .arg(&missing)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    // A typo or an unmounted share must not pass for an empty night in cron.
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nowhere") && stderr.contains("does not exist"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    // A folder that exists but cannot be walked stays a reject of the run (see the
    // read crate's tests); a dry run checks the paths the same way.
    let output =
        corpusmill().arg("ingest").arg(&missing).arg("--out").arg(&out).arg("--dry-run").output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    // A path under a file is missing too.
    let under_file = dir.path().join("in/a.txt/x");
    let output = corpusmill().arg("ingest").arg(&under_file).arg("--out").arg(&out).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(!out.exists());
}

#[test]
fn repair_command_prints_text_and_json() {
    let input = tempfile::tempdir().expect("tempdir");
    write(input.path(), "farm.txt", "發(fā)布會,應(yīng)對挑戰");
    let output = corpusmill().arg("repair").arg(input.path().join("farm.txt")).output().expect("runs");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), "發布會,應對挑戰");
    let output = corpusmill().arg("repair").arg("--json").arg(input.path().join("farm.txt")).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["text"], "發布會,應對挑戰");
    assert_eq!(json["encoding"], "UTF-8");
    assert_eq!(json["repairs"][0]["kind"], "pinyin_annotation");
    assert_eq!(json["repairs"][0]["count"], 2);
    assert!(json["plan"].as_array().is_some_and(|p| !p.is_empty()));
}

#[test]
fn overlapping_paths_and_an_output_inside_the_input_ingest_each_file_once() {
    let input = tempfile::tempdir().expect("tempdir");
    write(input.path(), "a/clean.txt", CLEAN_ZH);
    write(input.path(), "b/other.txt", CLEAN_ZH.replace("三座", "五座"));
    let out = input.path().join("out");
    let sub = input.path().join("a");
    for run in ["o1", "o2"] {
        ingest(&[input.path(), &sub, input.path()], &out, run, &[]);
    }
    let articles = read_table(&out, "articles");
    let mut sources: Vec<&str> = articles.iter().map(|r| get(r, "source_path").expect("path")).collect();
    sources.sort();
    let expected: Vec<String> =
        ["a/clean.txt", "b/other.txt"].iter().map(|n| input.path().join(n).display().to_string()).collect();
    assert_eq!(sources, expected, "each file once, nothing from the output folder, nothing again on the rerun");
    assert_eq!(read_table(&out, "rejects").len(), 0);
}

#[test]
fn shards_split_the_inputs_exactly_once() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    for i in 0..30 {
        write(input.path(), &format!("d{i:02}.txt"), CLEAN_ZH.replace("三座", &format!("{i}座")));
    }
    write(input.path(), "bad/empty.txt", "");
    let mut sources = Vec::new();
    for k in 0..3 {
        let shard_out = out.path().join(format!("shard-{k}"));
        ingest(&[input.path()], &shard_out, &format!("s{k}"), &["--shard", &format!("{k}/3")]);
        let rows: Vec<_> =
            read_table(&shard_out, "articles").into_iter().chain(read_table(&shard_out, "rejects")).collect();
        // The shard key hashes the path, and the temporary folder's name is
        // random: a shard's share is Binomial(31, 1/3), so only an empty or
        // near-total share (odds below 1e-5) says the split is broken.
        assert!((1..=22).contains(&rows.len()), "shard {k} took {} of 31", rows.len());
        sources.extend(rows.iter().map(|r| get(r, "source_path").expect("path").to_owned()));
    }
    sources.sort();
    let mut expected: Vec<String> =
        (0..30).map(|i| input.path().join(format!("d{i:02}.txt")).display().to_string()).collect();
    expected.push(input.path().join("bad/empty.txt").display().to_string());
    expected.sort();
    assert_eq!(sources, expected, "every input in exactly one shard");

    let bad =
        corpusmill().arg("ingest").arg(input.path()).arg("--out").arg(out.path()).args(["--shard", "3/3"]).output();
    assert_eq!(bad.expect("runs").status.code(), Some(2));
}

#[test]
fn symbolic_links_are_counted_and_followed_only_when_asked() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let article = "大桥重新开放\n\n市交通局今天宣布，经过两年的修缮，老城区的大桥重新开放通行。\n";
    write(input.path(), "real/bridge.txt", article);
    std::os::unix::fs::symlink(input.path().join("real/bridge.txt"), input.path().join("alias.txt")).expect("symlink");

    let output = corpusmill()
        .arg("ingest")
        .arg(input.path())
        .arg("--out")
        .arg(out.path().join("a"))
        .args(["--run-id", "links"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("1 symbolic link not followed"), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("a/runs/links.json")).expect("report")).expect("json");
    assert_eq!(report["links_skipped"], 1);
    assert_eq!(report["files_found"], 1);
    assert_eq!(read_table(&out.path().join("a"), "articles").len(), 1);

    // The config lives outside the input folder, which must hold only the two entries.
    let config = out.path().join("follow.toml");
    fs::write(&config, "[input]\nfollow_links = true\n").expect("write");
    ingest(&[input.path()], &out.path().join("b"), "follow", &["--config", config.to_str().expect("utf-8")]);
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("b/runs/follow.json")).expect("report")).expect("json");
    assert_eq!(report["links_skipped"], 0);
    assert_eq!(report["files_found"], 2);
    let articles = read_table(&out.path().join("b"), "articles");
    assert_eq!(articles.len(), 2);
    // The same article under its link is a duplicate of the real file's.
    assert_eq!(articles.iter().filter(|r| get(r, "duplicate_of").is_some()).count(), 1);
}

/// A walk error among many inputs (a broken link, followed) waits in the
/// read-ahead window with the files around it: it becomes one `discover`
/// reject, and every file before and after it still becomes its article.
#[test]
fn a_walk_error_inside_the_read_ahead_window_is_a_reject_and_nothing_is_lost() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    // More inputs than the window holds, the broken link sorted among them.
    for i in 0..70 {
        let article = format!("第{i}号公告\n\n市交通局今天宣布，第{i}条公交线路调整运营时间，市民出行请留意站牌。\n");
        write(input.path(), &format!("d{i:02}.txt"), article);
    }
    std::os::unix::fs::symlink(input.path().join("nowhere.txt"), input.path().join("d35-broken.txt")).expect("symlink");
    let config = out.path().join("follow.toml");
    fs::write(&config, "[input]\nfollow_links = true\n").expect("write");

    let output =
        ingest(&[input.path()], &out.path().join("o"), "window", &["--config", config.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let articles = read_table(&out.path().join("o"), "articles");
    let mut sources: Vec<&str> = articles.iter().filter_map(|r| get(r, "source_path")).collect();
    sources.sort_unstable();
    let expected: Vec<String> =
        (0..70).map(|i| input.path().join(format!("d{i:02}.txt")).display().to_string()).collect();
    assert_eq!(sources, expected.iter().map(String::as_str).collect::<Vec<_>>());
    let rejects = read_table(&out.path().join("o"), "rejects");
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert_eq!(get(&rejects[0], "stage"), Some("discover"));
    assert!(get(&rejects[0], "source_path").is_some_and(|p| p.ends_with("d35-broken.txt")), "{rejects:?}");
}

#[test]
fn records_a_json_document_wraps_are_articles_of_their_own() {
    let input = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let body = |n: u32| format!("第{n}篇报道的正文：长河市今天宣布新的公共交通措施，市民普遍表示欢迎。").repeat(4);
    let items: Vec<serde_json::Value> = (1..=3)
        .map(|n| serde_json::json!({"title": format!("第{n}篇报道"), "content": body(n), "url": format!("https://example.com/{n}")}))
        .collect();
    let response = serde_json::json!({"code": 0, "message": "ok", "data": {"total": 3, "items": items}});
    fs::write(input.path().join("response.json"), response.to_string()).expect("write");
    ingest(&[input.path()], out.path(), "wrapped", &[]);
    let mut rows: Vec<(String, String)> = read_table(out.path(), "articles")
        .iter()
        .map(|r| (get(r, "source_record").expect("record").to_owned(), get(r, "title").expect("title").to_owned()))
        .collect();
    rows.sort();
    let want: Vec<(String, String)> = (1..=3).map(|n| (n.to_string(), format!("第{n}篇报道"))).collect();
    assert_eq!(rows, want);
    assert!(read_table(out.path(), "rejects").is_empty());
}
