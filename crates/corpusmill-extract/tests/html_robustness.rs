//! Hostile or broken HTML: `extract_html` must return (no panic, no runaway time) on
//! deep nesting, unclosed and misnested tags, binary junk and empty documents.

use std::time::{Duration, Instant};

use corpusmill_extract::{extract_html, html_declared_charset};

fn quick(html: &str) {
    let start = Instant::now();
    let _ = extract_html(html, Some("https://x.example/2025/01/02/a"));
    // Generous bound for debug builds on a loaded machine; catches quadratic blowups.
    assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
}

#[test]
fn deep_nesting() {
    // html5ever's scope checks walk the open-element stack, so time grows with the square
    // of the nesting depth (50,000 nested divs take seconds in release); 5,000 is already
    // far beyond real pages.
    quick(&"<div>".repeat(5_000));
    quick(&format!("{}text{}", "<div><p>".repeat(5_000), "</p></div>".repeat(5_000)));
    quick(&"<b><i><a href=x>".repeat(3_000));
    quick(&"<table><tr><td>".repeat(2_000));
}

#[test]
fn broken_markup() {
    for html in [
        "",
        "<",
        "</p></div></body>",
        "<html><head><title>t",
        "<p>unclosed <b>bold <i>both</b> text</i>",
        "<script>never closed",
        "<meta charset=\"x\"><meta property=\"og:title\"><link rel=canonical>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"name\":[1,2]},\"datePublished\":[]}</script>",
        "<time datetime=\"9999-99-99\">x</time><meta name=pubdate content=\"0000-00-00\">",
        "<p>\u{0}\u{1}\u{feff}\u{200b}控制字符</p>",
    ] {
        quick(html);
    }
}

#[test]
fn binary_junk_and_long_text() {
    let junk: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    quick(&String::from_utf8_lossy(&junk));
    let _ = html_declared_charset(&junk);
    quick(&format!("<p>{}</p>", "字".repeat(300_000)));
    quick(&format!("<p>{}</p>", "word ".repeat(200_000)));
    quick(&"<a href=x>link</a> ".repeat(50_000));
}
