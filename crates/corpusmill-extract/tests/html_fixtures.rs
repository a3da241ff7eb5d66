//! Hand-written Chinese news pages (tests/fixtures/html/, fictional content) with the
//! usual site chrome, and the fields `extract_html` must read from them.

use corpusmill_extract::{extract_html, html_declared_charset, Article, BoilerplateKind, Date};

fn date(y: i32, m: u32, d: u32) -> Option<Date> {
    Some(Date { year: y, month: m, day: d })
}

/// None of `needles` may appear in any body paragraph.
fn body_lacks(a: &Article, needles: &[&str]) {
    for p in &a.body_paragraphs {
        for n in needles {
            assert!(!p.contains(n), "{n:?} found in body paragraph {p:?}");
        }
    }
}

#[test]
fn breadcrumb_share_related_editor_copyright() {
    let a = extract_html(
        include_str!("fixtures/html/qingchuan_tech.html"),
        Some("https://www.qingchuan.example/tech/20250228/88.shtml"),
    );
    assert_eq!(a.title.as_deref(), Some("青川市首条无人驾驶公交线路试运行"));
    assert_eq!(a.published_date, date(2025, 2, 28));
    assert_eq!(a.author.as_deref(), Some("林晓"));
    assert_eq!(a.source_name.as_deref(), Some("青川日报"));
    assert_eq!(a.url.as_deref(), Some("https://www.qingchuan.example/tech/20250228/88.shtml"));
    assert_eq!(a.body_paragraphs.len(), 4, "{:#?}", a.body_paragraphs);
    assert!(a.body_paragraphs[0].starts_with("2月28日上午，青川市首条无人驾驶公交线路"));
    assert!(a.body_paragraphs[3].ends_with("希望今后能开通更多这样的线路。"));
    assert_eq!(a.summary, None, "the page shows no summary; its description is not one");
    body_lacks(
        &a,
        &["首页", "分享到", "相关阅读", "智能充电站", "责任编辑", "版权所有", "热门推荐", "脚本", "发布时间"],
    );
}

#[test]
fn gbk_declared_table_layout_with_br_paragraphs() {
    let a = extract_html(include_str!("fixtures/html/lanjiang_gbk.html"), None);
    assert_eq!(a.title.as_deref(), Some("澜江老城区雨污分流改造工程全面完工"));
    assert_eq!(a.published_date, date(2025, 3, 5));
    assert_eq!(a.author.as_deref(), Some("周敏"));
    assert_eq!(a.source_name.as_deref(), Some("澜江晚报"));
    assert_eq!(a.body_paragraphs.len(), 4, "{:#?}", a.body_paragraphs);
    assert!(a.body_paragraphs[0].starts_with("记者3月4日从澜江市住房和城乡建设局获悉"));
    assert!(a.body_paragraphs[3].ends_with("及时发现并处理渗漏等问题。"));
    body_lacks(&a, &["当前位置", "分享到", "责任编辑", "相关新闻", "加装电梯", "Copyright", "版权所有", "图片新闻"]);
    // Chrome without telling class names is caught line by line by the text-dump rules.
    let kinds: Vec<BoilerplateKind> = a.boilerplate.iter().map(|(k, _)| *k).collect();
    for kind in [BoilerplateKind::Share, BoilerplateKind::Editor] {
        assert!(kinds.contains(&kind), "{kind:?} not in {:?}", a.boilerplate);
    }
}

#[test]
fn gbk_declaration_is_read_from_raw_bytes() {
    // The fixture's head, as the GBK bytes a crawler would fetch: 澜江 is 0xC0BD 0xBDAD.
    let mut bytes =
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"><title>".to_vec();
    bytes.extend_from_slice(&[0xC0, 0xBD, 0xBD, 0xAD]);
    bytes.extend_from_slice(b"</title></head>");
    assert_eq!(html_declared_charset(&bytes).as_deref(), Some("gbk"));
    let fixture = include_str!("fixtures/html/lanjiang_gbk.html");
    assert_eq!(html_declared_charset(fixture.as_bytes()).as_deref(), Some("gbk"));

    // The whole page as GBK bytes, decoded by its own declaration, extracts the same.
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(fixture);
    assert!(!unmappable);
    let label = html_declared_charset(&gbk).expect("declared charset");
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).expect("known label");
    let (decoded, _, malformed) = encoding.decode(&gbk);
    assert!(!malformed);
    assert_eq!(extract_html(&decoded, None), extract_html(fixture, None));
}

#[test]
fn metadata_from_open_graph_and_json_ld_comments_excluded() {
    let a = extract_html(include_str!("fixtures/html/heyu_meta.html"), Some("https://news.heyu.example/x?from=app"));
    assert_eq!(a.title.as_deref(), Some("河屿市图书馆推出夜间自习室"));
    assert_eq!(a.published_date, date(2025, 1, 12));
    assert_eq!(a.author.as_deref(), Some("许安然"));
    assert_eq!(a.source_name.as_deref(), Some("河屿新闻网"));
    assert_eq!(a.url.as_deref(), Some("https://news.heyu.example/culture/2025/01/12/library-night.html"));
    assert_eq!(a.body_paragraphs.len(), 5, "{:#?}", a.body_paragraphs);
    assert_eq!(a.body_paragraphs[2], "考生和上班族是主要读者");
    assert!(a.body_paragraphs[4].starts_with("图书馆表示"));
    body_lacks(&a, &["首页", "分享到", "相关阅读", "博物馆", "网友评论", "预约系统", "All Rights", "侵权", "二〇二五"]);
}

#[test]
fn traditional_chinese_roc_date_in_byline() {
    let a = extract_html(include_str!("fixtures/html/hewan_hant.html"), None);
    assert_eq!(a.title.as_deref(), Some("河灣市老街重新開放 週末人潮湧現"));
    assert_eq!(a.published_date, date(2025, 3, 14));
    assert_eq!(a.author.as_deref(), Some("陳怡君"));
    assert_eq!(a.body_paragraphs.len(), 3, "{:#?}", a.body_paragraphs);
    assert!(a.body_paragraphs[2].ends_with("覺得一切都值得。"));
    body_lacks(&a, &["首頁", "分享至", "延伸閱讀", "夜市", "版權所有", "記者"]);
}

#[test]
fn classless_table_layout_with_widget_tail_on_byline() {
    let a = extract_html(include_str!("fixtures/html/nanling_table.html"), None);
    assert_eq!(a.title.as_deref(), Some("南岭县举办首届茶文化节"));
    assert_eq!(a.published_date, date(2024, 4, 21));
    assert_eq!(a.author.as_deref(), Some("刘青"));
    assert_eq!(a.source_name.as_deref(), Some("南岭县融媒体中心"));
    assert_eq!(a.summary, None, "the site-wide description is not a summary");
    assert_eq!(a.body_paragraphs.len(), 4, "{:#?}", a.body_paragraphs);
    assert!(a.body_paragraphs[3].ends_with("帮助茶农拓宽销售渠道。"));
    body_lacks(
        &a,
        &["您现在的位置", "点击数", "打印", "上一篇", "下一篇", "热点新闻", "乡村振兴", "Copyright", "备案号"],
    );
}
