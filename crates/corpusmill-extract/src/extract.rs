//! Layout analysis of one dump: which line is the title, which lines are furniture,
//! where the content-farm tail (date line, repeated title, summary) sits, what is body.
//!
//! Lines are first classified on their own (see `classify`), then a few positional
//! passes refine the picture: a scraper's front matter, link lists under "related"
//! headings, the header block around the title, repeats of the title, readers'
//! comments, the content-farm tail, an author's bio; once the paragraphs are built,
//! furniture no rule named is trimmed from the body's edges.

use std::borrow::Cow;
use std::sync::LazyLock;

use corpusmill_repair::ScriptCounts;
use regex::Regex;

use crate::date::{resolve_relative, DateHit, DateSpec};
use crate::lines::{
    ends_sentence, join_lines, line_info, normalize_lines, paragraphs, width, width_capped, BodyLine, LineInfo,
};
use crate::meta::{self, Crawl, MetaLine};
use crate::{boilerplate, front_matter, markup, ptt, Article, BoilerplateKind, Date};

/// What a line is, judged on its own.
enum Class {
    Blank,
    Furniture(BoilerplateKind),
    RelatedHeading,
    CommentsHeading,
    Crawl(Crawl),
    Url(String),
    SummaryLabel(String),
    Meta(MetaLine),
    Text,
}

/// What a line ends up as, after the positional passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Blank,
    Body,
    Title,
    Summary,
    Drop(BoilerplateKind),
}

/// `info`: the line's [`line_info`], one pass over the line for every rule below
/// (and for the paragraph rules later).
fn classify(line: &str, info: LineInfo) -> Class {
    if line.is_empty() {
        return Class::Blank;
    }
    if let Some(c) = meta::parse_crawl_info(line, info) {
        return Class::Crawl(c);
    }
    if let Some(u) = meta::parse_url_line(line) {
        return Class::Url(u);
    }
    if let Some(s) = meta::parse_summary_label(line, info) {
        return Class::SummaryLabel(s);
    }
    if boilerplate::is_comments_heading_width(line, info.width) {
        return Class::CommentsHeading;
    }
    if let Some(k) = boilerplate::classify_info(line, info) {
        return Class::Furniture(k);
    }
    if boilerplate::is_related_heading_width(line, info.width) {
        return Class::RelatedHeading;
    }
    if let Some(m) = meta::parse_meta_info(line, info) {
        return Class::Meta(m);
    }
    Class::Text
}

pub(crate) fn extract(text: &str) -> Article {
    // A post in PTT's news-repost template says by its labels which line is what.
    if let Some(article) = ptt::read(text) {
        return article;
    }
    let (mut lines, mut indented) = normalize_lines(text);
    // Markdown and lynx's link marks, undone so that the rules below read the text.
    let markup = markup::undo(text, &mut lines, &mut indented);
    let mut infos: Vec<LineInfo> = lines.iter().map(|l| line_info(l)).collect();
    let mut classes: Vec<Class> = lines.iter().zip(&infos).map(|(l, &info)| classify(l, info)).collect();
    for &i in &markup.link_only {
        classes[i] = Class::Furniture(BoilerplateKind::Navigation);
    }
    for &i in &markup.furniture {
        classes[i] = Class::Furniture(BoilerplateKind::Other);
    }
    // A reader view's kicker and subtitle (`Opinion`, `——记…`) among its meta lines.
    for i in markup.header_tail.clone().unwrap_or_default() {
        if matches!(classes[i], Class::Text) {
            classes[i] = Class::Furniture(BoilerplateKind::Other);
        }
    }
    if let Some(start) = markup.references {
        for class in &mut classes[start..] {
            if !matches!(class, Class::Blank) {
                *class = Class::Furniture(BoilerplateKind::Navigation);
            }
        }
    }
    // `SOURCE Northvale Robotics`: a press release wire's last line names the issuer.
    for i in 0..lines.len() {
        if let Some(issuer) =
            lines[i].strip_prefix("SOURCE ").map(str::trim).filter(|s| !s.is_empty() && width(s) <= 60)
        {
            let source = Some(issuer.to_string());
            classes[i] = Class::Meta(meta::MetaLine { source, ..meta::MetaLine::default() });
        }
    }
    // `NEWS PROVIDED BY` / `Halverson Biotech, Inc.`: a press release wire's label
    // over the issuer on the next line, its source.
    for i in 0..lines.len().saturating_sub(1) {
        if lines[i].eq_ignore_ascii_case("news provided by")
            && matches!(classes[i + 1], Class::Text)
            && width(&lines[i + 1]) <= 60
        {
            classes[i] = Class::Furniture(BoilerplateKind::Meta);
            let source = Some(lines[i + 1].to_string());
            classes[i + 1] = Class::Meta(meta::MetaLine { source, ..meta::MetaLine::default() });
        }
    }
    mark_account_cards(&lines, &infos, &mut classes);
    // `Media contact:` / `Renata Osei-Marsh, Communications Manager`: whom the press
    // may call, no byline.
    // The lines under the heading, to the next blank (`Jenna Ruiz` / an e-mail / a phone).
    for i in 1..lines.len() {
        if boilerplate::is_contact_heading(&lines[i - 1]) {
            for j in i..lines.len() {
                if !boilerplate::is_contact_detail(&lines[j]) {
                    break;
                }
                if matches!(classes[j], Class::Meta(_) | Class::Text) {
                    classes[j] = Class::Furniture(BoilerplateKind::Other);
                }
            }
        }
    }
    // A scraper's front matter: metadata, read apart from the lines' own rules.
    let front = front_matter::read(&lines);
    if let Some(fm) = &front {
        for class in &mut classes[..=fm.end] {
            *class = Class::Furniture(BoilerplateKind::Meta);
        }
        // `【正文】近日，…`: the text begins on the closing line, after its label.
        if let Some(text) = &fm.text_on_close {
            lines[fm.end] = Cow::Owned(text.clone());
            infos[fm.end] = line_info(&lines[fm.end]);
            classes[fm.end] = classify(&lines[fm.end], infos[fm.end]);
        }
        for class in &mut classes[fm.trailer.unwrap_or(lines.len())..] {
            if !matches!(class, Class::Blank) {
                *class = Class::Furniture(BoilerplateKind::Meta);
            }
        }
    }
    let mut roles: Vec<Role> = classes
        .iter()
        .map(|c| match c {
            Class::Blank => Role::Blank,
            Class::Furniture(k) => Role::Drop(*k),
            Class::RelatedHeading => Role::Drop(BoilerplateKind::Related),
            Class::CommentsHeading => Role::Drop(BoilerplateKind::Comments),
            Class::Crawl(_) | Class::Url(_) | Class::Meta(_) => Role::Drop(BoilerplateKind::Meta),
            Class::SummaryLabel(_) => Role::Summary,
            Class::Text => Role::Body,
        })
        .collect();

    mark_related_lists(&lines, &classes, &mut roles);
    mark_disclaimer_continuations(&lines, &mut roles);
    let label_summary = summary_from_label(&lines, &classes, &mut roles);
    let front_title = front.as_ref().and_then(|fm| fm.title.clone());
    let (title_idx, byline_idx) = match &front_title {
        // Its headline, repeated in the text (`# 标题`), is no body.
        Some(t) => {
            for (line, role) in lines.iter().zip(roles.iter_mut()) {
                if *role == Role::Body && line.trim_start_matches('#').trim() == t {
                    *role = Role::Drop(BoilerplateKind::RepeatedTitle);
                }
            }
            (None, None)
        }
        // A header with no title (`Title:` left empty) leaves none to find in the text.
        None if front.is_some() && markup.headline.is_none() => (None, None),
        None => find_title(&lines, &classes, &mut roles, markup.headline, markup.byline),
    };
    let title =
        front_title.or_else(|| title_idx.and_then(|i| lines.get(i)).map(|l| without_site_suffix(l).to_string()));
    if let Some(i) = title_idx {
        mark_repeated_titles(&lines, i, &mut roles);
    }
    let comments = mark_comment_section(&lines, &classes, &mut roles);
    let farm_summary = content_farm_summary(&lines, &classes, &mut roles);

    let mut article = Article { title, summary: label_summary.or(farm_summary), ..Article::default() };
    // Meta lines among readers' comments are theirs (`2024-01-16　回复`).
    let meta_end = comments.unwrap_or(lines.len());
    fill_meta_fields(&lines[..meta_end], &classes[..meta_end], &roles[..meta_end], &mut article);
    if article.author.is_none() {
        article.author = byline_idx.and_then(|i| lines.get(i)).map(|l| l.trim().to_string());
    }
    if let Some(fm) = front {
        article.published_date = fm.date.or(article.published_date);
        article.author = fm.author.or(article.author.take());
        article.source_name = fm.source.or(article.source_name.take());
        article.url = fm.url.or(article.url.take());
        article.summary = fm.summary.or(article.summary.take());
    }
    if let Some(author) = article.author.clone() {
        mark_author_bio(&lines, &mut roles, &author);
    }
    mark_after_end_mark(&lines, &mut roles);
    let signing_dates = keep_signing_dates(&lines, &classes, &mut roles);

    // The body lines in one list, and the runs of them between other lines
    // as its blocks: one allocation each, not one per block.
    let mut body: Vec<BodyLine> = Vec::with_capacity(lines.len());
    let mut ends: Vec<usize> = Vec::new();
    for (i, (((line, role), &indented), &info)) in lines.iter().zip(&roles).zip(&indented).zip(&infos).enumerate() {
        // A signing date is a paragraph of its own, never joined to the signature.
        let apart = signing_dates.contains(&i) || i.checked_sub(1).is_some_and(|p| signing_dates.contains(&p));
        if apart && ends.last().copied().unwrap_or(0) < body.len() {
            ends.push(body.len());
        }
        if *role == Role::Body {
            body.push(BodyLine { text: line, indented, info });
        } else if ends.last().copied().unwrap_or(0) < body.len() {
            ends.push(body.len());
        }
    }
    if ends.last().copied().unwrap_or(0) < body.len() {
        ends.push(body.len());
    }
    let blocks: Vec<&[BodyLine]> =
        ends.iter().scan(0, |start, &end| Some(&body[std::mem::replace(start, end)..end])).collect();
    article.body_paragraphs = paragraphs(&blocks);
    // The reporter a dateline names, in the first paragraph of the text: a dateline
    // on its own line before the edges are trimmed, after a widget's line
    // (`2 分鐘 (閱讀時間)　分享`) once they are.
    if article.author.is_none() {
        article.author = article.body_paragraphs.first().and_then(|p| meta::inline_byline(p));
    }
    let signing: Vec<&str> = signing_dates.iter().map(|&i| lines[i].as_ref()).collect();
    let edges = trim_body_edges(&mut article.body_paragraphs, &signing);
    if article.author.is_none() && !edges.is_empty() {
        article.author = article.body_paragraphs.first().and_then(|p| meta::inline_byline(p));
    }
    // Paragraphs are their lines joined by spaces and newlines, which count
    // for nothing: the body's counts are its lines' counts.
    let mut body_counts = ScriptCounts::default();
    for line in &body {
        body_counts += line.info.scripts;
    }
    // Less the paragraphs cut at the edges (the few, not the many kept).
    for p in &edges {
        body_counts -= ScriptCounts::of(p);
    }
    let title_counts = match title_idx.and_then(|i| infos.get(i)) {
        Some(info) => info.scripts,
        // A front matter's title is no line of the text.
        None => article.title.as_deref().map(ScriptCounts::of).unwrap_or_default(),
    };
    article.script_counts = Some((title_counts, body_counts));
    article.boilerplate = lines
        .iter()
        .zip(&roles)
        .filter_map(|(line, role)| match role {
            Role::Drop(kind) => Some((*kind, line.to_string())),
            _ => None,
        })
        .chain(edges.into_iter().map(|p| (BoilerplateKind::Other, p)))
        .collect();
    article
}

/// A platform's account card above the text (`数码老周` / `12.6万粉丝` / `关注`;
/// `周闻溪` / a one-line bio / `386 人赞同了该文章`; `The Margin Notes` / `Subscribe`):
/// its widgets are furniture, and the name over them a meta line, the writer's,
/// or over a subscribe button the newsletter's masthead.
fn mark_account_cards(lines: &[Cow<'_, str>], infos: &[LineInfo], classes: &mut [Class]) {
    // Above the text: before its first long paragraph (a headline or a bio may read
    // as prose; cards at the bottom are the recommended accounts').
    let text_start = (0..lines.len())
        .find(|&i| matches!(classes[i], Class::Text) && infos[i].width >= 64 && is_prose(&lines[i]))
        .unwrap_or(lines.len());
    let first_text = (0..text_start).find(|&i| matches!(classes[i], Class::Text));
    for i in 0..text_start {
        // `Hannah Pryce, Local Democracy Reporter` under the headline: a byline.
        if matches!(classes[i], Class::Text) && first_text.is_some_and(|f| f < i) {
            if let Some(name) = meta::latin_name_and_role(lines[i].trim()) {
                let author = Some(name.to_string());
                classes[i] = Class::Meta(meta::MetaLine { author, ..meta::MetaLine::default() });
                continue;
            }
        }
        // `林靜川 @linjingchuan`: a writer's name and handle.
        if matches!(classes[i], Class::Text) {
            if let Some((name, handle)) = lines[i].trim().rsplit_once(" @") {
                // Over its post's date (`2024年2月26日`), not a tweet quoted in the text.
                let dated_below = (i + 1..lines.len())
                    .find(|&j| !lines[j].is_empty())
                    .is_some_and(|j| matches!(&classes[j], Class::Meta(m) if m.date.is_some()));
                if meta::is_handle(handle) && dated_below && meta::is_name(name.trim()) {
                    let author = Some(name.trim().to_string());
                    classes[i] = Class::Meta(meta::MetaLine { author, ..meta::MetaLine::default() });
                    continue;
                }
            }
        }
        let Some(widget) = boilerplate::account_widget(&lines[i]) else { continue };
        if !matches!(classes[i], Class::Text | Class::Furniture(_)) {
            continue;
        }
        classes[i] = Class::Furniture(BoilerplateKind::Other);
        // The name above, past the card's other widgets; under a vote count, past
        // one line of the writer's bio.
        let mut j = i;
        while j > 0 && boilerplate::account_widget(&lines[j - 1]).is_some() {
            j -= 1;
        }
        let Some(mut name) = j.checked_sub(1) else { continue };
        // A name, not a menu's item (`推荐` / `关注` in a column of tabs): three Han
        // characters or more, or a Latin name of two words.
        // (Two characters over a count: `闻舟` / `1,046 人赞同了该回答`.)
        let min = if boilerplate::widget_is_button(&lines[i]) { 3 } else { 2 };
        let is_account_name = |classes: &[Class], k: usize| {
            let n = lines[k].trim();
            let long_enough =
                if n.chars().any(crate::lines::is_han) { n.chars().count() >= min } else { n.contains(' ') };
            matches!(classes[k], Class::Text) && width(n) <= 32 && long_enough && meta::is_name(n)
        };
        let votes = lines[i].contains("赞同") || lines[i].contains("贊同");
        if !is_account_name(classes, name)
            && votes
            && name > 0
            && is_account_name(classes, name - 1)
            && width(&lines[name]) <= 48
        {
            classes[name] = Class::Furniture(BoilerplateKind::Other);
            name -= 1;
        }
        if !is_account_name(classes, name) {
            continue;
        }
        let n = lines[name].trim().to_string();
        classes[name] = match widget {
            // Whether an account is a person's or an outlet's the card does not say:
            // its name is the author, and no source.
            boilerplate::AccountWidget::Follow => {
                Class::Meta(meta::MetaLine { author: Some(n), ..meta::MetaLine::default() })
            }
            // Writers differ on whether a newsletter's name is the source: none is taken.
            boilerplate::AccountWidget::Subscribe => Class::Furniture(BoilerplateKind::Other),
        };
    }
}

/// Short lines under a "related" heading are link titles, not body.
fn mark_related_lists(lines: &[Cow<'_, str>], classes: &[Class], roles: &mut [Role]) {
    let n = lines.len();
    for i in 0..n {
        if !matches!(classes[i], Class::RelatedHeading) {
            continue;
        }
        let mut j = i + 1;
        let mut any = false;
        while j < n {
            match classes[j] {
                Class::Blank if !any => {}
                Class::Text if boilerplate::is_list_item(&lines[j]) => {
                    roles[j] = Role::Drop(BoilerplateKind::Related);
                    any = true;
                }
                _ => break,
            }
            j += 1;
        }
    }
}

/// Readers' comments: under their heading, once the story has begun, every
/// line left as body is a comment (they close a page). Returns the heading's index.
fn mark_comment_section(lines: &[Cow<'_, str>], classes: &[Class], roles: &mut [Role]) -> Option<usize> {
    let first_body = roles.iter().position(|r| *r == Role::Body);
    let heading = classes
        .iter()
        .enumerate()
        .position(|(i, c)| matches!(c, Class::CommentsHeading) && first_body.is_some_and(|b| b < i));
    let heading = heading?;
    // A count right under the lead (`评论（12）`, one or two lines into the
    // story) is a widget when long paragraphs follow it: the story goes on.
    let body_above = roles[..heading].iter().filter(|r| **r == Role::Body).count();
    let count = lines[heading].chars().any(|c| c.is_ascii_digit());
    let long_line_below = || {
        lines[heading + 1..]
            .iter()
            .zip(&roles[heading + 1..])
            .any(|(l, r)| *r == Role::Body && width_capped(l, 48) >= 48)
    };
    if count && body_above <= 2 && long_line_below() {
        return None;
    }
    for role in &mut roles[heading + 1..] {
        if *role == Role::Body {
            *role = Role::Drop(BoilerplateKind::Comments);
        }
    }
    Some(heading)
}

/// Whether a body line reads as prose: a sentence's end (`第二段正文。`,
/// `"Never again."`, `…为止吧......”`, `(…for comment.)`), or a long line with a
/// sentence's punctuation, full-width or not.
fn is_prose(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['”', '」', '』', '"', '’', ')', '）']);
    // An ellipsis ends a sentence only after one (`Loading...`, `展开全文...` are widgets).
    let ellipsis = trimmed.ends_with(['…', '⋯']) || trimmed.ends_with("..");
    if trimmed.chars().count() >= 2
        && trimmed.ends_with(['。', '！', '？', '…', '⋯', '.', '!', '?', '～', '~'])
        && (!ellipsis || width(trimmed) >= 16)
    {
        return true;
    }
    let w = width_capped(line, 40);
    // Half-width commas make Chinese prose (`据了解,岚港市…`), not an address.
    let han = line.chars().any(crate::lines::is_han);
    let punctuated = crate::lines::contains_any(line, &['，', '。', '；', '！', '？'])
        || (han && crate::lines::contains_any(line, &[',', ';']));
    (w >= 24 && punctuated) || (w >= 40 && line.contains(". "))
}

/// A numbered item, an interview's turn or a section's bracketed heading
/// (`一、报名时间：…`, `（二）…`, `4. 大火收汁`, `问：…`, `答：可以`, `【业绩预告】`):
/// the text's own, wherever it stands.
fn is_item(line: &str) -> bool {
    // Not a widget (`【我要纠错】`, `【收藏本文】`) nor a dateline (`【本报讯】`, `【新华社北京电】`,
    // `【环球网报道】`) nor a source (`【央视新闻】`).
    const NOT_SECTIONS: [&str; 24] = [
        "纠错", "糾錯", "收藏", "分享", "视频", "視頻", "更多", "原文", "大字", "打印", "关闭", "關閉", "评论", "評論",
        "讯", "訊", "电", "電", "报道", "報道", "報導", "新闻", "新聞", "本文",
    ];
    let section = line.strip_prefix('【').and_then(|l| l.strip_suffix('】')).is_some_and(|inner| {
        (2..=8).contains(&inner.chars().count())
            && inner.chars().all(crate::lines::is_han)
            && !NOT_SECTIONS.iter().any(|w| inner.contains(w))
    });
    section
        || crate::lines::starts_numbered(line)
        || (line.starts_with(['（', '(']) && line.chars().nth(1).is_some_and(|c| "一二三四五六七八九十".contains(c)))
        || line.split_once(['：', ':']).is_some_and(|(label, value)| {
            let turn = ["问", "問", "答", "Q", "A", "记者", "記者", "主持人", "提问", "提問"];
            turn.contains(&label.trim()) && !value.trim().is_empty()
        })
}

/// Whether an edge paragraph may be furniture no rule named: no prose, no
/// item, no notice's close, no link (`…can be read at https://…`).
fn may_be_edge_furniture(p: &str) -> bool {
    // A line ending in a colon introduces what follows (`食材：`, `The winners were:`),
    // when it is a phrase, not a widget's label (`Follow us on:`, `Photos:`).
    let widget = ["follow", "share", "photo", "tags", "topics", "connect", "subscribe"]
        .iter()
        .any(|w| p.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)));
    let intro = p.ends_with(['：', ':'])
        && !widget
        && (p.chars().filter(|&c| crate::lines::is_han(c)).count() >= 2 || p.split_whitespace().count() >= 3);
    !(is_prose(p) || is_item(p) || is_notice_close(p) || intro || p.contains("http") || p.contains("www."))
}

/// Page furniture no rule named, at the edges of the body: paragraphs that
/// may be furniture ([`may_be_edge_furniture`]: a widget's counts, a tag list,
/// a commenter's name, a blog's date line) before the first paragraph that is
/// not and after the last, while prose remains inside. At the bottom a list
/// under a line ending in a colon (`The winners were:`, `食材：`) is the
/// text's. Returns the dropped.
fn trim_body_edges(paragraphs: &mut Vec<String>, signing_dates: &[&str]) -> Vec<String> {
    if !paragraphs.iter().any(|p| is_prose(p)) {
        return Vec::new();
    }
    let first = paragraphs.iter().position(|p| !may_be_edge_furniture(p)).unwrap_or(0);
    let mut last = paragraphs.iter().rposition(|p| !may_be_edge_furniture(p)).map_or(first, |l| l.max(first));
    if paragraphs[last].ends_with(['：', ':']) {
        last = paragraphs.len() - 1;
    }
    // The date under a notice's signature, kept (and set apart) by [`keep_signing_dates`].
    let signing_date = |p: &str| width(p) <= 24 && signing_dates.contains(&p);
    if is_notice_close(&paragraphs[last]) && paragraphs.get(last + 1).is_some_and(|p| signing_date(p)) {
        last += 1;
    }
    let mut dropped: Vec<String> = paragraphs.drain(last + 1..).collect();
    dropped.splice(0..0, paragraphs.drain(..first));
    dropped
}

/// The date under a notice's signature (`枫陵市文化广电和旅游局` / `2024年9月25日`)
/// is the notice's, as the signature is: both stay in the body.
/// A page's time stamp (`2024-09-25 10:31`) is no signing date. Returns the
/// lines kept.
fn keep_signing_dates(lines: &[Cow<'_, str>], classes: &[Class], roles: &mut [Role]) -> Vec<usize> {
    let mut kept = Vec::new();
    for i in 2..lines.len() {
        let signing = matches!(&classes[i], Class::Meta(m) if is_signing_date(m, &lines[i], &lines[i - 1]));
        if signing && roles[i - 1] == Role::Body && roles[..i - 1].contains(&Role::Body) {
            roles[i] = Role::Body;
            kept.push(i);
        }
    }
    kept
}

/// A date line alone under a notice's close (`青岚县人民医院` / `2025年2月20日`):
/// its signing date, no page's time stamp (`2024-09-25 10:31`).
pub(crate) fn is_signing_date(meta: &MetaLine, line: &str, above: &str) -> bool {
    meta.date_only && !line.contains([':', '：']) && is_notice_close(above)
}

/// `ENDS`, `###`, `（完）` under the article: what follows a wire story's or
/// press release's end mark (notes to editors, the issuer's profile, contacts,
/// the time stamp of a government release) is no body.
/// A list of references under the article (`参考文献：`, `References`, after two
/// paragraphs' lines at least) ends it too.
fn mark_after_end_mark(lines: &[Cow<'_, str>], roles: &mut [Role]) {
    let Some(first_body) = roles.iter().position(|&r| r == Role::Body) else {
        return;
    };
    let above = |i: usize| (first_body..i).rev().find(|&j| !lines[j].is_empty()).map(|j| lines[j].as_ref());
    let below = |i: usize| written_after(lines, i).map(|(_, l)| l);
    let mut body_lines = 1;
    let references = (first_body + 1..lines.len()).find(|&i| {
        let heading =
            roles[i] == Role::Body && body_lines >= 2 && boilerplate::is_references_heading(&lines[i], below(i));
        body_lines += usize::from(roles[i] == Role::Body);
        heading
    });
    let marks: Vec<usize> = (first_body + 1..lines.len())
        .filter(|&i| {
            matches!(roles[i], Role::Drop(_))
                && boilerplate::is_end_mark(&lines[i])
                && boilerplate::mark_ends_article(above(i), &lines[i], below(i))
        })
        .collect();
    let mark = boilerplate::ending_mark(&marks, |i| &lines[i]);
    let end = match (references, mark) {
        (Some(r), Some(m)) => Some(r.min(m)),
        (r, m) => r.or(m),
    };
    if let Some(end) = end {
        for role in &mut roles[end..] {
            if *role == Role::Body {
                *role = Role::Drop(BoilerplateKind::Other);
            }
        }
    }
}

/// A letter's or a judgment's closing line: `此致`, `敬礼`, `校長　司徒穎芝　謹啟`,
/// `审判员　庞文澜`, `书记员　齐小满`.
fn is_letter_or_court_close(p: &str) -> bool {
    if width_capped(p, 40) > 40 {
        return false;
    }
    if ["此致", "敬礼", "敬禮", "此布"].contains(&p) {
        return true;
    }
    if ["谨启", "謹啟", "敬启", "敬啟", "谨上", "謹上", "敬上"].iter().any(|e| p.ends_with(e)) {
        return true;
    }
    const ROLES: [&str; 12] = [
        "审判长",
        "審判長",
        "审判员",
        "審判員",
        "人民陪审员",
        "人民陪審員",
        "书记员",
        "書記員",
        "法官助理",
        "执行员",
        "執行員",
        "代理审判员",
    ];
    ROLES.iter().any(|r| {
        p.strip_prefix(r).is_some_and(|name| {
            let name = name.trim_start_matches([' ', '\u{3000}']);
            name.len() < p.len() - r.len()
                && (2..=4).contains(&name.chars().count())
                && name.chars().all(crate::lines::is_han)
        })
    })
}

/// A closing line of an official notice: `特此公告。` or the issuer's name
/// (`岚港市公安局岚东分局`, `青岚县人民医院`). What comes before it stays (a
/// contact line: `咨询电话：6621305（人事科　邓老师）`).
pub(crate) fn is_notice_close(p: &str) -> bool {
    if p.starts_with("特此") || is_letter_or_court_close(p) {
        return true;
    }
    // An issuer's name is short: a paragraph of text is settled without reading it.
    if width_capped(p, 40) > 40 {
        return false;
    }
    let issuer_ends = [
        "局",
        "中心",
        "委员会",
        "委員會",
        "政府",
        "办公室",
        "辦公室",
        "医院",
        "醫院",
        "学校",
        "學校",
        "小学",
        "小學",
        "幼儿园",
        "幼兒園",
        "集团",
        "集團",
        "中学",
        "中學",
        "公司",
        "董事会",
        "董事會",
        "大学",
        "大學",
        "学院",
        "學院",
        "院",
        "分局",
        "办公厅",
        "辦公廳",
        "协会",
        "協會",
        "总工会",
        "總工會",
        "办事处",
        "辦事處",
        "部",
        "厅",
        "廳",
        "署",
        "所",
        "站",
    ];
    // A one-character ending (`…人民检察院`, `…交通运输厅`) after a place's name only
    // (`网上办事大厅`, `手机站` are widgets).
    let place =
        || ["市", "县", "縣", "省", "区", "區", "州", "镇", "鎮", "乡", "鄉", "国", "國"].iter().any(|w| p.contains(w));
    p.chars().all(|c| crate::lines::is_han(c) || matches!(c, '（' | '）' | '·'))
        && issuer_ends.iter().any(|e| p.ends_with(e) && (e.chars().count() > 1 || place()))
}

/// An English author's bio closing the story (`Dana Whitcombe is a retired
/// school librarian…`, `… covers city government for the Courier.`): one of
/// the last three body lines, starting with the byline's full name and a verb.
fn mark_author_bio(lines: &[Cow<'_, str>], roles: &mut [Role], author: &str) {
    // A person's name: not an agency's or a desk's (`The Associated Press has asked…`).
    let organisation = author.starts_with("The ")
        || author
            .split_whitespace()
            .any(|w| ["Press", "News", "Agency", "Reuters", "Staff", "Desk", "Service", "Bureau"].contains(&w));
    if !author.contains(' ') || author.chars().any(crate::lines::is_han) || organisation {
        return;
    }
    let verbs = ["is ", "was ", "covers ", "writes ", "reports ", "has ", "teaches ", "chairs ", "lives ", "edits "];
    let body: Vec<usize> = (0..lines.len()).filter(|&i| roles[i] == Role::Body).collect();
    // `Megan Torres and Luis Avila`: each writer may have a bio.
    let names: Vec<&str> =
        author.split(", ").flat_map(|n| n.split(" and ")).map(str::trim).filter(|n| n.contains(' ')).collect();
    for &i in body.iter().rev().take(3) {
        let bio = names.iter().any(|name| {
            lines[i]
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|rest| verbs.iter().any(|v| rest.starts_with(v)))
        });
        if bio {
            roles[i] = Role::Drop(BoilerplateKind::Other);
        }
    }
}

/// A disclaimer hard-wrapped over several lines: the lines after it, up to the end of
/// its sentence, belong to it.
fn mark_disclaimer_continuations(lines: &[Cow<'_, str>], roles: &mut [Role]) {
    let n = lines.len();
    let mut i = 0;
    while i < n {
        if roles[i] == Role::Drop(BoilerplateKind::Disclaimer) && !ends_sentence(&lines[i]) {
            let mut j = i + 1;
            while j < n && roles[j] == Role::Body {
                roles[j] = Role::Drop(BoilerplateKind::Disclaimer);
                j += 1;
                if ends_sentence(&lines[j - 1]) {
                    break;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// The first `摘要：`/`Summary:` text; a label line cut mid-sentence by hard wrapping
/// continues on the following lines up to the end of the sentence.
fn summary_from_label(lines: &[Cow<'_, str>], classes: &[Class], roles: &mut [Role]) -> Option<String> {
    let i = classes.iter().position(|c| matches!(c, Class::SummaryLabel(_)))?;
    let Class::SummaryLabel(first) = &classes[i] else {
        return None;
    };
    let mut parts: Vec<&str> = vec![first.as_str()];
    let mut j = i + 1;
    while parts.last().is_some_and(|p| !ends_sentence(p)) && j < lines.len() && roles[j] == Role::Body {
        roles[j] = Role::Summary;
        parts.push(&lines[j]);
        j += 1;
    }
    Some(join_lines(&parts))
}

/// A line that reads like a paragraph rather than a headline.
fn body_like(line: &str) -> bool {
    line.ends_with('。') || (width_capped(line, 100) > 100 && line.contains(['，', '。', ',', '.', ';', '；', '、']))
}

/// Finds the title in the header block (the lines before the first blank line or the
/// first paragraph-like line). With a byline/date line in that block, the title is the
/// last text line before it (mastheads and edition lines come first); otherwise the first
/// text line. Text lines above the title are furniture.
/// The title's line, and the line of a name standing alone between the title and the
/// date line (a self-media account: `标题` / `沅屏财经观察` / `发布时间：…`), which is the
/// author's.
/// `headline`: the line a tool's markup names the headline (Markdown's `# `), taken
/// as it is when it is text; `byline`: the name the tool puts under it.
fn find_title(
    lines: &[Cow<'_, str>],
    classes: &[Class],
    roles: &mut [Role],
    headline: Option<usize>,
    byline: Option<usize>,
) -> (Option<usize>, Option<usize>) {
    if let Some(h) = headline.filter(|&h| matches!(classes[h], Class::Text) && roles[h] == Role::Body) {
        set_title(roles, h);
        let byline = byline.filter(|&b| matches!(classes[b], Class::Text) && meta::is_name(&lines[b]));
        if let Some(b) = byline {
            roles[b] = Role::Drop(BoilerplateKind::Meta);
        }
        return (Some(h), byline);
    }
    let mut first_text = None;
    let mut before_meta: Vec<usize> = Vec::new();
    let mut meta_seen = false;
    // A line between two meta lines, under mastheads (an e-paper's `临泽日报数字报` /
    // `第04版：要闻` / date / headline / byline).
    let mut between_meta = None;
    for (i, class) in classes.iter().enumerate() {
        match class {
            Class::Blank if first_text.is_some() => break,
            Class::Text => {
                if roles[i] != Role::Body {
                    continue;
                }
                // A long dek over a bare byline and its date line (`A year after…` /
                // `Elena Marsh` / `Apr 11, 2024`) is not the text yet.
                let dek = first_text.is_some()
                    && matches!(classes.get(i + 1), Some(Class::Text))
                    && lines.get(i + 1).is_some_and(|n| meta::is_name(n))
                    && matches!(classes.get(i + 2), Some(Class::Meta(_)));
                if body_like(&lines[i]) && !dek {
                    break;
                }
                if meta_seen && first_text.is_some() {
                    let is_meta = |c: Option<&Class>| matches!(c, Some(Class::Meta(_)));
                    if is_meta(classes.get(i + 1)) && is_meta(i.checked_sub(1).and_then(|p| classes.get(p))) {
                        between_meta = Some(i);
                    }
                    break;
                }
                first_text.get_or_insert(i);
                if meta_seen {
                    break;
                }
                before_meta.push(i);
            }
            // A page's counters alone (`查看: 3862 | 回复: 41`, over a forum thread's
            // title) are no byline or date line under a headline.
            // title, when a dated or credited line follows (a lone counter under a
            // headline is still the header's end).
            Class::Meta(m)
                if m.date.is_none()
                    && m.author.is_none()
                    && m.source.is_none()
                    && m.url.is_none()
                    && classes[i + 1..].iter().take(6).any(
                        |c| matches!(c, Class::Meta(n) if n.date.is_some() || n.author.is_some() || n.source.is_some()),
                    ) => {}
            Class::Meta(_) => meta_seen = true,
            _ => {}
        }
    }
    // Of the text lines above the byline take the last, unless it merely repeats an
    // earlier one (a shortened title under the title).
    let last_before_meta = before_meta.last().map(|&last| {
        before_meta
            .iter()
            .copied()
            .find(|&c| {
                c != last
                    && is_title_repeat(&lines[last], &lines[c], true)
                    && !is_page_title_of(&lines[c], &lines[last])
            })
            .unwrap_or(last)
    });
    // Only under an e-paper's mastheads (`第04版`, `数字报`): elsewhere the line
    // between a byline and a date is a job, a column's name or a caption.
    let masthead = before_meta.iter().any(|&i| {
        let l = &lines[i];
        (l.contains('第') && l.contains('版'))
            || l.contains("版：")
            || ["数字报", "數字報", "电子报", "電子報"].iter().any(|w| l.contains(w))
    });
    let headline = between_meta.filter(|&i| masthead && (!meta::is_name(&lines[i]) || width(&lines[i]) > 12));
    let Some(mut title) = (if meta_seen { headline.or(last_before_meta).or(first_text) } else { first_text }) else {
        return (None, None);
    };
    // A header block of a blog's name and tagline, or of an account's name over its
    // post's date, and no headline; the headline opens the next block (after a date
    // line there: `米粒的旅行手帖` / `跟著米粒慢慢玩` // `Apr 02 Tue 2024 21:03` /
    // headline; `慢慢变富的老K` / `昨天 21:47 · 来自Android` // headline).
    let mut next_block_byline = None;
    if let Some(h) = headline_under_page_title(lines, classes, roles, title) {
        title = h;
    } else if let Some((h, byline_above)) = headline_in_next_block(lines, classes, roles, title) {
        next_block_byline = byline_above;
        title = h;
    }
    // `微博` / `首页　视频　发现` / `头条文章` / headline: a site's or app's name, or a
    // row of its menu, over the headline in the same block.
    if is_masthead_like(&lines[title]) {
        let block_end = (title + 1..lines.len()).find(|&j| matches!(classes[j], Class::Blank)).unwrap_or(lines.len());
        let below = (title + 1..block_end)
            .take_while(|&j| !body_like(&lines[j]))
            .take(8)
            .find(|&j| matches!(classes[j], Class::Text) && roles[j] == Role::Body && is_headline_like(&lines[j]));
        // A block of masthead, menu and breadcrumb alone (`EASTBROOK GUIDE  What's on
        // Eat  Drink` / `Home > What's on > Music`): the headline opens the next one.
        let chrome_only = (title + 1..block_end)
            .all(|j| matches!(classes[j], Class::Furniture(_) | Class::Meta(_) | Class::Crawl(_)))
            && (is_menu_row(&lines[title])
                || (title + 1..block_end).any(|j| matches!(classes[j], Class::Furniture(BoilerplateKind::Navigation))));
        let next_block = || {
            let first = (block_end..lines.len()).find(|&j| !matches!(classes[j], Class::Blank))?;
            (matches!(classes[first], Class::Text)
                && roles[first] == Role::Body
                && !body_like(&lines[first])
                && is_headline_like(&lines[first]))
            .then_some(first)
        };
        // Right under the name, with no menu or label between, the line is taken
        // only over a byline or date line (`百家言` / headline / `老韩聊车` / date);
        // else it is a short title's subtitle (`Fed Holds Rates` / a dek).
        let below = below.filter(|&h| {
            // Menus, labels, or several widget words (`首发于` / `写文章` / `登录/注册`).
            let chrome_between =
                h > title + 2 || (title + 1..h).any(|j| !matches!(classes[j], Class::Text) || is_menu_row(&lines[j]));
            let next = lines.get(h + 1).map_or("", |l| l.as_ref());
            // A bare name under it only in Chinese (`百家言` / headline / `老韩聊车`): an
            // English title over its dek and author reads the same (`On Walking`).
            let han = lines[title].chars().any(crate::lines::is_han);
            let bylined = matches!(classes.get(h + 1), Some(Class::Meta(_) | Class::Crawl(_)))
                || (!next.is_empty()
                    && ((han && meta::is_name(next))
                        || next.contains(" by ")
                        || next.contains("作者")
                        || next == lines[h]));
            chrome_between || is_menu_row(&lines[title]) || bylined
        });
        if let Some(h) = below.or_else(|| chrome_only.then(next_block).flatten()) {
            title = h;
        }
    }
    // `——访…董事长邢海涛`: a subtitle under the headline, set off by a dash.
    let mut subtitle = None;
    if lines[title].starts_with(['—', '─']) {
        if let Some(&above) = before_meta.iter().rev().find(|&&c| c < title) {
            subtitle = Some(title);
            title = above;
        }
    }
    // A short bare name right above the date line, below a longer line that is no
    // name and holds no year (a masthead does): the name is a byline, the line
    // above it the title. A short title is name-like too, hence the widths.
    let mut byline = None;
    if let [.., above, last] = before_meta[..] {
        let next_is_meta = classes.get(last + 1).is_some_and(|c| matches!(c, Class::Meta(_)));
        let (name, headline) = (&lines[last], &lines[above]);
        // An account's name of a few Han characters: English title-case headlines
        // read as names too, and so do Chinese subtitles of six characters or fewer
        // (`新春走基层`), which this takes for a byline.
        let byline_like = name.chars().any(crate::lines::is_han)
            && width(name) <= 12
            && width(headline) >= width(name) + 4
            && meta::is_name(name);
        // A Chinese line of more than six characters is a headline, not a name
        // (`菜市场里的节气` above `欧阳澈`).
        let headline_is_name =
            meta::is_name(headline) && !(headline.chars().any(crate::lines::is_han) && width(headline) > 12);
        if title == last
            && next_is_meta
            && (byline_like || is_latin_byline_name(name, headline))
            && !headline_is_name
            && year_in(headline).is_none()
        {
            byline = Some(last);
            title = above;
            // `The river keeps moving…` / `Why Marlow Bend has redrawn…` / name: an
            // English headline over its dek, both headline-like.
            if let [.., first, second, _] = before_meta[..] {
                let latin = |l: &str| !l.chars().any(crate::lines::is_han);
                let dek_like =
                    |l: &str| is_headline_like(l) || (l.split_whitespace().count() >= 5 && !is_title_case(l));
                if second == above
                    && first + 1 == second
                    && latin(&lines[first])
                    && latin(&lines[second])
                    && is_headline_like(&lines[first])
                    && dek_like(&lines[second])
                {
                    subtitle = Some(second);
                    title = first;
                }
            }
        }
    }
    // `Halverson Biotech Opens $48 Million Site` over `Facility expected to create
    // 210 jobs`: an English headline in title case above a standfirst in sentence
    // case (six words or more: a masthead is shorter).
    if let [.., above, last] = before_meta[..] {
        let words = |l: &str| l.split_whitespace().count();
        let latin = |l: &str| !l.chars().any(crate::lines::is_han);
        let (head, stand) = (&lines[above], &lines[last]);
        // Only in a press wire's layout, its issuer's label under the standfirst:
        // elsewhere banners, taglines and teasers are title case too.
        let wire = lines.get(last + 1).is_some_and(|l| l.eq_ignore_ascii_case("news provided by"));
        if title == last
            && wire
            && latin(head)
            && latin(stand)
            && words(head) >= 6
            && words(stand) >= 5
            && is_title_case_headline(head)
            && !is_title_case(stand)
        {
            subtitle = Some(last);
            title = above;
        }
    }
    // `Press Releases` / `Home > Press Releases > March 2024` / headline: a
    // section's name above the breadcrumb that names it.
    let header_end = (title + 1..lines.len()).find(|&j| matches!(classes[j], Class::Blank)).unwrap_or(lines.len());
    let crumb = (title + 1..header_end).find(|&j| {
        let crumb = lines[j].trim_end();
        matches!(classes[j], Class::Furniture(BoilerplateKind::Navigation))
            && crumb.contains(lines[title].as_ref())
            && !crumb.ends_with(lines[title].as_ref())
    });
    if let Some(nav) = crumb.filter(|_| width(&lines[title]) <= 30 && byline.is_none()) {
        if let Some(next) = (nav + 1..header_end)
            .find(|&k| matches!(classes[k], Class::Text) && roles[k] == Role::Body && !body_like(&lines[k]))
        {
            roles[title] = Role::Drop(BoilerplateKind::Navigation);
            title = next;
        }
    }
    let byline = byline.or(next_block_byline);
    set_title(roles, title);
    if let Some(s) = subtitle {
        roles[s] = Role::Drop(BoilerplateKind::Other);
    }
    if let Some(b) = byline {
        roles[b] = Role::Drop(BoilerplateKind::Meta);
    }
    (Some(title), byline)
}

/// `I rewrote our log parser in Rust - DEV Hub` (the page's title) over a menu, and
/// the headline alone opening the next block: the headline, which the page's title
/// holds with the site's name after a separator.
fn headline_under_page_title(lines: &[Cow<'_, str>], classes: &[Class], roles: &[Role], title: usize) -> Option<usize> {
    let block_end = (title + 1..lines.len()).find(|&j| matches!(classes[j], Class::Blank))?;
    let h = (block_end..lines.len()).find(|&j| !matches!(classes[j], Class::Blank))?;
    let headline = lines[h].trim();
    let rest = lines[title].strip_prefix(headline)?;
    let separated = [" - ", " | ", " – ", " — ", "_", "｜", " :: "].iter().any(|s| rest.starts_with(s));
    (separated
        && width(headline) >= 10
        && matches!(classes[h], Class::Text)
        && roles[h] == Role::Body
        && !body_like(headline))
    .then_some(h)
}

/// The headline in the block after the header's, when the header's block holds a
/// site's or account's name (`candidate`) and no headline, and a date line ends it
/// or opens the next block. Returns the headline's line, and the name's when it
/// stands right above the header's date line (an account's, the author's).
fn headline_in_next_block(
    lines: &[Cow<'_, str>],
    classes: &[Class],
    roles: &[Role],
    candidate: usize,
) -> Option<(usize, Option<usize>)> {
    // Cheap tests first: most pages have no chrome above their headline's line.
    let block_start = (0..candidate).rev().find(|&j| matches!(classes[j], Class::Blank)).map_or(0, |j| j + 1);
    let chrome_row = |l: &str| {
        is_menu_row(l)
            || ["log in", "sign up", "sign in"].iter().any(|w| crate::lines::contains_ascii_ci(l, w))
            || l.contains("登录")
            || l.contains("注册")
    };
    let block_end = (candidate + 1..lines.len()).find(|&j| matches!(classes[j], Class::Blank))?;
    // Chrome beside the name (a menu, a crawl stamp, a site's bar, an e-paper's page
    // links): a platform's page, not a short headline over its date.
    let chrome = (block_start..block_end).any(|j| {
        j != candidate && (matches!(classes[j], Class::Furniture(_) | Class::Crawl(_)) || chrome_row(&lines[j]))
    });
    let dated = |c: &Class| matches!(c, Class::Meta(m) if m.date.is_some());
    let next = (block_end..lines.len()).find(|&j| !matches!(classes[j], Class::Blank))?;
    let next_dated = dated(&classes[next]);
    // Without chrome, a blog's name and tagline over a block that opens with the
    // post's date (`米粒的旅行手帖` / `跟著米粒慢慢玩` // date / headline).
    let tagline_over_date = candidate + 1 < block_end && next_dated;
    if !chrome && !tagline_over_date {
        return None;
    }
    let block_dated = dated(&classes[block_end - 1]);
    // Or a date in the header's block, and the headline's byline under it (an
    // e-paper's `第A05版` block, then headline / subtitle / `记者　薛婧`; a blog's
    // name, tagline and menu, then headline / `Posted on … by …`).
    let header_dated = (block_start..block_end).any(|j| dated(&classes[j]));
    let meta_under = |h: usize| (h + 1..(h + 3).min(lines.len())).any(|j| matches!(classes[j], Class::Meta(_)));
    let name = &lines[candidate];
    let han = name.chars().any(crate::lines::is_han);
    let name_like = meta::is_name(name) && width(name) <= if han { 24 } else { 40 };
    // A blog's name may be neither (`Notes from Plot 14`): short, and no headline.
    if !(name_like || is_masthead_like(name) || width(name) <= 30) || is_headline_like(name) {
        return None;
    }
    // The block: short lines, furniture and menus (`reddit Log In Sign Up`), no
    // headline; under the name, a tagline (`A small allotment, a lot of mud`).
    let texts_short = (block_start..block_end).all(|j| {
        !matches!(classes[j], Class::Text)
            || j == candidate
            || chrome_row(&lines[j])
            || (!is_headline_like(&lines[j]) && width(&lines[j]) <= 30)
            || (j > candidate && width(&lines[j]) <= 40)
    });
    if !texts_short {
        return None;
    }
    // The next block's first text line, past its date line.
    let h = (next..lines.len())
        .take_while(|&j| !matches!(classes[j], Class::Blank))
        .find(|&j| !matches!(classes[j], Class::Meta(_) | Class::Crawl(_) | Class::Furniture(_)))?;
    // Not an item of the text (`问：断缴后还能补缴吗`, `一、报名时间`), nor a
    // dateline on its own line (`新华社岚州6月18日电（记者郑砚秋）`). A forum
    // thread's English title may end with a full stop, over a short flair.
    let l = &lines[h];
    let latin_title = !l.chars().any(crate::lines::is_han)
        && l.split_whitespace().count() >= 5
        && width_capped(l, 121) <= 120
        && lines.get(h + 1).is_some_and(|n| width(n) <= 20)
        && lines[h + 1..].iter().any(|n| width_capped(n, 40) >= 40);
    let headline = matches!(classes[h], Class::Text)
        && roles[h] == Role::Body
        && !body_like(&lines[h])
        && (is_headline_like(&lines[h]) || latin_title)
        && !is_item(&lines[h])
        && meta::inline_byline(&lines[h]).is_none();
    if !(next_dated || header_dated || meta_under(h)) {
        return None;
    }
    // The headline stands alone or over the text: its block is no list of headlines.
    let alone = matches!(classes.get(h + 1), None | Some(Class::Blank))
        || lines.get(h + 1).is_some_and(|l| body_like(l) || width_capped(l, 60) >= 60)
        || latin_title
        || meta_under(h);
    if !(headline && alone) {
        return None;
    }
    let byline = (name_like && han && block_dated && candidate + 1 == block_end - 1).then_some(candidate);
    Some((h, byline))
}

/// Makes line `title` the title; the text lines above it are furniture.
fn set_title(roles: &mut [Role], title: usize) {
    for role in roles.iter_mut().take(title) {
        if *role == Role::Body {
            *role = Role::Drop(BoilerplateKind::Other);
        }
    }
    roles[title] = Role::Title;
}

/// The first line after `i` that is not blank.
fn written_after<'a>(lines: &'a [Cow<'_, str>], i: usize) -> Option<(usize, &'a str)> {
    (i + 1..lines.len()).find(|&j| !lines[j].is_empty()).map(|j| (j, lines[j].as_ref()))
}

/// A site's or app's name (`微博`, `知渡`, `The Plot Diaries`, `r/Brindlemoor`) or a
/// row of menu words, more likely over a headline than one.
fn is_masthead_like(line: &str) -> bool {
    let han = line.chars().any(crate::lines::is_han);
    if is_menu_row_of(line, han) {
        return true;
    }
    if han {
        // Or a longer name of an outlet or office (`海澄特別行政區政府 新聞公報`).
        let outlet = ["网", "網", "报", "報", "公报", "公報", "政府", "专栏", "專欄", "部落", "电子版", "電子版"];
        let w = width_capped(line, 30);
        return w <= 14 || (w <= 30 && outlet.iter().any(|o| line.ends_with(o)));
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    // A person's name (an obituary's headline) is no masthead.
    let person = words.first().is_some_and(|w| meta::is_given_name(w));
    line.starts_with("r/")
        || (words.len() <= 3
            && !person
            && !ends_sentence(line)
            && words.iter().all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase())))
}

/// A row of four menu words or more (`首页　视频　发现　游戏`, `Home  Liked  Archive`), or three of two Han characters:
/// Chinese words apart by a space, English ones by two or a bar (one space
/// parts the words of a headline).
fn is_menu_row(line: &str) -> bool {
    is_menu_row_of(line, line.chars().any(crate::lines::is_han))
}

/// [`is_menu_row`] of a line that holds a Han character or not (`han`).
fn is_menu_row_of(line: &str, han: bool) -> bool {
    let bar = |c: char| matches!(c, '|' | '｜' | '·' | '•' | '\t' | '\u{3000}');
    // English words apart need two spaces or a bar: a headline has neither.
    if !han && !line.contains(bar) && !line.contains("  ") {
        return false;
    }
    let words: Vec<&str> = if han {
        line.split(|c: char| c.is_whitespace() || bar(c)).filter(|w| !w.is_empty()).collect()
    } else {
        line.split("  ").flat_map(|w| w.split(bar)).map(str::trim).filter(|w| !w.is_empty()).collect()
    };
    // A site's name may lead the row (`EASTBROOK GUIDE  What's on  Eat  Drink  Stay`);
    // three Chinese words of two characters are a menu too (`发现　发布　通知`).
    (words.len() >= 4 && words.iter().skip(1).all(|w| width(w) <= 10))
        || (words.len() == 3 && words.iter().all(|w| w.chars().count() == 2 && w.chars().all(crate::lines::is_han)))
}

/// A line that reads as a headline: nine Han characters or five words, no
/// sentence's end, no menu, no bare name.
fn is_headline_like(line: &str) -> bool {
    let han = line.chars().any(crate::lines::is_han);
    // An English line with a year is a date line more often than a headline
    // (`Published in the Fenmoor Gazette on 5 March 2024`).
    let long = if han { width(line) >= 18 } else { line.split_whitespace().count() >= 5 && year_in(line).is_none() };
    let sentence = line.ends_with(['。', '.']) && !line.ends_with("...");
    // A salutation, a clause, a quotation (`全市广大市民朋友们：`, `他说：“…”`).
    let clause = line.ends_with(['：', ':', '，', ',', '；', ';', '、', '”', '"', '」', '』'])
        || line.starts_with(['“', '"', '「', '『']);
    long && !sentence && !clause && !is_menu_row(line) && !meta::is_name(line)
}

/// A bare English name under the headline (`Elena Vasquez-Hart`): two or three
/// capitalised words after a common given name, no section's word, below a headline three words longer
/// that no separator marks as a masthead.
fn is_latin_byline_name(name: &str, headline: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_word = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
    };
    const SECTIONS: [&str; 12] = [
        "News", "Opinion", "Sports", "Business", "Politics", "World", "Local", "Home", "Press", "Releases", "Menu",
        "Live",
    ];
    (2..=3).contains(&words.len())
        && words.iter().all(name_word)
        && words.first().is_some_and(|w| meta::is_given_name(w))
        && !words.iter().any(|w| SECTIONS.contains(w))
        && !headline.chars().any(crate::lines::is_han)
        && headline.split_whitespace().count() >= words.len() + 3
        // `Riverbend Today - local news for the valley` above `Storm Hits Coast`:
        // a masthead's tagline over a short headline.
        && ![" - ", " | ", " – ", " — "].iter().any(|sep| headline.contains(sep))
}

/// Whether most of an English line's longer words are capitalised (`Halverson
/// Biotech Opens $48 Million Manufacturing Site in Brackett County`).
fn is_title_case(line: &str) -> bool {
    let long: Vec<&str> =
        line.split_whitespace().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
    let caps = long.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    long.len() >= 3 && caps * 4 >= long.len() * 3
}

/// A headline in title case, not a menu in capitalised words (`News  Crime
/// Courts  Sport  Business`): words set apart by single spaces, and a small
/// word left lower-case (`in`, `of`) or a figure, as headlines have.
fn is_title_case_headline(line: &str) -> bool {
    let small = |w: &str| {
        matches!(w, "a" | "an" | "the" | "in" | "of" | "to" | "for" | "and" | "on" | "at" | "as" | "by" | "with")
    };
    is_title_case(line)
        && !line.contains("  ")
        && !line.contains(['|', '｜', '·'])
        && line.split_whitespace().any(|w| small(w) || w.chars().any(|c| c.is_ascii_digit()))
}

/// A title without the site's name a page's `<title>` appends (`… | Property Ledger`,
/// `…_霁川晚报`): a short name after the last spaced bar (or, without one, the last
/// underscore), behind a title at least twice as wide. A Chinese name must end like
/// a site's (`网`, `报`, `新闻`…): `… | 李强主持` is a headline's second half, and an
/// underscore more often joins an identifier (`RUST_LOG`), so it cuts Chinese names only.
/// Whether `page_title` is `headline` with the site's name after a separator
/// (`…1260个_岚港新闻_聚讯网`, `… - 岚港晚报数字报`, `… | Site`): a scraper kept
/// the page's `<title>` above the headline, which is then the title.
fn is_page_title_of(page_title: &str, headline: &str) -> bool {
    page_title.strip_prefix(headline).is_some_and(|rest| {
        let rest = rest.trim_start();
        rest.len() > 1 && rest.starts_with(['_', '|', '｜', '-', '–', '—', '－', '·'])
    })
}

/// Strips [`without_one_site_suffix`] at most twice (`…_岚港新闻_聚讯网`).
fn without_site_suffix(title: &str) -> &str {
    let once = without_one_site_suffix(title);
    if once.len() < title.len() {
        without_one_site_suffix(once)
    } else {
        once
    }
}

fn without_one_site_suffix(title: &str) -> &str {
    let bar = title.rfind(" | ").map(|at| (at, at + 3));
    let underscore = || title.rfind('_').map(|at| (at, at + 1));
    // ` - ` sets off only a Chinese site's name: English headlines hold dashes.
    let dash = || title.rfind(" - ").filter(|&at| title[at..].chars().any(crate::lines::is_han)).map(|at| (at, at + 3));
    let Some((head_end, name_start)) = bar.or_else(underscore).or_else(dash) else {
        return title;
    };
    let (head, name) = (title[..head_end].trim_end(), title[name_start..].trim());
    let han = name.chars().any(crate::lines::is_han);
    let site_word =
        ["网", "網", "报", "報", "刊", "台", "社", "在线", "在線", "新闻", "新聞", "频道", "頻道", "客户端"];
    let site_like = if han { site_word.iter().any(|w| name.ends_with(w)) } else { bar.is_some() };
    if site_like && meta::is_name(name) && width(name) <= 24 && width(head) >= 2 * width(name) {
        head
    } else {
        title
    }
}

fn compact(s: &str) -> String {
    // Sized at once: collecting grew a title's copy four or five times.
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|c| !c.is_whitespace()));
    out
}

/// An exact repeat of the title, a shortened prefix of it (at least 40% of it, or —
/// right below the title — cut at a clause boundary; `…` allowed), or the title with a
/// site-name suffix.
fn is_title_repeat(line: &str, title: &str, near_title: bool) -> bool {
    is_repeat_of(line, title, &compact(title), near_title)
}

/// [`is_title_repeat`] with the title's [`compact`] form worked out once by the caller.
fn is_repeat_of(line: &str, title: &str, t: &str, near_title: bool) -> bool {
    // Every kind of repeat starts like the title: a cheap test before any copying.
    if line.chars().next() != title.chars().next() || !may_repeat(line, t) {
        return false;
    }
    let l = compact(line);
    let l = l.trim_end_matches("...").trim_end_matches(['…', '.']);
    if l.is_empty() || t.is_empty() {
        return false;
    }
    if l == t {
        return true;
    }
    let (lc, tc) = (l.chars().count(), t.chars().count());
    if t.starts_with(l) && lc >= 4 && lc * 10 >= tc * 4 {
        return true;
    }
    let trimmed = line.trim_end_matches("...").trim_end_matches('…').trim_end();
    if near_title && trimmed.chars().count() >= 4 {
        if let Some(rest) = title.strip_prefix(trimmed) {
            let boundary =
                rest.chars().next().is_some_and(|c| c.is_whitespace() || (c.is_ascii_punctuation() || is_cjk_punct(c)));
            if boundary {
                return true;
            }
        }
    }
    if let Some(rest) = l.strip_prefix(t) {
        return rest.starts_with(['-', '_', '|', '｜', '–', '—', ':', '：']) && width(rest) <= 40;
    }
    false
}

/// A necessary condition for [`is_repeat_of`], found without copying: the line's
/// non-blank characters follow the compact title `t` until one of them runs out or
/// they part, and after the parting the line holds only `.` and `…` (every kind of
/// repeat is a prefix of the title, or starts with all of it, once trailing dots go).
fn may_repeat(line: &str, t: &str) -> bool {
    let mut rest = line.chars().filter(|c| !c.is_whitespace()).peekable();
    for tc in t.chars() {
        match rest.peek() {
            Some(&c) if c == tc => {
                rest.next();
            }
            _ => return rest.all(|c| matches!(c, '.' | '…')),
        }
    }
    true
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn mark_repeated_titles(lines: &[Cow<'_, str>], title_idx: usize, roles: &mut [Role]) {
    let Some(title) = lines.get(title_idx) else {
        return;
    };
    let title_compact = compact(title);
    // "Right below the title": the first two non-blank lines after it.
    let mut seen_after = 0usize;
    for i in 0..lines.len() {
        let near = i > title_idx && seen_after < 2;
        if i > title_idx && roles[i] != Role::Blank {
            seen_after += 1;
        }
        if roles[i] == Role::Body && is_repeat_of(&lines[i], title, &title_compact, near) {
            roles[i] = Role::Drop(BoilerplateKind::RepeatedTitle);
        }
    }
}

/// The content-farm tail: after the body, a bare date line, usually the title again, then
/// one summary paragraph, then only furniture.
fn content_farm_summary(lines: &[Cow<'_, str>], classes: &[Class], roles: &mut [Role]) -> Option<String> {
    let n = lines.len();
    let first_body = roles.iter().position(|r| *r == Role::Body)?;
    let date_line = (first_body..n).rev().find(|&i| matches!(&classes[i], Class::Meta(m) if m.date_only))?;
    // The date line under the story: some prose of the body comes before it (a
    // job line under a byline is no story).
    if !(first_body..date_line).any(|i| roles[i] == Role::Body && is_prose(&lines[i])) {
        return None;
    }
    let mut k = date_line + 1;
    let mut saw_repeat = false;
    while k < n {
        match roles[k] {
            Role::Blank => {}
            Role::Drop(BoilerplateKind::RepeatedTitle) => saw_repeat = true,
            _ => break,
        }
        k += 1;
    }
    let start = k;
    while k < n && roles[k] == Role::Body {
        k += 1;
    }
    let rest_clean = roles[k..].iter().all(|r| *r != Role::Body);
    // Without the repeated title, only prose after the date line is a summary
    // (`书记员　齐小满` under a judgment's date is its signature).
    let prose = || lines[start..k].iter().any(|l| is_prose(l) && width(l) >= 30);
    if start == k || !(saw_repeat || (rest_clean && prose())) {
        return None;
    }
    for role in &mut roles[start..k] {
        *role = Role::Summary;
    }
    let parts: Vec<&str> = lines[start..k].iter().map(|l| l.as_ref()).collect();
    Some(join_lines(&parts))
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\D)((?:19|20)\d{2})(?:\D|$)").expect("static regex"));

fn year_in(s: &str) -> Option<i32> {
    YEAR.captures(s)?.get(1)?.as_str().parse().ok()
}

/// Fills `field` from a meta line's `value`: the first value counts, unless it was
/// an account's name (`from_account`) and this line is a credit under the text.
fn take_credit(
    field: &mut Option<String>,
    from_account: &mut bool,
    value: Option<&String>,
    account: bool,
    credit: bool,
) {
    let Some(value) = value else { return };
    if *from_account && credit {
        *field = Some(value.clone());
        *from_account = false;
    }
    if field.is_none() {
        *field = Some(value.clone());
        *from_account = account;
    }
}

/// Date, author, source and URL from the meta lines, in document order (the header
/// byline before footer lines, the footer before the content-farm date line).
fn fill_meta_fields(lines: &[Cow<'_, str>], classes: &[Class], roles: &[Role], article: &mut Article) {
    let crawl = classes.iter().find_map(|c| match c {
        Class::Crawl(c) => match c.hit.spec {
            DateSpec::Absolute(d) => Some((d, c.hit.time)),
            _ => None,
        },
        _ => None,
    });
    // A year for `2月28日`: a masthead/edition line first, then the crawl stamp, then
    // the copyright line.
    let header_year = lines
        .iter()
        .zip(roles)
        .filter(|(_, r)| **r == Role::Drop(BoilerplateKind::Other))
        .find_map(|(l, _)| year_in(l));
    let copyright_year = lines
        .iter()
        .zip(roles)
        .filter(|(_, r)| **r == Role::Drop(BoilerplateKind::Copyright))
        .find_map(|(l, _)| year_in(l));

    // `原创 梧岚发布 梧岚发布 2024-07-03`: an account named as both author and
    // source is no person, and names no outlet a label under the text does not
    // name better (`来源：青篁县融媒体中心`, `文字：黄晓岚`).
    let (mut account_author, mut account_source) = (false, false);
    // The credits under the text: no text follows them (a data credit inside the
    // text does), and they are in no related list.
    let related = roles.iter().position(|r| *r == Role::Drop(BoilerplateKind::Related)).unwrap_or(lines.len());
    for (i, class) in classes.iter().enumerate() {
        let credit = || i < related && written_after(lines, i).is_none_or(|(j, _)| roles[j] != Role::Body);
        match class {
            Class::Url(u) => {
                article.url.get_or_insert_with(|| u.clone());
            }
            // `資料來源：嵐南縣農會` under a table, text above and below it: the
            // figures' source, not the story's.
            Class::Meta(m)
                if m.author.is_none()
                    && m.date.is_none()
                    && m.url.is_none()
                    && roles[..i].iter().zip(lines).any(|(r, l)| *r == Role::Body && is_prose(l))
                    && (written_after(lines, i).is_some_and(|(j, _)| roles[j] == Role::Body)
                        || i.checked_sub(1).is_some_and(|p| lines[p].contains('\t'))) => {}
            Class::Meta(m) => {
                let account = m.author.is_some() && m.author == m.source;
                let credit = !account && (account_author || account_source) && credit();
                take_credit(&mut article.author, &mut account_author, m.author.as_ref(), account, credit);
                take_credit(&mut article.source_name, &mut account_source, m.source.as_ref(), account, credit);
                if let Some(u) = &m.url {
                    article.url.get_or_insert_with(|| u.clone());
                }
                if article.published_date.is_none() {
                    article.published_date = m.date.and_then(|h| resolve(h, crawl, header_year, copyright_year));
                }
            }
            _ => {}
        }
    }
    // A repost names the paper or account it took the story from, and at times
    // the writer.
    let notices = || lines.iter().zip(roles).filter(|(_, r)| **r == Role::Drop(BoilerplateKind::Disclaimer));
    if article.source_name.is_none() {
        article.source_name = notices().find_map(|(l, _)| meta::repost_source(l));
    }
    if article.author.is_none() {
        article.author = notices().find_map(|(l, _)| meta::repost_author(l));
    }
}

/// Applies the dump's context to a date expression: the year for `2月28日` (header
/// line, else the latest year not after the crawl stamp, else the copyright year) and the
/// crawl stamp for `3天前`.
fn resolve(
    hit: DateHit,
    crawl: Option<(Date, Option<(u32, u32)>)>,
    header_year: Option<i32>,
    fallback_year: Option<i32>,
) -> Option<Date> {
    match hit.spec {
        DateSpec::Absolute(d) => Some(d),
        DateSpec::MonthDay { month, day } => {
            if let Some(y) = header_year {
                return Date::new(y, month, day);
            }
            if let Some((base, _)) = crawl {
                return match Date::new(base.year, month, day) {
                    Some(d) if d <= base => Some(d),
                    _ => Date::new(base.year - 1, month, day),
                };
            }
            Date::new(fallback_year?, month, day)
        }
        DateSpec::Relative { minutes: Some(m) } => crawl.map(|(base, time)| resolve_relative(m, base, time)),
        DateSpec::Relative { minutes: None } | DateSpec::Invalid => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts the extractor makes while measuring lines give the language
    /// and script that reading the title and the joined body gives, on dumps of
    /// every script with boilerplate, wrapped lines and long bodies; and they
    /// are used (not `None`) for most of them.
    #[test]
    fn counted_language_and_script_match_reading_the_text() {
        use corpusmill_repair::{detect_lang_and_script, lang_and_script_of_counts};
        let words = [
            "发布会上",
            "應對挑戰",
            "中国",
            "臺灣",
            "台湾",
            "市民",
            "the ",
            "and ",
            "report ",
            "Москва ",
            "かな",
            "カタカナ",
            "한국어 ",
            "😀",
            "𠀀",
            "，",
            "。",
            "“",
            "”",
            "2024年",
            "ｶ",
            "Ω",
            "é",
            "ſ",
            " ",
            "\t",
            "-",
        ];
        let furniture =
            ["免责声明：本文仅供参考。", "分享到：微信 | 微博", "相关新闻", "【责任编辑：张三】", "Copyright 2024"];
        let mut next = crate::test_numbers(0x2545_F491_4F6C_DD1Du64);
        let (mut counted, mut dumps) = (0, 0);
        for _ in 0..1500 {
            let mut text = String::new();
            let lines = 1 + next() % 40;
            for _ in 0..lines {
                match next() % 10 {
                    0 => text.push_str(furniture[next() % furniture.len()]),
                    1 => {}
                    _ => {
                        // Some lines long enough to hold thousands of Han characters in all.
                        let n = if next().is_multiple_of(50) { 2000 } else { next() % 30 };
                        for _ in 0..n {
                            text.push_str(words[next() % words.len()]);
                        }
                    }
                }
                text.push('\n');
            }
            let article = extract(&text);
            if article.body_paragraphs.is_empty() {
                continue;
            }
            dumps += 1;
            let body = article.body_paragraphs.join("\n\n");
            let (title_counts, body_counts) = article.script_counts.expect("a text dump is counted");
            assert_eq!(title_counts, ScriptCounts::of(article.title.as_deref().unwrap_or_default()), "{text:?}");
            assert_eq!(body_counts, ScriptCounts::of(&body), "{text:?}");
            let from_counts = lang_and_script_of_counts(&title_counts, &body_counts, body.chars().count(), &body);
            if let Some(got) = from_counts {
                counted += 1;
                assert_eq!(got, detect_lang_and_script(article.title.as_deref(), &body), "{text:?}");
            }
        }
        assert!(dumps > 1000 && counted * 10 > dumps * 8, "{counted} of {dumps} counted");
    }

    #[test]
    fn every_title_repeat_passes_the_may_repeat_screen() {
        let titles = ["大桥 重新开放", "Old Bridge Reopens", "大桥重新开放：通行", "A…b", "x"];
        let pieces = [
            "大", "桥", " ", "重新", "开放", "：", "通行", "...", "…", ".", "-", "|", "Old", "Bridge", "Reopens", "A",
            "b",
        ];
        let mut next = crate::test_numbers(0x3C6E_F372_FE94_F82Bu64);
        let mut repeats = 0;
        for _ in 0..60_000 {
            let title = titles[next() % titles.len()];
            // Lines that start like the title, then go their own way.
            let mut line: String = title.chars().take(next() % 12).collect();
            for _ in 0..next() % 4 {
                line.push_str(pieces[next() % pieces.len()]);
            }
            for near in [false, true] {
                if is_repeat_of(&line, title, &compact(title), near) {
                    repeats += 1;
                    assert!(may_repeat(&line, &compact(title)), "{line:?} {title:?}");
                }
            }
        }
        assert!(repeats > 1000, "{repeats}");
        assert!(!may_repeat("大桥重建", "大桥重新开放"));
        for (line, title) in [
            ("Old Bridge...", "Old Bridge Reopens"),
            ("大桥重新 …", "大桥重新开放"),
            ("大桥 重新开放 - 晚报", "大桥重新开放"),
        ] {
            assert!(is_repeat_of(line, title, &compact(title), false), "{line}");
            assert!(may_repeat(line, &compact(title)), "{line}");
        }
    }

    fn kinds(a: &Article) -> Vec<BoilerplateKind> {
        a.boilerplate.iter().map(|(k, _)| *k).collect()
    }

    /// Nothing after a wire's or release's end mark is body; an end mark's word
    /// inside a line is no mark.
    #[test]
    fn nothing_after_an_end_mark_is_body() {
        let a = extract("Council approves pool plan\nPublished: 14 March 2024\n\nThe council approved the plan.\n\nIt will reopen in 2026.\n\nENDS\n\nNotes to editors\n\n1. The baths opened in 1898.\n\nAbout the council: it serves 300,000 people.\n");
        assert_eq!(a.body_paragraphs, ["The council approved the plan.", "It will reopen in 2026."]);
        let a = extract("区议会讨论长廊工程\n\n　　区议会今日举行会议。\n\n　　议会通过动议。\n\n完\n\n2024年5月21日（星期二）\n香港時間17時05分\n");
        assert_eq!(a.body_paragraphs, ["区议会今日举行会议。", "议会通过动议。"]);
        let a = extract("Title here\n\nThe war did not end.\n\nEnds and means were argued.\n\nA last paragraph.\n");
        assert_eq!(a.body_paragraphs.len(), 3);
        let a =
            extract("胃镜前要空腹多久\n\n第一段正文。\n\n第二段正文。\n\n参考文献：\n[1] 某某. 消化内镜学[M]. 2020.\n");
        assert_eq!(a.body_paragraphs, ["第一段正文。", "第二段正文。"]);
        // A `References` section of a guide, with prose under it, is text.
        let a = extract(
            "How to write a CV\n\nKeep it short.\n\nList your jobs.\n\nReferences\n\nAsk two former managers first.\n",
        );
        assert!(a.body_paragraphs.iter().any(|p| p.starts_with("Ask two")));
        // What the first review found: a section break, a digest, a poem, a score.
        let a = extract("Nights\n\nFor ten years I worked days.\n\n###\n\nThen I moved to nights.\n");
        assert_eq!(a.body_paragraphs, ["For ten years I worked days.", "Then I moved to nights."]);
        let a = extract("快讯三则\n\n第一则消息。\n\n（完）\n\n第二则消息。\n\n（完）\n\n相关新闻\n");
        assert_eq!(a.body_paragraphs, ["第一则消息。", "第二则消息。"]);
        // (The line `End` itself is a widget's word, as it was.)
        let a = extract("Tides\n\nThe sea keeps on, and nothing seems to end.\n\nEnd\n\nThe gulls return at dawn.\n");
        assert_eq!(a.body_paragraphs.last().map(String::as_str), Some("The gulls return at dawn."));
        let a = extract("终场战报\n\n岚港队主场迎战汀澜队。\n\n岚港 2:1 汀澜\n完\n\n赛后双方教练均表示满意。\n");
        assert!(a.body_paragraphs.iter().any(|p| p.starts_with("赛后")));
    }

    /// A site's or app's name, or its menu, over the headline in one block is
    /// no title; a short title over its first paragraph, or an obituary's name
    /// over its date line, stays.
    #[test]
    fn a_sites_name_over_the_headline_is_no_title() {
        for (text, title) in [
            ("微博\n首页　视频　发现　游戏　注册　登录\n头条文章\n苇塘湿地今年春天来了37只东方白鹳，创六年观测纪录\n栖梧观鸟会\n\n正文第一段。\n", "苇塘湿地今年春天来了37只东方白鹳，创六年观测纪录"),
            ("Instapaper\nHome  Liked  Archive  Browse  Search\nThe last video store in town is still renting DVDs\n\nOn a Tuesday afternoon, three customers browse the shelves.\n", "The last video store in town is still renting DVDs"),
            ("The Plot Diaries\nFive ways to keep your allotment going through a dry summer\nPosted 2 days ago by Orla Benning in Gardening\n\nLast summer our site went seven weeks without rain.\n", "Five ways to keep your allotment going through a dry summer"),
            ("警情通报\n2024年8月3日，我局接群众报警称，某小区发生一起纠纷，民警迅速赶到现场处置。\n", "警情通报"),
            ("Margaret Elaine Hollis\nPublished in the Fenmoor Gazette on 5 March 2024\n\nMargaret Elaine Hollis, 87, passed away peacefully.\n", "Margaret Elaine Hollis"),
            // A block of masthead, menu and breadcrumb: the headline opens the next block.
            ("EASTBROOK GUIDE        What's on  Eat  Drink  Stay\nHome > What's on > Music > Reviews\n\nReview: The Larkspur Quartet turn a flooded chapel into a listening room\n\nReviewed by Owen Castell | February 9, 2024 at 11:20 am\n\nFor most of the past decade the chapel was known for its water.\n", "Review: The Larkspur Quartet turn a flooded chapel into a listening room"),
            ("警情通报\n\n关于某小区发生一起纠纷的情况通报说明\n\n2024年8月3日，我局接群众报警。\n", "警情通报"),
            // What the first review found: a short headline over a salutation, a
            // clause, a quotation or a dek.
            ("倡议书\n全市广大市民朋友们：\n\n让我们行动起来。\n", "倡议书"),
            ("海澄特別行政區政府 新聞公報\nEnglish | 繁體 | 简体\n新聞公報\n渡輪碼頭無障礙設施改善工程下月展開\n  運輸署今日宣布，改善工程將於十二月二日展開。\n", "渡輪碼頭無障礙設施改善工程下月展開"),
            ("春节放假通知\n根据国务院办公厅关于部分节假日安排的通知，现将有关事项通知如下：\n\n一、放假时间。\n", "春节放假通知"),
            ("致敬逆行者\n他说：“这是我的岗位。”\n\n消防员们连夜奋战。\n", "致敬逆行者"),
            ("Fed Holds Rates\nPolicymakers signal two cuts are still likely this year\n\nThe central bank left rates unchanged.\n", "Fed Holds Rates"),
            ("On Walking\nNotes from a year of crossing the city on foot\nDaniel Park\n\nI began in January.\n", "On Walking"),
            ("百家言\n雁汀车主必看：新能源车冬天续航打折的四个原因\n老韩聊车\n\n大家好，我是老韩。\n", "雁汀车主必看：新能源车冬天续航打折的四个原因"),
        ] {
            assert_eq!(extract(text).title.as_deref(), Some(title), "{text}");
        }
    }

    /// A repost's notice names the account it came from and the writer.
    #[test]
    fn a_repost_notice_names_account_and_writer() {
        let a = extract("县城咖啡店开到第三年\n咖语观察·2025-01-07 08:30\n\n本文来自微信公众号“咖语观察”（ID：kayu-example），作者：芦苇，锐潮经授权发布。\n\n县城咖啡的生意，正在走向“活下去”。\n");
        assert_eq!(a.body_paragraphs, ["县城咖啡的生意，正在走向“活下去”。"]);
        assert_eq!(a.author.as_deref(), Some("芦苇"));
    }

    /// An account credited as author and source in a WeChat header gives way to
    /// the labels under the text; a person's byline on top does not.
    #[test]
    fn an_accounts_name_gives_way_to_the_credits() {
        let a = extract("梧岚镇的小龙虾游出了新销路\n原创 梧岚发布 梧岚发布 2024-07-03 18:06\n\n清晨五点，基地里已经人声鼎沸。\n\n来源：青篁县融媒体中心 | 编辑：吴婷\n文字：黄晓岚　摄影：潘志\n");
        assert_eq!(a.author.as_deref(), Some("黄晓岚"));
        assert_eq!(a.source_name.as_deref(), Some("青篁县融媒体中心"));
        // Nor from a related story's line.
        let a = extract("小龙虾游出了新销路\n原创 梧岚发布 梧岚发布 2024-07-23\n\n今年产量大增。\n\n往期推荐\n梧岚镇召开防汛工作部署会\n来源：青篁日报 2024-04-20\n");
        assert_eq!(a.source_name.as_deref(), Some("梧岚发布"));
        // Not from a data credit inside the text.
        let a = extract("小龙虾游出了新销路\n原创 梧岚发布 梧岚发布 2024-07-23\n\n今年产量大增。\n来源：国家统计局青篁调查队\n\n收购价也提高了。\n");
        assert_eq!(a.source_name.as_deref(), Some("梧岚发布"));
        let a = extract("梧岚镇的小龙虾游出了新销路\n2024-07-03 来源：梧岚日报 作者：潘云\n\n清晨五点，基地里已经人声鼎沸。\n\n来源：青篁县融媒体中心\n文字：黄晓岚\n");
        assert_eq!(a.author.as_deref(), Some("潘云"));
        assert_eq!(a.source_name.as_deref(), Some("梧岚日报"));
    }

    #[test]
    fn title_is_last_text_line_above_byline() {
        let a = extract("某某日报 · 2025年第8期\n今日标题在这里\n2025-01-02 来源：某某日报\n\n正文第一段。\n");
        assert_eq!(a.title.as_deref(), Some("今日标题在这里"));
        assert_eq!(a.boilerplate[0], (BoilerplateKind::Other, "某某日报 · 2025年第8期".into()));
        assert_eq!(a.body_paragraphs, ["正文第一段。"]);
    }

    #[test]
    fn a_title_loses_its_sites_name() {
        assert_eq!(
            without_site_suffix("对话竹编传承人柯秀兰：一根竹篾，编了三十年_霁川晚报"),
            "对话竹编传承人柯秀兰：一根竹篾，编了三十年"
        );
        assert_eq!(
            without_site_suffix("Brackenford office vacancy rate falls to five-year low | Property Ledger"),
            "Brackenford office vacancy rate falls to five-year low"
        );
        // Not a name, or not behind a longer title: kept whole.
        assert_eq!(without_site_suffix("Opinion | Why the bridge must close"), "Opinion | Why the bridge must close");
        assert_eq!(without_site_suffix("snake_case explained"), "snake_case explained");
        assert_eq!(without_site_suffix("大桥 | 澜江日报新闻客户端"), "大桥 | 澜江日报新闻客户端");
        assert_eq!(
            without_site_suffix("Debugging Rust services with RUST_LOG"),
            "Debugging Rust services with RUST_LOG"
        );
        assert_eq!(
            without_site_suffix("Windows系统下如何正确设置JAVA_HOME环境变量"),
            "Windows系统下如何正确设置JAVA_HOME环境变量"
        );
        assert_eq!(
            without_site_suffix("国务院常务会议部署稳就业举措 | 李强主持"),
            "国务院常务会议部署稳就业举措 | 李强主持"
        );
    }

    /// A self-media page: the title, the account's name, the date line.
    #[test]
    fn account_name_between_title_and_date_line_is_the_author() {
        let a = extract("沅屏一家老字号酱园的“二次创业”：直播间里卖出百年老味道\n沅屏财经观察\n发布时间：2024-03-05 08:30\n\n正文第一段。\n");
        assert_eq!(a.title.as_deref(), Some("沅屏一家老字号酱园的“二次创业”：直播间里卖出百年老味道"));
        assert_eq!(a.author.as_deref(), Some("沅屏财经观察"));
        assert_eq!(a.body_paragraphs, ["正文第一段。"]);
    }

    /// A title-case headline or a Chinese subtitle above the date line is no byline.
    #[test]
    fn headlines_above_the_date_line_are_no_bylines() {
        let a = extract(
            "Riverbend Today - local news for the valley\nStorm Hits Coast\nPosted 3 March 2025\n\nBody text here.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Storm Hits Coast"));
        assert_eq!(a.author, None);
        let a = extract("守护绿水青山的“护林人”\n记全国劳模张三\n发布时间：2024-03-05 08:30\n\n正文第一段。\n");
        assert_eq!(a.author, None);
    }

    /// An English author's bio under the story, and a date among readers'
    /// comments, are not the story's.
    #[test]
    fn author_bio_and_comment_dates_are_dropped() {
        let a = extract("Library hours extended\nBy Dana Whitcombe\n\nThe county library will open on Sundays.\n\nDana Whitcombe is a retired school librarian.\n");
        assert_eq!(a.body_paragraphs, ["The county library will open on Sundays."]);
        let a = extract("番茄炖牛腩\n\n牛腩切块焯水。\n\n最新评论（2）\n吃货小周：好吃！\n2024-01-16　回复\n");
        assert_eq!(a.source_name, None);
        assert_eq!(a.published_date, None);
        assert_eq!(a.body_paragraphs, ["牛腩切块焯水。"]);
    }

    /// A columnist's name between a short Chinese headline and the date line.
    #[test]
    fn an_e_papers_headline_sits_between_its_date_and_byline() {
        let page = "临泽日报数字报\n第04版：要闻　　上一版　下一版　　PDF下载\n2024年3月5日　星期二\n\
                    枫陵港铁水联运通道全线贯通 年运能提升至1200万吨\n本报记者　韩松　林晓雯\n\n\
                    \u{3000}\u{3000}3月4日上午，枫陵港铁水联运通道全线贯通运营。\n";
        let a = extract(page);
        assert_eq!(a.title.as_deref(), Some("枫陵港铁水联运通道全线贯通 年运能提升至1200万吨"));
        assert_eq!(a.author.as_deref(), Some("韩松、林晓雯"));
        assert_eq!(a.published_date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(a.body_paragraphs, ["3月4日上午，枫陵港铁水联运通道全线贯通运营。"]);
        // A name between the date line and a byline is no headline.
        let a = extract("霁川晚报\n2024年3月5日\n韩松\n来源：霁川晚报\n\n正文第一段。\n");
        assert_eq!(a.title.as_deref(), Some("霁川晚报"));
        // Without a masthead, a line between a byline and a date is a job or a column.
        let a = extract(
            "Storm knocks out power to 40,000 homes\nBy Jane Doe\nSenior Political Correspondent\nMarch 5, 2024\n\n\
             The storm hit the coast overnight, knocking out power across the region.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Storm knocks out power to 40,000 homes"));
    }

    #[test]
    fn english_headers_sections_bare_names_standfirsts_and_wires() {
        let body = "\n\nThe council voted on Monday to open the new park to the public later this month.\n";
        // A section's name above the breadcrumb that names it.
        let a = extract(&format!(
            "Press Releases\nHome > Press Releases > March 2024\nChing Wang Bay Waterfront Park to open on March 23{body}"
        ));
        assert_eq!(a.title.as_deref(), Some("Ching Wang Bay Waterfront Park to open on March 23"));
        // A bare name under the headline, above the date.
        let a = extract(&format!(
            "The river keeps moving, and so does our flood map\nElena Vasquez-Hart\nMar 18, 2025{body}"
        ));
        assert_eq!(a.title.as_deref(), Some("The river keeps moving, and so does our flood map"));
        assert_eq!(a.author.as_deref(), Some("Elena Vasquez-Hart"));
        // A section's two words are no name, nor a dateline's.
        for kicker in ["Real Estate", "Premier League", "Hong Kong", "Read Later"] {
            let a =
                extract(&format!("The river keeps moving, and so does our flood map\n{kicker}\nMar 18, 2025{body}"));
            assert_eq!(a.author, None, "{kicker}");
        }
        // A breadcrumb that ends with the headline leaves it the title.
        let a = extract(&format!(
            "Budget cuts hit rural schools\nHome > News > Budget cuts hit rural schools\nMarch 5, 2024{body}"
        ));
        assert_eq!(a.title.as_deref(), Some("Budget cuts hit rural schools"));
        // A section's word is no name.
        let a = extract(&format!("The river keeps moving, and so does our flood map\nLocal News\nMar 18, 2025{body}"));
        assert_eq!(a.author, None);
        // A title-case headline over a standfirst, a wire's issuer under its label.
        let a = extract(&format!(
            "PR Wireline\nHalverson Biotech Opens $48 Million Manufacturing Site in Brackett County\n\
             Facility expected to create 210 jobs by 2027\nNEWS PROVIDED BY\nHalverson Biotech, Inc.\n\
             05 Mar, 2025, 08:00 ET{body}"
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("Halverson Biotech Opens $48 Million Manufacturing Site in Brackett County")
        );
        assert_eq!(a.source_name.as_deref(), Some("Halverson Biotech, Inc."));
        // A menu in capitalised words above a sentence-case headline is no headline.
        let a = extract(&format!(
            "Thornleigh Evening Post\nNews  Crime  Courts  Sport  Business  Opinion  Obituaries\n\
             Former care home manager jailed for stealing £68,000 from residents\nBy Priya Mendez\n\
             Thursday, 7 November 2024, 4:12 pm{body}"
        ));
        assert_eq!(a.title.as_deref(), Some("Former care home manager jailed for stealing £68,000 from residents"));
        // A masthead in title case above a sentence-case headline stays a masthead.
        let a = extract(&format!(
            "The Northern Courier\nFerry crew who rescued eight kayakers in gale to be honoured\nBy Tobias Quayle\n\
             March 5, 2024{body}"
        ));
        assert_eq!(a.title.as_deref(), Some("Ferry crew who rescued eight kayakers in gale to be honoured"));
    }

    #[test]
    fn a_bracketed_section_heading_opens_the_body() {
        let page = "沪深两市公告速览\n2024-12-20 19:30\n\n【业绩预告】\n\
                    鹤湾食品：公司预计2024年度实现净利润4.1亿元至4.6亿元，同比增长18%至33%。\n\n\
                    【股份回购】\n枫港科技：公司拟以集中竞价方式回购股份，回购金额不低于1亿元。\n";
        let a = extract(page);
        assert_eq!(a.body_paragraphs.first().map(String::as_str), Some("【业绩预告】"));
        assert_eq!(a.body_paragraphs.len(), 4);
        // A dateline or a widget in brackets is no section's heading.
        for edge in ["【本报讯】", "【新华社北京电】", "【我要纠错】"] {
            assert!(!is_item(edge), "{edge}");
        }
    }

    #[test]
    fn a_notices_signing_date_stays_under_its_signature() {
        let page = "关于国庆假期景区预约游览的公告\n发布时间：2024-09-20\n\n各景区：\n\n\
                    请广大游客提前规划行程，文明旅游，安全出行。\n特此公告。\n枫陵市文化广电和旅游局\n\
                    2024年9月25日\n\n附件：景区名单.xlsx\n";
        let a = extract(page);
        assert_eq!(a.published_date.map(|d| d.to_string()).as_deref(), Some("2024-09-20"));
        assert_eq!(
            a.body_paragraphs,
            [
                "各景区：",
                "请广大游客提前规划行程，文明旅游，安全出行。",
                "特此公告。",
                "枫陵市文化广电和旅游局",
                "2024年9月25日"
            ]
        );
        // The signature in a block of its own, the date under it: both stay, apart.
        let page = "关于公布优秀志愿服务项目的通知\n发布时间：2024-12-02\n\n各区县文明办：\n\n\
                    经项目申报、专家评审和社会公示，现将名单予以公布。\n\n枫陵市精神文明建设委员会办公室\n2024年11月28日\n";
        assert_eq!(
            extract(page).body_paragraphs,
            [
                "各区县文明办：",
                "经项目申报、专家评审和社会公示，现将名单予以公布。",
                "枫陵市精神文明建设委员会办公室",
                "2024年11月28日"
            ]
        );
        // A page's time stamp under an office's name is no signing date.
        let page = "医院成功开展首例机器人辅助手术\n\n近日，医院成功开展首例机器人辅助手术，患者恢复良好。\n枫陵市人民医院\n2024-09-25 10:31\n";
        assert!(!extract(page).body_paragraphs.iter().any(|p| p.contains("10:31")));
        // A job line under a byline is no story: a one-paragraph story's text is no summary.
        let a = extract(
            "Storm knocks out power to 40,000 homes\nBy Jane Doe\nSenior Political Correspondent\nMarch 5, 2024\n\n\
             The storm hit the coast overnight, knocking out power across the region.\n",
        );
        assert_eq!((a.summary, a.body_paragraphs.len()), (None, 1));
        // A judgment's clerk under its date is its signature, no summary.
        let page = "韩某某诉装饰公司装饰装修合同纠纷一审民事判决书\n发布时间：2024-08-02\n\n\
                    如不服本判决，可以在判决书送达之日起十五日内向本院递交上诉状。\n审判员　庞文澜\n\
                    二〇二四年七月三十日\n书记员　齐小满\n";
        let a = extract(page);
        assert_eq!(a.summary, None);
        assert_eq!(a.body_paragraphs.last().map(String::as_str), Some("书记员　齐小满"));
        // A date line under a story's last sentence is no signing date.
        let a = extract("标题在这里很长的一个标题\n\n正文第一段内容，足够长的一段话。\n2024年9月25日\n");
        assert_eq!(a.body_paragraphs, ["正文第一段内容，足够长的一段话。"]);
    }

    #[test]
    fn name_under_a_short_chinese_headline_is_the_author() {
        let a = extract("城市副刊 > 随笔\n菜市场里的节气\n欧阳澈\n2024年2月14日\n\n正文第一段。\n");
        assert_eq!(a.title.as_deref(), Some("菜市场里的节气"));
        assert_eq!(a.author.as_deref(), Some("欧阳澈"));
    }

    /// A scraper's front matter gives the fields; the headline repeated as a
    /// Markdown heading is no body.
    #[test]
    fn front_matter_gives_the_fields() {
        let a = extract("---\ntitle: 收评：东屿综指收涨0.62%\nauthor: 何逸\nsource: 东屿证券报\ndate: 2024-06-18 15:32\nsource_url: https://x.example/a\nscraped_at: 2024-06-19T16:05:44+08:00\n---\n\n# 收评：东屿综指收涨0.62%\n\n6月18日，三大指数早盘窄幅震荡。\n");
        assert_eq!(a.title.as_deref(), Some("收评：东屿综指收涨0.62%"));
        assert_eq!(a.published_date, Date::new(2024, 6, 18));
        assert_eq!(a.author.as_deref(), Some("何逸"));
        assert_eq!(a.source_name.as_deref(), Some("东屿证券报"));
        assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(a.body_paragraphs, ["6月18日，三大指数早盘窄幅震荡。"]);
    }

    /// Lines no rule names, outside the first and last paragraphs of prose,
    /// are furniture; a notice's closing lines are not.
    #[test]
    fn body_edges_lose_what_is_no_prose() {
        let a = extract("游戏新作发售\n2024-05-06\n\nJul 08 Mon 2024 10:25\n\n这款游戏的新版本加入了双人合作模式，玩家可以邀请好友一起闯关。\n\n开发团队表示，后续还会推出更多地图。\n\n相关游戏：《星海余烬》　类型：动作冒险\n\n深海潜行者\n");
        assert_eq!(
            a.body_paragraphs,
            ["这款游戏的新版本加入了双人合作模式，玩家可以邀请好友一起闯关。", "开发团队表示，后续还会推出更多地图。"]
        );
        // The body's counts are the kept paragraphs'.
        let body_counts = a.script_counts.map(|(_, body)| body);
        assert_eq!(body_counts, Some(ScriptCounts::of(&a.body_paragraphs.join("\n\n"))));
        let a = extract("关于公开征集案件线索的通告\n2023-11-08\n\n为尽快侦破案件，现向社会公开征集线索，公安机关将对举报人信息严格保密。\n\n联系电话：0871-6233110\n\n特此通告。\n\n岚港市公安局岚东分局\n");
        assert_eq!(a.body_paragraphs.last().map(String::as_str), Some("岚港市公安局岚东分局"));
        assert_eq!(a.body_paragraphs.len(), 4);
    }

    /// Lines a review found the first drafts of this session's rules dropped.
    #[test]
    fn body_lines_the_new_rules_must_keep() {
        // A comment count under the lead, the story going on below it.
        let a = extract("岚港新建三所公办幼儿园\n2024-05-06　来源：岚港日报\n今年秋季学期将新增学位1260个。\n评论（12）\n\n记者从市教育局获悉，三所幼儿园分别位于城东、城南和高新区，均为公办园，共设班级42个，秋季学期起面向适龄儿童招生。\n\n三所幼儿园均按省级示范园标准建设。\n");
        assert_eq!(a.body_paragraphs.len(), 3, "{:?}", a.body_paragraphs);
        // A notice's numbered items at the end, a report's first subheading.
        let a = extract("关于报名的公告\n2024-03-01\n\n为满足工作需要，现将有关事项公告如下：\n\n一、报名时间：2024年3月5日至3月15日\n\n二、报名地点：县政务服务中心二楼\n");
        assert_eq!(a.body_paragraphs.len(), 3, "{:?}", a.body_paragraphs);
        let a = extract("统计公报\n2024-03-01\n\n一、综合\n\n初步核算，全年地区生产总值增长5.6%。\n\n二、农业\n\n全年粮食播种面积1.2万亩。\n");
        assert_eq!(a.body_paragraphs.first().map(String::as_str), Some("一、综合"));
        // An agency's byline is no person whose bio closes the story.
        let a = extract("Talks stall\nBy The Associated Press\nMarch 5, 2024\n\nTalks between the two sides stalled on Tuesday.\n\nThe Associated Press has asked the ministry for comment but has not received a response.\n");
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
    }

    /// What a second review found the edge trimming and the list rules did to
    /// text (each input cut down from the review's).
    #[test]
    fn second_review_cases() {
        let body = |text: &str| extract(text).body_paragraphs;
        let head = "Brackmoor news\nMarch 5, 2024\n\nBrackmoor council has published its flood plan after two winters of flooding in the old quarter.\n\n";
        // A short closing quote, a link, a parenthesis: the story's last lines.
        for last in [
            "\"Never again.\"",
            "The full plan can be read at https://www.brackmoor.gov.uk/flood-plan",
            "(The ministry did not respond to a request for comment.)",
        ] {
            assert_eq!(body(&format!("{head}{last}\n")).last().map(String::as_str), Some(last));
        }
        // A list under a line ending in a colon.
        let b = body(&format!(
            "{head}The winners were:\nBest in show: Margaret Oyelaran, Alder Farm\nBest heifer: Tom Reyne, Hillside\n"
        ));
        assert_eq!(b.len(), 4, "{b:?}");
        let zh = "岚港新闻\n2024-05-06　来源：岚港日报\n\n";
        // An ellipsis in half-width dots, half-width commas in a Chinese lead.
        let b = body(&format!("{zh}据了解,岚港市今年将新建三所公办幼儿园,新增学位1260个,预计9月投入使用.\n\n陈师傅说：“干到干不动为止吧......”\n"));
        assert_eq!(b.len(), 2, "{b:?}");
        // A recipe's ingredients, a Q&A's short answer, an issuer the list of
        // issuers did not name.
        let b = body(&format!(
            "{zh}食材：\n牛腩 800克\n土豆 2个\n\n1. 牛腩切块，冷水下锅焯水，撇去浮沫后捞出。\n\n4. 大火收汁即可出锅\n"
        ));
        assert_eq!(b.len(), 5, "{b:?}");
        let b = body(&format!("{zh}问：断缴后还能补缴吗\n\n答：可以\n"));
        assert_eq!(b.len(), 2, "{b:?}");
        let b = body(&format!("{zh}根据有关规定，经笔试、面试、体检和考察，现将拟聘用人员名单予以公示。\n\n特此公示。\n\n岚港市人民检察院\n"));
        assert_eq!(b.last().map(String::as_str), Some("岚港市人民检察院"));
        // A dateline paragraph of its own names the reporter before any trimming.
        let a = extract(&format!(
            "{zh}新华社岚州6月18日电（记者郑砚秋）\n\n记者18日从岚州市住建局获悉，今年全市将启动120个老旧小区改造。\n"
        ));
        assert_eq!(a.author.as_deref(), Some("郑砚秋"));
        // A bio after a byline whose name holds an organisation's word.
        let a = extract("Pub reopens\nBy Kate Newsome\nMarch 5, 2024\n\nThe Plough in Low Moor reopened on Friday.\n\nKate Newsome is a freelance writer who lives in Low Moor.\n");
        assert_eq!(a.body_paragraphs.len(), 1, "{:?}", a.body_paragraphs);
        // A wrapped line starting with a decimal, or with a dash, is no list item.
        let b = body("Economy grows\nMarch 5, 2024\n\nThe Brackmoor regional economy grew at an annualised rate of about\n2.4 percent as manufacturers reported stronger orders in the\nlast quarter, the council's economists said on Tuesday.\n");
        assert_eq!(b.len(), 1, "{b:?}");
        let b = body("Strike ends\nMarch 5, 2024\n\nDockworkers voted on Tuesday to accept a new contract with the port\n-- ending a dispute that had halted ferries for more than three\nweeks, the union said in a statement on Tuesday night.\n");
        assert_eq!(b.len(), 1, "{b:?}");
        // A comment count under a long lead, the story going on below it.
        let b = body(&format!("{zh}记者从市教育局获悉，岚港新建的三所公办幼儿园将于今年9月正式投入使用，分别位于城东、城南和高新区，均按省级示范园标准建设，今年秋季学期将新增学位1260个。\n评论（12）\n\n三所幼儿园共设班级42个，秋季学期起面向适龄儿童招生，具体招生办法将另行公布。\n"));
        assert_eq!(b.len(), 2, "{b:?}");
    }

    /// What a third review found: widgets that read as prose or as an issuer,
    /// a widget's label taken for a list's introduction, Chinese list items
    /// without a space.
    #[test]
    fn third_review_cases() {
        let zh = "岚港新闻\n2024-05-06　来源：岚港日报\n\n岚港新建的三所公办幼儿园将于9月投入使用，今年秋季学期将新增学位1260个。\n\n";
        for widget in ["展开全文...", "加载中...", "网上办事大厅", "手机站"] {
            let b = extract(&format!("{zh}{widget}\n")).body_paragraphs;
            assert_eq!(b.len(), 1, "{widget}: {b:?}");
        }
        let b = extract("Pub reopens\nMarch 5, 2024\n\nThe Plough in Low Moor reopened on Friday after a year.\n\nFollow us on:\nFacebook\nTwitter\n").body_paragraphs;
        assert_eq!(b.len(), 1, "{b:?}");
        let b = extract(&format!(
            "{zh}报名分三个阶段进行：\n1.网上报名阶段为6月1日至6月5日\n2.资格审核阶段为6月6日至6月8日\n"
        ))
        .body_paragraphs;
        assert_eq!(b.len(), 4, "{b:?}");
    }

    /// A subtitle set off by a dash under the headline is not the title.
    #[test]
    fn dash_subtitle_is_not_the_title() {
        let a = extract("专访｜从修车铺到检测实验室：“老匠人”的第二次创业\n——访泊桐启程检测技术有限公司董事长邢海涛\n发布时间：2024-03-05 08:30\n\n正文第一段。\n");
        assert_eq!(a.title.as_deref(), Some("专访｜从修车铺到检测实验室：“老匠人”的第二次创业"));
        assert_eq!(a.body_paragraphs, ["正文第一段。"]);
    }

    /// A page's `<title>` line kept above the headline gives way to the headline.
    #[test]
    fn headline_below_the_page_title_line() {
        let a = extract("岚港新建三所公办幼儿园_岚港新闻_聚讯网\n聚讯网 > 岚港 > 教育\n岚港新建三所公办幼儿园\n2024-05-06　来源：岚港日报\n\n正文第一段。\n");
        assert_eq!(a.title.as_deref(), Some("岚港新建三所公办幼儿园"));
        let a =
            extract("老城区背街小巷完成微改造 居民家门口多了口袋公园 - 岚港晚报数字报\n2024-05-06\n\n正文第一段。\n");
        assert_eq!(a.title.as_deref(), Some("老城区背街小巷完成微改造 居民家门口多了口袋公园"));
    }

    /// A newspaper's lead names the reporter when no byline line does.
    #[test]
    fn reporter_named_in_the_lead_is_the_author() {
        let a = extract("沅屏启动建设\n2024-03-06\n\n本报讯（记者 何舟）3月5日，沅屏启动建设。\n");
        assert_eq!(a.author.as_deref(), Some("何舟"));
        assert_eq!(a.body_paragraphs, ["本报讯（记者 何舟）3月5日，沅屏启动建设。"]);
    }

    /// Below a comment section's heading the lines are readers', not the story's.
    #[test]
    fn readers_comments_close_the_body() {
        let a = extract(
            "菜市场里的节气\n2024年2月14日\n\n正文第一段。\n\n正文第二段。\n\n全部评论（2）\n霁川老街坊：写得真好。\n一棵白菜：今晚就安排！\n",
        );
        assert_eq!(a.body_paragraphs, ["正文第一段。", "正文第二段。"]);
        let a = extract("Storm Hits Coast\nPosted 3 March 2025\n\nBody text here.\n\n3 comments\nGreat story.\n");
        assert_eq!(a.body_paragraphs, ["Body text here."]);
    }

    #[test]
    fn no_title_when_text_starts_with_a_paragraph() {
        let a = extract("这是一段完整的正文，没有标题。\n\n第二段正文。\n");
        assert_eq!(a.title, None);
        assert_eq!(a.body_paragraphs, ["这是一段完整的正文，没有标题。", "第二段正文。"]);
    }

    #[test]
    fn repeated_titles_top_and_bottom() {
        let text = "长江大桥完成年度检修 周末恢复通行\n\n长江大桥完成年度检修\n\n正文一。\n\n正文二。\n\n2025-01-05\n长江大桥完成年度检修 周末恢复通行\n大桥检修完成，周末恢复通行。\n";
        let a = extract(text);
        assert_eq!(a.body_paragraphs, ["正文一。", "正文二。"]);
        assert_eq!(a.summary.as_deref(), Some("大桥检修完成，周末恢复通行。"));
        assert_eq!(a.published_date, Date::new(2025, 1, 5));
        assert_eq!(kinds(&a), [BoilerplateKind::RepeatedTitle, BoilerplateKind::Meta, BoilerplateKind::RepeatedTitle]);
    }

    #[test]
    fn title_repeat_rules() {
        let t = "OpenAI直言:缺GPU資源,GPT-4.5或將分階段發布,如何應對算力挑戰?";
        assert!(is_title_repeat(t, t, false));
        assert!(is_title_repeat("OpenAI直言:缺GPU資源,GPT-4.5或將分階段發布", t, false));
        assert!(is_title_repeat("OpenAI直言:缺GPU資源…", t, true));
        assert!(is_title_repeat("寒潮来袭", "寒潮来袭 东屿市未来三天气温将下降10℃以上", true));
        assert!(!is_title_repeat("寒潮来袭", "寒潮来袭 东屿市未来三天气温将下降10℃以上", false));
        assert!(is_title_repeat("Big News - Daily Site", "Big News", false));
        assert!(!is_title_repeat("Northgate.", "Northgate Bakery Chain to Open Six New Shops", false));
        assert!(!is_title_repeat("完全不同的一行", t, true));
    }

    #[test]
    fn each_furniture_kind_is_dropped() {
        let text = "\
当前位置：首页 > 新闻 > 正文
标题一行
2025年1月2日 来源：某报 作者：李四

正文第一段。

正文第二段。

免责声明：本文仅供参考。
责任编辑：王五
分享到：微信 微博
相关新闻
· 另一条新闻标题
版权所有 © 2025 某网
扫描二维码 下载客户端
";
        let a = extract(text);
        assert_eq!(a.body_paragraphs, ["正文第一段。", "正文第二段。"]);
        use BoilerplateKind::*;
        assert_eq!(kinds(&a), [Navigation, Meta, Disclaimer, Editor, Share, Related, Related, Copyright, AppFooter]);
        assert_eq!(a.author.as_deref(), Some("李四"));
    }

    #[test]
    fn related_list_ends_at_blank_line() {
        let a = extract("标题\n\n正文。\n\nRelated:\nOne link title\nAnother link title\n\n结尾正文。\n");
        assert_eq!(a.body_paragraphs, ["正文。", "结尾正文。"]);
    }

    #[test]
    fn wrapped_disclaimer_continues() {
        let a = extract("标题\n\n正文。\n\n免责声明：本站内容来源于网络，如有\n侵权请联系删除。\n");
        assert_eq!(a.body_paragraphs, ["正文。"]);
        assert_eq!(a.boilerplate.len(), 2);
    }

    #[test]
    fn wrapped_summary_label_continues() {
        let a = extract("标题\n摘要：第一行没有结束\n第二行结束。\n\n正文。\n");
        assert_eq!(a.summary.as_deref(), Some("第一行没有结束第二行结束。"));
        assert_eq!(a.body_paragraphs, ["正文。"]);
    }

    #[test]
    fn year_less_date_uses_crawl_year_or_copyright() {
        let a = extract("采集时间：2025-01-03 08:00\n标题\n12月30日 来源：某报\n\n正文。\n");
        assert_eq!(a.published_date, Date::new(2024, 12, 30));
        let a = extract("标题\n3月5日 来源：某报\n\n正文。\n\n© 2023 某网\n");
        assert_eq!(a.published_date, Date::new(2023, 3, 5));
        let a = extract("标题\n3月5日 来源：某报\n\n正文。\n");
        assert_eq!(a.published_date, None);
    }

    #[test]
    fn first_resolvable_meta_date_wins() {
        let a = extract("标题\n3小时前 来源：某报\n\n正文。\n\n发布日期：2025-02-01\n");
        assert_eq!(a.published_date, Date::new(2025, 2, 1));
        let a = extract("标题\n3小时前 来源：某报\n\n正文。\n");
        assert_eq!(a.published_date, None);
    }

    #[test]
    fn invalid_printed_date_gives_none() {
        let a = extract("标题\n发布时间：2025-02-30\n\n正文。\n");
        assert_eq!(a.published_date, None);
        assert_eq!(a.body_paragraphs, ["正文。"]);
    }

    #[test]
    fn body_dates_are_never_used() {
        let a = extract("标题\n\n2024年5月1日，某市举行活动。\n\n活动于5月2日结束。\n");
        assert_eq!(a.published_date, None);
        assert_eq!(a.body_paragraphs.len(), 2);
    }

    #[test]
    fn ordinary_pages_bylines_and_furniture() {
        let zh_body = "\n\n记者日前从市场监管部门获悉，今年以来全市共受理预付卡投诉312件，同比上升两成。\n\n监管部门提醒消费者理性办卡，保留好合同和付款凭证。\n";
        // A credit's label set off by an ideographic space or a bar, not a colon.
        for (line, name) in [("记者\u{3000}邵楠", "邵楠"), ("作者｜林一舟", "林一舟"), ("作者 | 林一舟", "林一舟")]
        {
            let a = extract(&format!(
                "健身房突然关门、会员卡退费难 监管部门提醒谨慎办卡\n{line}\n2024年08月22日 18:05{zh_body}"
            ));
            assert_eq!(a.title.as_deref(), Some("健身房突然关门、会员卡退费难 监管部门提醒谨慎办卡"), "{line}");
            assert_eq!(a.author.as_deref(), Some(name), "{line}");
        }
        let en_body = "\n\nThe central library will open seven days a week from April after a trial.\n\nAround 60 volunteers took part, working alongside one paid librarian.\n";
        // A name and a newsroom job after its comma, or set apart by dots.
        let a = extract(&format!(
            "Library to open seven days a week after volunteer scheme\nHannah Pryce, Local Democracy Reporter\nMon 10 Feb 2025 07.00 GMT{en_body}"
        ));
        assert_eq!(a.author.as_deref(), Some("Hannah Pryce"));
        let a = extract(&format!(
            "How we moved 40 TB of invoices to a new storage engine\nPriya Natarajan · Staff Software Engineer · October 8, 2024 · 9 min read{en_body}"
        ));
        assert_eq!((a.author.as_deref(), a.source_name.as_deref()), (Some("Priya Natarajan"), None));
        let a = extract(&format!(
            "Urban trees cut night temperatures\nAuthor: Daniel Okafor, Communications Officer{en_body}"
        ));
        assert_eq!(a.author.as_deref(), Some("Daniel Okafor"));
        // A sentence with a comma is no byline; nor is a press contact's name.
        let a = extract(&format!(
            "Library to open seven days a week\nMarch 5, 2024{en_body}\nThe council said, Reporter\n"
        ));
        assert_eq!(a.author, None);
        let a = extract(&format!(
            "Library to open seven days a week\nMarch 5, 2024{en_body}\nMedia contact:\nRenata Osei-Marsh, Communications Manager\n"
        ));
        assert_eq!(a.author, None);
        // Each writer's bio under the text goes.
        let a = extract(&format!(
            "Library to open seven days a week\nBy Megan Torres and Luis Avila\nMarch 5, 2024{en_body}\nLuis Avila covers libraries for the Ledger.\n"
        ));
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
        // `資料來源：` under the headline names the source; under a table inside the text,
        // the figures'.
        let a = extract(&format!("市府加碼育兒津貼\n資料來源：嵐港市政府社會局{zh_body}"));
        assert_eq!(a.source_name.as_deref(), Some("嵐港市政府社會局"));
        let a = extract(&format!(
            "鳳梨價格上揚\n2024年6月20日{zh_body}品種\t今年\t去年\n金鑽鳳梨\t35.0\t31.2\n資料來源：嵐南縣農會\n\n縣農會表示，今年外銷訂單增加。\n"
        ));
        assert_eq!(a.source_name, None);
        // Any agency's dateline names its reporter, also under a widget's line.
        let a = extract("嵐港跨年煙火吸引逾35萬人\n嵐通社／2025年1月1日\n2 分鐘 (閱讀時間)　　分享\n\n（嵐通社記者林怡君嵐港1日電）嵐港市跨年晚會昨晚在港灣廣場登場，現場湧入逾35萬人次。\n\n市府表示，將檢討今年活動的交通疏運。\n");
        assert_eq!(a.author.as_deref(), Some("林怡君"));
        // Attachments' file names and an app's prompt are furniture.
        let a = extract(&format!(
            "关于做好2025年小学招生工作的通知\n2025年4月8日{zh_body}\n附件下载：\n1.鹭汀市2025年小学招生服务区域划分表.xlsx\n2.义务教育招生入学常见问题解答.pdf\n打开腾湃新闻，阅读体验更佳\n"
        ));
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
        // A page's URL on its share line.
        let a = extract(&format!(
            "Library to open seven days a week\nMarch 5, 2024{en_body}\nShare this page: https://news.example.ac.uk/2024/12/library\n"
        ));
        assert_eq!(a.url.as_deref(), Some("https://news.example.ac.uk/2024/12/library"));
        // A forum thread: counters between the board's name and the title; the
        // first post's footer ends it, the replies are comments.
        let a = extract(
            "鹭汀论坛 - 鹭汀人自己的网上家园\n鹭汀论坛 › 吃在鹭汀 › 帖子\n查看: 3862 | 回复: 41\n\
             吃了三年老城区早餐，给新来鹭汀的朋友列个清单\n汀州老饕\n发表于 2024-7-15 21:33 | 只看该作者 | 倒序浏览\n\n\
             来鹭汀工作三年了，每天早上都会在老城区吃早饭，整理一下给大家参考。\n\n\
             府前街的阿芳拌面开了快二十年，拌面加一碗猪肝汤一共14块。\n\n\
             回复　支持(26)　反对(0)　举报\n城南小鱼\n发表于 2024-7-15 22:05\n沙发！府前街那家拌面确实好吃，就是排队太久了。\n",
        );
        assert_eq!(a.title.as_deref(), Some("吃了三年老城区早餐，给新来鹭汀的朋友列个清单"));
        assert_eq!(a.author.as_deref(), Some("汀州老饕"));
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
    }

    #[test]
    fn platform_headers_account_cards_and_headlines() {
        let zh_body = "\n\n最近不少粉丝私信问我：手机用了三四年，续航越来越差，是换块电池接着用，还是干脆卖掉换新机？今天就把我的判断方法分享出来。\n\n第一，看电池健康度。大部分手机在设置里都能查到电池最大容量。\n";
        // An account card (name, follower count, follow button), a relative date
        // with the place it was sent from, resolved against the crawl stamp.
        let a = extract(&format!(
            "抓取时间：2024-05-04 14:22\n首页 / 科技 / 正文\n旧手机别急着卖：换电池之前，先看这四项\n数码老周\n12.6万粉丝\n关注\n3天前·来自广东{zh_body}"
        ));
        assert_eq!(a.title.as_deref(), Some("旧手机别急着卖：换电池之前，先看这四项"));
        assert_eq!(a.author.as_deref(), Some("数码老周"));
        assert_eq!(a.source_name, None);
        assert_eq!(a.published_date, Date::new(2024, 5, 1));
        assert_eq!(a.body_paragraphs.len(), 2);
        // A column's writer over a bio and a vote count; the column it first ran in.
        let a = extract(&format!(
            "首发于城市漫游笔记\n写文章\n沿着废弃铁路走了十二公里，我看到了一座城市的另一面\n周闻溪\n城市规划从业者，喜欢走路\n386 人赞同了该文章{zh_body}"
        ));
        assert_eq!(a.title.as_deref(), Some("沿着废弃铁路走了十二公里，我看到了一座城市的另一面"));
        assert_eq!((a.author.as_deref(), a.source_name.as_deref()), (Some("周闻溪"), Some("城市漫游笔记")));
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
        // An account's name over its post's time; the headline opens the next block.
        let a = extract(&format!(
            "页面抓取时间：2024-04-26 09:40\n雪球　首页　行情　发现　搜索\n慢慢变富的老K\n昨天 21:47 · 来自Android\n\n水务股的分红逻辑还成立吗？聊聊我的两只持仓{zh_body}"
        ));
        assert_eq!(a.title.as_deref(), Some("水务股的分红逻辑还成立吗？聊聊我的两只持仓"));
        assert_eq!(a.author.as_deref(), Some("慢慢变富的老K"));
        assert_eq!(a.published_date, Date::new(2024, 4, 25));
        // A blog's name and tagline; the date line, then the headline.
        let a = extract(&format!(
            "痞客邦 PIXNET　首頁　熱門　旅遊　美食\n米粒的旅行手帖\n跟著米粒慢慢玩\n\n2024-04-02 21:03\n【花蓮】七星潭旁的隱藏版早午餐，窗外就是太平洋{zh_body}"
        ));
        assert_eq!(a.title.as_deref(), Some("【花蓮】七星潭旁的隱藏版早午餐，窗外就是太平洋"));
        // A short title over its date, and a question opening the text: the title stays.
        let a =
            extract("岚港新闻\n2024-05-06　来源：岚港日报\n\n问：断缴后还能补缴吗\n\n答：可以，在三个月内补缴即可。\n");
        assert_eq!(a.title.as_deref(), Some("岚港新闻"));
        // A newsletter's masthead over its subscribe button; a headline over its dek.
        let a = extract(
            "The Quiet Ledger\nSubscribe\nSign in\nThe river keeps moving, and so does our flood map\n\
             Why Marlow Bend has redrawn its flood zones three times in ten years\nElena Vasquez-Hart\nMar 18, 2025\n\n\
             When the county sent out its new flood maps last month, Tom Keel learned that his store was out of the zone.\n",
        );
        assert_eq!(a.title.as_deref(), Some("The river keeps moving, and so does our flood map"));
        assert_eq!((a.author.as_deref(), a.source_name.as_deref()), (Some("Elena Vasquez-Hart"), None));
        // A month and day after a date word, the year from the crawl stamp; an
        // announcement's date label.
        let a = extract(&format!(
            "抓取时间：2024-03-14 09:02\n番茄炖牛腩的家常做法分享给大家{zh_body}\n编辑于 03-12 上海\n"
        ));
        assert_eq!(a.published_date, Date::new(2024, 3, 12));
        let a = extract(&format!(
            "澄峰电力股份有限公司关于投资建设分布式光伏发电项目的公告\n公告日期：2024-03-06{zh_body}"
        ));
        assert_eq!(a.published_date, Date::new(2024, 3, 6));
        // A writer's name and handle.
        let a = extract(&format!("在異鄉學會煮一碗家鄉的粥\n林靜川 @linjingchuan\n2024年2月26日{zh_body}"));
        assert_eq!((a.title.as_deref(), a.author.as_deref()), (Some("在異鄉學會煮一碗家鄉的粥"), Some("林靜川")));
        // A release's media contact block, and a thread's comments.
        let en = "Northvale Robotics opens service center\nMar 12, 2024\n\nNorthvale Robotics, a maker of farm robots, opened a service center in Hartwell on Tuesday.\n\nThe center will employ about 45 people by the end of the year.\n";
        let a = extract(&format!("{en}\nMedia Contact:\nJenna Ruiz\npress@northvale.example.com\n+1 503-555-0142\n"));
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
        let a = extract(&format!("{en}\nTop comments (3)\nGreat write-up, thanks for sharing the numbers.\n"));
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
        // A wire's `SOURCE` line names the issuer.
        let a = extract(&format!("{en}\nSOURCE Northvale Robotics\n"));
        assert_eq!((a.source_name.as_deref(), a.body_paragraphs.len()), (Some("Northvale Robotics"), 2));
        // A WeChat post ends at its `阅读原文` link; a blog's tag heading is furniture.
        let a = extract(&format!("{zh_body}\n阅读原文\n阅读 2.1万\n在看 386\n写留言\n"));
        assert_eq!(a.body_paragraphs.len(), 2, "{:?}", a.body_paragraphs);
        let a = extract(&format!("{zh_body}\n文章標籤\n花蓮美食\n"));
        assert!(a.body_paragraphs.iter().all(|p| p != "文章標籤"), "{:?}", a.body_paragraphs);
        // The page's title (`Headline - Site`) over a menu, the headline opening the next block.
        let a = extract(&format!(
            "I rewrote our log parser in Rust and the speedup was not where I expected - DEV Hub\nDEV Hub Search Log in Create account\n\n\
             I rewrote our log parser in Rust and the speedup was not where I expected\nPosted on Feb 20, 2024{en}"
        ));
        assert_eq!(
            a.title.as_deref(),
            Some("I rewrote our log parser in Rust and the speedup was not where I expected")
        );
        // A forum's title ending with a full stop, under the poster's line.
        let a = extract(
            "reddit Log In Sign Up\nr/bikecommuting\nPosted by u/rainycommuter 2 days ago\n\n\
             Finally did a full winter of bike commuting. Here's what actually mattered.\nDiscussion\n\n\
             Long-time lurker. Last autumn I decided to keep riding my 9 km commute through the whole winter.\n",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Finally did a full winter of bike commuting. Here's what actually mattered.")
        );
        assert_eq!(a.author.as_deref(), Some("u/rainycommuter"));
        // A long dek ending with a full stop between the headline and a bare byline.
        let a = extract(
            "What the library's new late-fee policy actually changed\nA year after Fernhollow dropped overdue fines, more books came back, not fewer. Here is what the numbers show.\n\
             Elena Marsh\nApr 11, 2024\n\nLast April, the Fernhollow Public Library stopped charging fines for overdue books.\n",
        );
        assert_eq!(a.title.as_deref(), Some("What the library's new late-fee policy actually changed"));
        assert_eq!(a.author.as_deref(), Some("Elena Marsh"));
        assert_eq!(a.body_paragraphs.len(), 1, "{:?}", a.body_paragraphs);
        // A note's menu and account card alone in the header block; the title alone below.
        let a = extract(&format!("抓取时间：2024-03-14 09:02\n小红书　发现　发布　通知\n阿柚的厨房\n关注\n\n番茄炖牛腩｜汤汁拌饭能吃三碗的家常做法{zh_body}"));
        assert_eq!(a.title.as_deref(), Some("番茄炖牛腩｜汤汁拌饭能吃三碗的家常做法"));
        assert_eq!(a.author.as_deref(), Some("阿柚的厨房"));
    }

    /// A masthead's block with its page links or menu, the headline in the next block
    /// over its byline.
    #[test]
    fn headline_under_an_e_papers_or_blogs_masthead() {
        let a = extract(
            "澄湾晚报数字报\n2024年12月03日　星期二\n第A05版：城事\n上一版　下一版　上一期　下一期\n\n\
             老城区“口袋公园”今年新增28处\n家门口多了休闲去处，部分公园夜间照明仍需完善\n记者　薛婧\n\n\
             今年以来，澄湾市在老城区见缝插绿，利用边角地、闲置地新建和改造口袋公园28处，新增绿地面积约4.6万平方米。\n",
        );
        assert_eq!(a.title.as_deref(), Some("老城区“口袋公园”今年新增28处"));
        assert_eq!(a.author.as_deref(), Some("薛婧"));
        let a = extract(
            "Notes from Plot 14\nA small allotment, a lot of mud\nHome  About  Archive  Contact\n\n\
             Putting the beds to sleep: my autumn allotment jobs\nPosted on November 17, 2024 by Ruth Ellwood\n\n\
             The first proper frost arrived on Thursday night, and by Saturday morning the courgettes had collapsed.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Putting the beds to sleep: my autumn allotment jobs"));
        assert_eq!(a.author.as_deref(), Some("Ruth Ellwood"));
        // No menu: a name and tagline over a block that opens with the post's date.
        let a = extract(
            "米粒的旅行手帖\n跟著米粒慢慢玩\n\nTuesday, April 02, 2024\n【花蓮】七星潭旁的隱藏版早午餐，窗外就是太平洋\n\n\
             這次清明連假去了一趟花蓮，第二天早上特地早起，到七星潭旁邊找了一間朋友推薦的早午餐店。\n",
        );
        assert_eq!(a.title.as_deref(), Some("【花蓮】七星潭旁的隱藏版早午餐，窗外就是太平洋"));
    }

    /// The review of the platform rules (161 probes): each misfire it showed.
    #[test]
    fn the_platform_rules_review() {
        // A short headline over its date, a subheading opening the text: the headline stays.
        let a = extract(
            "岚港马拉松今日开跑\n2024-11-10 07:30\n\n3万名跑者齐聚港湾大道 现场气氛热烈\n\n\
             11月10日7时30分，2024岚港马拉松在港湾大道鸣枪开跑，来自28个国家和地区的3万名跑者参赛。\n",
        );
        assert_eq!((a.title.as_deref(), a.author.as_deref()), (Some("岚港马拉松今日开跑"), None));
        // `联系人：王老师` is a label and its value, no contact heading: the notice's
        // close and date stay.
        let a = extract(
            "关于开展2024年度春季学期学生资助申请工作的通知\n岚港市教育局\n\n各区教育局、各中小学校：\n\n\
             二、各校应于3月20日前将申请材料报送至市学生资助管理中心。\n\n\
             联系人：王老师\n联系电话：0591-87654321\n特此通知。\n岚港市教育局\n2024年3月5日\n",
        );
        assert_eq!(a.published_date, Date::new(2024, 3, 5));
        assert!(a.body_paragraphs.iter().any(|p| p.contains("特此通知")), "{:?}", a.body_paragraphs);
        // Sentences under a contact heading are the text's.
        let a = extract(
            "岚港文旅推出夏季夜游线路\n2024-06-20　来源：岚港市文化和旅游局\n\n\
             6月20日，岚港市文化和旅游局发布夏季夜游线路，串联老街、港湾和夜市等12个点位。\n\n\
             媒体联系：\n王女士 0591-12345678\n本次活动由市文旅局主办。\n夜游线路将持续开放至9月底。\n",
        );
        assert!(a.body_paragraphs.iter().any(|p| p.contains("持续开放")), "{:?}", a.body_paragraphs);
        // A lone counter under the headline still ends the header.
        let a = extract(
            "欢迎访问岚港市第一中学官方网站\n岚港市第一中学举行2024年春季运动会\n浏览次数：1523\n\n\
             3月28日至29日，岚港市第一中学2024年春季运动会在学校田径场举行，全校2000余名师生参加。\n",
        );
        assert_eq!(a.title.as_deref(), Some("岚港市第一中学举行2024年春季运动会"));
        // Names with their jobs in the text are the text's.
        let a = extract(
            "Northvale Robotics names new leadership team\nMarch 12, 2024\n\n\
             Northvale Robotics, a maker of farm robots, said on Tuesday that its board had approved a new leadership team.\n\n\
             The appointments take effect on April 1:\nMaria Lopez, Chief Financial Officer\nDavid Chen, Engineering Director\n\n\
             The company employs about 300 people in Oregon and plans to hire 120 more by the end of next year.\n",
        );
        assert_eq!(a.author, None);
        assert!(a.body_paragraphs.iter().any(|p| p.contains("Maria Lopez")), "{:?}", a.body_paragraphs);
        // A menu's `关注` tab, a `Follow Us @handle` bar, a headline after `记者｜`: no author.
        let zh_body =
            "\n\n最近不少粉丝私信问我：手机用了三四年，续航越来越差，是换块电池接着用，还是干脆卖掉换新机？\n";
        let a = extract(&format!(
            "首页\n推荐\n关注\n热榜\n视频\n旧手机别急着卖：换电池之前，先看这四项\n2024-05-01 10:20{zh_body}"
        ));
        assert_eq!(a.author, None);
        let a = extract(
            "Follow Us @fenwickledger\nWhy our city's bus lanes finally work\nMar 18, 2025\n\n\
             When the city painted its first red bus lanes in 2019, riders noticed little difference.\n",
        );
        assert_eq!(a.author, None);
        let a = extract(&format!("记者｜在抗洪一线的72小时\n2024年7月3日 来源：岚港日报{zh_body}"));
        assert_eq!((a.title.as_deref(), a.author.as_deref()), (Some("记者｜在抗洪一线的72小时"), None));
        // Text lines that only look like a prompt, a first-run line, an attachment or labels.
        let a = extract(
            "降噪耳机横评：五款千元级产品谁更值\n2024-05-06　作者：数码老周\n\n\
             这次我们挑选了五款千元价位的主动降噪耳机，在地铁、办公室和飞机上各测试了一周。\n\n\
             打开通透模式，体验更好的是岚音X3，人声几乎没有失真。\n\n续航方面，五款产品都能坚持一整天。\n",
        );
        assert_eq!(a.body_paragraphs.len(), 3, "{:?}", a.body_paragraphs);
        let a = extract(
            "岚港市长信箱答复选登\n2024-03-05\n\n留言：\n我家小区旁边的路灯坏了两个月了，晚上出行很不方便。\n\n\
             回复：\n经核实，该路段路灯因电缆被盗损坏，供电部门已于3月4日完成修复。\n",
        );
        assert!(a.body_paragraphs.iter().any(|p| p.starts_with("回复：")), "{:?}", a.body_paragraphs);
    }
}
