//! One metadata source at a time: small pages where each field can only come from the
//! source under test.

use corpusmill_extract::{extract_html, Date};

const BODY: &str = "<div class=\"article-body\"><p>The council met on Tuesday evening to approve the new budget, which funds two libraries.</p><p>Residents said they welcomed the plan, though some asked for longer opening hours at weekends.</p></div>";

fn page(head: &str, body_extra: &str) -> String {
    format!("<html><head>{head}</head><body>{body_extra}{BODY}</body></html>")
}

fn date(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::new(y, m, d)
}

#[test]
fn title_sources() {
    // <h1> confirmed by <title>.
    let a =
        extract_html(&page("<title>Council backs budget | Town Post</title>", "<h1>Council backs budget</h1>"), None);
    assert_eq!(a.title.as_deref(), Some("Council backs budget"));
    // og:title wins over a <title> with a site suffix when there is no matching <h1>.
    let head = "<title>Budget - Town Post</title><meta property=\"og:title\" content=\"Council backs new budget\">";
    let a = extract_html(&page(head, "<h1>Town Post</h1>"), None);
    assert_eq!(a.title.as_deref(), Some("Council backs new budget"));
    // <title> alone, suffix stripped.
    let a = extract_html(&page("<title>县议会通过新预算_要闻_城南网</title>", ""), None);
    assert_eq!(a.title.as_deref(), Some("县议会通过新预算"));
    // JSON-LD headline.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Budget approved"}</script>"#;
    assert_eq!(extract_html(&page(ld, ""), None).title.as_deref(), Some("Budget approved"));
}

#[test]
fn date_sources() {
    let cases: [(&str, &str, Option<&str>, Option<Date>); 8] = [
        (
            "<meta property=\"article:published_time\" content=\"2025-02-28T23:30:00-05:00\">",
            "",
            None,
            date(2025, 2, 28),
        ),
        ("<meta name=\"pubdate\" content=\"20240105\">", "", None, date(2024, 1, 5)),
        (
            r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2023-07-09"}</script>"#,
            "",
            None,
            date(2023, 7, 9),
        ),
        ("", "<time datetime=\"2022-03-04T10:00:00Z\">March 4</time>", None, date(2022, 3, 4)),
        ("", "<p class=\"info\">发布时间：2025-02-28 09:15</p>", None, date(2025, 2, 28)),
        ("", "<div>2025年2月28日 来源：城南日报</div>", None, date(2025, 2, 28)),
        ("", "", Some("https://x.example/news/2021/10/02/budget.html"), date(2021, 10, 2)),
        ("", "", Some("https://x.example/news/budget.html"), None),
    ];
    for (head, extra, url, want) in cases {
        let a = extract_html(&page(head, extra), url);
        assert_eq!(a.published_date, want, "{head} {extra} {url:?}");
    }
}

#[test]
fn author_sources() {
    let a = extract_html(&page("<meta name=\"author\" content=\"Ann Lee\">", ""), None);
    assert_eq!(a.author.as_deref(), Some("Ann Lee"));
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Ann Lee"},{"name":"Bo Chan"}]}</script>"#;
    assert_eq!(extract_html(&page(ld, ""), None).author.as_deref(), Some("Ann Lee and Bo Chan"));
    let a = extract_html(&page("", "<p>By <a rel=\"author\" href=\"/ann\">Ann Lee</a></p>"), None);
    assert_eq!(a.author.as_deref(), Some("Ann Lee"));
    let a = extract_html(&page("", "<div>By Ann Lee | March 4, 2022</div>"), None);
    assert_eq!(a.author.as_deref(), Some("Ann Lee"));
    let a = extract_html(&page("", "<div>来源：城南日报　作者：李安</div>"), None);
    assert_eq!(a.author.as_deref(), Some("李安"));
    // A profile URL is not a name.
    let a = extract_html(&page("<meta property=\"article:author\" content=\"https://facebook.com/ann\">", ""), None);
    assert_eq!(a.author, None);
}

#[test]
fn site_url_and_summary_sources() {
    let head = "<meta property=\"og:site_name\" content=\"Town Post\"><link rel=\"canonical\" href=\"/news/budget\">\
                <meta name=\"description\" content=\"The council approved the budget on Tuesday.\">";
    let a = extract_html(&page(head, ""), Some("https://town.example/news/budget?ref=rss"));
    assert_eq!(a.source_name.as_deref(), Some("Town Post"));
    assert_eq!(a.url.as_deref(), Some("https://town.example/news/budget"));
    assert_eq!(a.summary.as_deref(), Some("The council approved the budget on Tuesday."));

    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Town Post"}}</script>"#;
    let a = extract_html(&page(ld, ""), Some("https://town.example/a"));
    assert_eq!(a.source_name.as_deref(), Some("Town Post"));
    assert_eq!(a.url.as_deref(), Some("https://town.example/a"));
    assert_eq!(a.summary, None);

    let og =
        "<meta property=\"og:url\" content=\"https://town.example/b\"><meta name=\"description\" content=\"Short\">";
    let a = extract_html(&page(og, ""), None);
    assert_eq!(a.url.as_deref(), Some("https://town.example/b"));
    assert_eq!(a.summary, None, "a stub description is not a summary");
}
