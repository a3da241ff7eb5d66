//! Every field of the dumps in `benches/dumps-written/`, written for this project by
//! sessions that never read the extractor (see that folder's README), comes out as
//! their ground truth says. They are in the repository, so these tests always run.

use std::path::Path;

use corpusmill_extract::extract_text_dump;

mod common;
use common::{assert_at_least, wrong_fields_of_dir};

const WRITTEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../benches/dumps-written");

/// Each dump of a set, by name in order, with the names of its fields that differ
/// from its ground truth.
fn wrong_fields_of_set(set: &str) -> Vec<(String, Vec<&'static str>)> {
    wrong_fields_of_dir(&Path::new(WRITTEN).join(set), "txt", |bytes| {
        extract_text_dump(std::str::from_utf8(bytes).expect("dump is UTF-8"))
    })
}

fn check_set(set: &str, expected_dumps: usize) {
    let dumps = wrong_fields_of_set(set);
    assert_eq!(dumps.len(), expected_dumps, "dumps in {set}/");
    let failures: Vec<String> = dumps
        .iter()
        .filter(|(_, wrong)| !wrong.is_empty())
        .map(|(name, wrong)| format!("{set}/{name}: {}", wrong.join(", ")))
        .collect();
    assert!(failures.is_empty(), "fields not as written:\n{}", failures.join("\n"));
}

#[test]
fn set_a_every_field() {
    check_set("a", 30);
}

#[test]
fn set_b_every_field() {
    check_set("b", 24);
}

#[test]
fn set_c_every_field() {
    check_set("c", 24);
}

/// Sets `d` to `g` are not all exact: each field must stay at least as often
/// right as when their rules were written (title, date, body, author, source,
/// summary, url). `e` and `f` were scored before any rule was written for them,
/// `g` after the thirty-second session's rules, as a set none had seen
/// (benches/RESULTS.md). `d` and `e` drop a notice's signature, which the
/// extractor keeps (as `f` and `g` do). The date under the signature is body
/// for `g` (and for the thirty-third session's held-out sets), a date line
/// for `f`: the extractor keeps it, and `f`'s body count fell by those two.
#[test]
fn set_d_no_field_falls_back() {
    assert_at_least("d", &wrong_fields_of_set("d"), 30, [30, 29, 28, 29, 29, 30, 30]);
}

#[test]
fn set_e_no_field_falls_back() {
    assert_at_least("e", &wrong_fields_of_set("e"), 30, [30, 30, 27, 29, 30, 30, 30]);
}

#[test]
fn set_f_no_field_falls_back() {
    assert_at_least("f", &wrong_fields_of_set("f"), 30, [27, 25, 22, 24, 26, 30, 30]);
}

#[test]
fn set_g_no_field_falls_back() {
    assert_at_least("g", &wrong_fields_of_set("g"), 30, [29, 28, 23, 27, 26, 30, 28]);
}

/// Set `j` (thirty-third session): scored once as a set none had seen, then its
/// misses led to rules (text tables, notice and judgment closes, related links
/// on their label's line, English header layouts). Start -> now: title 20 -> 25,
/// body 8 -> 19 of 30.
#[test]
fn set_j_no_field_falls_back() {
    assert_at_least("j", &wrong_fields_of_set("j"), 30, [27, 29, 23, 27, 28, 29, 29]);
}

/// Set `l` (thirty-third session): written while that session's rules were made
/// from `g`, `i` and `j`, and scored only at its start and end, as a set none had
/// seen (title+date+body 9 -> 12 of 30); in the thirty-fourth its misses led to
/// rules for dumps saved by text tools (12 -> 23).
#[test]
fn set_l_no_field_falls_back() {
    assert_at_least("l", &wrong_fields_of_set("l"), 30, [28, 28, 23, 28, 26, 28, 29]);
}

/// Set `m` (thirty-fourth session): platform and tool layouts (Zhihu, Douban,
/// Bilibili, Toutiao, 36kr, Caixin, The Paper, an e-paper, WeChat and 学习强国
/// reposts, a policy table, an Obsidian clip, udn, Ming Pao, a PTT post, CNA,
/// Reuters, AP, Guardian, Hugo, an e-mail digest, Instapaper, an RSS item).
/// Its odd dumps led to rules, its even ones were scored only at that
/// session's start and end (title+date+body 0 -> 0 of 15; all 30: 2 -> 6).
#[test]
fn set_m_no_field_falls_back() {
    assert_at_least("m", &wrong_fields_of_set("m"), 30, [20, 23, 16, 22, 19, 28, 27]);
}

/// Set `o` (thirty-fifth session): the ordinary pages of a Chinese-web crawl
/// (provincial and city portals, state media, commercial portals' channels,
/// government news and notices, associations, companies, universities, tech and
/// finance media, an e-paper, a forum, a blog, a content-farm repost; Taiwan,
/// Hong Kong and Macau pages; English papers and blogs), scored only at that
/// session's start and end, as a set none had seen (title+date+body 18 -> 18);
/// read in the thirty-sixth session (18 -> 26).
#[test]
fn set_o_no_field_falls_back() {
    assert_at_least("o", &wrong_fields_of_set("o"), 30, [30, 30, 26, 30, 30, 30, 30]);
}

/// Set `q` (thirty-sixth session): self-media and platform pages (WeChat
/// accounts, Toutiao/Baijiahao/Sohu-hao reposts, Zhihu, Weibo, Xiaohongshu,
/// Bilibili, Douban, CSDN, Xueqiu, a PR wire, a listed company's announcement, a
/// tender notice; Facebook, Matters, a Hong Kong self-media site, a Taiwan blog;
/// Medium, Substack, WordPress, LinkedIn, a Reddit thread, a dev.to post). Its
/// odd dumps led to that session's rules (title+date+body 0 -> 10 of 15); its
/// even ones were scored only at its start and end (3 -> 4 of 15; titles 9 -> 9).
#[test]
fn set_q_no_field_falls_back() {
    assert_at_least("q", &wrong_fields_of_set("q"), 30, [23, 29, 16, 22, 10, 29, 30]);
}
