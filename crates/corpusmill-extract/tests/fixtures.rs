//! Hand-written dumps (tests/fixtures/, fictional content) in the layouts the extractor
//! must handle, with the fields each must yield.

use corpusmill_extract::{extract_text_dump, Article, BoilerplateKind, Date};

fn date(y: i32, m: u32, d: u32) -> Option<Date> {
    Some(Date { year: y, month: m, day: d })
}

fn dropped(a: &Article, kind: BoilerplateKind) -> Vec<&str> {
    a.boilerplate.iter().filter(|(k, _)| *k == kind).map(|(_, l)| l.as_str()).collect()
}

fn no_field_contains(a: &Article, needle: &str) {
    let fields =
        a.title.iter().chain(&a.author).chain(&a.source_name).chain(&a.url).chain(&a.summary).chain(&a.body_paragraphs);
    for f in fields {
        assert!(!f.contains(needle), "{needle:?} found in {f:?}");
    }
}

#[test]
fn content_farm_traditional_crlf() {
    let a = extract_text_dump(include_str!("fixtures/farm_hant.txt"));
    assert_eq!(a.title.as_deref(), Some("河灣市啟用首座智慧停車塔,可容納四百輛汽車,收費每小時二十元"));
    assert_eq!(a.published_date, date(2025, 3, 14));
    assert_eq!(a.body_paragraphs.len(), 3, "{:#?}", a.body_paragraphs);
    assert!(a.body_paragraphs[0].starts_with("河灣市交通局今日宣布"));
    assert!(a.body_paragraphs[2].ends_with("線上繳費。"));
    assert_eq!(a.summary.as_deref(), Some("河灣市首座智慧停車塔啟用,可停四百輛車,每小時收費二十元,可線上預約。"));
    assert_eq!(dropped(&a, BoilerplateKind::RepeatedTitle).len(), 2);
    assert_eq!(dropped(&a, BoilerplateKind::Disclaimer).len(), 1);
    assert_eq!(dropped(&a, BoilerplateKind::AppFooter), ["長按掃碼 閱讀全文"]);
    for bad in ["免責聲明", "長按掃碼", "\r"] {
        no_field_contains(&a, bad);
    }
}

#[test]
fn meta_line_with_navigation_share_related_copyright() {
    let a = extract_text_dump(include_str!("fixtures/meta_hans.txt"));
    assert_eq!(a.title.as_deref(), Some("河湾市启动老城区雨水管网改造 计划年内完成40公里"));
    // The byline date, not 3月12日 or 2025年3月1日 from the body.
    assert_eq!(a.published_date, date(2025, 3, 14));
    assert_eq!(a.author.as_deref(), Some("周子墨"));
    assert_eq!(a.source_name.as_deref(), Some("河湾日报"));
    assert_eq!(a.body_paragraphs.len(), 3);
    assert!(a.body_paragraphs[0].starts_with("3月12日，河湾市水务局"), "indent kept");
    assert_eq!(dropped(&a, BoilerplateKind::Navigation).len(), 1);
    assert_eq!(dropped(&a, BoilerplateKind::Share).len(), 1);
    assert_eq!(dropped(&a, BoilerplateKind::Related).len(), 3);
    assert_eq!(dropped(&a, BoilerplateKind::Copyright).len(), 1);
    assert_eq!(a.summary, None);
}

#[test]
fn english_hard_wrapped_with_byline() {
    let a = extract_text_dump(include_str!("fixtures/english_wrapped.txt"));
    assert_eq!(a.title.as_deref(), Some("Ferry Service Returns to Islet Harbour After Winter Pause"));
    assert_eq!(a.published_date, date(2025, 2, 7));
    assert_eq!(a.author.as_deref(), Some("Mara Quill"));
    assert_eq!(a.source_name.as_deref(), Some("Harbour Ledger"));
    assert_eq!(
        a.body_paragraphs,
        [
            "The passenger ferry linking Islet Harbour with the mainland resumed sailings on Friday after a ten-week winter pause, restoring a route used by about 600 commuters a day.",
            "Operators said the vessel had been fitted with new engines during the break, cutting fuel use by roughly a fifth.",
            "\"People rely on this boat to get to work and school,\" said harbour master Nils Brannock. \"Getting it back on time mattered to everyone.\"",
        ]
    );
    assert_eq!(dropped(&a, BoilerplateKind::Editor), ["Editing by Petra Vale"]);
    assert_eq!(dropped(&a, BoilerplateKind::Related).len(), 3);
    no_field_contains(&a, "Petra Vale");
}

#[test]
fn relative_date_resolved_from_crawl_stamp() {
    let a = extract_text_dump(include_str!("fixtures/relative_crawl.txt"));
    assert_eq!(a.title.as_deref(), Some("滨城地铁2号线延长运营时间 末班车推迟至23时"));
    assert_eq!(a.published_date, date(2025, 2, 26));
    assert_eq!(a.source_name.as_deref(), Some("滨城晚报"));
    assert_eq!(a.body_paragraphs.len(), 3, "one paragraph per line");
    no_field_contains(&a, "抓取时间");
}

#[test]
fn relative_date_without_base_is_unknown() {
    let a = extract_text_dump(include_str!("fixtures/relative_no_base.txt"));
    assert_eq!(a.title.as_deref(), Some("Library Extends Evening Hours at Three Branches"));
    assert_eq!(a.published_date, None);
    assert_eq!(a.author.as_deref(), Some("Ivo Fenn"));
    assert_eq!(a.body_paragraphs.len(), 2);
}

#[test]
fn year_taken_from_masthead_line() {
    let a = extract_text_dump(include_str!("fixtures/yearless_header.txt"));
    assert_eq!(a.title.as_deref(), Some("滨城启动春季植树活动 市民可预约认领树苗"));
    assert_eq!(a.published_date, date(2025, 3, 14));
    assert_eq!(a.author.as_deref(), Some("何远"));
    assert_eq!(dropped(&a, BoilerplateKind::Other), ["滨城晚报 · 2025年第45期"]);
    assert_eq!(a.body_paragraphs.len(), 2);
}

#[test]
fn roc_date_and_dateline_byline() {
    let a = extract_text_dump(include_str!("fixtures/roc_byline.txt"));
    assert_eq!(a.published_date, date(2025, 3, 14));
    assert_eq!(a.author.as_deref(), Some("林書瑤"));
    assert_eq!(a.source_name, None, "台中報導 is a dateline, not a source");
    assert_eq!(a.body_paragraphs.len(), 2);
    assert_eq!(dropped(&a, BoilerplateKind::Editor), ["(責任編輯：陳冠宇)"]);
    no_field_contains(&a, "陳冠宇");
}

#[test]
fn footer_meta_chinese_numeral_date_and_url() {
    let a = extract_text_dump(include_str!("fixtures/footer_meta.txt"));
    assert_eq!(a.title.as_deref(), Some("滨城举办首届社区运动会 三千余名居民参赛"));
    assert_eq!(a.published_date, date(2025, 3, 14));
    assert_eq!(a.source_name.as_deref(), Some("滨城融媒"));
    assert_eq!(a.url.as_deref(), Some("https://bincheng.example.org/news/2025/0314/77123.html"));
    assert_eq!(a.body_paragraphs.len(), 2);
    assert_eq!(dropped(&a, BoilerplateKind::Meta).len(), 3);
}

#[test]
fn iso_offset_keeps_printed_date() {
    let a = extract_text_dump(include_str!("fixtures/iso_offset.txt"));
    assert_eq!(a.published_date, date(2025, 3, 14));
    assert_eq!(a.author.as_deref(), Some("程安"));
    assert_eq!(a.source_name.as_deref(), Some("滨城晚报"));
    assert_eq!(a.body_paragraphs.len(), 2);
}

#[test]
fn summary_label_and_wrapped_chinese() {
    let a = extract_text_dump(include_str!("fixtures/summary_label.txt"));
    assert_eq!(a.summary.as_deref(), Some("滨城公交即日起推出老年人优惠卡，65岁以上老人乘车可享五折优惠。"));
    assert_eq!(a.author.as_deref(), Some("沈知秋"));
    assert_eq!(
        a.body_paragraphs,
        [
            "滨城公交集团今日宣布，即日起面向全市65岁以上老人推出优惠卡，持卡乘坐市内公交可享受五折优惠，每月上限60次。",
            "公交集团表示，优惠卡可在各营业网点免费办理，办理时需携带身份证原件。",
        ]
    );
}

#[test]
fn clean_text_comes_through_unchanged() {
    let text = include_str!("fixtures/clean.txt");
    let a = extract_text_dump(text);
    let mut blocks = text.split("\n\n").map(str::trim);
    assert_eq!(a.title.as_deref(), blocks.next());
    let rest: Vec<&str> = blocks.filter(|b| !b.is_empty()).collect();
    assert_eq!(a.body_paragraphs, rest);
    assert!(a.boilerplate.is_empty());
    assert_eq!(a.published_date, None);
    assert_eq!(a.summary, None);
}
