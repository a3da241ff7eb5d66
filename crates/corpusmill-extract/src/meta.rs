//! Meta lines: bylines and date lines (`2024年11月3日 09:15 来源：澜江日报 作者：张亦凡`,
//! `By Helen Park | Mar 5, 2024 | Northgate Daily`), crawl stamps, source-URL lines and
//! summary labels.
//!
//! A line counts as meta only if it parses completely into recognised pieces (a date,
//! labelled fields, a byline, at most two short names). Body sentences never do, which is
//! what keeps dates and names inside the body out of the fields.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::date::{
    ascii_digits, find_date, find_roc_line, find_roc_numeric, has_four_digits_in_a_row, may_hold_date, DateHit,
    DateSpec, Scope,
};
use crate::lines::{contains_any, contains_ascii_ci, cue, is_han, line_info, width_capped, LineInfo};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// Labels that a page's markup may glue to the value before them (`<span>来源：
/// 枫港日报</span><span>记者：闻韬</span>` reads `来源：枫港日报记者：闻韬`), longest
/// first where one ends another.
const GLUED_LABELS: [&str; 38] = [
    "最后更新时间",
    "最後更新時間",
    "最后更新日期",
    "最後更新日期",
    "责任编辑",
    "責任編輯",
    "发布时间",
    "發布時間",
    "發佈時間",
    "更新时间",
    "更新時間",
    "更新日期",
    "发表时间",
    "發表時間",
    "发布日期",
    "發布日期",
    "阅读次数",
    "閱讀次數",
    "浏览次数",
    "瀏覽次數",
    "点击数",
    "點擊數",
    "阅读",
    "閱讀",
    "浏览",
    "瀏覽",
    "播放",
    "播放量",
    "来源",
    "來源",
    "作者",
    "记者",
    "記者",
    "通讯员",
    "通訊員",
    "编辑",
    "編輯",
    "时间",
];

/// Sets apart, with ` | `, each known label ([`GLUED_LABELS`]) that runs on from
/// the value of a label before it: only after a first full-width or ASCII colon,
/// so `本报记者：张三` stays whole.
fn split_glued_labels(norm: Cow<'_, str>) -> Cow<'_, str> {
    let Some(first) = norm.find(['：', ':']) else { return norm };
    let mut cuts = Vec::new();
    // A second label needs a second colon.
    let labels = norm[first..].char_indices().skip(1).any(|(_, c)| matches!(c, '：' | ':'));
    let after_first = if labels { first + 1 } else { norm.len() };
    for (at, c) in norm.char_indices().skip_while(|&(i, _)| i < after_first) {
        if !matches!(c, '：' | ':') {
            continue;
        }
        let before = &norm[first..at];
        let Some(label) = GLUED_LABELS.iter().find(|l| before.ends_with(*l)) else { continue };
        let start = at - label.len();
        // `摄影记者：` is one label of its own.
        let compound = ["摄影", "攝影", "文字", "实习", "實習", "特约", "特約", "首席", "本报", "本報", "见习", "見習"]
            .iter()
            .any(|w| norm[..start].ends_with(w));
        // Glued: the character before the label is part of the previous value.
        let glued = !compound
            && norm[..start]
                .chars()
                .next_back()
                .is_some_and(|p| !p.is_whitespace() && !matches!(p, '|' | '｜' | '：' | ':' | '】' | ']'));
        // `发布时间：` holds `时间：`; the label must not end a longer one.
        let inside_longer =
            GLUED_LABELS.iter().any(|l| l.len() > label.len() && l.ends_with(label) && before.ends_with(l));
        if glued && !inside_longer && start > first {
            cuts.push(start);
        }
    }
    // A date glued to a label's value (`来源：溪宁新闻网2024-07-21 16:40`): four
    // digits, then `-` `/` `.` or 年, right after a Han character.
    let bytes = norm.as_bytes();
    for (at, _) in norm.match_indices(|c: char| c.is_ascii_digit()).filter(|&(i, _)| i > first) {
        let four = bytes.get(at..at + 4).is_some_and(|w| w.iter().all(u8::is_ascii_digit));
        let then = norm.get(at + 4..).is_some_and(|rest| rest.starts_with(['-', '/', '.', '年']));
        if four && then && norm[..at].chars().next_back().is_some_and(crate::lines::is_han) {
            cuts.push(at);
        }
    }
    if cuts.is_empty() {
        return norm;
    }
    cuts.sort_unstable();
    let mut out = String::with_capacity(norm.len() + 3 * cuts.len());
    let mut from = 0;
    for cut in cuts {
        out.push_str(&norm[from..cut]);
        out.push_str(" | ");
        from = cut;
    }
    out.push_str(&norm[from..]);
    Cow::Owned(out)
}

/// Fields read from one meta line.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct MetaLine {
    pub date: Option<DateHit>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The line is nothing but a date (and time): the content-farm date line.
    pub date_only: bool,
}

/// A crawl stamp (`采集时间：2024-12-31 10:42`, `Retrieved 2024-03-12 10:05 UTC`): the base
/// for relative dates, never the publication date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Crawl {
    pub hit: DateHit,
}

static CRAWL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[【\[(（]?\s*(?:页面|頁面|网页|網頁)?(?:page saved|saved at|saved on|采集时间|采集日期|采集于|採集時間|採集於|抓取时间|抓取時間|抓取于|抓取於|撷取时间|擷取時間|撷取于|擷取於|快照时间|快照時間|存档时间|存檔時間|爬取时间|爬取時間|爬取于|入库时间|入庫時間|收录时间|收錄時間|crawl(?:ed)?(?: at| on| time| date)?|retrieved(?: at| on)?|fetched(?: at| on)?|scraped(?: at| on)?|captured(?: at| on)?|accessed(?: at| on)?|archived(?: at| on)?)\s*[：:]?\s*(.*)$",
    )
});
static URL_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[【\[(（]?\s*(?:原帖地址|原帖網址|原帖链接|原帖連結|原文链接|原文連結|原文鏈接|原文地址|原文网址|原文網址|本文链接|本文連結|本文鏈接|本文地址|文章链接|文章連結|来源链接|來源連結|来源网址|來源網址|来源地址|來源地址|原始链接|原始連結|网址|網址|链接|鏈接|連結|文章网址|文章網址|article link|article url|story link|original article|original story|original post|original link|original url|originally published (?:at|in|on)|original|source url|source|read at|read more at|read the original at|link|url|permalink|canonical|share this page|share this article|share this story)\s*[】\])）]?\s*[：:]?\s*(https?://\S+)\s*$",
    )
});
/// Group 1 of [`URL_LABELLED`] on its own.
static URL_IN_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)https?://\S+"));
static URL_BARE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:https?://\S+)$"));
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[【\[]\s*(?:摘要|内容摘要|內容摘要|内容提要|內容提要|提要|导读|導讀|导语|導語|核心提示|要点|要點|划重点|劃重點|summary)\s*[】\]]\s*[：:]?|(?:摘要|内容摘要|內容摘要|内容提要|內容提要|提要|导读|導讀|导语|導語|核心提示|要点|要點|划重点|劃重點|summary|abstract|tl;dr|in brief)\s*[：:])\s*(\S.*)$",
    )
});

/// The tools a portal prints on its date line (`【字体：大 中 小】【打印】【关闭】`):
/// cut out before the line is split into pieces.
static PAGE_TOOLS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"[【\[]\s*(?:字体|字體|字号|字號)\s*[：:]\s*(?:[大中小]\s*){2,3}[】\]]|(?:字体|字體|字号|字號)\s*[：:]\s*(?:[大中小]\s*){2,3}|[【\[]\s*(?:打印|列印|关闭|關閉|纠错|糾錯|我要纠错|我要糾錯|收藏|分享|评论|評論|打印本页|打印本頁|关闭窗口|關閉窗口)\s*[】\]]|(?:阅读|閱讀|浏览|瀏覽|点击|點擊|评论|評論|回复|回覆|查看|收藏|点赞|點讚|分享|转发|轉發)\s*[\d.,]+\s*[kKwW万萬]?(?:\s*次)?|约\s*\d+\s*分钟|約\s*\d+\s*分鐘|(?i:\d+\s*min(?:ute)?s?\s+read)|只看楼主|只看樓主|只看该作者|只看該作者|倒序浏览|倒序瀏覽|只看大图|只看大圖|阅读模式|閱讀模式|电梯直达|電梯直達|\d+\s*(?:则|則|条|條)\s*(?:留言|评论|評論|回复|回覆)",
    )
});
/// `文/记者 梁思远`, `文｜周可`, `撰文／簡書豪`: a byline whose label is cut off by a
/// slash or bar, made a labelled piece (`作者：…`) before the line is split.
static SLASH_BYLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[\s|｜\u{3000}（(])(?:文|文字|图文|圖文|撰文|撰稿)\s*[/／｜|]\s*"));
/// `作者｜林一舟`, `记者　邵楠`, `编辑 | 周木`: a credit's label set off by a bar or an
/// ideographic space instead of a colon, made a labelled piece (`作者：…`).
static BAR_LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(^|[\s|｜丨\u{{3000}}])({BAR_LABEL_WORDS})[ \t]*(?:[|｜丨]|\u{{3000}})[\s|｜丨]*")));
/// The labels [`BAR_LABEL`] reads, as alternatives of a pattern.
const BAR_LABEL_WORDS: &str = "作者|记者|記者|撰文|撰稿|责任编辑|責任編輯|编辑|編輯|责编|責編|来源|來源|排版|审核|審核|校对|校對|策划|策劃|统筹|統籌|出品|监制|監製|设计|設計|视觉|視覺|摄影|攝影|图片|圖片";
/// Whether a line starts with a [`BAR_LABEL`] (`作者｜林一舟`); the first character is
/// tested before the pattern, which most lines never reach.
fn starts_bar_label(line: &str) -> bool {
    line.chars().next().is_some_and(|c| "作记記撰责責编編来來排审審校策统統出监監设設视視摄攝图圖".contains(c))
        && BAR_LABEL.find(line).is_some_and(|m| m.start() == 0)
}
/// `图/俱乐部媒体部`, `圖／嵐港市文化局提供`: a picture's credit beside a slash byline,
/// made a label of nothing kept.
static SLASH_PICTURE_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|[\s|｜\u{3000}（(])(?:图|圖|摄影|攝影)\s*[/／｜|]\s*"));
/// A reporter's title before the name in an author's value (`记者 梁思远`,
/// `實習記者 梁穎琳`), which is no part of the name.
static REPORTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\p{Han}{1,6}?(?:社|报|報|台|网|網))?(?:本报|本報)?(?:实习|實習|特约|特約|首席|资深|資深)?(?:记者|記者|通讯员|通訊員|评论员|評論員)\s*",
    )
});
/// A label of a meta line that names nothing this extractor keeps (`摄影：`,
/// `主题分类：`, `成文日期：`): the piece is passed over. Such a piece alone never
/// makes a line meta.
static OTHER_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\p{Han}{2,6}|[A-Za-z][A-Za-z ]{1,20})\s*[：:]"));

/// `原创` (`原創`): a WeChat or Toutiao header's mark of an original post, before the
/// author's and the account's names.
const ORIGINAL_MARKS: [&str; 2] = ["原创", "原創"];

/// Strong separators between the pieces of a meta line. Single spaces are not among
/// them: English names and sources contain spaces.
static SEPARATORS: LazyLock<Regex> = LazyLock::new(|| re(r"[|｜丨／∕\u{3000}\t]|\s{2,}|\s/\s|\s[·‧•—–]\s|;\s"));
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:上午|下午|中午|晚上|晚間|晚间|凌晨|早上)\s*\d{1,2}:\d{2}(?::\d{2})?|(?:上午|下午|中午|晚上|晚間|晚间|凌晨|早上)?\s*\d{1,2}\s*[時时]\s*\d{1,2}\s*分|(?-u:\b)(?:\d{1,2}\.\d{2}\s*(?:gmt|bst|utc)(?-u:\b)|\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[ap]\.m\.|(?:utc|gmt|bst|[ap]\.?m)(?-u:\b))|(?-u:\b)))",
    )
});
/// The labels of [`LABEL`], in its order (leftmost-first: `文字` before `文`).
const LABEL_WORDS: [&str; 105] = [
    "稿件来源",
    "稿件來源",
    "新闻来源",
    "新聞來源",
    "消息来源",
    "消息來源",
    "信息来源",
    "信息來源",
    "資訊來源",
    "资料来源",
    "資料來源",
    "文章来源",
    "文章來源",
    "稿源",
    "本文来源",
    "本文來源",
    "来源",
    "來源",
    "出处",
    "出處",
    "原帖作者",
    "up主",
    "作者",
    "記者",
    "记者",
    "撰文",
    "撰稿",
    "文字",
    "报道",
    "報道",
    "报导",
    "報導",
    "回复",
    "回覆",
    "查看",
    "评论",
    "評論",
    "留言",
    "浏览人次",
    "瀏覽人次",
    "人气",
    "人氣",
    "浏览次数",
    "瀏覽次數",
    "阅读次数",
    "閱讀次數",
    "浏览量",
    "瀏覽量",
    "阅读量",
    "閱讀量",
    "点击数",
    "點擊數",
    "点击量",
    "點擊量",
    "点阅次数",
    "點閱次數",
    "点击",
    "點擊",
    "浏览",
    "瀏覽",
    "阅读",
    "閱讀",
    "播放量",
    "播放次数",
    "播放次數",
    "播放",
    "发布时间",
    "發佈時間",
    "發布時間",
    "发布日期",
    "發佈日期",
    "發布日期",
    "公告日期",
    "发表时间",
    "發表時間",
    "发表于",
    "發表於",
    "发布于",
    "發佈於",
    "發布於",
    "更新时间",
    "更新時間",
    "更新日期",
    "发出时间",
    "發出時間",
    "发出日期",
    "發出日期",
    "时间",
    "時間",
    "日期",
    "责任编辑",
    "責任編輯",
    "编辑",
    "編輯",
    "文",
    "source",
    "author",
    "reporter",
    "date",
    "last updated",
    "first published",
    "last modified",
    "published",
    "updated",
    "posted",
];
static LABEL: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)({})\s*[：:]\s*", LABEL_WORDS.join("|"))));

/// Where [`LABEL`]'s match ends in `piece` and where its label does (group 1),
/// when the match starts the piece: read by hand, as the pattern's capture
/// engine took thousands of instructions a labelled piece. `None` when no label
/// opens the piece (the pattern may still match further on).
fn label_at_start(piece: &str) -> Option<(usize, usize)> {
    LABEL_WORDS.iter().find_map(|word| {
        let rest = strip_label(piece, word)?;
        let after_colon = rest.trim_start().strip_prefix(['：', ':'])?;
        Some((piece.len() - rest.len(), piece.len() - after_colon.trim_start().len()))
    })
}
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:written|reported|reporting|words|story|text|posted|interview|interviewed|reviewed|review)\s+)?by:?\s+(\S.*)$",
    )
});
/// The words [`BYLINE`] allows before its `by`, in its order.
const BYLINE_WORDS: [&str; 11] = [
    "written",
    "reported",
    "reporting",
    "words",
    "story",
    "text",
    "posted",
    "interview",
    "interviewed",
    "reviewed",
    "review",
];

/// What [`BYLINE`]'s group 1 captures (the text after `by`), read by hand: the
/// regex's capture engine took about 6,000 instructions a byline. Pieces holding
/// a newline (which `.` does not cross) are left to the regex.
fn byline_value(piece: &str) -> Option<&str> {
    if piece.contains('\n') {
        return BYLINE.captures(piece)?.get(1).map(|m| m.as_str());
    }
    // `(?i)`: `strip_label` folds case as the pattern does (ſ for s).
    let after_word = BYLINE_WORDS.iter().find_map(|word| {
        let rest = strip_label(piece, word)?;
        let blanks = rest.trim_start();
        (blanks.len() < rest.len()).then_some(blanks).and_then(|r| strip_label(r, "by"))
    });
    let rest = after_word.or_else(|| strip_label(piece, "by"))?;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let value = rest.trim_start();
    (value.len() < rest.len() && !value.is_empty()).then_some(value)
}

/// The credits of those who are not the story's authors (`Editing by Kieran Holt`,
/// `Additional reporting by Tom Li` after `Reporting by …; `): read and dropped.
static OTHER_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:editing|edited|additional reporting|writing|graphics|photos?|photography|production|fact-checking)\s+by\s+\S|compiled by\s+\S)",
    )
});
/// Whether [`OTHER_CREDIT`] may match `piece`: every credit opens with one of
/// these letters (none that `(?i)` folds from a non-ASCII one) and holds `by`.
fn may_be_other_credit(piece: &str) -> bool {
    let start =
        piece.as_bytes().first().is_some_and(|&b| matches!(b | 0x20, b'e' | b'a' | b'w' | b'g' | b'p' | b'f' | b'c'));
    start && contains_ascii_ci(piece, "by")
}

/// A page's counter with its number and no colon (`瀏覽數 6,204`).
static BARE_COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:浏览|瀏覽|阅读|閱讀|点击|點擊|人气|人氣)(?:数|數|量|次数|次數)?\s*[\d,.]+\s*[万萬wWkK]?(?:次|人次)?$|^[\d,.]+\s*[万萬wWkK]?\s*(?:次|人)?(?:阅读|閱讀|浏览|瀏覽|播放|观看|觀看)$|^(?:cv|av)\d{4,}$",
    )
});
/// A reporter's byline (`记者 宋婉`, `記者蔡承翰、許雅晴`); a character of the name
/// may be U+FFFD, lost to a decoder (`记者 宋�`), and the line is still a byline.
static REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?P<paper>\p{Han}{2,8}?(?:日报|日報|晚报|晚報|早报|早報|时报|時報|商报|商報|新闻网|新聞網|电视台|電視台))?(?:本报|本報)?(?:实习|實習|特约|特約|首席|资深|資深)?(?:记者|記者|作者|撰文)(?:\s*(?P<name>[\p{Han}·\x{FFFD}]{2,5}?(?:、[\p{Han}·]{2,5}?)*)|\s+(?P<spaced>[\p{Han}·]{2,5}?(?:\s+[\p{Han}·]{2,5}?)+))\s*(?:报道|報導|报导|報道)?|(?P<reporting>[\p{Han}·]{2,3})\s+(?:报道|報導|报导|報道))$",
    )
});
/// A correspondent's credit (`通讯员 祁东升`).
static CORRESPONDENT: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:通讯员|通訊員|实习生|實習生)\s*([\p{Han}·]{2,5})$"));
/// A line of reporters' credits naming several people (`记者 司徒岚　通讯员 尉迟敏
/// 黎佳禾`, `記者 區嘉朗、歐陽卓恩`): each role word followed by names of two to
/// four characters.
static REPORTER_CREDITS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:本报|本報)?(?:实习|實習|特约|特約)?(?:记者|記者|通讯员|通訊員|实习生|實習生)[\s　]*[\p{Han}·]{2,4}(?:[\s　、，,]+[\p{Han}·]{2,4})*[\s　]*)+$",
    )
});
/// The role words of [`REPORTER_CREDITS`], longest first.
const CREDIT_ROLES: [&str; 6] = ["实习生", "實習生", "通讯员", "通訊員", "记者", "記者"];
/// Words before a role in [`REPORTER_CREDITS`] (`本报记者`, `实习记者`).
const CREDIT_TITLES: [&str; 4] = ["本报", "本報", "实习", "實習"];

/// The names of a [`REPORTER_CREDITS`] line with two or more, joined with `、`.
fn reporter_credits(line: &str) -> Option<String> {
    if !REPORTER_CREDITS.is_match(line) {
        return None;
    }
    // One role word must be set off by a space (`记者探访 老菜场 年味浓` is a
    // headline); two may be glued to their names (`记者张晓梅　通讯员李明`).
    let count = CREDIT_ROLES.iter().map(|r| line.matches(r).count()).sum::<usize>();
    let spaced =
        CREDIT_ROLES.iter().any(|r| line.split(r).nth(1).is_some_and(|rest| rest.starts_with(char::is_whitespace)));
    if count < 2 && !spaced {
        return None;
    }
    let mut names = Vec::new();
    for word in line.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',')) {
        let mut word = word;
        while let Some(role) = CREDIT_ROLES.iter().chain(&CREDIT_TITLES).find(|r| word.starts_with(*r)) {
            word = &word[role.len()..];
        }
        if !word.is_empty() {
            names.push(word);
        }
    }
    if names.len() < 2 {
        return None;
    }
    // `记者　王伟　　南昌　报道`: a dateline's place and word are no names; nor is a
    // widget's word after the names (`作者：记者 陶明远 通讯员 贺佳 打印`).
    names.retain(|n| !is_not_name(n) && !is_office(n) && !is_dateline_word(n));
    while names.len() > 1 && names.last().is_some_and(|n| n.chars().count() <= 2 && !is_han_personal_name(n)) {
        names.pop();
    }
    (!names.is_empty()).then(|| names.join("、"))
}

/// Where a repost notice says the story first ran (`本文转自：鹭汀晚报`,
/// `本文转载自微信公众号“星河科普”，…`, `原文刊載於《澄嶼醫訊》第218期`).
static REPOST_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"本文(?:转|轉)(?:自|载自|載自)\s*[：:]?\s*(?:微信公众号|微信公眾號|公众号|公眾號)?\s*[“"「《]?([^”"」》，,。；\s（()）]{2,20})|本文(?:来自|來自)\s*(?:微信公众号|微信公眾號|公众号|公眾號)?\s*[“"「《]([^”"」》，,。；\s（()）]{2,20})[”"」》]|原文(?:刊载|刊載|发表|發表|首发|首發|载|載)(?:于|於)\s*《([^》]{2,20})》"#,
    )
});

/// The writer a repost notice names (`本文来自微信公众号“咖语观察”，作者：芦苇，…`).
static REPOST_AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^本文(?:(?:转|轉)(?:自|载自|載自)|来自|來自).{2,60}?[，,]\s*作者\s*[：:]\s*(\p{Han}{2,4})[，,。]")
});

/// The author a repost notice names ([`REPOST_AUTHOR`]).
pub(crate) fn repost_author(line: &str) -> Option<String> {
    Some(REPOST_AUTHOR.captures(line)?.get(1)?.as_str().to_string())
}

/// The source a repost notice names ([`REPOST_SOURCE`]).
pub(crate) fn repost_source(line: &str) -> Option<String> {
    let c = REPOST_SOURCE.captures(line)?;
    let name = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3))?.as_str().trim();
    // `本文转载自其他媒体`, `…自网络`: no name.
    let generic = [
        "其他",
        "其它",
        "网络",
        "網絡",
        "網路",
        "互联网",
        "互聯網",
        "网友",
        "網友",
        "网上",
        "網上",
        "公众号",
        "公眾號",
        "微信",
    ];
    (!name.is_empty() && !generic.iter().any(|g| name.contains(g))).then(|| name.to_string())
}

/// Where or with what a post was sent, after its time (`3天前·来自广东`, `昨天 21:47 ·
/// 来自Android`, `2024-04-12 09:31发布于北京`, `编辑于 03-12 上海`): no outlet.
static POSTED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    // A province or a device, not an outlet (`来自岚港日报` is a source).
    let place = PROVINCES.join("|");
    re(&format!(
        r"(?:\s*[·・•]\s*|\s+)(?:来自|來自)\s*(?:{place}|[A-Za-z][A-Za-z0-9 ]{{1,15}}|\p{{Han}}{{0,6}}(?:客户端|客戶端|手机|手機))$|(\d{{1,2}}:\d{{2}}|[前天])\s*(?:发布于|發佈於|發布於|发表于|發表於)\s*(?:{place})$|^((?:编辑于|編輯於|发布于|發佈於|發布於)\s*\d{{1,4}}[-/.]\d{{1,2}}(?:[-/.]\d{{1,2}})?(?:\s+\d{{1,2}}:\d{{2}})?)\s+\p{{Han}}{{2,3}}$"
    ))
});
/// `Apr 02 Tue 2024`: a blog platform's date with the day of the week before the
/// year, read as `Tue Apr 02 2024`.
static WEEKDAY_BEFORE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2})\s+((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\s+(\d{4})\b",
    )
});
/// `编辑于 03-12`: a platform's month and day without the year, after its date word;
/// read as `3月12日` (the year comes from the dump, as for `3月12日`).
static LABELLED_MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^((?:编辑于|編輯於|发布于|發佈於|發布於|发表于|發表於)\s*)(\d{1,2})-(\d{1,2})(\s|$)"));
/// A post's IP location (`IP 属地云州`, `IP屬地：台灣`): where the poster was, no
/// outlet.
static IP_LOCATION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bIP\s*(?:属地|屬地)\s*[：:]?\s*[\p{Han}A-Za-z]{1,12}"));

/// An update's time in brackets after the date (`2024/11/26 16:05（11/26 18:40 更新）`):
/// its short date would end the line's reading.
static UPDATE_NOTE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)[（(][\d/\-.:\s]{1,20}(?:更新|updated)\s*[）)]"));

static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:first |last |originally )?(?:published|posted|updated)(?: on| at)?|on|at|发布于|發佈於|發布於|发表于|發表於|更新于|更新於|编辑于|編輯於|修改于|修改於|发布|發佈|發布|更新|綜合報導|综合报道|综合报导|報導|报道|讯|訊|电|電|(?:utc|gmt)(?:[+-]\d{1,2}(?::?\d{2})?)?|[ecmp][sd]?t|bst|cest?|hkt|sgt|jst|aes?t|aedt|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?|last modified(?: on)?|modified(?: on)?|updated on|[ap]\.?m\.?|[（(]?(?:星期|週|周|礼拜|禮拜)[一二三四五六日天][）)]?|第\s*[0-9a-z]{1,3}\s*版(?:\s*[：:]\s*\S{1,8})?)$",
    )
});

#[derive(Clone, Copy, PartialEq)]
enum LabelKind {
    Source,
    Author,
    Date,
    Editor,
    /// A counter of the page (`浏览次数：3521`): read and dropped.
    Counter,
}

fn label_kind(label: &str) -> LabelKind {
    match label.to_lowercase().as_str() {
        "作者" | "記者" | "记者" | "撰文" | "撰稿" | "文" | "文字" | "原帖作者" | "up主" | "报道" | "報道" | "报导"
        | "報導" | "author" | "reporter" => LabelKind::Author,
        "稿件来源" | "稿件來源" | "新闻来源" | "新聞來源" | "消息来源" | "消息來源" | "来源" | "來源" | "出处"
        | "出處" | "信息来源" | "信息來源" | "資訊來源" | "资料来源" | "資料來源" | "文章来源" | "文章來源"
        | "稿源" | "本文来源" | "本文來源" | "source" => LabelKind::Source,
        "浏览次数" | "瀏覽次數" | "阅读次数" | "閱讀次數" | "浏览量" | "瀏覽量" | "阅读量" | "閱讀量" | "点击数"
        | "點擊數" | "点击量" | "點擊量" | "点阅次数" | "點閱次數" | "点击" | "點擊" | "浏览" | "瀏覽" | "阅读"
        | "閱讀" | "回复" | "回覆" | "查看" | "评论" | "評論" | "留言" | "浏览人次" | "瀏覽人次" | "人气" | "人氣"
        | "播放" | "播放量" | "播放次数" | "播放次數" => LabelKind::Counter,
        "责任编辑" | "責任編輯" | "编辑" | "編輯" => LabelKind::Editor,
        _ => LabelKind::Date,
    }
}

/// `本报讯（记者 何舟）3月5日，…`, `新华社岚州6月18日电（记者郑砚秋）`: the reporter
/// a newspaper or agency names at the start of a
/// story's first paragraph (one name: two or three characters, four after a
/// compound surname, or two parts joined by `·`; with others beside it, none is
/// taken).
static INLINE_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    // Up to four names apart by spaces or `、`, a correspondent's role word between
    // them (`（记者 郑昀 贾思齐）`, `（記者 李明 通訊員 王五）`).
    let pattern = r"^(?:本报讯|本報訊|\p{Han}{2,6}(?:讯|訊)|\p{Han}{2,10}\d{1,2}月\d{1,2}日(?:电|電)|【\p{Han}{2,8}】)?\s*[（(【〔]\s*(?:本报|本報)?(?:记者|記者)\s*((?:{name})(?:(?:\s*、\s*|\s+)(?:(?:{roles})\s*)?(?:{name})){0,3})\s*(?:[／/]\s*\p{Han}{2,6}?)?(?:报道|報道|報導|报导)?[）)】〕]";
    let roles = [CO_REPORTERS, PHOTOGRAPHERS].concat().join("|");
    let name = r"(?:{compound})\p{Han}{1,2}|\p{Han}{2,3}|\p{Han}{1,6}·\p{Han}{1,6}";
    re(&pattern.replace("{name}", name).replace("{roles}", &roles).replace("{compound}", &COMPOUND_SURNAMES.join("|")))
});

/// Role words of those who report with the reporter, and are credited as authors.
const CO_REPORTERS: &[&str] = &["通讯员", "通訊員", "实习记者", "實習記者", "见习记者", "見習記者", "实习生", "實習生"];
/// Role words of those who took the pictures, no authors.
const PHOTOGRAPHERS: &[&str] = &["摄影", "攝影", "摄像", "攝像"];
/// `（中央社記者王思涵台北20日電）`, `（嵐通社記者林怡君嵐港1日電）`: an agency's dateline, the reporter's name run
/// together with the place's.
static WIRE_BYLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(]\p{Han}{1,3}社(?:记者|記者)(\p{Han}{4,5})\d{1,2}日(?:电|電)"));

/// The reporter named at the start of a first paragraph ([`INLINE_BYLINE`],
/// [`WIRE_BYLINE`]). In a wire's dateline a place of two characters follows
/// the name, as most are (`台北`, `上海`): four characters are two and two,
/// five three and two; other lengths are not split.
pub(crate) fn inline_byline(paragraph: &str) -> Option<String> {
    // A wire's dateline before the bracket (`华通网岫阳9月12日电（`).
    let dateline = || {
        paragraph.chars().take(20).collect::<String>().contains("日电（")
            || paragraph.chars().take(20).collect::<String>().contains("日電（")
    };
    if !paragraph.starts_with(['本', '（', '(', '【', '〔', '新', '中'])
        && !paragraph.chars().take(8).any(|c| matches!(c, '（' | '('))
        && !dateline()
    {
        return None;
    }
    if let Some(c) = INLINE_BYLINE.captures(paragraph) {
        // `【记者手记】`, `【记者观察】`: a column's name; `【記者溫梓朗報道】` says it reports.
        let reports = c.get(0).is_some_and(|m| REPORT_WORDS.iter().any(|w| m.as_str().contains(w)));
        let bracketed = ["【记者", "【記者", "〔记者", "〔記者", "【本报记者", "【本報記者"];
        if bracketed.iter().any(|b| paragraph.starts_with(b)) && !reports {
            return None;
        }
        let run = c.get(1)?;
        // Each role word says what the names after it are: co-reporters are authors,
        // photographers not.
        let mut names: Vec<&str> = Vec::new();
        let mut photos = false;
        for token in run.as_str().split(|ch: char| ch.is_whitespace() || ch == '、').filter(|t| !t.is_empty()) {
            let mut name = token;
            if let Some(rest) = CO_REPORTERS.iter().find_map(|r| token.strip_prefix(r)) {
                (photos, name) = (false, rest);
            } else if let Some(rest) = PHOTOGRAPHERS.iter().find_map(|r| token.strip_prefix(r)) {
                (photos, name) = (true, rest);
            }
            if !name.is_empty() && !photos && !REPORT_WORDS.contains(&name) {
                names.push(name);
            }
        }
        // `（记者 谢来 北京报道）`: the place glued to `报道` is the dateline's.
        let place_glued = REPORT_WORDS.iter().any(|w| paragraph[run.end()..].starts_with(w));
        if place_glued && names.len() >= 2 {
            names.pop();
        }
        return (!names.is_empty()).then(|| names.join("、"));
    }
    let run = WIRE_BYLINE.captures(paragraph)?.get(1)?.as_str();
    let chars: Vec<char> = run.chars().collect();
    Some(chars[..chars.len() - 2].iter().collect())
}

/// A day of the week right before a date (`Sat 14 Dec 2024`, `Monday, March 3, 2025`).
static WEEKDAY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s*$")
});

/// Where a day of the week ([`WEEKDAY_BEFORE`]) ends `before` starts, looked
/// for in its last bytes only, after a letter, dot or comma.
fn weekday_before(before: &str) -> Option<usize> {
    let last = before.trim_end().chars().next_back()?;
    if !(last.is_ascii_alphabetic() || matches!(last, '.' | ',')) {
        return None;
    }
    // The largest char boundary at or before 16 bytes from the end
    // (`str::floor_char_boundary` needs Rust 1.91; the workspace builds with 1.89).
    let from = (0..=before.len().saturating_sub(16)).rev().find(|&i| before.is_char_boundary(i)).unwrap_or(0);
    let at = from + WEEKDAY_BEFORE.find(&before[from..])?.start();
    // `Toronto Sun 14 Dec 2024`: after a capitalised word `Sun` is a name's.
    let sun = before[at..].get(..3).is_some_and(|w| w.eq_ignore_ascii_case("sun"))
        && !before[at..].get(..6).is_some_and(|w| w.eq_ignore_ascii_case("sunday"));
    (!(sun && ends_with_name_word(&before[..at]))).then_some(at)
}

/// Whether the word right before byte `at` is a capitalised one that is no
/// keyword (`Riverbend` of `Riverbend Today`).
fn is_name_word_before(s: &str, at: usize) -> bool {
    s[at..].starts_with(|c: char| c.is_ascii_uppercase()) && ends_with_name_word(&s[..at])
}

/// Whether `before` ends, after a space, with a capitalised word that is no
/// keyword: a name's first word (`Riverbend ` before `Today`, `Toronto ` before
/// `Sun`), where the next word is the name's too.
fn ends_with_name_word(before: &str) -> bool {
    let prior = before.trim_end();
    let word = prior.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or_default();
    prior.len() < before.len() && word.starts_with(|c: char| c.is_ascii_uppercase()) && !KEYWORD.is_match(word)
}

/// The most dates one meta line is read for.
const MAX_DATES_PER_LINE: usize = 4;

/// What the label right before a date on a meta line says it is.
#[derive(Clone, Copy, PartialEq)]
enum DateRole {
    /// `发布时间：`, `Posted`, `日期：`: the publication date.
    Published,
    /// `成文日期：`, `最後更新：`, `Last modified on`: another date.
    Other,
    Unlabelled,
}

/// Labels that name the publication date, lowercase.
const PUBLISHED_LABELS: [&str; 22] = [
    "公告日期",
    "发布时间",
    "發佈時間",
    "發布時間",
    "发布日期",
    "發佈日期",
    "發布日期",
    "发表时间",
    "發表時間",
    "发表于",
    "發表於",
    "发布于",
    "發佈於",
    "發布於",
    "时间",
    "時間",
    "日期",
    "published",
    "posted",
    "published on",
    "posted on",
    "dated",
];
/// Labels that name another date of the page, lowercase.
const OTHER_DATE_LABELS: [&str; 16] = [
    "成文日期",
    "更新时间",
    "更新時間",
    "更新日期",
    "最后更新",
    "最後更新",
    "修改时间",
    "修改時間",
    "印发日期",
    "印發日期",
    "updated",
    "last updated",
    "updated on",
    "last modified",
    "last modified on",
    "modified",
];

/// The [`DateRole`] of a date after `before` (the line up to it).
fn date_role(before: &str) -> DateRole {
    let label = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | ','));
    // Every label of both lists ends in one of these.
    if !label.ends_with(['期', '间', '間', '于', '於', '新', 'd', 'D', 'n', 'N', 'e', 'E']) {
        return DateRole::Unlabelled;
    }
    // The label is the line's last word, or its last two or three (`last modified
    // on`): a label that merely ends like one (`实施日期`) is another.
    let split = |c: char| {
        c.is_whitespace() || matches!(c, '|' | '｜' | '/' | '／' | '【' | '】' | '[' | ']' | '(' | ')' | '（' | '）')
    };
    let words: Vec<&str> = label.rsplit(split).take(3).collect();
    let is_one_of = |labels: &[&str]| {
        (1..=words.len()).any(|n| {
            let phrase = words[..n].iter().rev().copied().collect::<Vec<_>>().join(" ");
            labels.iter().any(|l| phrase.eq_ignore_ascii_case(l))
        })
    };
    if is_one_of(&OTHER_DATE_LABELS) {
        DateRole::Other
    } else if is_one_of(&PUBLISHED_LABELS) {
        DateRole::Published
    } else {
        DateRole::Unlabelled
    }
}

/// Recognises a crawl-time line and the stamp it carries.
#[cfg(test)]
pub(crate) fn parse_crawl(line: &str) -> Option<Crawl> {
    parse_crawl_info(line, line_info(line))
}

/// A crawl-time line and its stamp, given the line's [`LineInfo`].
pub(crate) fn parse_crawl_info(line: &str, info: LineInfo) -> Option<Crawl> {
    if info.width > 80 || !may_hold_date_or_label(line, info, false) {
        return None;
    }
    let c = CRAWL.is_match(line).then(|| CRAWL.captures(line)).flatten()?;
    let rest = ascii_digits(c.get(1)?.as_str());
    let hit = find_date(&rest, Scope::AbsoluteOnly)?;
    Some(Crawl { hit })
}

/// The URL of a `原文链接：…` / `Original article: …` line, or of a line that is just a URL.
pub(crate) fn parse_url_line(line: &str) -> Option<String> {
    // Both patterns need a scheme; most lines have none (and no `:` at all).
    let bytes = line.as_bytes();
    if !memchr::memchr_iter(b':', bytes).any(|i| bytes.get(i + 1..i + 3) == Some(b"//")) {
        return None;
    }
    // The capture group would need the slow engine; the URL is the first one in
    // a line the pattern matches (no label holds `http`), found by the fast one.
    if label_may_start(line, URL_LABELS) && URL_LABELLED.is_match(line) {
        return URL_IN_LINE.find(line).map(|m| m.as_str().to_string());
    }
    URL_BARE.is_match(line).then(|| line.to_string())
}

/// The labels of [`URL_LABELLED`], lowercase.
const URL_LABELS: &[&str] = &[
    "原帖地址",
    "原帖網址",
    "原帖链接",
    "原帖連結",
    "原文链接",
    "原文連結",
    "原文鏈接",
    "原文地址",
    "原文网址",
    "原文網址",
    "本文链接",
    "本文連結",
    "本文鏈接",
    "本文地址",
    "文章链接",
    "文章連結",
    "来源链接",
    "來源連結",
    "来源网址",
    "來源網址",
    "来源地址",
    "來源地址",
    "原始链接",
    "原始連結",
    "网址",
    "網址",
    "链接",
    "鏈接",
    "連結",
    "文章网址",
    "文章網址",
    "article link",
    "article url",
    "story link",
    "original",
    "originally published",
    "source",
    "read at",
    "read more at",
    "read the original at",
    "link",
    "url",
    "permalink",
    "canonical",
    "share this page",
    "share this article",
    "share this story",
];
/// The labels of [`SUMMARY`], lowercase: in brackets (`【导读】`) or before a colon.
const SUMMARY_LABELS: &[&str] = &[
    "摘要",
    "内容摘要",
    "內容摘要",
    "内容提要",
    "內容提要",
    "提要",
    "导读",
    "導讀",
    "导语",
    "導語",
    "核心提示",
    "要点",
    "要點",
    "划重点",
    "劃重點",
    "summary",
];
/// Only before a colon (`Abstract:`).
const SUMMARY_LABELS_UNBRACKETED: &[&str] = &["abstract", "tl;dr", "in brief"];

/// `text` after `label` (lowercase) when it starts with it, in any case
/// `(?i)` matches: ASCII letters either way, `ſ` for `s`, the Kelvin sign for `k`.
fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    // Most labels differ from the text in its first byte: a Han label's must be the
    // same, an ASCII one's the same in either case (or a non-ASCII ſ or Kelvin sign).
    if let (Some(&want), Some(&got)) = (label.as_bytes().first(), text.as_bytes().first()) {
        let differs = if want.is_ascii() { got.is_ascii() && got.to_ascii_lowercase() != want } else { got != want };
        if differs {
            return None;
        }
    }
    strip_label_by_chars(text, label)
}

/// [`strip_label`] without its first-byte screen: character by character.
fn strip_label_by_chars<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let mut chars = text.chars();
    for want in label.chars() {
        let got = match chars.next()? {
            'ſ' => 's',
            '\u{212A}' => 'k',
            c => c.to_ascii_lowercase(),
        };
        if got != want {
            return None;
        }
    }
    Some(chars.as_str())
}

/// Whether one of `labels` may open `line`, after an optional opening
/// bracket and spaces. The label regexes are anchored there, and asking them
/// costs thousands of instructions even for a line they reject at once.
fn label_may_start(line: &str, labels: &[&str]) -> bool {
    let rest = line.strip_prefix(['【', '[', '(', '（']).unwrap_or(line).trim_start();
    labels.iter().any(|label| strip_label(rest, label).is_some())
}

/// What [`SUMMARY`]'s group 1 captures, read by hand: the regex's capture
/// engine took ~20k instructions per summary line. Lines holding a newline
/// (which `.` does not cross) are left to the regex.
fn summary_text(line: &str) -> Option<&str> {
    if line.contains('\n') {
        return SUMMARY.captures(line)?.get(1).map(|m| m.as_str());
    }
    let (bracketed, rest) = match line.strip_prefix(['【', '[']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, line),
    };
    let unbracketed = if bracketed { &[][..] } else { SUMMARY_LABELS_UNBRACKETED };
    let rest = SUMMARY_LABELS.iter().chain(unbracketed).find_map(|label| strip_label(rest, label))?.trim_start();
    let text = if bracketed {
        let after = rest.strip_prefix(['】', ']'])?.trim_start();
        match after.strip_prefix(['：', ':']).map(str::trim_start) {
            // Nothing after the colon: the colon itself is the text.
            Some("") => after,
            Some(text) => text,
            None => after,
        }
    } else {
        rest.strip_prefix(['：', ':'])?.trim_start()
    };
    (!text.is_empty()).then_some(text)
}

/// The text after a `摘要：` / `【导读】` / `Summary:` label (`info`: the line's [`LineInfo`]).
pub(crate) fn parse_summary_label(line: &str, info: LineInfo) -> Option<String> {
    // Every label form ends in a colon or a closing bracket.
    if info.cues & (cue::COLON | cue::CLOSE_SQUARE) == 0 {
        return None;
    }
    Some(summary_text(line)?.trim().to_string())
}

/// Parses a date/byline line; `None` when any piece of the line is not meta.
pub(crate) fn parse_meta(line: &str) -> Option<MetaLine> {
    // Longer than any meta line: settled without reading the whole text.
    if width_capped(line, 140) > 140 {
        return None;
    }
    parse_meta_info(line, line_info(line))
}

/// [`parse_meta`] given the line's [`LineInfo`].
pub(crate) fn parse_meta_info(line: &str, info: LineInfo) -> Option<MetaLine> {
    if line.is_empty()
        || info.width > 140
        || info.cues & cue::SENTENCE != 0
        || !may_hold_date_or_label(line, info, true)
    {
        return None;
    }
    let norm = ascii_digits(line);
    let posted_word = || ["布于", "佈於", "布於", "表于", "表於", "辑于", "輯於"].iter().any(|w| norm.contains(w));
    let from_word = || norm.contains("来自") || norm.contains("來自");
    let norm = if norm.contains(['自', '于', '於']) && (from_word() || posted_word()) && POSTED_FROM.is_match(&norm)
    {
        Cow::Owned(POSTED_FROM.replace(&norm, "${1}${2} | ").into_owned())
    } else {
        norm
    };
    let norm = if info.cues & cue::ALPHA != 0 && has_four_digits_in_a_row(&norm) && WEEKDAY_BEFORE_YEAR.is_match(&norm)
    {
        Cow::Owned(WEEKDAY_BEFORE_YEAR.replace(&norm, "$2 $1 $3").into_owned())
    } else {
        norm
    };
    let month_day = norm.starts_with(['编', '編', '发', '發'])
        && norm.contains('-')
        && !has_four_digits_in_a_row(&norm)
        && LABELLED_MONTH_DAY.is_match(&norm);
    let norm = if month_day {
        Cow::Owned(LABELLED_MONTH_DAY.replace(&norm, "${1}${2}月${3}日${4}").into_owned())
    } else {
        norm
    };
    let may_be_labelled = month_day || may_be_labelled(line, info);
    let roc_line = || norm.len() <= 24 && norm.trim_start().starts_with('1') && find_roc_line(&norm).is_some();
    if !may_be_labelled && !may_hold_year(&norm) && !may_be_all_date(&norm) && !roc_line() {
        return None;
    }
    parse_meta_norm(norm, may_be_labelled)
}

/// The Han characters (and 〇, ○, Ｏ) of a date without a year (`十月九日`, `3天前`, `刚刚`).
#[rustfmt::skip]
fn is_date_han(c: char) -> bool {
    matches!(c,
        '〇' | '零' | '○' | 'Ｏ' | '一' | '二' | '两' | '兩' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '廿' | '卅'
        | '半' | '几' | '幾' | '百' | '月' | '日' | '号' | '號' | '年' | '分' | '钟' | '鐘' | '小' | '时' | '時' | '个' | '個' | '天'
        | '周' | '週' | '星' | '期' | '之' | '以' | '前' | '昨' | '今' | '刚' | '剛' | '民' | '國' | '国'
    )
}

/// Whether every character of a line could belong to a date without a year (`10月9日`,
/// `3天前`, `2 hours ago`, `yesterday`) or to the blanks and bars around it: a line
/// that is one date is a meta line without a label.
fn may_be_all_date(norm: &str) -> bool {
    norm.chars().all(|c| {
        // `\d` takes any script's digits (`٣ hours ago`); `is_numeric` is wider still.
        // `(?i)` lets ſ stand for s and the Kelvin sign for k (`2 dayſ ago`).
        // The cheap tests first: `is_numeric` searches a table.
        c.is_ascii_alphanumeric()
            || c == '|'
            || c.is_whitespace()
            || matches!(c, 'ſ' | '\u{212A}')
            || is_date_han(c)
            || c.is_numeric()
    })
}

/// Whether a line may hold a label (all have a colon), a byline (`by`), a reporter
/// credit (者, 撰, 报, 報) or a slash byline (`文｜周可`). Without any, only an
/// absolute date makes a meta line.
fn may_be_labelled(line: &str, info: LineInfo) -> bool {
    info.cues & (cue::COLON | cue::REPORTER) != 0
        || contains_ascii_ci(line, "by")
        || (info.cues & cue::NAV != 0 && starts_slash_byline(line))
        || starts_bar_label(line)
        || line.starts_with("首发于")
        || line.starts_with("首發於")
        || line.starts_with("u/")
}

/// `Hannah Pryce, Local Democracy Reporter`: a bare byline, a name and the
/// newsroom job after its comma (title case, as a byline prints it). Returns the name.
pub(crate) fn latin_name_and_role(line: &str) -> Option<&str> {
    let (name, role) = line.split_once(", ")?;
    let role = role.trim();
    let title_case = role.split_whitespace().count() <= 5
        && role.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase) || w == "and" || w == "of");
    // A photographer's credit (over a picture) is no byline.
    let photographer = role.len() >= 12 && role.as_bytes()[role.len() - 12..].eq_ignore_ascii_case(b"photographer");
    (title_case && !photographer && is_job_title(role) && name.contains(' ') && is_name(name.trim()))
        .then(|| name.trim())
}

/// Whether a line starts with a [`SLASH_BYLINE`] (`文｜周可`).
fn starts_slash_byline(line: &str) -> bool {
    line.starts_with(['文', '图', '圖', '撰', '（', '(']) && SLASH_BYLINE.is_match(line)
}

/// Whether a line (after [`ascii_digits`]) may hold an absolute date: every such
/// pattern needs four digits in a row or 年 and 月.
fn may_hold_year(norm: &str) -> bool {
    has_four_digits_in_a_row(norm) || (norm.contains('年') && norm.contains('月'))
}

/// [`parse_meta_info`] of a line whose digits [`ascii_digits`] has made ASCII.
/// `may_be_labelled`: [`may_be_labelled`] of the line. A line that can hold no
/// label, byline or reporter credit (no colon, `by`, 者, 撰, 报, 報 or slash byline) is a meta line
/// only as one date and its times, or with an absolute date: without either it
/// is not split into pieces. Wrapped lines of English prose are such lines
/// (`began in 2009 and almost double the figure`; `along 48 kilometres of water
/// between` is all letters, digits and spaces, as `2 hours ago` is).
fn parse_meta_norm(norm: Cow<'_, str>, may_be_labelled: bool) -> Option<MetaLine> {
    // The mark of an original post, glued to the date at times (`原创2024-04-12 17:05·…`).
    // `Ends/Tuesday, March 12, 2024`: a Hong Kong release's last line.
    // `最新推荐文章于 2024-05-02 14:20:11 发布`: a blog's pointer to another post.
    if norm.starts_with("最新推荐文章于") || norm.starts_with("最新推薦文章於") {
        return None;
    }
    let norm = match norm.strip_prefix("Ends/") {
        Some(rest) => Cow::Owned(rest.to_string()),
        None => norm,
    };
    // `首发于城市漫游笔记`: the column a post first ran in, its source.
    let norm = match norm.strip_prefix("首发于").or_else(|| norm.strip_prefix("首發於")) {
        Some(rest) if is_name(rest.trim()) => Cow::Owned(format!("来源：{}", rest.trim())),
        _ => norm,
    };
    let norm = if norm.contains("属地") || norm.contains("屬地") {
        Cow::Owned(IP_LOCATION.replace_all(&norm, " | ").into_owned())
    } else {
        norm
    };
    let norm = if (norm.contains("更新") || contains_ascii_ci(&norm, "updated")) && UPDATE_NOTE.is_match(&norm) {
        Cow::Owned(UPDATE_NOTE.replace_all(&norm, " | ").into_owned())
    } else {
        norm
    };
    let (norm, original) = match ORIGINAL_MARKS.iter().find_map(|m| norm.strip_prefix(m)) {
        Some(rest) => (Cow::Owned(rest.trim_start().to_string()), true),
        None => (norm, false),
    };
    let credits = || !norm.contains(['：', ':']) && norm.contains(['者', '员', '員', '生']);
    if let Some(author) = credits().then(|| reporter_credits(&norm)).flatten() {
        return Some(MetaLine { author: Some(author), ..MetaLine::default() });
    }
    let norm = split_glued_labels(norm);
    let norm = if norm.contains(['|', '｜', '丨', '\u{3000}']) && BAR_LABEL.is_match(&norm) {
        // Only before a name (`记者｜在抗洪一线的72小时` is a headline).
        Cow::Owned(
            BAR_LABEL
                .replace_all(&norm, |c: &regex::Captures<'_>| {
                    let end = c.get(0).map_or(0, |m| m.end());
                    // (`唐映雪（岚川大学物理学院）`: the name before its affiliation.)
                    let value = norm[end..].split(|ch: char| ch.is_whitespace() || "|｜丨（(".contains(ch)).next();
                    if value.is_some_and(|v| is_name(v) && v.chars().count() <= 12) {
                        format!("{}{}：", &c[1], &c[2])
                    } else {
                        c[0].to_string()
                    }
                })
                .into_owned(),
        )
    } else {
        norm
    };
    let norm = if norm.contains(['/', '／', '｜', '|']) && SLASH_BYLINE.is_match(&norm) {
        let bylined = SLASH_BYLINE.replace_all(&norm, "${1}作者：");
        Cow::Owned(SLASH_PICTURE_CREDIT.replace_all(&bylined, "${1}摄影：").into_owned())
    } else {
        norm
    };
    let mut meta = MetaLine::default();
    // The line without its dates (a portal prints when a notice was written, published
    // and updated), borrowed where there is none.
    let mut undated: Cow<'_, str> = Cow::Borrowed(&*norm);
    let mut dates: Vec<(DateHit, DateRole)> = Vec::new();
    // Where the search goes on: past a name that reads as a date.
    let mut from = 0;
    while dates.len() < MAX_DATES_PER_LINE {
        let Some(search) = undated.get(from..) else { break };
        let labelled_roc =
            || if search.contains(['：', ':']) { find_roc_numeric(search) } else { find_roc_line(search) };
        let found = find_date(search, Scope::Any).or_else(labelled_roc);
        let Some(mut hit) = found else { break };
        (hit.start, hit.end) = (hit.start + from, hit.end + from);
        // `Riverbend Today`, `USA Today`: a name, not a day; a date may follow it.
        if matches!(hit.spec, DateSpec::Relative { .. }) && is_name_word_before(&undated, hit.start) {
            from = hit.end;
            continue;
        }
        // A date glued to words (`新规5月1日起施行`) is part of a sentence or headline.
        if !stands_alone(&undated, hit.start, hit.end) {
            if dates.is_empty() {
                return None;
            }
            break;
        }
        // The day of the week before it (`Sat 14 Dec 2024`) goes with it.
        let start = weekday_before(&undated[..hit.start]).unwrap_or(hit.start);
        dates.push((hit, date_role(&undated[..start])));
        let mut cut = undated.into_owned();
        cut.replace_range(start..hit.end, " | ");
        undated = Cow::Owned(cut);
        // Another absolute date needs four digits or 月 (most lines hold one date);
        // a relative one `ago` (`March 14, 2024 Updated 4 hours ago`).
        if !(undated.bytes().filter(u8::is_ascii_digit).count() >= 4
            || undated.contains('月')
            || contains_ascii_ci(&undated, " ago"))
        {
            break;
        }
    }
    meta.date = dates
        .iter()
        .find(|(_, role)| *role == DateRole::Published)
        .or_else(|| dates.iter().find(|(_, role)| *role == DateRole::Unlabelled))
        .or_else(|| dates.first())
        .map(|&(hit, _)| hit);
    // A time needs a colon, or a dot before its zone (`07.00 GMT`); most lines have neither.
    let rest = if undated.contains([':', '.', '時', '时']) {
        TIME.replace_all(&undated, " | ")
    } else {
        Cow::Borrowed(&*undated)
    };
    // A dot left between an absolute date and a dropped IP location (`2023-11-09・IP 属地云州`).
    let absolute_date = matches!(meta.date.map(|h| h.spec), Some(DateSpec::Absolute(_)));
    let dot = |c: char| absolute_date && matches!(c, '·' | '・');
    if meta.date.is_some() && rest.chars().all(|c| c.is_whitespace() || c == '|' || dot(c)) {
        meta.date_only = true;
        return Some(meta);
    }
    // What follows takes only a line with a label, a byline, a reporter credit
    // or an absolute date.
    let absolute = matches!(meta.date.map(|h| h.spec), Some(DateSpec::Absolute(_)));
    // `Posted 3 days ago`: a date and keywords only, on a line the screen of
    // `parse_meta_info` lets through as one that may be all date.
    let keywords_only =
        || rest.split(|c: char| c.is_whitespace() || c == '|').all(|w| w.is_empty() || KEYWORD.is_match(w));
    if meta.date.is_some() && may_be_all_date(&norm) && keywords_only() {
        return Some(meta);
    }
    if !may_be_labelled && !absolute {
        return None;
    }
    let rest =
        if PAGE_TOOLS.is_match(&rest) { Cow::Owned(PAGE_TOOLS.replace_all(&rest, " | ").into_owned()) } else { rest };

    let mut labelled = false;
    // A reporter's byline was read (correspondents after it join the author).
    let mut reporter_read = false;
    let mut other_labels = 0;
    // Counters with their numbers (`浏览次数：3521`).
    let mut counters = 0;
    // Date words (`發表於`, `Published on`).
    let mut keywords = 0;
    // A Chinese date word among them (`编辑于`, `發佈於`).
    let mut posted_word = false;
    // A WeChat header's place after its date was passed over.
    let mut placed = false;
    // Pieces and names borrow from `rest`: most lines are read and dropped.
    let mut names: Vec<&str> = Vec::new();
    let mut pieces: Vec<&str> = Vec::new();
    // Every separator holds whitespace or one of these bars; without any, the whole
    // line is one segment.
    if rest.contains(|c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '丨' | '／')) {
        for segment in SEPARATORS.split(&rest) {
            split_at_labels(segment, &mut pieces);
        }
    } else {
        split_at_labels(&rest, &mut pieces);
    }
    let mut i = 0;
    while i < pieces.len() {
        // `原创 2024-08-03 21:17·岚州 岚州老陈说事`: after the time, `·` and the
        // place the post was sent from, when a name follows (without one, as in
        // `原创2024-04-12 17:05·望川城事通`, it is the account's).
        let name_follows = || pieces[i + 1..].iter().any(|p| !p.trim_matches(is_filler).is_empty());
        if original && pieces[i].trim_start().starts_with(['·', '・']) && name_follows() {
            i += 1;
            continue;
        }
        let located = original && pieces[i].trim_start().starts_with(['·', '・']);
        let piece = pieces[i].trim_matches(is_filler);
        i += 1;
        // No keyword is longer than 40 bytes (`第02版：` and a section of eight characters).
        if piece.is_empty() {
            continue;
        }
        if piece.len() <= 40 && KEYWORD.is_match(piece) {
            keywords += 1;
            posted_word |= piece.ends_with(['于', '於']);
            continue;
        }
        // `10/3/2024`: a date whose day and month cannot be told apart reads as
        // none, and leaves the rest of the line (`By Dana Whitcombe · 10/3/2024`).
        if is_ambiguous_numeric_date(piece) {
            keywords += 1;
            continue;
        }
        // A counter without its colon (`瀏覽數 6,204`, `阅读 1.2万`).
        if piece.len() <= 40 && BARE_COUNTER.is_match(piece) {
            counters += 1;
            continue;
        }
        // `GMT+8 Updated`: keywords between single spaces.
        if piece.is_ascii() && piece.contains(' ') && piece.split_whitespace().all(|w| KEYWORD.is_match(w)) {
            keywords += 1;
            continue;
        }
        // `by: Dana Pruitt` is a byline, read below, not a label.
        let by_colon = contains_ascii_ci(piece.get(..24).unwrap_or(piece), "by:") && byline_value(piece).is_some();
        // Every label ends in a colon.
        // (label end, match start, match end)
        let labelled_piece = || {
            label_at_start(piece).map(|(label, end)| (label, 0, end)).or_else(|| {
                let c = LABEL.captures(piece)?;
                let (label, all) = (c.get(1)?, c.get(0)?);
                Some((label.end(), all.start(), all.end()))
            })
        };
        if let Some((label_end, start, end)) =
            (!by_colon && contains_any(piece, &[':', '：'])).then(labelled_piece).flatten()
        {
            if start != 0 {
                // `成文日期：`: a label of nothing kept that ends like one kept.
                if OTHER_LABEL.is_match(piece) {
                    other_labels += 1;
                    continue;
                }
                return None;
            }
            let kind = label_kind(&piece[..label_end]);
            // A counter holds a number (`浏览次数：3521`); `评论：这是最好的时代` is
            // a sentence, and alone it makes no meta line.
            if kind == LabelKind::Counter {
                let count = piece[end..].trim();
                let number =
                    |c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | 'k' | 'K' | 'w' | 'W' | '万' | '萬' | '次');
                // `点击数：` with nothing after it: its number was a script's, removed
                // (beside other labels; alone, `留言：` is a question's label).
                if !count.chars().all(number) {
                    return None;
                }
                counters += usize::from(!count.is_empty());
                continue;
            }
            labelled = true;
            let mut value = piece[end..].trim();
            if kind == LabelKind::Author {
                // `作者：记者 陶明远 通讯员 贺佳`: credits after the label.
                if let Some(names) = value.contains(' ').then(|| reporter_credits(value)).flatten() {
                    meta.author.get_or_insert(names);
                    continue;
                }
                // `本报评论员` alone is the byline: the title stays when nothing follows it.
                value =
                    REPORTER_TITLE.find(value).map(|m| &value[m.end()..]).filter(|v| !v.is_empty()).unwrap_or(value);
            }
            // A CJK value ends at the first space; what follows is another piece.
            if value.chars().next().is_some_and(is_han) {
                if let Some(sp) = value.find(char::is_whitespace) {
                    pieces.insert(i, value[sp..].trim());
                    value = &value[..sp];
                }
            }
            let value = value.trim_matches(is_filler);
            match kind {
                LabelKind::Source if value.starts_with("http") => {
                    meta.url.get_or_insert_with(|| value.to_string());
                }
                LabelKind::Source if !value.is_empty() => {
                    // `来源：《栖梧晚报》`: the name without its title marks.
                    let name = account_name(value);
                    let name = name
                        .strip_prefix('《')
                        .and_then(|n| n.strip_suffix('》'))
                        .filter(|n| !n.is_empty() && !n.contains(['《', '》']))
                        .unwrap_or(name);
                    meta.source.get_or_insert_with(|| name.to_string());
                }
                // `About the author: Anjali Raman is a staff engineer…`: a bio, no byline.
                LabelKind::Author if is_sentence_not_name(name_part(value)) => {
                    return None;
                }
                LabelKind::Author if !value.is_empty() && meta.author.is_none() => {
                    // `作者：蒋若溪 孟川`: the names that follow, set apart, are co-authors;
                    // after a desk (`作者：運動中心／蔡宇恆`) they are the authors.
                    // `Daniel Okafor, Communications Officer`: the name without its job.
                    let value = match value.split_once(", ") {
                        Some((name, role)) if is_job_title(role.trim()) && is_name(name.trim()) => name.trim(),
                        _ => value,
                    };
                    let first = strip_report_suffix(without_affiliation(value));
                    let mut names: Vec<&str> = Vec::new();
                    while let Some(next) = pieces.get(i).map(|p| p.trim_matches(is_filler)) {
                        if !is_han_personal_name(next) {
                            break;
                        }
                        names.push(next);
                        i += 1;
                    }
                    let desk_words = [
                        "中心",
                        "部",
                        "组",
                        "組",
                        "室",
                        "频道",
                        "頻道",
                        "新闻",
                        "新聞",
                        "工作室",
                        "编辑部",
                        "編輯部",
                        "网",
                        "網",
                        "报",
                        "報",
                        "社",
                        "台",
                    ];
                    let desk = !names.is_empty()
                        && first.chars().all(is_han)
                        && !is_han_personal_name(&first)
                        && desk_words.iter().any(|w| first.ends_with(w));
                    if !desk {
                        names.insert(0, &first);
                    }
                    meta.author = Some(names.join("、"));
                }
                _ => {}
            }
            continue;
        }
        // A label of nothing kept (`摄影：赵一鸣`).
        if !by_colon && contains_any(piece, &[':', '：']) && OTHER_LABEL.is_match(piece) {
            other_labels += 1;
            continue;
        }
        let by = piece
            .as_bytes()
            .first()
            .is_some_and(|&b| matches!(b | 0x20, b'b' | b'w' | b'r' | b's' | b't' | b'p' | b'i'));
        if may_be_other_credit(piece) && OTHER_CREDIT.is_match(piece) {
            other_labels += 1;
            continue;
        }
        // `Reviewed by Dr. Anna Lee, MD`: a medical reviewer's credit; a critic's
        // (`Reviewed by Owen Castell | February 9, 2024`) comes with the date.
        if by && meta.date.is_none() && piece.get(..6).is_some_and(|w| w.eq_ignore_ascii_case("review")) {
            other_labels += 1;
            continue;
        }
        if let Some(value) = by.then(|| byline_value(piece)).flatten() {
            let (author, source) = match value.split_once(',') {
                Some((a, s)) if is_job_title(s.trim()) => (a.trim(), None),
                Some((a, s)) if is_name(s.trim()) => (a.trim(), Some(s.trim())),
                _ => (value.trim(), None),
            };
            // `By Staff reporter, Kelsey Valley Ledger`: the paper, and no one by name.
            let staff = ["staff reporter", "staff writer", "staff", "our reporter", "news desk", "newsdesk"]
                .iter()
                .any(|w| author.eq_ignore_ascii_case(w));
            if staff {
                labelled = true;
                if let Some(s) = source {
                    meta.source.get_or_insert(s.to_string());
                }
                continue;
            }
            // `Posted by u/rainycommuter`: a forum's user name.
            let handle = author.strip_prefix("u/").is_some_and(|h| {
                (3..=30).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            });
            if !is_name(author) && !handle {
                return None;
            }
            labelled = true;
            meta.author.get_or_insert(author.to_string());
            if let Some(s) = source {
                meta.source.get_or_insert(s.to_string());
            }
            continue;
        }
        // `记者 黎晚晴　通讯员 祁东升`: the correspondent after the reporter.
        if reporter_read {
            if let Some(name) = CORRESPONDENT.captures(piece).and_then(|c| c.get(1)).filter(|n| !is_office(n.as_str()))
            {
                if let Some(author) = meta.author.as_mut() {
                    author.push('、');
                    author.push_str(name.as_str());
                }
                continue;
            }
        }
        if let Some(c) = contains_any(piece, &['者', '撰', '报', '報']).then(|| REPORTER.captures(piece)).flatten()
        {
            labelled = true;
            let name = c.name("name").or_else(|| c.name("spaced")).or_else(|| c.name("reporting"));
            if let Some(m) = name.filter(|m| m.as_str().chars().any(is_han)) {
                // `記者 鍾宜庭 許家銘`: names set apart by spaces, joined as `、`.
                let names: Vec<&str> = m
                    .as_str()
                    .split([' ', '\u{3000}', '、'])
                    .filter(|n| !n.is_empty() && !is_dateline_word(n) && !is_not_name(n))
                    .collect();
                if !names.is_empty() {
                    meta.author.get_or_insert(names.join("、"));
                    reporter_read = true;
                }
            }
            // `岚港日报记者 戴宁`: the reporter's paper.
            if let Some(paper) = c.name("paper") {
                meta.source.get_or_insert(paper.as_str().to_string());
            }
            continue;
        }
        // `原创 林岚 松岚生活圈`: names between single spaces, in a WeChat header
        // (on other lines `王小明 副局长 2024年3月1日` is a table's row).
        if original && piece.contains(' ') && piece.split(' ').all(|w| w.chars().all(is_han) && is_name(w)) {
            // `·岚州 岚州老陈说事`: the place, then the account.
            for (k, word) in piece.split(' ').skip(usize::from(located)).enumerate() {
                pieces.insert(i + k, word);
            }
            continue;
        }
        // `台中報導`: a dateline (place + "reports"), neither source nor author.
        if is_name(piece) && REPORT_WORDS.iter().any(|x| piece.ends_with(x)) {
            continue;
        }
        // `生成日期 2024-05-10 文号 …` (a notice's index table read as one line):
        // a label without its colon is no name.
        let label_word = ["日期", "时间", "時間", "机构", "機構", "文号", "文號", "分类", "分類", "索引号", "索引號"];
        if is_name(piece) && label_word.iter().any(|w| piece.ends_with(w)) {
            other_labels += 1;
            continue;
        }
        // `郑慧琳　报道`: a reporter's name, the word set apart.
        let report_word = |p: &str| REPORT_WORDS.contains(&p.trim_matches(is_filler));
        if is_han_personal_name(piece) && pieces.get(i).is_some_and(|p| report_word(p)) {
            labelled = true;
            meta.author.get_or_insert_with(|| piece.to_string());
            i += 1;
            continue;
        }
        // `林靜川 @linjingchuan · 2024年2月26日`, `u/rainycommuter · 2 days ago`: a
        // platform's user beside the post's date.
        if meta.date.is_some() {
            let named =
                piece.rsplit_once(" @").filter(|(n, h)| is_handle(h) && is_name(n.trim())).map(|(n, _)| n.trim());
            let user = piece.strip_prefix("u/").is_some_and(is_handle).then_some(piece);
            if let Some(author) = named.or(user) {
                labelled = true;
                meta.author.get_or_insert_with(|| author.to_string());
                continue;
            }
        }
        // `Hannah Pryce, Local Democracy Reporter`; `Priya Natarajan · Staff Software
        // Engineer`: a name and the job after it, a byline.
        if let Some(name) = latin_name_and_role(piece) {
            labelled = true;
            meta.author.get_or_insert_with(|| name.to_string());
            continue;
        }
        let role_follows = || pieces.get(i).is_some_and(|p| is_job_title(p.trim_matches(is_filler)));
        if is_name(piece) && piece.contains(' ') && !piece.chars().any(is_han) && role_follows() {
            labelled = true;
            meta.author.get_or_insert_with(|| piece.to_string());
            i += 1;
            continue;
        }
        // `原创 苏晴 岚港发布 2024年05月17日 08:30 岚南`, `原创 澄州市妇幼保健院
        // 2024年04月22日 17:30 江苏`: a WeChat header ends with the place it was sent
        // from, after the date.
        // `2024-03-15 浙江`, `2024-02-18 22:47:13 北京`: the province a post was sent from.
        if meta.date.is_some() && is_province(piece) {
            placed |= original;
            continue;
        }
        let last = || pieces[i..].iter().all(|p| p.trim_matches(is_filler).is_empty());
        let after_date = || {
            meta.date.is_some_and(|h| {
                norm.get(h.end..).is_some_and(|t| t.contains(piece))
                    && !norm.get(..h.start).is_some_and(|t| t.contains(piece))
            })
        };
        if original
            && is_name(piece)
            && meta.date.is_some()
            && last()
            && (names.len() == 2 || (!names.is_empty() && after_date()))
        {
            placed = true;
            continue;
        }
        if is_name(piece) && names.len() < 2 {
            names.push(piece);
            continue;
        }
        // `聯晴報 記者王詩涵`, `岚港日报 记者 戴宁`: an outlet's name, then its
        // reporter's credit, a single space apart (pieces part at wider gaps).
        if let Some((outlet, credit)) = piece.split_once(' ') {
            let credit = credit.trim();
            if is_outlet_word(outlet) && contains_any(credit, &['者']) && REPORTER.is_match(credit) {
                pieces.insert(i, credit);
                pieces.insert(i, outlet);
                continue;
            }
        }
        return None;
    }
    // Without a label or byline only a complete date makes a meta line: a headline can
    // carry `5月1日` or `3天前`, but rarely a full date between bare names.
    // `编辑于 3月12日`: a date word and a month and day, and nothing else.
    let month_day = matches!(meta.date.map(|h| h.spec), Some(DateSpec::MonthDay { .. }));
    if month_day && posted_word && names.is_empty() && other_labels == 0 && !labelled {
        return Some(meta);
    }
    if !(labelled || absolute) {
        // A line of counters and nothing else (`回复：46　查看：3,820`) is the page's.
        let counters_only = counters > 0 && other_labels == 0 && names.is_empty() && meta.date.is_none();
        return counters_only.then_some(meta);
    }
    // Labels of nothing kept pass only beside one kept or a date word: alone
    // they may be a headline's (`回应：2024年5月1日 新规`).
    if other_labels > 0 && !labelled && keywords == 0 {
        return None;
    }
    if original {
        // `原创 作者 公众号 日期`: the author's name, then the account's; one name
        // alone before the date and a place is the account's (both, as an
        // account's are).
        let single = names.len() == 1 && placed;
        let mut names = names.into_iter();
        if meta.author.is_none() {
            meta.author = names.next().map(str::to_string);
        }
        if meta.source.is_none() {
            meta.source = if single { meta.author.clone() } else { names.next().map(str::to_string) };
        }
    } else if meta.source.is_none() {
        meta.source = names.into_iter().next().map(str::to_string);
    }
    Some(meta)
}

/// A necessary condition, cheap to test, for a meta line (or, with `labels` false, for
/// a crawl stamp, which needs a complete date): a date cue as `find_date` sees it after
/// `ascii_digits` (a digit, full-width too, a numeral or one of `may_hold_date`'s
/// words), a colon (every `LABEL` has one), `by` (`BYLINE`), 者/撰/报/報 (`REPORTER`) or a slash byline (`文｜周可`).
fn may_hold_date_or_label(line: &str, info: LineInfo, labels: bool) -> bool {
    let c = info.cues;
    if c & (cue::DIGIT | cue::DATE_WORD) != 0 || (labels && c & (cue::COLON | cue::REPORTER) != 0) {
        return true;
    }
    if labels
        && ((c & cue::NAV != 0 && starts_slash_byline(line))
            || starts_bar_label(line)
            || line.starts_with("首发于")
            || line.starts_with("首發於"))
    {
        return true;
    }
    c & cue::ALPHA != 0 && (may_hold_date(line) || (labels && contains_ascii_ci(line, "by")))
}

/// Whether a date expression is set off from its neighbours (line edge, space,
/// separator, colon or bracket) rather than embedded in running text.
fn stands_alone(s: &str, start: usize, end: usize) -> bool {
    let edge = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '|' | '｜'
                    | '丨'
                    | '／'
                    | '/'
                    | '：'
                    | ':'
                    | '·'
                    | '・'
                    | '•'
                    | '('
                    | ')'
                    | '（'
                    | '）'
                    | '【'
                    | '】'
                    | '〔'
                    | '〕'
                    | '['
                    | ']'
                    | ','
            )
    };
    let before = s.get(..start).and_then(|p| p.chars().next_back());
    let rest = s.get(end..).unwrap_or_default();
    let after = rest.chars().next();
    // A forum's counters follow its date unspaced (`2024-5-3 20:15回复：46`).
    let label_after = || after.is_some_and(is_han) && label_at_start(rest).is_some();
    // The day of the week follows unspaced at times (`2024年11月19日星期二`).
    let weekday_after = || {
        ["星期", "週", "周", "礼拜", "禮拜"].iter().any(|w| {
            let mut day = rest.strip_prefix(w).map(str::chars).into_iter().flatten();
            day.next().is_some_and(|d| "一二三四五六日天".contains(d))
                && day.next().is_none_or(|c| edge(c) || c.is_ascii_digit())
        })
    };
    none_or(before, edge) && (none_or(after, edge) || label_after() || weekday_after())
}

/// `true` for `None`, else the predicate (`Option::is_none_or` needs a newer toolchain
/// than the workspace's minimum).
fn none_or(c: Option<char>, f: impl Fn(char) -> bool) -> bool {
    match c {
        None => true,
        Some(c) => f(c),
    }
}

/// Cuts a segment before every label that starts a word: `来源：甲 作者：乙` → two pieces.
fn split_at_labels<'a>(segment: &'a str, out: &mut Vec<&'a str>) {
    let mut from = 0;
    let labels = contains_any(segment, &[':', '：']).then(|| LABEL.find_iter(segment));
    for m in labels.into_iter().flatten() {
        let at_word_start = none_or(segment[..m.start()].chars().next_back(), |c| c.is_whitespace() || c == '|');
        if m.start() > 0 && at_word_start {
            out.extend(segment.get(from..m.start()));
            from = m.start();
        }
    }
    out.extend(segment.get(from..));
}

/// `10/3/2024`, `4-3-2024`: day and month both twelve or less, the year last.
fn is_ambiguous_numeric_date(piece: &str) -> bool {
    let parts: Vec<&str> = piece.split(['/', '-', '.']).collect();
    let small = |p: &str| p.len() <= 2 && p.parse::<u32>().is_ok_and(|n| (1..=12).contains(&n));
    matches!(parts[..], [a, b, y] if small(a) && small(b) && a != b && y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()))
}

/// Characters that pad a piece of a meta line; a comma left between a date and a time
/// (`28 February 2025, 07:30 GMT`) is padding too.
fn is_filler(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | '，'
                | '|'
                | '·'
                | '・'
                | '‧'
                | '•'
                | '/'
                | '-'
                | '–'
                | '—'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '('
                | ')'
                | '（'
                | '）'
                | '['
                | ']'
        )
}

/// Whether a Latin label's value is a sentence (`Anjali Raman is a staff engineer`):
/// more words than a name has, not all capitalised. A user name (`jdoe`) is one word.
fn is_sentence_not_name(value: &str) -> bool {
    let lower_word = |w: &&str| {
        w.chars().next().is_some_and(char::is_lowercase)
            && !matches!(*w, "and" | "of" | "the" | "de" | "van" | "von" | "for" | "at" | "&")
    };
    !value.chars().next().is_some_and(is_han)
        && value.split_whitespace().count() > 4
        && value.split_whitespace().any(|w| lower_word(&w))
}

/// A Latin byline's name, before a comma's role or outlet (`Jane Doe, Staff Writer`).
fn name_part(value: &str) -> &str {
    value.split(',').next().unwrap_or(value).trim()
}

/// The account's name of a source given as a WeChat account (`微信公众号“枫陵教育观察”`).
fn account_name(value: &str) -> &str {
    let Some(rest) = ["微信公众号", "微信公眾號", "公众号", "公眾號"].iter().find_map(|p| value.strip_prefix(p))
    else {
        return value;
    };
    let name = rest.trim_start_matches([' ', '：', ':']).trim_matches(['“', '”', '"', '「', '」', '《', '》']);
    if name.is_empty() {
        value
    } else {
        name
    }
}

/// A name without the affiliation in brackets after it (`费嘉言（临泽衡平律师事务所律师）`,
/// cut by the filler trim to `费嘉言（临泽…律师`).
fn without_affiliation(value: &str) -> &str {
    match value.find(['（', '(']) {
        Some(at) if at > 0 => value[..at].trim_end(),
        _ => value,
    }
}

fn strip_report_suffix(value: &str) -> String {
    let v = value.trim();
    // `任远航原创`: the mark of an original post glued on by markup.
    let v = v.strip_suffix("原创").or_else(|| v.strip_suffix("原創")).filter(|n| !n.is_empty()).unwrap_or(v);
    for suffix in REPORT_WORDS {
        if let Some(s) = v.strip_suffix(suffix) {
            if !s.is_empty() {
                return s.trim().to_string();
            }
        }
    }
    v.to_string()
}

/// Names as a byline prints them: Chinese names joined by `、`, others as
/// `A and B` or `A, B and C`.
pub(crate) fn join_names(names: &[&str]) -> String {
    if names.iter().any(|n| n.chars().any(is_han)) {
        return names.join("、");
    }
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// `Environment Reporter`, `Staff Writer`: what follows a byline's comma is a role, not
/// an outlet, when its last word names a newsroom job.
pub(crate) fn is_job_title(s: &str) -> bool {
    const ROLES: [&str; 16] = [
        "reporter",
        "officer",
        "engineer",
        "manager",
        "director",
        "correspondent",
        "editor",
        "writer",
        "columnist",
        "contributor",
        "analyst",
        "producer",
        "journalist",
        "photographer",
        "staff",
        "intern",
    ];
    s.split_whitespace().next_back().is_some_and(|w| ROLES.iter().any(|r| w.eq_ignore_ascii_case(r)))
}

/// A short name-like piece: a source or an author, not a phrase or a sentence.
/// A province-level region of China by its short name (`浙江`, `廣東`), which
/// platforms print after a post's date as where it was sent from: no outlet.
/// A platform's user handle (`linjingchuan` after `@`, `rainycommuter` after `u/`).
pub(crate) fn is_handle(h: &str) -> bool {
    (2..=30).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

fn is_province(word: &str) -> bool {
    // Two or three Han characters: six to nine bytes.
    (6..=9).contains(&word.len()) && PROVINCES.contains(&word)
}

/// China's province-level regions by their short names, both scripts.
const PROVINCES: [&str; 50] = [
    "北京",
    "天津",
    "上海",
    "重庆",
    "重慶",
    "河北",
    "山西",
    "辽宁",
    "遼寧",
    "吉林",
    "黑龙江",
    "黑龍江",
    "江苏",
    "江蘇",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "山東",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "廣東",
    "海南",
    "四川",
    "贵州",
    "貴州",
    "云南",
    "雲南",
    "陕西",
    "陝西",
    "甘肃",
    "甘肅",
    "青海",
    "台湾",
    "台灣",
    "臺灣",
    "内蒙古",
    "內蒙古",
    "广西",
    "廣西",
    "西藏",
    "宁夏",
    "寧夏",
    "新疆",
    "香港",
    "澳门",
    "澳門",
];

/// "Reports" in its four spellings (`记者X报道`, `台北報導`).
const REPORT_WORDS: [&str; 4] = ["报道", "報道", "報導", "报导"];

/// An outlet's name as a byline prints it before its reporter (`聯晴報`, `岚港日报`,
/// `中洲社`, `岚州新闻网`): Han characters ending in a paper's, agency's,
/// station's or site's word.
fn is_outlet_word(word: &str) -> bool {
    let n = word.chars().count();
    (2..=10).contains(&n)
        && word.chars().all(is_han)
        && ["报", "報", "社", "台", "网", "網", "新闻", "新聞"].iter().any(|e| word.ends_with(e))
}

/// A dateline's word after the names (`北京报道`, `台北報導`).
fn is_dateline_word(word: &str) -> bool {
    REPORT_WORDS.iter().chain(&["电", "電", "讯", "訊"]).any(|w| word.ends_with(w))
}

/// An office credited as correspondent (`通讯员 市公安局`, `岚公宣`): no person.
fn is_office(name: &str) -> bool {
    name.ends_with([
        '局', '部', '院', '宣', '办', '辦', '所', '队', '隊', '委', '会', '會', '处', '處', '心', '室', '站', '社',
        '台', '报', '報', '网', '網', '团', '團', '厅', '廳', '校', '馆', '館',
    ])
}

/// Common given names in English-language bylines: a two-word line under a
/// headline that starts with one (`Elena Vasquez-Hart`) is a name, one that
/// does not (`Real Estate`, `Premier League`) a section's; `Emily Post` is a
/// person, `Bangkok Post` a paper.
const GIVEN_NAMES: [&str; 280] = [
    "Aaron",
    "Abigail",
    "Adam",
    "Adrian",
    "Aidan",
    "Aisha",
    "Alan",
    "Albert",
    "Alex",
    "Alexander",
    "Alexandra",
    "Alice",
    "Alicia",
    "Alison",
    "Amanda",
    "Amber",
    "Amelia",
    "Amy",
    "Ana",
    "Andrea",
    "Andrew",
    "Angela",
    "Anita",
    "Anjali",
    "Ann",
    "Anna",
    "Anne",
    "Anthony",
    "Antonio",
    "Arjun",
    "Ashley",
    "Barbara",
    "Ben",
    "Benjamin",
    "Beth",
    "Bill",
    "Bob",
    "Brandon",
    "Brenda",
    "Brian",
    "Bridget",
    "Caitlin",
    "Carl",
    "Carlos",
    "Carmen",
    "Carol",
    "Caroline",
    "Catherine",
    "Charles",
    "Charlotte",
    "Chen",
    "Chloe",
    "Chris",
    "Christian",
    "Christina",
    "Christine",
    "Christopher",
    "Claire",
    "Clara",
    "Colin",
    "Connor",
    "Craig",
    "Dan",
    "Dana",
    "Daniel",
    "Daniela",
    "David",
    "Deborah",
    "Denise",
    "Dennis",
    "Diana",
    "Diego",
    "Dominic",
    "Donald",
    "Donna",
    "Dorothy",
    "Douglas",
    "Dylan",
    "Ed",
    "Edward",
    "Eleanor",
    "Elena",
    "Elizabeth",
    "Ella",
    "Ellen",
    "Emily",
    "Emma",
    "Eric",
    "Erica",
    "Erin",
    "Ethan",
    "Eva",
    "Evan",
    "Eyal",
    "Fatima",
    "Fiona",
    "Frances",
    "Francesca",
    "Frank",
    "Gabriel",
    "Gareth",
    "Gary",
    "George",
    "Grace",
    "Graham",
    "Greg",
    "Gregory",
    "Hannah",
    "Harry",
    "Heather",
    "Helen",
    "Henry",
    "Holly",
    "Ian",
    "Isaac",
    "Isabel",
    "Isabella",
    "Jack",
    "Jacob",
    "James",
    "Jamie",
    "Jan",
    "Jane",
    "Janet",
    "Jason",
    "Javier",
    "Jay",
    "Jean",
    "Jeff",
    "Jennifer",
    "Jeremy",
    "Jess",
    "Jessica",
    "Jill",
    "Jim",
    "Joan",
    "Joe",
    "John",
    "Jonathan",
    "Jordan",
    "Jorge",
    "Jose",
    "Joseph",
    "Josh",
    "Joshua",
    "Joy",
    "Juan",
    "Julia",
    "Julian",
    "Julie",
    "Justin",
    "Karen",
    "Kate",
    "Katherine",
    "Kathleen",
    "Kathryn",
    "Katie",
    "Keith",
    "Kelly",
    "Ken",
    "Kevin",
    "Kieran",
    "Kim",
    "Kyle",
    "Laura",
    "Lauren",
    "Leah",
    "Lee",
    "Leo",
    "Liam",
    "Linda",
    "Lisa",
    "Liz",
    "Lucy",
    "Luis",
    "Luke",
    "Lynn",
    "Marcus",
    "Margaret",
    "Maria",
    "Marie",
    "Mark",
    "Martha",
    "Martin",
    "Mary",
    "Matt",
    "Matthew",
    "Maya",
    "Megan",
    "Melissa",
    "Michael",
    "Michelle",
    "Mike",
    "Mira",
    "Miriam",
    "Mohammed",
    "Molly",
    "Monica",
    "Nadia",
    "Nancy",
    "Naomi",
    "Natalie",
    "Nathan",
    "Neil",
    "Nicholas",
    "Nick",
    "Nicole",
    "Nina",
    "Noah",
    "Oliver",
    "Olivia",
    "Omar",
    "Owen",
    "Pablo",
    "Pamela",
    "Patricia",
    "Patrick",
    "Paul",
    "Paula",
    "Peter",
    "Philip",
    "Priya",
    "Rachel",
    "Rahul",
    "Ravi",
    "Rebecca",
    "Richard",
    "Rita",
    "Rob",
    "Robert",
    "Robin",
    "Roger",
    "Rosa",
    "Rose",
    "Ruth",
    "Ryan",
    "Sam",
    "Samantha",
    "Samuel",
    "Sandra",
    "Sara",
    "Sarah",
    "Scott",
    "Sean",
    "Sharon",
    "Simon",
    "Sofia",
    "Sophie",
    "Stephanie",
    "Stephen",
    "Steve",
    "Steven",
    "Susan",
    "Tara",
    "Ted",
    "Teresa",
    "Thomas",
    "Tim",
    "Timothy",
    "Tina",
    "Tobias",
    "Todd",
    "Tom",
    "Tomas",
    "Tony",
    "Tracy",
    "Trevor",
    "Tyler",
    "Valerie",
    "Vanessa",
    "Victor",
    "Victoria",
    "Vincent",
    "Walter",
    "Wayne",
    "Wei",
    "William",
    "Yasmin",
    "Zachary",
    "Zoe",
];

/// Whether `word` is one of [`GIVEN_NAMES`].
pub(crate) fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.binary_search(&word).is_ok()
}

/// Common Chinese surnames, simplified and traditional: a place (`北京`) set apart
/// beside a name is not a second name.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪丘張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蔣葉蘇呂盧鍾譚陸賈韋鄒閆龍賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯嶽歐關蘭寧紀畢單塗駱藍遊鮑華饒陽時農繆簡車項連蘆麥婁竇黨宮費衛應閔鄔邊師欒榮叢鞏遲鄺談荊樂鬱儲勞諶藺樓盤滿聞厲區闞權強帥樸蓋練豐國計晉門雲來闕烏況鮮諸戰銀賓陰堯閉蕭閻赖賴傅萧禤钮鄂";
/// Places and page words that start like a surname (`江西`, `南京`, `原创`,
/// `关注`), besides the provinces ([`PROVINCES`]): set apart beside a name, they are
/// not a second name ([`is_not_name`]).
const NOT_NAMES: [&str; 243] = [
    "南京",
    "武汉",
    "武漢",
    "成都",
    "杭州",
    "广州",
    "廣州",
    "深圳",
    "西安",
    "长沙",
    "長沙",
    "郑州",
    "鄭州",
    "济南",
    "濟南",
    "青岛",
    "青島",
    "大连",
    "大連",
    "沈阳",
    "瀋陽",
    "长春",
    "長春",
    "哈尔滨",
    "哈爾濱",
    "福州",
    "厦门",
    "廈門",
    "南昌",
    "合肥",
    "昆明",
    "贵阳",
    "貴陽",
    "南宁",
    "南寧",
    "海口",
    "三亚",
    "三亞",
    "兰州",
    "蘭州",
    "西宁",
    "西寧",
    "银川",
    "銀川",
    "拉萨",
    "拉薩",
    "太原",
    "石家庄",
    "石家莊",
    "苏州",
    "蘇州",
    "无锡",
    "無錫",
    "宁波",
    "寧波",
    "温州",
    "溫州",
    "东莞",
    "東莞",
    "佛山",
    "珠海",
    "高雄",
    "台北",
    "臺北",
    "台中",
    "臺中",
    "台南",
    "臺南",
    "新北",
    "桃园",
    "桃園",
    "新竹",
    "基隆",
    "金华",
    "金華",
    "南通",
    "徐州",
    "烟台",
    "煙臺",
    "洛阳",
    "洛陽",
    "常州",
    "扬州",
    "揚州",
    "嘉兴",
    "嘉興",
    "绍兴",
    "紹興",
    "台州",
    "泉州",
    "漳州",
    "汕头",
    "汕頭",
    "湛江",
    "江门",
    "江門",
    "惠州",
    "中山",
    "柳州",
    "桂林",
    "遵义",
    "遵義",
    "宜昌",
    "襄阳",
    "襄陽",
    "岳阳",
    "岳陽",
    "常德",
    "株洲",
    "衡阳",
    "衡陽",
    "赣州",
    "贛州",
    "九江",
    "芜湖",
    "蕪湖",
    "蚌埠",
    "淄博",
    "潍坊",
    "濰坊",
    "临沂",
    "臨沂",
    "济宁",
    "濟寧",
    "唐山",
    "保定",
    "邯郸",
    "邯鄲",
    "包头",
    "包頭",
    "鄂尔多斯",
    "鄂爾多斯",
    "大庆",
    "大慶",
    "吉隆坡",
    "新加坡",
    "澳洲",
    "美国",
    "美國",
    "英国",
    "英國",
    "日本",
    "韩国",
    "韓國",
    "全国",
    "全國",
    "国际",
    "國際",
    "国内",
    "國內",
    "海外",
    "本地",
    "当地",
    "當地",
    "原创",
    "原創",
    "关注",
    "關注",
    "文章",
    "来自",
    "來自",
    "转载",
    "轉載",
    "分享",
    "收藏",
    "评论",
    "評論",
    "点赞",
    "點贊",
    "打印",
    "关闭",
    "關閉",
    "字号",
    "字號",
    "摄影",
    "攝影",
    "图片",
    "圖片",
    "视频",
    "視頻",
    "综合",
    "綜合",
    "报道",
    "報道",
    "北京时间",
    "北京時間",
    "温馨提示",
    "溫馨提示",
    "国际在线",
    "國際在線",
    "阅读",
    "閱讀",
    "浏览",
    "瀏覽",
    "责编",
    "責編",
    "编辑",
    "編輯",
    "校对",
    "校對",
    "审核",
    "審覈",
    "推荐",
    "推薦",
    "热门",
    "熱門",
    "更多",
    "返回",
    "首页",
    "首頁",
    "新闻",
    "新聞",
    "资讯",
    "資訊",
    "时间",
    "時間",
    "日期",
    "来源",
    "來源",
    "作者",
    "记者",
    "記者",
    "通讯员",
    "通訊員",
    "本报",
    "本報",
    "本网",
    "本網",
    "本站",
    "网友",
    "網友",
    "读者",
    "讀者",
    "观察",
    "觀察",
    "评论员",
    "評論員",
    "特约",
    "特約",
    "实习生",
    "實習生",
    "编者",
    "編者",
];

/// Whether a word set apart beside a name is a place or a page word, no second name.
fn is_not_name(word: &str) -> bool {
    is_province(word) || NOT_NAMES.contains(&word)
}
/// Surnames of two characters (also in [`INLINE_BYLINE`]).
const COMPOUND_SURNAMES: [&str; 28] = [
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "慕容", "夏侯", "令狐", "司徒",
    "尉迟", "尉遲", "公孙", "公孫", "端木", "独孤", "獨孤", "南宫", "南宮", "长孙", "長孫", "宇文", "轩辕", "軒轅",
];

/// Whether `s` starts with a common Chinese surname ([`SURNAMES`], [`COMPOUND_SURNAMES`]).
pub(crate) fn starts_with_surname(s: &str) -> bool {
    s.chars().next().is_some_and(|c| SURNAMES.contains(c)) || COMPOUND_SURNAMES.iter().any(|c| s.starts_with(c))
}

/// Whether `s` may be a Chinese person's name: two or three Han characters (or `·`
/// between them; four after a compound surname) after a common surname, no place
/// or page word ([`is_not_name`]), none of the words that end an outlet's or office's name
/// (`新华社`, `宣传部`) and no reporting word (`综合`).
fn is_han_personal_name(s: &str) -> bool {
    let n = s.chars().count();
    let compound = COMPOUND_SURNAMES.iter().any(|c| s.starts_with(c));
    ((2..=3).contains(&n) || (n == 4 && compound))
        && s.chars().all(|c| is_han(c) || c == '·')
        && starts_with_surname(s)
        && !is_not_name(s)
        && !s.ends_with([
            '社', '报', '報', '网', '網', '台', '刊', '站', '部', '局', '厅', '廳', '院', '会', '會', '心', '处', '處',
            '所', '馆', '館', '室', '组', '組', '办', '辦', '委', '队', '隊', '团', '團', '版',
        ])
        && !["综合", "綜合", "联合", "聯合", "本报", "本報", "特约", "特約", "编辑", "編輯", "通讯", "通訊"]
            .iter()
            .any(|w| s.starts_with(w))
}

pub(crate) fn is_name(s: &str) -> bool {
    let w = width_capped(s, 40);
    if s.is_empty() || w > 40 {
        return false;
    }
    let not_in_names = |c: char| {
        matches!(
            c,
            ',' | ';'
                | ':'
                | '：'
                | '!'
                | '?'
                | '"'
                | '“'
                | '”'
                | '|'
                | '｜'
                | '/'
                | '／'
                | '['
                | ']'
                | '【'
                | '】'
                | '，'
                | '。'
                | '！'
                | '？'
        )
    };
    if s.chars().any(|c| c.is_ascii_digit() || not_in_names(c)) {
        return false;
    }
    let han = s.chars().filter(|&c| is_han(c)).count();
    if han > 0 {
        // Outlet and person names are written without spaces; headlines have them.
        return han <= 12 && !s.contains(char::is_whitespace);
    }
    // Latin: a few words, each capitalised or a short connective.
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "and" | "of" | "the" | "de" | "van" | "von" | "&")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_at_start_reads_what_the_label_pattern_captures_there() {
        let pieces = [
            "来源",
            "來源",
            "文字",
            "文",
            "记者",
            "Source",
            "SOURCE",
            "ſource",
            "last updated",
            "Last  updated",
            "up主",
            "UP主",
            "时间",
            "发布时间",
            "：",
            ":",
            " ",
            "\u{3000}",
            "x",
            "栖梧晚报",
            "2024",
            "作者",
        ];
        let mut next = crate::test_numbers(0x4B7D_E205_19A3_C6F1u64);
        let mut labelled = 0;
        for _ in 0..40_000 {
            let piece: String = (0..1 + next() % 5).map(|_| pieces[next() % pieces.len()]).collect();
            let want = LABEL
                .captures(&piece)
                .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
                .and_then(|c| Some((c.get(1)?.end(), c.get(0)?.end())));
            labelled += usize::from(want.is_some());
            assert_eq!(label_at_start(&piece), want, "{piece:?}");
        }
        assert!(labelled > 1_000, "{labelled}");
    }

    #[test]
    fn date_han_is_the_list_of_date_characters() {
        let list =
            "〇零○Ｏ一二两兩三四五六七八九十廿卅半几幾百月日号號年分钟鐘小时時个個天周週星期之以前昨今刚剛民國国";
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_date_han(c), list.contains(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn other_credits_pass_their_screen() {
        let words = [
            "Editing",
            "edited",
            "Additional reporting",
            "WRITING",
            "graphics",
            "Photos",
            "photo",
            "photography",
            "Production",
            "fact-checking",
            "Compiled",
            "compiled",
            "",
            "x",
            "ſ",
            "\u{212A}",
            "é",
        ];
        let gaps = [" ", "  ", "\t", "", "\u{3000}"];
        let bys = ["by", "BY", "bY", "b", "ſ", ""];
        let names = ["Kieran Holt", " ", "", "李"];
        let mut next = crate::test_numbers(0x0C4E_D17B_38A2_965Fu64);
        let mut credits = 0;
        for _ in 0..40_000 {
            let (w, g1, by, g2, name) = (
                next() % words.len(),
                next() % gaps.len(),
                next() % bys.len(),
                next() % gaps.len(),
                next() % names.len(),
            );
            let piece = format!("{}{}{}{}{}", words[w], gaps[g1], bys[by], gaps[g2], names[name]);
            if OTHER_CREDIT.is_match(&piece) {
                credits += 1;
                assert!(may_be_other_credit(&piece), "{piece:?}");
            }
        }
        assert!(credits > 1_000, "{credits}");
    }

    #[test]
    fn byline_value_reads_what_the_byline_pattern_captures() {
        let pieces = [
            "By",
            "by",
            "BY",
            "bY",
            "by:",
            ":",
            " ",
            "  ",
            "\t",
            "\u{3000}",
            "Dana Pruitt",
            "x",
            "written",
            "Reviewed",
            "review",
            "interviewed",
            "ed",
            "ſtory",
            "Words",
            "text",
            "posted",
            "\n",
            "作者",
            "é",
        ];
        let mut next = crate::test_numbers(0x71C3_0B5E_A9D2_4F18u64);
        let mut bylines = 0;
        for _ in 0..40_000 {
            let piece: String = (0..1 + next() % 6).map(|_| pieces[next() % pieces.len()]).collect();
            let want = BYLINE.captures(&piece).and_then(|c| c.get(1)).map(|m| m.as_str());
            bylines += usize::from(want.is_some());
            assert_eq!(byline_value(&piece), want, "{piece:?}");
        }
        assert!(bylines > 1_000, "{bylines}");
    }

    #[test]
    fn strip_label_first_byte_screen_keeps_its_answers() {
        let pieces = ["S", "s", "ſ", "\u{212A}", "k", "K", "摘", "要", "：", "ummary", "ey", " ", "Ｓ", "é"];
        let labels = ["summary", "key", "摘要", "s", "", "k", "é"];
        let mut next = crate::test_numbers(0x2F6B_1D90_77E3_5A41u64);
        for _ in 0..20_000 {
            let text: String = (0..next() % 5).map(|_| pieces[next() % pieces.len()]).collect();
            for label in labels {
                assert_eq!(strip_label(&text, label), strip_label_by_chars(&text, label), "{text:?} {label}");
            }
        }
        assert_eq!(strip_label("ſummary: x", "summary"), Some(": x"));
    }

    /// (date, author, source) of a meta line, `None` when it is no meta line.
    fn fields(line: &str) -> Option<(Option<String>, Option<String>, Option<String>)> {
        let m = parse_meta(line)?;
        let date = m.date.and_then(|h| match h.spec {
            DateSpec::Absolute(d) => Some(d.to_string()),
            _ => None,
        });
        Some((date, m.author, m.source))
    }

    fn some(
        date: Option<&str>,
        author: Option<&str>,
        source: Option<&str>,
    ) -> Option<(Option<String>, Option<String>, Option<String>)> {
        Some((date.map(str::to_string), author.map(str::to_string), source.map(str::to_string)))
    }

    /// Meta lines of sites the first corpus did not show, from dumps written
    /// for this purpose (thirty-first session).
    #[test]
    fn meta_lines_of_portals_wechat_and_wires() {
        let cases = [
            ("原创 林岚 松岚生活圈 2024-03-05 08:30", some(Some("2024-03-05"), Some("林岚"), Some("松岚生活圈"))),
            ("原创2024-04-12 17:05·望川城事通", some(Some("2024-04-12"), Some("望川城事通"), None)),
            ("原创 2024-08-03 21:17 ·岚州 岚州老陈说事", some(Some("2024-08-03"), Some("岚州老陈说事"), None)),
            (
                "发布时间：2024-08-28 16:42:05　来源：霁州新闻网　浏览次数：3521【字体：大 中 小】【打印】【关闭】",
                some(Some("2024-08-28"), None, Some("霁州新闻网")),
            ),
            ("发布日期：2024年09月10日　信息来源：柘湾县农业农村局", some(Some("2024-09-10"), None, Some("柘湾县农业农村局"))),
            ("Updated April 23, 2024 at 2:30 p.m. ET", some(Some("2024-04-23"), None, None)),
            ("Posted 03/26/2024 07:45 AM", some(Some("2024-03-26"), None, None)),
            ("〔記者林家豪／嵐港報導〕", some(None, Some("林家豪"), None)),
            ("記者張雅筑／霽川報導　113年8月14日", some(Some("2024-08-14"), Some("張雅筑"), None)),
            ("沅屏日报 2024年03月06日 第02版：要闻", some(Some("2024-03-06"), None, Some("沅屏日报"))),
            ("成文日期：2024-06-26　　发布日期：2024-06-28", some(Some("2024-06-28"), None, None)),
            (
                "Sat 14 Dec 2024 07.00 GMT · Last modified on Sat 14 Dec 2024 11.20 GMT",
                some(Some("2024-12-14"), None, None),
            ),
            (
                "Posted Mon 3 Mar 2025 at 5:30am, updated Mon 3 Mar 2025 at 9:12am",
                some(Some("2025-03-03"), None, None),
            ),
            ("By Liam O'Connor, Riverbend Today", some(None, Some("Liam O'Connor"), Some("Riverbend Today"))),
            (
                "By Jane Smith, USA Today | March 5, 2024",
                some(Some("2024-03-05"), Some("Jane Smith"), Some("USA Today")),
            ),
            (
                "發布日期：113-10-05　新聞來源：公共事務室　撰稿：黃詩涵",
                some(Some("2024-10-05"), Some("黃詩涵"), Some("公共事務室")),
            ),
            ("文/记者 梁思远", some(None, Some("梁思远"), None)),
            ("文｜周可\u{3000}图｜李四", some(None, Some("周可"), None)),
            (
                "2024-04-19 08:30来源：枫港日报记者：闻韬",
                some(Some("2024-04-19"), Some("闻韬"), Some("枫港日报")),
            ),
            ("记者：张三", some(None, Some("张三"), None)),
            ("记者 司徒岚　通讯员 尉迟敏 黎佳禾", some(None, Some("司徒岚、尉迟敏、黎佳禾"), None)),
            ("記者 區嘉朗、歐陽卓恩", some(None, Some("區嘉朗、歐陽卓恩"), None)),
            ("记者 贺晓东 岑蔓", some(None, Some("贺晓东、岑蔓"), None)),
            ("记者 宋婉", some(None, Some("宋婉"), None)),
            ("记者张晓梅　通讯员李明", some(None, Some("张晓梅、李明"), None)),
            ("2024-04-19　来源：岚港日报　摄影记者：王五", some(Some("2024-04-19"), None, Some("岚港日报"))),
            ("Interview by Oluwaseun Parrish | Posted 3 hours ago", some(None, Some("Oluwaseun Parrish"), None)),
            ("By Staff reporter, Kelsey Valley Ledger", some(None, None, Some("Kelsey Valley Ledger"))),
            ("岚港日报记者 戴宁　2024-10-22 07:45", some(Some("2024-10-22"), Some("戴宁"), Some("岚港日报"))),
            ("原创 苏晴 岚港发布 2024年05月17日 08:30 岚南", some(Some("2024-05-17"), Some("苏晴"), Some("岚港发布"))),
            ("2024年7月9日 星期二　上午10:28", some(Some("2024-07-09"), None, None)),
            // The weekday glued to the date; an IP location, and `编辑于`, name no outlet.
            ("明灣報　2024年11月19日星期二", some(Some("2024-11-19"), None, Some("明灣報"))),
            ("来源：岫阳台新闻综合频道播放：1.6万", some(None, None, Some("岫阳台新闻综合频道"))),
            ("2024年11月19日星期二 14:20", some(Some("2024-11-19"), None, None)),
            ("编辑于 2023-11-08 22:41・IP 属地云州", some(Some("2023-11-08"), None, None)),
            ("发布于 2024-05-14 · IP属地：广东", some(Some("2024-05-14"), None, None)),
            ("2024年11月19日星期二下午", None),
            ("新规5月1日星期一起施行", None),
            ("發出時間：2024年9月5日 下午4時45分", some(Some("2024-09-05"), None, None)),
            ("發表於 2024 年 11 月 2 日 · 分類：島嶼旅行 · 12 則留言", some(Some("2024-11-02"), None, None)),
            ("First published on Tue, 5 Mar 2024 07:45 GMT", some(Some("2024-03-05"), None, None)),
            ("Published: 19-03-2024", some(Some("2024-03-19"), None, None)),
            ("来源：溪宁新闻网2024-07-21 16:40", some(Some("2024-07-21"), None, Some("溪宁新闻网"))),
            ("发布时间：2024-04-19 来源：枫港日报", some(Some("2024-04-19"), None, Some("枫港日报"))),
            (
                "来源：化学与材料学院　作者：刘畅　摄影：赵一鸣　编辑：周洁　审核：陈立　发布时间：2024-11-21　点击数：1256",
                some(Some("2024-11-21"), Some("刘畅"), Some("化学与材料学院")),
            ),
            ("2024年10月15日 06:00　青泓日報　實習記者 梁穎琳", some(Some("2024-10-15"), Some("梁穎琳"), Some("青泓日報"))),
            ("Written by Rachel Kim | 5 February 2025", some(Some("2025-02-05"), Some("Rachel Kim"), None)),
            (
                "Reviewed by Owen Castell | February 9, 2024 at 11:20 am",
                some(Some("2024-02-09"), Some("Owen Castell"), None),
            ),
            ("Reviewed by Dr. Anna Lee, MD", None),
            // An ambiguous date is none, and the byline stays.
            ("Harlow Springs Ledger · By Dana Whitcombe · 10/3/2024", some(None, Some("Dana Whitcombe"), Some("Harlow Springs Ledger"))),
            (
                "来源：榕湾论坛　原帖作者：榕湾老陈　发表于：2024-5-3 20:15回复：46　查看：3,820　只看楼主",
                some(Some("2024-05-03"), Some("榕湾老陈"), Some("榕湾论坛")),
            ),
        ];
        for (line, want) in cases {
            assert_eq!(fields(line), want, "{line}");
        }
    }

    /// Labels of nothing kept, and a headline's label, make no meta line alone.
    #[test]
    fn unknown_labels_alone_are_no_meta_line() {
        for line in [
            "摄影：赵一鸣",
            "回应：2024年5月1日 新规",
            "索引号：CZJT-2024-00123　　主题分类：交通运输",
            "公司于2024年5月1日 正式上市",
            // Lines a review found the first draft read as meta.
            "评论：这是最好的时代",
            "留言：希望早日修好这条路",
            "楼主：我也遇到过这个问题",
            "阅读：红楼梦 第三回",
            "王小明 副局长 2024年3月1日",
            "新规 正式实施 2024年5月1日",
        ] {
            assert_eq!(parse_meta(line), None, "{line}");
        }
        // Counters alone are the page's: a meta line with nothing in it.
        assert_eq!(fields("回复：46　查看：3,820　只看楼主"), some(None, None, None));
    }

    /// The label right before each date decides which one is published.
    #[test]
    fn dates_chosen_by_their_labels() {
        assert_eq!(fields("实施日期：2024-08-01　发布日期：2024-06-28"), some(Some("2024-06-28"), None, None));
        assert_eq!(fields("Toronto Sun 14 Dec 2024"), some(Some("2024-12-14"), None, Some("Toronto Sun")));
        assert_eq!(inline_byline("本报讯（记者张三李四）今日。"), None);
        assert_eq!(fields("【更新时间：2024-08-01】【发布时间：2024-06-28】"), some(Some("2024-06-28"), None, None));
        assert_eq!(fields("By Jane Smith Mon 14 Dec 2024"), some(Some("2024-12-14"), Some("Jane Smith"), None));
        assert_eq!(parse_meta("评论：5G时代的隐私焦虑"), None);
    }

    /// The reporter named at the start of a first paragraph.
    #[test]
    fn repost_sources() {
        assert_eq!(repost_source("本文转自：鹭汀晚报").as_deref(), Some("鹭汀晚报"));
        assert_eq!(repost_source("本文转载自微信公众号“星河科普”，已获作者授权").as_deref(), Some("星河科普"));
        assert_eq!(repost_source("（本文經作者授權轉載，原文刊載於《澄嶼醫訊》第218期）").as_deref(), Some("澄嶼醫訊"));
        assert_eq!(repost_source("本文为原创，转载请注明出处。"), None);
        assert_eq!(repost_source("本文转载自公众号，版权归原作者所有。"), None);
        assert_eq!(repost_source("声明：本文转载自其他媒体，转载目的在于传递更多信息。"), None);
    }

    #[test]
    fn inline_bylines() {
        assert_eq!(inline_byline("本报讯（记者 何舟）3月5日，沅屏启动建设。").as_deref(), Some("何舟"));
        assert_eq!(inline_byline("（中央社記者王思涵霽川20日電）霽川市政府今天宣布。").as_deref(), Some("王思涵"));
        assert_eq!(inline_byline("（記者 李明 通訊員 王五）今日。").as_deref(), Some("李明、王五"));
        assert_eq!(inline_byline("华通网岫阳9月12日电（记者 郑昀 贾思齐）今日开通。").as_deref(), Some("郑昀、贾思齐"));
        assert_eq!(inline_byline("本报讯（记者 何舟、林晓）今日。").as_deref(), Some("何舟、林晓"));
        assert_eq!(inline_byline("本报讯（记者 何舟 报道）今日。").as_deref(), Some("何舟"));
        // What the first review found: a place before 报道, role words.
        assert_eq!(inline_byline("本报讯（记者 谢来 北京报道）今天上午。").as_deref(), Some("谢来"));
        assert_eq!(inline_byline("本报讯（记者 谢来 实习生 王悦）今天上午。").as_deref(), Some("谢来、王悦"));
        assert_eq!(inline_byline("本报讯（记者 谢来 摄影 王悦）今天上午。").as_deref(), Some("谢来"));
        assert_eq!(
            inline_byline("【财衡网】（记者 周琳瑛 实习记者 孟霁）十月以来，多家平台披露债务安排。").as_deref(),
            Some("周琳瑛、孟霁")
        );
        assert_eq!(inline_byline("【记者手记】（记者 何舟）今日。"), None);
        assert_eq!(inline_byline("本报讯（记者 欧阳晓峰）3月5日，沅屏启动建设。").as_deref(), Some("欧阳晓峰"));
        assert_eq!(inline_byline("本报讯（记者 阿依古丽·买买提）昨日。").as_deref(), Some("阿依古丽·买买提"));
        assert_eq!(inline_byline("本报讯（记者 张三李四）昨日。"), None);
        assert_eq!(inline_byline("新华社岚州6月18日电（记者郑砚秋）记者18日获悉。").as_deref(), Some("郑砚秋"));
        assert_eq!(inline_byline("本报将继续关注此事。"), None);
        assert_eq!(inline_byline("【記者溫梓朗報道】沙岬海濱長廊擴建工程今日正式展開。").as_deref(), Some("溫梓朗"));
        assert_eq!(
            inline_byline("〔記者蔡欣妤／嵐港報導〕嵐港捷運環狀線東段今日起試營運。").as_deref(),
            Some("蔡欣妤")
        );
        assert_eq!(inline_byline("【記者會】市長今日出席。"), None);
        assert_eq!(inline_byline("【记者手记】十年前，我第一次来到这个村庄。"), None);
    }

    #[test]
    fn labelled_url_is_the_capture_group() {
        let pieces = [
            "原文链接",
            "source",
            "Read the original at",
            "【",
            "】",
            "[",
            "]",
            "(",
            "：",
            ":",
            " ",
            "  ",
            "http://a.example/x",
            "HTTPS://b.example/h?q=http://c",
            "httpſ://d.example",
            "https://e.example/路径",
            "th",
            "h",
            "url",
            "\t",
        ];
        let mut next = crate::test_numbers(0xBB67_AE85_84CA_A73Bu64);
        let mut found = 0;
        for _ in 0..40_000 {
            let line: String = (0..1 + next() % 6).map(|_| pieces[next() % pieces.len()]).collect();
            let by_group = URL_LABELLED.captures(&line).and_then(|c| c.get(1)).map(|m| m.as_str().to_string());
            if URL_LABELLED.is_match(&line) {
                found += 1;
                assert_eq!(URL_IN_LINE.find(&line).map(|m| m.as_str().to_string()), by_group, "{line:?}");
            }
        }
        assert!(found > 300, "{found}");
    }

    #[test]
    fn unlabelled_lines_without_a_year_are_never_meta() {
        let pieces = [
            "2024-10-09",
            "2024年10月9日",
            "二〇二四年十月九日",
            "民國一一三年十月九日",
            "Feb 9, 2024",
            "9 February 2024",
            "１０月９日",
            "3天前",
            "yesterday",
            "٣ hours ago",
            "2 dayſ ago",
            "ſix weeK ago",
            "٣",
            "١٠月٩日",
            "10:30",
            "2024",
            "858",
            "岚湖日报",
            "Harrowgate Courier",
            "Priya Castellan",
            "发布",
            "updated",
            "on",
            " ",
            "  ",
            " | ",
            "　",
            "/",
            "the river",
            "溪桥县古村落完成消防改造",
            "with 6 killed",
            "来源：",
            "作者：",
            "By ",
            "记者",
            "·",
            "年",
            "月",
        ];
        let mut next = crate::test_numbers(0x6A09_E667_F3BC_C908u64);
        let (mut screened, mut dated, mut unlabelled) = (0, 0, 0);
        for _ in 0..60_000 {
            let line: String = (0..1 + next() % 5).map(|_| pieces[next() % pieces.len()]).collect();
            let line = line.trim();
            let (info, norm) = (line_info(line), ascii_digits(line));
            let meta = parse_meta_norm(norm.clone(), true);
            if !may_be_labelled(line, info) {
                // The shortcut for lines that cannot be labelled gives what
                // the whole parse gives.
                assert_eq!(parse_meta_norm(norm.clone(), false), meta, "{line:?}");
                unlabelled += 1;
                if may_hold_year(&norm) || may_be_all_date(&norm) {
                    dated += usize::from(meta.is_some());
                } else {
                    screened += 1;
                    assert!(meta.is_none(), "{line:?}");
                }
            }
        }
        assert!(screened > 1000 && dated > 1000 && unlabelled > 1000, "{screened} {dated} {unlabelled}");
    }
    use crate::date::DateSpec;
    use crate::Date;

    fn date_of(m: &MetaLine) -> Option<Date> {
        match m.date?.spec {
            DateSpec::Absolute(d) => Some(d),
            _ => None,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> Option<Date> {
        Date::new(y, m, day)
    }

    /// The hand-written summary parser captures what [`SUMMARY`] captures, and
    /// the URL-label screen passes every line [`URL_LABELLED`] matches.
    #[test]
    fn label_parsers_agree_with_their_regexes() {
        let heads = ["", "【", "[", "(", "（", " ", "【 ", "\u{3000}", "x", "》"];
        let labels = [
            "摘要",
            "内容提要",
            "導讀",
            "核心提示",
            "要點",
            "Summary",
            "ſUMMARY",
            "ABSTRACT",
            "tl;DR",
            "in brief",
            "inbrief",
            "sum",
            "原文链接",
            "本文地址",
            "文章連結",
            "來源網址",
            "网址",
            "Original Article",
            "ORIGINAL",
            "Source URL",
            "read more at",
            "Read The Original At",
            "LIN\u{212A}",
            "URL",
            "permalink",
            "Canonical",
            "作者",
            "by",
        ];
        let tails = ["", "：", ":", "】", "】：", "] :", " 】 ：", "]", "x：", "） ", ")"];
        let values =
            ["", " ", "这是摘要。", "  text here ", "：", " ： ", "\u{3000}a", "a\nb", " https://example.com/a"];
        let (mut summaries, mut urls) = (0, 0);
        for head in heads {
            for label in labels {
                for tail in tails {
                    for value in values {
                        let line = format!("{head}{label}{tail}{value}");
                        let expected = SUMMARY.captures(&line).and_then(|c| c.get(1)).map(|m| m.as_str());
                        assert_eq!(summary_text(&line), expected, "{line:?}");
                        summaries += usize::from(expected.is_some());
                        if URL_LABELLED.is_match(&line) {
                            assert!(label_may_start(&line, URL_LABELS), "{line}");
                            urls += 1;
                        }
                    }
                }
            }
        }
        assert!(summaries > 300 && urls > 100, "{summaries} {urls}");
    }

    #[test]
    fn chinese_bylines() {
        let m = parse_meta("2024年11月3日 09:15 来源：澜江日报 作者：张亦凡").unwrap();
        assert_eq!(date_of(&m), d(2024, 11, 3));
        assert_eq!(m.source.as_deref(), Some("澜江日报"));
        assert_eq!(m.author.as_deref(), Some("张亦凡"));

        let m = parse_meta("来源：澜江日报　2024/12/2　作者：钱一诺").unwrap();
        assert_eq!((date_of(&m), m.author.as_deref()), (d(2024, 12, 2), Some("钱一诺")));

        let m = parse_meta("澜江日报 | 2024-10-12T08:30:00+08:00 | 记者 宋婉").unwrap();
        assert_eq!(m.source.as_deref(), Some("澜江日报"));
        assert_eq!(m.author.as_deref(), Some("宋婉"));

        // A character of the name lost to a decoder: still the byline, and the date.
        let m = parse_meta("澜江日报 | 2024-10-12T08:30:00+08:00 | 记者 宋\u{FFFD}").unwrap();
        assert_eq!(date_of(&m), d(2024, 10, 12));
        assert_eq!((m.source.as_deref(), m.author.as_deref()), (Some("澜江日报"), Some("宋\u{FFFD}")));
        let m = parse_meta("澜江日报 | 2024-10-12 | 记者 \u{FFFD}\u{FFFD}").unwrap();
        assert_eq!((date_of(&m), m.author.as_deref()), (d(2024, 10, 12), None));

        let m = parse_meta("港灣時報／記者區卓琳報導　2024年11月26日").unwrap();
        assert_eq!(m.source.as_deref(), Some("港灣時報"));
        assert_eq!(m.author.as_deref(), Some("區卓琳"));

        let m = parse_meta("記者簡于婷／綜合報導　民國113年5月22日").unwrap();
        assert_eq!((m.source.as_deref(), m.author.as_deref()), (None, Some("簡于婷")));
        assert_eq!(date_of(&m), d(2024, 5, 22));

        let m = parse_meta("記者林書瑤／台中報導　民國114年3月14日").unwrap();
        assert_eq!((m.source.as_deref(), m.author.as_deref()), (None, Some("林書瑤")));

        let m = parse_meta("更新時間：2024年2月27日　港灣時報").unwrap();
        assert_eq!(m.source.as_deref(), Some("港灣時報"));
        assert!(m.author.is_none());
    }

    #[test]
    fn english_bylines() {
        let m = parse_meta("By Helen Park | Mar 5, 2024 | Northgate Daily").unwrap();
        assert_eq!(date_of(&m), d(2024, 3, 5));
        assert_eq!(m.author.as_deref(), Some("Helen Park"));
        assert_eq!(m.source.as_deref(), Some("Northgate Daily"));

        let m = parse_meta("By Imogen Rees, Westmoor Gazette | Updated 2024-09-19T14:20:00+01:00").unwrap();
        assert_eq!(date_of(&m), d(2024, 9, 19));
        assert_eq!(m.author.as_deref(), Some("Imogen Rees"));
        assert_eq!(m.source.as_deref(), Some("Westmoor Gazette"));

        let m = parse_meta("By Declan Whitmore, Environment Reporter").unwrap();
        assert_eq!(m.author.as_deref(), Some("Declan Whitmore"));
        assert_eq!(m.source, None, "a job title is not an outlet");
        let m = parse_meta("Published 28 February 2025, 07:30 GMT").unwrap();
        assert_eq!(date_of(&m), d(2025, 2, 28));
        let m = parse_meta("Published 2 days ago by Gwen Alder").unwrap();
        assert_eq!(m.author.as_deref(), Some("Gwen Alder"));
        assert!(m.source.is_none());
        assert_eq!(m.date.map(|h| h.spec), Some(DateSpec::Relative { minutes: Some(2880) }));
    }

    #[test]
    fn several_reporters_and_names_set_apart() {
        let cases = [
            ("記者蔡承翰、許雅晴／臨海報導", some(None, Some("蔡承翰、許雅晴"), None)),
            ("郑慧琳　报道", some(None, Some("郑慧琳"), None)),
            ("作者：蒋若溪 孟川　来源：新华社", some(None, Some("蒋若溪、孟川"), Some("新华社"))),
            // A place beside the name is no second name; nor is an outlet.
            ("作者：蒋若溪 北京", some(None, Some("蒋若溪"), Some("北京"))),
            ("作者：蒋若溪 新华社", some(None, Some("蒋若溪"), Some("新华社"))),
            ("作者：特约评论员 乔牧之　　2024年12月2日", some(Some("2024-12-02"), Some("乔牧之"), None)),
            ("综合　报道", None),
            // A review's misfires: places, stations and page words are no names;
            // a rare surname's author stays first.
            ("作者：刘洋　江西", some(None, Some("刘洋"), Some("江西"))),
            // The second review's: a Uyghur co-author, an outlet before the name,
            // offices as correspondents, a dateline after spaced names.
            ("记者 李明 通讯员 阿依古丽", some(None, Some("李明、阿依古丽"), None)),
            ("作者：人民网 李强", some(None, Some("李强"), None)),
            ("记者 王伟　通讯员 市公安局", some(None, Some("王伟"), None)),
            ("记者 王伟 李强 北京报道", some(None, Some("王伟、李强"), None)),
            ("Written by: Jane Doe", some(None, Some("Jane Doe"), None)),
            // A version or a score alone is no ROC date; `Ends on…` is prose.
            ("112.5.3", None),
            ("113.06.18", some(Some("2024-06-18"), None, None)),
            ("作者：傅家慶　蔡宇恆", some(None, Some("傅家慶、蔡宇恆"), None)),
            ("记者　王伟　　南昌　报道", some(None, Some("王伟"), None)),
            ("记者 陶明远 贺佳 通讯员 赖文静", some(None, Some("陶明远、贺佳、赖文静"), None)),
            (
                "2024年06月03日 星期一　来源：枫渡县融媒体中心　记者 黎晚晴　通讯员 祁东升",
                some(Some("2024-06-03"), Some("黎晚晴、祁东升"), Some("枫渡县融媒体中心")),
            ),
            ("文字：新华社记者 王伟　摄影：李强", some(None, Some("王伟"), None)),
            ("作者：本报评论员", some(None, Some("本报评论员"), None)),
            (
                "Posted: March 5, 2024 | Author: The Editorial Board of the Fenmoor Gazette",
                some(Some("2024-03-05"), Some("The Editorial Board of the Fenmoor Gazette"), None),
            ),
            // An affiliation in brackets after the name is no part of it.
            (
                "来源：临泽法治报　作者：费嘉言（临泽衡平律师事务所律师）",
                some(None, Some("费嘉言"), Some("临泽法治报")),
            ),
            ("文/乔一（枫陵市实验小学一年级语文教师）", some(None, Some("乔一"), None)),
            // A wire's trailer: the reporters, not the editor.
            (
                "Reporting by Anita Verhoeven and Paul Ngata; Editing by Kieran Holt",
                some(None, Some("Anita Verhoeven and Paul Ngata"), None),
            ),
            ("Reporting by Anita Verhoeven; Additional reporting by Tom Li", some(None, Some("Anita Verhoeven"), None)),
            ("Editing by Kieran Holt", None),
            // A desk, then the reporter: the reporter.
            ("更新時間：2024/04/21 22:47　作者：運動中心／蔡宇恆", some(Some("2024-04-21"), Some("蔡宇恆"), None)),
            // A WeChat account as the source: its name.
            ("2025-01-06 08:12　来源：微信公众号“枫陵教育观察”", some(Some("2025-01-06"), None, Some("枫陵教育观察"))),
            ("更新/2024年6月14日 10:12", some(Some("2024-06-14"), None, None)),
            // A bio under a label is no byline.
            ("About the author: Anjali Raman is a staff engineer on the team.", None),
            ("Author: jdoe", some(None, Some("jdoe"), None)),
            // Labels glued by markup to counters and an original post's mark.
            (
                "发布时间：2025/03/11作者：韦若溪来源：护理部阅读次数：2417",
                some(Some("2025-03-11"), Some("韦若溪"), Some("护理部")),
            ),
            ("2024-07-09 08:00作者：任远航原创浏览：1.2万", some(Some("2024-07-09"), Some("任远航"), None)),
            ("作者：施佩君　2024.09.12　瀏覽數 6,204", some(Some("2024-09-12"), Some("施佩君"), None)),
            ("文字：賴品妤、莫子謙　攝影：董嘉禾　責任編輯：溫采君", some(None, Some("賴品妤、莫子謙"), None)),
            ("来源：岚川日报  作者：记者 陶明远 通讯员 贺佳 打印", some(None, Some("陶明远、贺佳"), Some("岚川日报"))),
        ];
        for (line, want) in cases {
            assert_eq!(fields(line), want, "{line}");
        }
    }

    #[test]
    fn zones_with_offsets_and_relative_updates() {
        let cases = [
            ("March 14, 2024 6:02 AM GMT+8 Updated 4 hours ago", some(Some("2024-03-14"), None, None)),
            // `GMT Updated` is two keywords, no outlet.
            ("March 14, 2024 6:02 AM GMT Updated 4 hours ago", some(Some("2024-03-14"), None, None)),
            // A Hong Kong release's last line.
            ("Ends/Tuesday, March 12, 2024", some(Some("2024-03-12"), None, None)),
        ];
        for (line, want) in cases {
            assert_eq!(fields(line), want, "{line}");
        }
    }

    #[test]
    fn footer_labels_and_date_only() {
        let m = parse_meta("稿件来源：云溪融媒").unwrap();
        assert_eq!(m.source.as_deref(), Some("云溪融媒"));
        let m = parse_meta("发布日期：二〇二四年六月十八日").unwrap();
        assert_eq!(date_of(&m), d(2024, 6, 18));
        assert!(!m.date_only);
        let m = parse_meta("2025-02-28").unwrap();
        assert!(m.date_only);
        let m = parse_meta("2024-11-17 07:30").unwrap();
        assert!(m.date_only);
    }

    #[test]
    fn not_meta() {
        for line in [
            "首页 | 新闻 | 健康",
            "澜江日报 · 2024年第292期",
            "字号：大 中 小",
            "11月2日，总部位于澜江市高新区的青禾科技在年度开发者大会上发布了新一代边缘计算芯片。",
            "Forecasters have warned that up to 30 centimetres of snow could fall on 3 May 2024.",
            "寒潮来袭 东屿市未来三天气温将下降10℃以上",
            "记者日前从澜江农业科学院获悉",
            "记者探访 老菜场 年味浓",
            "新规5月1日起施行 涉及三方面",
            "春节假期 2月10日 东屿迎客流高峰",
            "东屿 3天前 发生",
            "Council votes on 4 May 2024 to approve the plan",
        ] {
            assert_eq!(parse_meta(line), None, "{line}");
        }
    }

    #[test]
    fn editors_are_not_authors() {
        let m = parse_meta("2024-01-01 来源：某报 责任编辑：王五").unwrap();
        assert_eq!(m.author, None);
        assert_eq!(m.source.as_deref(), Some("某报"));
    }

    #[test]
    fn crawl_url_summary() {
        let c = parse_crawl("采集时间：2024-12-31 10:42").unwrap();
        assert_eq!(c.hit.spec, DateSpec::Absolute(Date { year: 2024, month: 12, day: 31 }));
        assert_eq!(c.hit.time, Some((10, 42)));
        assert!(parse_crawl("Retrieved 2024-03-12 10:05 UTC").is_some());
        assert!(parse_crawl("Crawled: 2025-03-01").is_some());
        assert!(parse_crawl("发布时间：2024-12-31").is_none());

        assert_eq!(
            parse_url_line("原文链接：https://a.example.com/x?y=1").as_deref(),
            Some("https://a.example.com/x?y=1")
        );
        assert_eq!(parse_url_line("Read at: https://b.example/s").as_deref(), Some("https://b.example/s"));
        assert_eq!(parse_url_line("https://c.example/").as_deref(), Some("https://c.example/"));
        assert_eq!(parse_url_line("see https://c.example/ for more"), None);

        assert_eq!(parse_summary_label("摘要：一句话。", line_info("摘要：一句话。")).as_deref(), Some("一句话。"));
        assert_eq!(parse_summary_label("【导读】一句话。", line_info("【导读】一句话。")).as_deref(), Some("一句话。"));
        assert_eq!(
            parse_summary_label("Summary: One line.", line_info("Summary: One line.")).as_deref(),
            Some("One line.")
        );
        assert_eq!(parse_summary_label("摘要", line_info("摘要")), None);
    }

    /// A Taiwanese portal's line: date, the paper's name, its reporter (udn's
    /// `2024-08-21 14:22 聯合報 記者王小明／台北即時報導`); a wire's date with its
    /// update in brackets (`2024/11/26 16:05（11/26 18:40 更新）`).
    #[test]
    fn outlet_before_reporter_and_an_update_in_brackets() {
        let m = parse_meta("2024-08-21 14:22:10 聯晴報 記者王詩涵／即時報導").expect("meta");
        assert_eq!(m.date.map(|h| h.spec), Some(DateSpec::Absolute(Date::new(2024, 8, 21).expect("date"))));
        assert_eq!(m.author.as_deref(), Some("王詩涵"));
        assert_eq!(m.source.as_deref(), Some("聯晴報"));
        let m = parse_meta("岚港日报 记者 戴宁").expect("meta");
        assert_eq!((m.author.as_deref(), m.source.as_deref()), (Some("戴宁"), Some("岚港日报")));
        let m = parse_meta("2024/11/26 16:05（11/26 18:40 更新）").expect("meta");
        assert_eq!(m.date.map(|h| h.spec), Some(DateSpec::Absolute(Date::new(2024, 11, 26).expect("date"))));
        // Not an outlet's name, or no reporter after it: no byline.
        for line in ["市民 记者 采访", "聯晴報 王詩涵", "我们 記者王詩涵"] {
            assert!(parse_meta(line).is_none_or(|m| m.source.is_none()), "{line}");
        }
    }

    #[test]
    fn update_time_after_a_counter_and_bar_labels() {
        // `更新时间` is one label after a counter, not `更新` and `时间`; a counter
        // whose number a script wrote is empty.
        assert_eq!(fields("浏览次数：12 更新时间：2024-1-19"), some(Some("2024-01-19"), None, None));
        assert_eq!(
            fields("作者：钟芮 文章来源：协会秘书处 点击数： 更新时间：2024-1-19"),
            some(Some("2024-01-19"), Some("钟芮"), Some("协会秘书处"))
        );
        assert_eq!(fields("作者｜林一舟"), some(None, Some("林一舟"), None));
        assert_eq!(fields("记者\u{3000}邵楠"), some(None, Some("邵楠"), None));
        // A bare name and job is read only under a headline (`extract::mark_account_cards`).
        assert_eq!(fields("Hannah Pryce, Local Democracy Reporter"), None);
        assert_eq!(fields("The council said, Reporter"), None);
        // A WeChat header: one account's name, the date and the place it was sent from.
        assert_eq!(
            fields("原创 澄州市妇幼保健院 2024年04月22日 17:30 江苏"),
            some(Some("2024-04-22"), Some("澄州市妇幼保健院"), Some("澄州市妇幼保健院"))
        );
        assert_eq!(fields("原创2024-04-12 17:05·望川城事通"), some(Some("2024-04-12"), Some("望川城事通"), None));
        // Platforms' forms: a weekday before the year, an uploader's label, a read
        // count and an article id, a forum user.
        assert_eq!(fields("Apr 02 Tue 2024 21:03"), some(Some("2024-04-02"), None, None));
        assert_eq!(fields("UP主：铁轨边的阿晋"), some(None, Some("铁轨边的阿晋"), None));
        assert_eq!(fields("2024年03月05日 10:31 · 1.2万阅读 · cv31845206"), some(Some("2024-03-05"), None, None));
        assert_eq!(fields("Posted by u/rainycommuter 2 days ago"), some(None, Some("u/rainycommuter"), None));
        // A blog's pointer to another post is no meta line.
        assert_eq!(fields("最新推荐文章于 2024-05-02 14:20:11 发布"), None);
        // The province a post was sent from is no source.
        assert_eq!(fields("2024-03-15 浙江"), some(Some("2024-03-15"), None, None));
        assert_eq!(fields("2024-03-15 新华社"), some(Some("2024-03-15"), None, Some("新华社")));
        // Places beside a name: the provinces in all their spellings, and other places.
        assert!(["台灣", "台湾", "臺灣", "浙江", "南京"].iter().all(|w| is_not_name(w)));
        assert!(!is_not_name("王伟"));
        // A platform's user beside the date.
        assert_eq!(fields("林靜川 @linjingchuan · 2024年2月26日"), some(Some("2024-02-26"), Some("林靜川"), None));
        assert_eq!(fields("u/rainycommuter · 2 days ago").and_then(|f| f.1).as_deref(), Some("u/rainycommuter"));
        assert_eq!(fields("2024年2月26日 @岚港日报").and_then(|f| f.1), None);
        // `最後更新日期` is one label, no `最後` before `更新日期`.
        assert_eq!(fields("發布日期：2024-09-25 最後更新日期：2024-09-26 09:10").and_then(|f| f.2), None);
        // Brackets are no part of a name (`[编辑][删除]`, a blog's admin links).
        assert_eq!(fields("(2023-11-19 20:41:05) [编辑][删除]").and_then(|f| f.2), None);
    }
}
