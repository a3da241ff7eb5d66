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
    assert_eq!(a.summary, None, "a description the page does not show is no summary");

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

/// The summary is the one the page shows under its headline: a standfirst, a
/// dek, a `summary` box or a labelled `核心提示：` line; never the description in
/// the page's metadata (most often the lead again), nor a paragraph of the body.
#[test]
fn the_summary_is_the_one_the_page_shows() {
    let text =
        "<p>The council approved the budget on Tuesday, after a debate that ran past midnight and two amendments.</p>\
                <p>Councillors said the plan keeps the libraries open and the buses running on Sundays next year.</p>";
    let description = "<meta name=\"description\" content=\"The council approved the budget on Tuesday.\">";
    let standfirst = "<h1>Budget approved</h1><div class=\"article-standfirst\"><p>Libraries stay open as the \
                      council signs off a leaner plan</p></div>";
    let a = extract_html(&page(description, &format!("{standfirst}{text}")), None);
    assert_eq!(a.summary.as_deref(), Some("Libraries stay open as the council signs off a leaner plan"));
    assert!(a.body_paragraphs.iter().all(|p| !p.contains("Libraries stay open")), "{:?}", a.body_paragraphs);

    let labelled =
        "<h1>预算获通过</h1><p>核心提示：市人大常委会表决通过今年的预算调整方案，图书馆和公交的支出不减反增。</p>";
    let a = extract_html(&page("", &format!("{labelled}{text}")), None);
    assert_eq!(a.summary.as_deref(), Some("市人大常委会表决通过今年的预算调整方案，图书馆和公交的支出不减反增。"));

    // A subtitle the layout puts inside the article's text is taken out of it.
    let inside = format!(
        "<article><h1>Budget approved</h1><h2 class=\"pw-subtitle-paragraph\">Libraries stay open as the council \
         signs off a leaner plan</h2>{text}</article>"
    );
    let a = extract_html(&page("", &inside), None);
    assert_eq!(a.summary.as_deref(), Some("Libraries stay open as the council signs off a leaner plan"));
    assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);

    // A tagline above the headline, a news lead boxed as a summary and a
    // crosshead after the first paragraph are none.
    let tagline = format!("<div class=\"site-subtitle\">Independent news for the greater metro area since 1887</div><h1>Budget approved</h1>{text}");
    assert_eq!(extract_html(&page("", &tagline), None).summary, None);
    let lead =
        "<h1>Budget approved</h1><div class=\"summary\">BEIJING, March 5 (Xinhua) -- China will start renovating \
                50,000 old residential communities this year.</div>";
    assert_eq!(extract_html(&page("", &format!("{lead}{text}")), None).summary, None);
    let lead = "<h1>老旧小区改造</h1><div class=\"summary\">本报讯（记者 张明）记者从市住建局获悉，今年我市将新开工改造老旧小区120个。</div>";
    assert_eq!(extract_html(&page("", &format!("{lead}{text}")), None).summary, None);
    let crosshead = format!(
        "<article><h1>Budget approved</h1><p>The council approved the budget on Tuesday, after a debate that ran past \
         midnight.</p><h2 class=\"subhead\">What the new budget means for libraries</h2>{text}</article>"
    );
    let a = extract_html(&page("", &crosshead), None);
    assert_eq!(a.summary, None);
    assert!(
        a.body_paragraphs.iter().any(|p| p == "What the new budget means for libraries"),
        "{:?}",
        a.body_paragraphs
    );

    // A box so named that holds a date line, a link list or only a few words is none.
    for not_summary in [
        "<div class=\"summary\">2024-05-06 10:00 来源：南岭日报</div>",
        "<div class=\"summary\"><a href=\"/a\">Libraries stay open as the council signs off a leaner plan</a></div>",
        "<div class=\"dek\">Budget</div>",
        "<div class=\"article-digest\">分享到：微信 微博 QQ空间 复制链接 字号：大 中 小 打印本页</div>",
    ] {
        let a = extract_html(&page(description, &format!("<h1>Budget approved</h1>{not_summary}{text}")), None);
        assert_eq!(a.summary, None, "{not_summary}");
    }
}

/// Without a date in the metadata or a date line, an element named for the
/// date gives it: its machine-readable attribute, or its short text; not a
/// related story's in chrome, nor an update's.
#[test]
fn a_date_in_an_element_named_for_it() {
    let cases = [
        ("<span class=\"date\">2024-03-15 岚州</span>", date(2024, 3, 15)),
        ("<span id=\"publishDate\" class=\"value-title\" title=\"2023-12-28\"></span>", date(2023, 12, 28)),
        ("<span class=\"main-meta\" itemprop=\"datePublished\" content=\"2024-03-09\">三月九日</span>", date(2024, 3, 9)),
        ("<span class=\"update-time\" title=\"2024-01-02\"></span>", None),
        ("<div class=\"date\">这是一段很长的文字，不是日期，虽然其中提到了2024年1月2日的会议，以及之后的很多安排和细节。</div>", None),
    ];
    for (extra, want) in cases {
        let a = extract_html(&page("", extra), None);
        assert_eq!(a.published_date, want, "{extra}");
    }
    let related = format!(
        "<html><body>{BODY}<aside class=\"related\"><ul><li><a href=\"/b\">Bus fares rise</a> \
         <span class=\"date\">2024-01-02</span></li></ul></aside></body></html>"
    );
    assert_eq!(extract_html(&related, None).published_date, None);
    // Nor the dates of a ranking, a comment list or a "more stories" box.
    let ranking =
        "<div class=\"hot-news\"><p><a href=\"/a\">Bus fares rise</a> <span class=\"time\">2023-07-01</span></p></div>";
    assert_eq!(extract_html(&page("", ranking), None).published_date, None);
    let comments = format!(
        "<html><body>{BODY}<div id=\"pl\"><div class=\"pl-item\"><p>Nice. \
         <span class=\"time\">2025-06-12</span></p></div></div></body></html>"
    );
    assert_eq!(extract_html(&comments, None).published_date, None);
    let more = format!(
        "<html><body>{BODY}<div class=\"more-stories\"><a href=\"/x\">Bridge closure extended</a>\
         <span class=\"date\">Feb 2, 2022</span></div></body></html>"
    );
    assert_eq!(extract_html(&more, None).published_date, None);
    // A microdata datePublished counts even in a header named as chrome.
    let header = "<div class=\"article-meta\"><time itemprop=\"datePublished\" datetime=\"2024-05-21T10:05:33+09:00\">2024/05/21</time></div>";
    assert_eq!(extract_html(&page("", header), None).published_date, date(2024, 5, 21));
}
