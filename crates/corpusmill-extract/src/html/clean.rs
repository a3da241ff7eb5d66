//! Line-level furniture inside the chosen container: the text-dump classifiers
//! (breadcrumbs, share bars, editor credits, copyright, "related" lists, byline and date
//! lines) run on each block, since many sites put them in plain `<p>`/`<div>` with no
//! telling class name.

use std::sync::LazyLock;

use regex::Regex;

use crate::lines::width_capped;
use crate::meta::{self, MetaLine};
use crate::{boilerplate, BoilerplateKind};

/// The kept paragraphs, what was dropped, and the byline/date lines found on the way.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    pub paragraphs: Vec<String>,
    pub dropped: Vec<(BoilerplateKind, String)>,
    pub meta: Vec<MetaLine>,
}

/// Widget labels that pages leave between paragraphs (ad slots, gallery counters,
/// buttons, photo credits).
static WIDGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:advertisement|advertising|advert|ads?|sponsored(?: content)?|caption|close|subscribe|sign up|log ?in|print|e-?mail|comments?|read more|continue reading|show (?:more|less)|loading\.*…?|(?:image|photo|slide)?\s*\d+ of \d+|don['’]t miss|more|skip to (?:main )?content|back to top|this (?:slideshow|video|content) requires javascript\.?|iklan|anzeige|werbung|publicidade|publicidad|publicité|реклама|topics|tags|share|tweet|广告|廣告|推广|推廣)$|^[(（]?(?:image|photo|picture|photograph|credit|source|图|圖|图片|圖片|图片来源|圖片來源)\s*[:：][^.。]*[)）]?$",
    )
    .expect("static regex")
});

/// Promotional and credit lines publishers append to articles: newsletter and social
/// prompts, wire-service reporting credits, reading-time badges, photo credits.
/// Three patterns, not one alternation: the two unanchored ones would make the
/// anchored one run at every position of every line, in a state space too
/// large for the lazy DFA. The contact line, whose `\b` is a Unicode word
/// boundary, is [`PROMO_CONTACT`].
static PROMO: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    [
        r"(?i)^(?:subscribe to|sign up (?:for|to)|follow (?:us|@?\S+(?: \S+){0,6}) on (?:facebook|twitter|instagram|linkedin)|like this (?:story|article)\?|share this (?:story|article)|\(?(?:additional )?reporting by .*(?:editing|edited) by|(?:reading time|tempo de leitura|temps de lecture|lesezeit)\s*:|you (?:may|might) also (?:like|enjoy)|filed under\s*:|additional reporting by|(?:updated|posted|published)(?: at| on)?\s+\d.{0,30}$|\S+@\S+\.\w+$|(?:https?://)?(?:www\.)?twitter\.com/\S+$)",
        r"(?i)contributed (?:reporting|to this report)",
        r"(?i)\((?:images?|photos?|pictures?|credit|source)\s*:[^)]{0,60}\)$",
    ]
    .map(|pattern| Regex::new(pattern).expect("static regex"))
});

/// `Email Ann at ann@example.com`, `Follow her on twitter`: a Unicode `\b`,
/// which the lazy DFA gives up on in non-ASCII text, so the slow engine ran
/// it on every Chinese paragraph (a twentieth of a mixed ingest). It runs
/// only on lines with what it cannot match without: `@` or `twitter`.
static PROMO_CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:email|reach|contact|follow)\b.{0,120}(?:@\w|twitter)").expect("static regex")
});

/// Whether a line is a promotion or credit ([`PROMO`], [`PROMO_CONTACT`]).
fn is_promo(text: &str) -> bool {
    let contact =
        || (text.contains('@') || crate::lines::contains_ascii_ci(text, "twitter")) && PROMO_CONTACT.is_match(text);
    PROMO.iter().any(|re| re.is_match(text)) || contact()
}

/// `More Great Stories`, `Popular on Site`, `Related Roundup: Laptops`: the heading of
/// a link list.
static LIST_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:related|more|popular|trending|recommended|most read|top stories)(?: \S+){0,3}\s*:?$|^(?:related|more)(?: \S+){0,2}\s*:\s*\S.{0,40}$|^you (?:may|might) also (?:like|enjoy)")
        .expect("static regex")
});

/// A line that is a widget label or promotion rather than text.
fn is_widget_label(text: &str) -> bool {
    let w = width_capped(text, 300);
    (w <= 80 && WIDGET.is_match(text)) || (w <= 300 && is_promo(text))
}

pub(crate) fn clean<'a>(blocks: impl IntoIterator<Item = &'a str>) -> Cleaned {
    let blocks: Vec<&str> = blocks.into_iter().map(str::trim).filter(|t| !t.is_empty()).collect();
    let marks: Vec<usize> = (1..blocks.len())
        .filter(|&i| {
            boilerplate::is_end_mark(blocks[i])
                && boilerplate::mark_ends_article(Some(blocks[i - 1]), blocks[i], blocks.get(i + 1).copied())
        })
        .collect();
    let end_mark = boilerplate::ending_mark(&marks, |i| blocks[i]);
    let mut out = Cleaned::default();
    let mut in_related = false;
    // Whether the last block was kept as a paragraph (a signing date follows its
    // signature directly).
    let mut after_kept = false;
    // Past an end mark (`完`, `ENDS`) or a list of references' heading nothing is
    // the article's (a bilingual release's other version, the citations).
    let mut ended = false;
    // Under a press contact's heading: its name, e-mail and phone.
    let mut in_contact = false;
    for (i, &text) in blocks.iter().enumerate() {
        ended |= end_mark == Some(i)
            || (out.paragraphs.len() >= 2 && boilerplate::is_references_heading(text, blocks.get(i + 1).copied()));
        if ended {
            // A government release dates itself under its end mark.
            if let Some(m) = meta::parse_meta(text).filter(|m| m.date.is_some()) {
                out.meta.push(MetaLine { author: None, source: None, url: None, ..m });
            }
            out.dropped.push((BoilerplateKind::Other, text.to_string()));
            continue;
        }
        let kept_before = std::mem::replace(&mut after_kept, false);
        if in_contact && boilerplate::is_contact_detail(text) {
            out.dropped.push((BoilerplateKind::Other, text.to_string()));
            continue;
        }
        in_contact = false;
        // `SOURCE Halvern Robotics, Inc.`: a wire's last line names the issuer.
        if let Some(issuer) = text.strip_prefix("SOURCE ").map(str::trim).filter(|s| !s.is_empty() && s.len() <= 80) {
            out.meta.push(MetaLine { source: Some(issuer.to_string()), ..MetaLine::default() });
            out.dropped.push((BoilerplateKind::Meta, text.to_string()));
            continue;
        }
        if let Some(kind) = boilerplate::classify(text) {
            in_contact = boilerplate::is_contact_heading(text);
            out.dropped.push((kind, text.to_string()));
            continue;
        }
        if boilerplate::is_related_heading(text) || (width_capped(text, 60) <= 60 && LIST_HEADING.is_match(text)) {
            in_related = true;
            out.dropped.push((BoilerplateKind::Related, text.to_string()));
            continue;
        }
        if is_widget_label(text) {
            out.dropped.push((BoilerplateKind::Other, text.to_string()));
            continue;
        }
        if in_related && boilerplate::is_list_item(text) {
            out.dropped.push((BoilerplateKind::Related, text.to_string()));
            continue;
        }
        in_related = false;
        if let Some(m) = meta::parse_meta(text) {
            // The date under a notice's signature (`青岚县人民医院` / `2025年2月20日`)
            // is the notice's, as in a text dump: it stays, and still dates the page.
            let signing = kept_before
                && out.paragraphs.len() >= 2
                && out.paragraphs.last().is_some_and(|p| crate::extract::is_signing_date(&m, text, p));
            out.meta.push(m);
            if signing {
                out.paragraphs.push(text.to_string());
                continue;
            }
            out.dropped.push((BoilerplateKind::Meta, text.to_string()));
            continue;
        }
        out.paragraphs.push(text.to_string());
        after_kept = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The three promotion patterns accept exactly what their alternation did.
    #[test]
    fn promo_patterns_agree_with_their_alternation() {
        // The one pattern these were split from.
        let joined = Regex::new(concat!(
            r"(?i)^(?:subscribe to|sign up (?:for|to)|follow (?:us|@?\S+(?: \S+){0,6}) on (?:facebook|twitter|instagram|linkedin)|like this (?:story|article)\?|share this (?:story|article)|\(?(?:additional )?reporting by .*(?:editing|edited) by|(?:reading time|tempo de leitura|temps de lecture|lesezeit)\s*:|you (?:may|might) also (?:like|enjoy)|filed under\s*:|additional reporting by|(?:email|reach|contact|follow)\b.{0,120}(?:@\w|twitter)|(?:updated|posted|published)(?: at| on)?\s+\d.{0,30}$|\S+@\S+\.\w+$|(?:https?://)?(?:www\.)?twitter\.com/\S+$)",
            r"|contributed (?:reporting|to this report)|\((?:images?|photos?|pictures?|credit|source)\s*:[^)]{0,60}\)$",
        ))
        .expect("regex");
        let lines = [
            "Subscribe to our newsletter",
            "ſubscribe to the daily",
            "Follow us on Twitter",
            "Follow Jane Doe on Facebook",
            "Reporting by A; Editing by B",
            "(Additional reporting by C; edited by D)",
            "Reading time: 4 min",
            "You may also like",
            "Filed under: Politics",
            "Email jane at jane@example.com",
            "Updated 12:30 GMT",
            "Published on 3 May 2024 by staff",
            "reach me at jdoe@paper.org",
            "twitter.com/jdoe",
            "Jane Doe contributed reporting.",
            "Our staff CONTRIBUTED TO THIS REPORT from Paris",
            "The bridge reopened. (Photo: Getty Images)",
            "(Image: AFP)",
            "(credit : Reuters) and more",
            "The old bridge reopened on Friday after six months of repairs.",
            "记者 张三 报道",
            "",
            "(",
            "updated",
        ];
        for line in lines {
            assert_eq!(is_promo(line), joined.is_match(line), "{line:?}");
        }
        // Generated contact-like lines: ASCII and other letters at the word's
        // end, `@` and `twitter` in any case, and text around them.
        let starts =
            ["Email", "REACH", "contact", "Follow", "Followé", "contacté", "emails", "ſollow", "email_x", "联系"];
        let middles = [" Ann at ", " us on ", "", " 张三 ", "é ", " her via "];
        let ends = ["ann@example.com", "@annlee", "Twitter", "TWİTTER", "twıtter", "@ ", "@é", "t.co", "微博"];
        let mut generated = 0;
        for start in starts {
            for middle in middles {
                for end in ends {
                    let line = format!("{start}{middle}{end}");
                    assert_eq!(is_promo(&line), joined.is_match(&line), "{line:?}");
                    generated += usize::from(joined.is_match(&line));
                }
            }
        }
        assert!(generated >= 40, "the generated lines exercise the contact pattern ({generated})");
        assert!(lines.iter().filter(|l| joined.is_match(l)).count() >= 15, "the sample exercises the patterns");
    }

    #[test]
    fn widget_labels() {
        for l in [
            "Advertisement",
            "ADVERTISEMENT",
            "1 of 6",
            "Image 3 of 12",
            "(Image: Getty)",
            "Photo: AP",
            "广告",
            "图片来源：青川网",
            "Subscribe to our newsletter for the latest stories.",
            "Follow The Daily Opinion section on Facebook and Twitter.",
            "(Reporting by A. Writer; Editing by B. Editor)",
            "Reading time: 3 minutes",
            "Protesters marched to the square (Image: Getty )",
            "Keith Lane contributed reporting from Hong Kong.",
            "Email Ann Lee at ann@example.com or follow her @annlee.",
            "Filed under: Politics |",
            "Updated at 1:23 p.m.",
            "Iklan",
        ] {
            assert!(is_widget_label(l), "{l}");
        }
        for l in [
            "More than 300 people came.",
            "Photo: the bridge at dawn. It was cold.",
            "Close to the river, the road ends.",
            "More people than ever signed up for the race this year, organisers said.",
            "Follow the money, investigators were told, and they did.",
        ] {
            assert!(!is_widget_label(l), "{l}");
        }
    }

    #[test]
    fn english_link_list_under_heading() {
        let c = clean([
            "The council approved the plan on Monday, officials said.",
            "More Great Stories",
            "Why the river bridge took six months",
            "The ferry that carried a town",
        ]);
        assert_eq!(c.paragraphs, ["The council approved the plan on Monday, officials said."]);
        let c = clean(["Related Roundup: Laptops", "A short item title", "You may also like", "Another title"]);
        assert!(c.paragraphs.is_empty(), "{:?}", c.paragraphs);
    }

    /// A notice's signing date stays under its signature; a date line elsewhere,
    /// or after a dropped line, is meta.
    #[test]
    fn a_signing_date_stays_under_its_signature() {
        let c = clean([
            "2025-02-21 09:30 来源：人事科",
            "一、招聘岗位。",
            "二、报名方式。",
            "青岚县人民医院",
            "2025年2月20日",
        ]);
        assert_eq!(c.paragraphs, ["一、招聘岗位。", "二、报名方式。", "青岚县人民医院", "2025年2月20日"]);
        assert_eq!(c.meta.len(), 2);
        let c = clean(["一、招聘岗位。", "青岚县人民医院", "分享到：微信 微博", "2025年2月20日"]);
        assert_eq!(c.paragraphs, ["一、招聘岗位。", "青岚县人民医院"]);
        let c = clean(["正文第一段。", "正文第二段。", "2025年2月20日"]);
        assert_eq!(c.paragraphs, ["正文第一段。", "正文第二段。"]);
    }

    #[test]
    fn nothing_after_an_end_mark_or_references() {
        let c = clean(["渡轮新航线明年启用。", "完", "Ferry route to start next year.", "Ends"]);
        assert_eq!(c.paragraphs, ["渡轮新航线明年启用。"]);
        let c = clean(["月亮错觉由来已久。", "科学家有几种解释。", "参考文献：", "[1] 某某. 月亮错觉. 2019."]);
        assert_eq!(c.paragraphs, ["月亮错觉由来已久。", "科学家有几种解释。"]);
        let c = clean(["完", "正文。"]);
        assert_eq!(c.paragraphs, ["正文。"]);
        let c = clean(["总有散场的时候。", "（完）", "后记：这篇文章写于去年冬天。"]);
        assert_eq!(c.paragraphs.len(), 2);
        let c = clean(["第一则。", "（完）", "第二则。", "（完）", "相关新闻"]);
        assert_eq!(c.paragraphs, ["第一则。", "第二则。"]);
    }

    #[test]
    fn chrome_lines_dropped() {
        let c = clean([
            "首页 > 科技 > 正文",
            "2025年2月28日 09:15 来源：青川日报 作者：林晓",
            "正文第一段，讲述了事情的经过。",
            "分享到：微信 微博 QQ空间",
            "相关阅读",
            "另一条新闻的标题",
            "责任编辑：王五",
            "版权所有 © 2025 青川网",
        ]);
        assert_eq!(c.paragraphs, ["正文第一段，讲述了事情的经过。"]);
        assert_eq!(c.meta.len(), 1);
        assert_eq!(c.meta[0].author.as_deref(), Some("林晓"));
        assert_eq!(c.dropped.len(), 7);
    }
}
