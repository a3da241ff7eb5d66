//! Recognising page furniture line by line: disclaimers, app/QR footers, editor credits,
//! breadcrumbs, share bars, "related" headings, copyright notices.
//!
//! Every rule keys on generic site vocabulary plus a length limit, so a body paragraph
//! that merely mentions a word like 版权 or "share" is never taken for furniture.

use std::sync::LazyLock;

use regex::Regex;

use crate::lines::{cue, line_info, width, width_capped, LineInfo};
use crate::BoilerplateKind;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    let label = "免责声明|免責聲明|免责申明|免責申明|特别声明|特別聲明|郑重声明|鄭重聲明|版权声明|版權聲明|法律声明|法律聲明|声明|聲明|disclaimer|legal notice";
    re(&format!(r"(?i)^(?:[【\[(（]\s*(?:{label})\s*[】\])）]\s*[：:]?|(?:{label})\s*[：:])"))
});
static DISCLAIMER_BARE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:免责声明|免責聲明)|^(?:本文仅代表作者|本文僅代表作者|本文转载自|本文轉載自|本站部分内容来源于网络|本站部分內容來源於網絡|本文内容仅供参考|本文內容僅供參考|本网站所载|本網站所載)",
    )
});
static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[【\[(（]?\s*(?:责任编辑|責任編輯|责编|責編|值班编辑|值班編輯|实习编辑|實習編輯|编辑|編輯|审核|審核|审校|審校|校对|校對|编审|編審|主编|主編|监制|監製|editor|editors)\s*[：:]|^[【\[(（]\s*(?:责任编辑|責任編輯|责编|責編)|^(?:责任编辑|責任編輯)\s+\S|(?i)^(?:edited|editing|edit|copy-?edited)\s+by\s",
    )
});
static APP_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:长按|長按)\s*(?:扫码|掃碼|识别|識別|二维码|二維碼)|(?:扫描|掃描|扫一扫|掃一掃|扫码|掃碼).{0,8}(?:二维码|二維碼|下载|下載|关注|關注|阅读|閱讀|客户端|客戶端)|(?:下载|下載|打开|打開|点击下载|點擊下載|点击打开|點擊打開|安装|安裝)\s*(?:app|客户端|客戶端)|(?:阅读|閱讀)(?:全文|原文|更多)|scan (?:the|this) qr|download (?:the|our) app|open (?:in|the) app|read the full (?:story|article)|get the app",
    )
});
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:分享到|分享至|分享|转发到|轉發到|share (?:this|on|via)(?: article| story| page)?|share)\s*[：:]")
});
static SHARE_BARE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:分享到|分享至|分享|share this|share)"));
static PLATFORM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)微信|微博|朋友圈|QQ|豆瓣|facebook|twitter|(?-u:\b)X(?-u:\b)|linkedin|line(?-u:\b)|email|e-mail|whatsapp|telegram|reddit|复制链接|複製連結",
    )
});
static SOCIAL_COUNTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:点赞|點讚|點贊|赞|讚|收藏|评论|評論|转发|轉發|分享|打赏|打賞|举报|舉報|likes?|comments?|save|report)\s*[（(]?\s*\d*\s*[)）]?\s*[|｜·、/]?\s*)+$",
    )
});
static COPYRIGHT_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:©|copyright(?-u:\b)|\(c\)\s*\d{4}|版权所有|版權所有)"));
static COPYRIGHT_ANY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)©|all rights reserved|版权所有|版權所有|(?:未经授权|未經授權|未经许可|未經許可)[，,]?\s*(?:禁止|不得|严禁|嚴禁)(?:转载|轉載|复制|複製)",
    )
});
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[【\[]?\s*(?:相关新闻|相關新聞|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关文章|相關文章|相关报道|相關報導|相关链接|相關連結|热门推荐|熱門推薦|热点推荐|熱點推薦|猜你喜欢|猜你喜歡|更多新闻|更多新聞|更多阅读|更多閱讀|精彩推荐|精彩推薦|related(?: stories| articles| news| posts| coverage| reading| content| links)?|read more|more stories|more from|recommended(?: stories| reading)?|you may also like|you might also like|see also)\s*[】\]]?\s*[：:]?$",
    )
});
static NAV_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|所在位置|现在位置|位置)\s*[：:]|^(?:首页|首頁|主页|主頁|home)\s*(?:>|»|›|→|/|\||｜)",
    )
});
static NAV_SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r"\s*(?:>>|>|»|›|→|\||｜|\s/\s)\s*"));
static NAV_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:首页|首頁|主页|主頁|正文|内文|內文|新闻|新聞|即时新闻|即時新聞|home|news|article)$"));
static OTHER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:字号|字號|字体|字體)\s*[：:]|打印本页|打印本頁|关闭窗口|關閉窗口|返回顶部|返回頂部|返回首页|返回首頁|print this page|back to top|^[【\[]\s*(?:打印|关闭|關閉|纠错|糾錯)\s*[】\]]|^(?:上一篇|下一篇|previous article|next article)\s*[：:]",
    )
});
static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:[•·・●○◆◇▪▫■□►▶>\-–*]|\d{1,2}[.、)])\s*\S"));

/// Recognises a line of site furniture by its vocabulary alone.
///
/// Meta lines (dates, bylines, source URLs) are handled in `meta`, "related" headings by
/// [`is_related_heading`]; this covers the rest.
pub(crate) fn classify(line: &str) -> Option<BoilerplateKind> {
    // Past 400 columns (long HTML paragraphs) only the two line-start rules of
    // `classify_info` apply: no need to read the whole text for its cues.
    if width_capped(line, 400) > 400 {
        if DISCLAIMER.is_match(line) {
            return Some(BoilerplateKind::Disclaimer);
        }
        let copyright = line.starts_with(['©', 'c', 'C', '(', '版']) && COPYRIGHT_START.is_match(line);
        return copyright.then_some(BoilerplateKind::Copyright);
    }
    classify_info(line, line_info(line))
}

/// [`classify`] given the line's [`LineInfo`], which the caller has already measured.
pub(crate) fn classify_info(line: &str, info: LineInfo) -> Option<BoilerplateKind> {
    // Each pattern is tried only when the line holds a character (or ASCII word) that
    // every match of it contains; most lines are body text and skip most regexes.
    let (w, c) = (info.width, info.cues);
    let has = |bits: u32| c & bits != 0;
    // The English words are looked for in a lower-cased copy, made only for short lines
    // with letters (every word test below sits under a limit of at most 120 columns).
    // `(?i)` maps nothing but ASCII to the letters of these words (no `k` or `s` in them,
    // see `lines::contains_ascii_ci`); `scan` is tested as `can th` (`(?i)s` matches ſ).
    let lower = (w <= 120 && has(cue::ALPHA)).then(|| line.to_ascii_lowercase());
    let word = |w: &str| lower.as_deref().is_some_and(|l| l.contains(w));
    if (has(cue::COLON | cue::CLOSE_SQUARE | cue::CLOSE_PAREN) && DISCLAIMER.is_match(line))
        || (w <= 400 && line.starts_with(['免', '本']) && DISCLAIMER_BARE.is_match(line))
    {
        return Some(BoilerplateKind::Disclaimer);
    }
    if w <= 80 && (has(cue::COLON | cue::EDIT) || word("by")) && EDITOR.is_match(line) {
        return Some(BoilerplateKind::Editor);
    }
    let app_words = ["can th", "download", "open ", "read the full", "the app"];
    if w <= 60 && (has(cue::APP) || app_words.iter().any(|w| word(w))) && APP_FOOTER.is_match(line) {
        return Some(BoilerplateKind::AppFooter);
    }
    if w <= 100
        && ((has(cue::COLON) && SHARE.is_match(line))
            || (may_start_social_counts(line) && SOCIAL_COUNTS.is_match(line))
            || ((line.starts_with('分') || word("hare"))
                && SHARE_BARE.is_match(line)
                && PLATFORM.find_iter(line).count() >= 2))
    {
        return Some(BoilerplateKind::Share);
    }
    if (line.starts_with(['©', 'c', 'C', '(', '版']) && COPYRIGHT_START.is_match(line))
        || (w <= 120 && (has(cue::COPY) || word("erved")) && COPYRIGHT_ANY.is_match(line))
    {
        return Some(BoilerplateKind::Copyright);
    }
    if w <= 120 && has(cue::COLON | cue::NAV) && is_breadcrumb(line) {
        return Some(BoilerplateKind::Navigation);
    }
    if w <= 80 && (has(cue::COLON | cue::OTHER) || word("page") || word("to top")) && OTHER.is_match(line) {
        return Some(BoilerplateKind::Other);
    }
    None
}

/// Whether a line starts with a first character of one of [`SOCIAL_COUNTS`]'s
/// words (`(?i)` lets `ſ` stand for `s`): the pattern is anchored there, and
/// most lines are turned away before the regex is asked.
fn may_start_social_counts(line: &str) -> bool {
    line.starts_with([
        '点', '點', '赞', '讚', '收', '评', '評', '转', '轉', '分', '打', '举', '舉', 'l', 'L', 'c', 'C', 's', 'S',
        'ſ', 'r', 'R',
    ])
}

/// `相关新闻`, `延伸閱讀：`, `Related stories:` — the heading of a link list.
pub(crate) fn is_related_heading(line: &str) -> bool {
    is_related_heading_width(line, width_capped(line, 40))
}

/// [`is_related_heading`] given the line's width (capped at 40 or more).
pub(crate) fn is_related_heading_width(line: &str, w: usize) -> bool {
    w <= 40 && RELATED.is_match(line)
}

/// A short line that can be an entry of a link list (under a "related" heading).
pub(crate) fn is_list_item(line: &str) -> bool {
    let w = width_capped(line, 100);
    let bulleted = BULLET.is_match(line);
    w <= 100 && (bulleted || !line.ends_with(['。', '.']))
}

/// `当前位置：首页 > 科技`, `Home > Business > Article`, `首页 | 新闻 | 健康`, `Home / Sport`.
fn is_breadcrumb(line: &str) -> bool {
    if NAV_PREFIX.is_match(line) {
        return true;
    }
    let parts: Vec<&str> = NAV_SPLIT.split(line).collect();
    if parts.len() < 2 {
        return false;
    }
    let short = parts.iter().all(|p| {
        !p.is_empty()
            && width(p) <= 16
            && !p.contains(['，', '。', ',', '.', '：', ':', '！', '？'])
            && !p.chars().any(|c| c.is_ascii_digit())
    });
    if !short {
        return false;
    }
    let arrows = line.contains(['>', '»', '›', '→']);
    let nav_word = parts.iter().any(|p| NAV_WORD.is_match(p));
    arrows || nav_word || parts.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line that [`SOCIAL_COUNTS`] matches passes the screen in front
    /// of it, in every case the pattern allows.
    #[test]
    fn social_count_lines_pass_the_first_character_screen() {
        let words = [
            "点赞", "點讚", "點贊", "赞", "讚", "收藏", "评论", "評論", "转发", "轉發", "分享", "打赏", "打賞", "举报",
            "舉報", "like", "likes", "comment", "comments", "save", "report", "LIKES", "Comments", "ſave", "Save",
            "REPORT",
        ];
        for w in words {
            for line in [w.to_string(), format!("{w} 12"), format!("{w}（3） | 收藏")] {
                assert!(SOCIAL_COUNTS.is_match(&line), "{line}");
                assert!(may_start_social_counts(&line), "{line}");
            }
        }
        assert!(!may_start_social_counts("据报道"));
    }
    use BoilerplateKind::*;

    #[test]
    fn disclaimers() {
        assert_eq!(classify("免责声明：本站部分内容来源于网络，版权归原作者所有。"), Some(Disclaimer));
        assert_eq!(classify("免責聲明:本網站內容主要來自原創、合作伙伴供稿。"), Some(Disclaimer));
        assert_eq!(classify("声明：本文转载自其他媒体，不代表本站观点。"), Some(Disclaimer));
        assert_eq!(classify("Disclaimer: This content is for general information only."), Some(Disclaimer));
        assert_eq!(classify("【免责声明】本文仅供参考。"), Some(Disclaimer));
    }

    #[test]
    fn editors() {
        assert_eq!(classify("责任编辑：马晓"), Some(Editor));
        assert_eq!(classify("【責任編輯：李佩芬】"), Some(Editor));
        assert_eq!(classify("(責任編輯：張家豪)"), Some(Editor));
        assert_eq!(classify("编辑：徐可　审核：王一鸣"), Some(Editor));
        assert_eq!(classify("Editing by Tom Ellery"), Some(Editor));
        assert_eq!(classify("Edited by Sam Reed"), Some(Editor));
        assert_eq!(classify("编辑部昨天表示将继续改版，读者反响热烈。"), None);
    }

    #[test]
    fn app_footers() {
        assert_eq!(classify("長按掃碼 閱讀全文"), Some(AppFooter));
        assert_eq!(classify("长按扫码 阅读全文"), Some(AppFooter));
        assert_eq!(classify("扫描二维码 下载客户端"), Some(AppFooter));
        assert_eq!(classify("打开APP 阅读更多精彩内容"), Some(AppFooter));
        assert_eq!(classify("點擊下載APP"), Some(AppFooter));
        assert_eq!(classify("Scan the QR code to read the full story"), Some(AppFooter));
    }

    #[test]
    fn share_bars() {
        assert_eq!(classify("分享：微信 | 微博 | 复制链接"), Some(Share));
        assert_eq!(classify("分享到：　微信　朋友圈　微博"), Some(Share));
        assert_eq!(classify("分享至：Facebook LINE 微博"), Some(Share));
        assert_eq!(classify("Share: Facebook | X | LinkedIn | Email"), Some(Share));
        assert_eq!(classify("Share this article  Facebook  X  Email"), Some(Share));
        assert_eq!(classify("点赞(12)　收藏　评论(3)"), Some(Share));
        assert_eq!(classify("Share prices fell sharply on Monday"), None);
    }

    #[test]
    fn copyright() {
        assert_eq!(classify("版权所有 © 2024 澜江网　未经授权禁止转载"), Some(Copyright));
        assert_eq!(classify("© 2024 Northgate Daily"), Some(Copyright));
        assert_eq!(classify("Copyright © 2024 Riverside Post. All rights reserved."), Some(Copyright));
        assert_eq!(classify("© 2024 青川发布 All Rights Reserved"), Some(Copyright));
    }

    #[test]
    fn navigation() {
        assert_eq!(classify("当前位置：首页 > 科技频道 > 正文"), Some(Navigation));
        assert_eq!(classify("您的位置：网站首页 >> 财经 >> 正文"), Some(Navigation));
        assert_eq!(classify("Home > Business > Article"), Some(Navigation));
        assert_eq!(classify("Home / Sport"), Some(Navigation));
        assert_eq!(classify("首页 | 新闻 | 健康"), Some(Navigation));
        assert_eq!(classify("即時新聞 > 體育"), Some(Navigation));
        assert_eq!(classify("首頁 > 科學 > 內文"), Some(Navigation));
        assert_eq!(classify("打印本页 | 关闭窗口"), Some(Other));
        assert_eq!(classify("新創「語橋科技」推AI客服平台 台語、客語辨識率逾九成"), None);
    }

    #[test]
    fn related_and_lists() {
        assert!(is_related_heading("相关新闻"));
        assert!(is_related_heading("延伸閱讀："));
        assert!(is_related_heading("Related stories:"));
        assert!(!is_related_heading("相关新闻报道称，当地将新建学校。"));
        assert!(is_list_item("• 北棠镇举办首届丰收节"));
        assert!(is_list_item("Library extends weekend opening hours"));
        assert!(!is_list_item("这是一个很长的正文段落，包含完整的句子。"));
    }

    #[test]
    fn other_furniture() {
        assert_eq!(classify("字号：大 中 小"), Some(Other));
        assert_eq!(classify("返回顶部"), Some(Other));
    }

    #[test]
    fn body_text_is_not_furniture() {
        for line in [
            "澜江海关10月18日发布数据，今年前三季度，澜江市货物贸易进出口总值为1426.7亿元。",
            "The company said revenue rose 14 percent in the last financial year.",
            "记者日前从澜江农业科学院获悉，该院培育的新品系试种成功。",
            "他说，版权保护是出版行业的生命线，未来将加大执法力度，严厉打击盗版行为，保护创作者的合法权益，让原创内容得到应有的回报和尊重，这也是行业健康发展的基础。",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }
}
