//! Recognising page furniture line by line: disclaimers, app/QR footers, editor credits,
//! breadcrumbs, share bars, "related" headings, copyright notices.
//!
//! Every rule keys on generic site vocabulary plus a length limit, so a body paragraph
//! that merely mentions a word like 版权 or "share" is never taken for furniture.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

use crate::lines::{contains_ascii_ci, contains_ascii_ci_by, cue, line_info, width, width_capped, LineInfo};
use crate::BoilerplateKind;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// The English words [`classify_info`] asks a short line for, lower case, each
/// set in [`words_in`]'s answer at its bit (the [`words`] masks).
const WORDS: [&str; 28] = [
    "by",
    "can th",
    "download",
    "open ",
    "read the full",
    "the app",
    "hare",
    "erved",
    "thanks for reading",
    "subscribe",
    "journalism",
    "contact",
    "icp",
    " contributed",
    // A word of each of `OTHER`'s English phrases (no `k` or `s`).
    "upvote",
    "page",
    "to top",
    "donate",
    "give ",
    "letter",
    "briefing",
    "dige",
    "bulletin",
    "inbox",
    "explore",
    "upport",
    "our new",
    "follow",
];

/// Bits of [`WORDS`] in [`words_in`]'s answer.
mod words {
    pub(super) const BY: u32 = 1 << 0;
    /// `can th`, `download`, `open `, `read the full`, `the app`: an app's prompt.
    pub(super) const APP: u32 = 0b11_1110;
    pub(super) const HARE: u32 = 1 << 6;
    pub(super) const ERVED: u32 = 1 << 7;
    pub(super) const THANKS: u32 = 1 << 8;
    pub(super) const SUBSCRIBE: u32 = 1 << 9;
    pub(super) const JOURNALISM: u32 = 1 << 10;
    pub(super) const CONTACT: u32 = 1 << 11;
    pub(super) const ICP: u32 = 1 << 12;
    pub(super) const CONTRIBUTED: u32 = 1 << 13;
    /// A word of one of [`OTHER`](super::OTHER)'s English phrases: what an ASCII line
    /// it matches without a colon or `[` holds (no ſ or Kelvin sign for `(?i)` to fold).
    pub(super) const OTHER: u32 = ((1 << 28) - 1) & !((1 << 14) - 1);
}

static WORD_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::builder().kind(Some(AhoCorasickKind::DFA)).build(WORDS).expect("static word list"));

/// Whether an ASCII line without a colon may open with one of [`PAGE_NOTES`]'s
/// English notes (`This interview has been edited…`, `Skip to content`, `A+ A-`,
/// `12k followers`, `< previous`): by its first letter.
fn may_open_page_note(line: &str) -> bool {
    line.as_bytes().first().is_some_and(|&b| {
        b.is_ascii_digit() || b == b'<' || matches!(b | 0x20, b't' | b'a' | b's' | b'w' | b'y' | b'f' | b'v' | b'p')
    })
}

/// Which of [`WORDS`] a lower-cased line holds, as bits: one pass over the line
/// instead of a substring search per word (a dozen on every short English line).
fn words_in(lower: &str) -> u32 {
    WORD_FINDER.find_overlapping_iter(lower).fold(0, |found, hit| found | 1 << hit.pattern().as_u32())
}

static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    let label = "本网声明|本網聲明|本站声明|本站聲明|免责声明|免責聲明|免责申明|免責申明|特别声明|特別聲明|郑重声明|鄭重聲明|版权声明|版權聲明|法律声明|法律聲明|风险提示|風險提示|风险提醒|風險提醒|声明|聲明|disclaimer|legal notice";
    re(&format!(r"(?i)^(?:[【\[(（]\s*(?:{label})\s*[】\])）]\s*[：:]?|(?:{label})\s*[：:])"))
});
static DISCLAIMER_BARE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[（(]本文.{0,30}[）)]$|^the views (?:expressed )?(?:in this (?:column|article|piece|story) )?are (?:the author'?s|those of the author|the writer'?s)|^(?:免责声明|免責聲明)|^(?:本文仅代表作者|本文僅代表作者|本文转载自|本文轉載自|本文转自|本文轉自|本站部分内容来源于网络|本站部分內容來源於網絡|本文内容仅供参考|本文內容僅供參考|本文(?:仅|僅)(?:作|供|为|為)|(?:转载请注明|轉載請註明|转载请联系|轉載請聯繫|如有侵权|如有侵權)|本网站所载|本網站所載|本文为自媒体|本文為自媒體|本文系作者|本文係作者|本文为作者原创|本文為作者原創|本文为原创|本文為原創)|^本文由.{0,12}(?:上传|上傳)|^本文由.{0,12}(?:授权|授權)(?:转载|轉載)|^本文由.{0,16}(?:平台|平臺).{0,6}(?:仅|僅)提供|^本文(?:为|為|系|係).{1,16}(?:原创|原創)[，,].{0,12}(?:转载|轉載)|^本文由.{2,20}(?:出品|供稿)[，,。]|^【(?:投资|投資)(?:警语|警語|提示)】|^本文(?:来自|來自).{2,60}(?:经授权发布|經授權發布|授权发布|授權發布|授权转载|授權轉載|经授权转载|經授權轉載)。?$",
    )
});
static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[【\[(（]?\s*(?:责任编辑|責任編輯|责编|責編|值班编辑|值班編輯|实习编辑|實習編輯|编辑|編輯|审核专家|審核專家|医学审核|醫學審核|审核|審核|审校|審校|校对|校對|编审|編審|主编|主編|监制|監製|签发|簽發|editor|editors)\s*[：:｜|／/]|^[【\[(（]\s*(?:责任编辑|責任編輯|责编|責編)|^(?:责任编辑|責任編輯)\s+\S|^\p{Han}{1,4}(?:编辑|編輯)\s*[：:]\s*\p{Han}{2,4}(?:[\s　|｜/／、]|$)|(?i)^(?:edited|editing|edit|copy-?edited)\s+by\s",
    )
});
static APP_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:长按|長按)\s*(?:扫码|掃碼|识别|識別|二维码|二維碼)|(?:扫一扫|掃一掃|扫码|掃碼).{0,6}(?:手机|手機).{0,4}(?:打开|打開|阅读|閱讀|浏览|瀏覽|查看)|^(?:点击|點擊)(?:上方|下方|蓝字|藍字)|^(?:关注|關注)(?:公众号|公眾號|微信公众号|微信公眾號|我们|我們)|^(?:关注|關注).{1,8}(?:微信公众号|微信公眾號|公众号|公眾號)[，,]|(?:点我|點我|点此|點此)(?:下载|下載)|(?:扫描|掃描|扫一扫|掃一掃|扫码|掃碼).{0,8}(?:二维码|二維碼|下载|下載|关注|關注|阅读|閱讀|客户端|客戶端)|(?:^|[\s\p{P}]|请|請|立即|即可|马上|馬上|欢迎|歡迎)(?:下载|下載|打开|打開|点击下载|點擊下載|点击打开|點擊打開|安装|安裝)\s*(?:app|客户端|客戶端)(?:$|[^后後的时時])|^(?:下载|下載)\S{1,8}(?:app|客户端|客戶端)(?:[，,]\s*(?:随时|隨時|即时|即時|第一时间|第一時間)|\s*$)|(?:阅读|閱讀)(?:全文|原文|更多)|^(?:打开|打開)\S{1,12}[，,]\s*(?:阅读|閱讀|观看|觀看)?(?:体验|體驗)更(?:佳|好)[。！!]?$|scan (?:the|this) qr|download (?:the|our) app|open (?:in|the) app|read the full (?:story|article)|get the app",
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
        r"(?i)^(?:(?:点赞|點讚|點贊|赞|讚|收藏|评论|評論|转发|轉發|分享|打赏|打賞|举报|舉報|反馈|反饋|在看|喜欢|喜歡|关注|關注|订阅|訂閱|留言|回复|回覆|阅读|閱讀|浏览|瀏覽|纠错|糾錯|likes?|comments?|save|report|follow|subscribe)\s*[（(]?\s*[\d,.]*[kKwW万萬]?\s*[)）]?\s*[|｜·、/]?\s*)+$",
    )
});
static COPYRIGHT_START: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:©|copyright(?-u:\b)|\(c\)\s*\d{4}|版权所有|版權所有|本(?:網站|网站|站)(?:之)?著作(?:權|权))")
});
static COPYRIGHT_ANY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)©|all rights reserved|版权所有|版權所有|(?:未经|未經|非经|非經)\p{Han}{0,4}(?:授权|授權|许可|許可)[，,]?\s*(?:禁止|不得|严禁|嚴禁|请勿|請勿)(?:转载|轉載|复制|複製)",
    )
});
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[【\[]?\s*(?:相关新闻|相關新聞|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|相关文章|相關文章|相关报道|相關報導|相关链接|相關連結|热门推荐|熱門推薦|热点推荐|熱點推薦|猜你喜欢|猜你喜歡|更多新闻|更多新聞|更多阅读|更多閱讀|精彩推荐|精彩推薦|热门新闻|熱門新聞|热门车型|熱門車型|热门资讯|熱門資訊|相关游记|相關遊記|相关推荐|相關推薦|更多港闻|更多港聞|更多资讯|更多資訊|latest news|latest stories|往期推荐|往期推薦|往期回顾|往期回顧|往期精选|往期精選|往期精彩|本版其他文章|本版其它文章|热门文章|熱門文章|热门新闻|熱門新聞|最新新闻|最新新聞|作者最新文章|作者其他文章|作者更多文章|最新文章|你可能感兴趣|你可能感興趣|热门攻略|熱門攻略|热点排行|熱點排行|热搜榜|熱搜榜|热闻|熱聞|\d{1,2}\s*小时热闻|\d{1,2}\s*小時熱聞|排行榜|相关发布|相關發布|more (?:interviews|episodes|articles|videos)|猜你感兴趣|猜你感興趣|你可能也想看|你可能也喜欢|你可能也喜歡|你可能會喜歡|相关辟谣|相關闢謠|看更多|most viewed|related(?: stories| articles| news| posts| coverage| reading| content| links)?|read more|more stories|more from(?: \S+){0,4}|more on this (?:story|topic)|most read|most popular|top stories|trending(?: now| stories)?|recommended(?: stories| reading)?|you may also like|you might also like|see also)\s*[】\]]?\s*[：:]?$",
    )
});
/// A related story's title after its label, on one line.
static RELATED_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:看更多|相关新闻|相關新聞|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|更多新闻|更多新聞)\s*[：:]\s*[^。！？]{4,60}$",
    )
});
/// The heading of readers' comments (`全部评论（7）`, `12 則留言`, `Comments (3)`,
/// `Comments are closed for this article.`): words a story's own subheading
/// does not use (a bare `网友评论` may be one, so it needs its count).
static COMMENTS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[【\[]?\s*(?:(?:全部|最新|热门|熱門|精选|精選|读者|讀者)(?:评论|評論|留言)|评论区|評論區|留言区|留言區|留言列表|评论列表|評論列表|发表评论|發表評論|我要评论|我要評論|(?:网友|網友|玩家|用户|用戶|读者|讀者)?(?:评论|評論|留言|回复|回覆)\s*[（(]\s*\d+\s*[）)]|guest ?book\s*\(\d+\s+entries\)|(?:回复|回覆)\s*支持\s*[（(]\s*\d+\s*[）)]\s*(?:反对|反對)\s*[（(]\s*\d+\s*[）)]\s*(?:举报|舉報|檢舉)?|共?\s*\d+\s*(?:条|條|则|則|个|個)(?:评论|評論|留言|回复|回覆)|comments|reader comments|top comments\s*\(\d+\)|\d+\s+(?:comments|replies)|comments\s*\(\d+\)|leave a (?:comment|reply)|join the (?:conversation|discussion)|comments are closed(?: for this (?:article|story|post))?\.?)\s*[】\]]?\s*(?:[（(]\s*\d+\s*[）)])?\s*[：:]?$",
    )
});
static NAV_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|所在位置|现在位置|位置)\s*[：:]|^(?:首页|首頁|主页|主頁|home)\s*(?:>|»|›|→|/|\||｜)",
    )
});
static NAV_SPLIT: LazyLock<Regex> = LazyLock::new(|| re(r"\s*(?:>>|>|»|›|→|\||｜|\s/\s|\u{3000})\s*"));
static NAV_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:首页|首頁|主页|主頁|正文|内文|內文|新闻|新聞|即时新闻|即時新聞|home|news|article)$"));
static OTHER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:字号|字號|字体|字體|文字大小|字體大小|字体大小)\s*[：:]|^最新推荐文章于|^最新推薦文章於|^\d[\d,.]*k? upvotes? \d[\d,.]*k? comments?(?:\s|$)|^[【\[]\s*(?:本文结束|本文結束|全文完)\s*[】\]]|^(?:(?:跳至|跳到|跳过|跳過)(?:主要內容|主要内容|內容|内容|导航|導航|搜索|搜尋)\s*)+$|打印本页|打印本頁|关闭窗口|關閉窗口|返回顶部|返回頂部|返回首页|返回首頁|print this page|back to top|^[【\[]\s*(?:打印|关闭|關閉|纠错|糾錯)\s*[】\]]|^[【\[]\s*(?:字号|字號|字体|字體)\s*[：:]|^(?:上一篇|下一篇|上一条|下一条|上一則|下一則|previous article|next article)\s*[：:]|^(?:图片来源|圖片來源|图片|圖片|图|圖|摄影|攝影|photo|image|picture)(?:\s*credit)?\s*[：:]|^(?:封面|题图|題圖|头图|頭圖)(?:(?:来源|來源|图片|圖片)\s*[｜|：:]|\s*[｜|])|^(?:欢迎|歡迎)?(?:订阅|訂閱)《[^》]{1,20}》|^(?:donate|give) (?:now|today)|^listen on\s*[：:]|^(?:上一版|下一版)(?:\s|$)|^(?:filed under|tags?|topics?|categories|category|keywords?|标签|標籤|关键词|關鍵詞|关键字|關鍵字)\s*[：:]|^our (?:standards|editorial (?:principles|standards|guidelines))\s*:|^(?:sign up|subscribe)(?: now)? (?:for|to) .{0,60}(?:newsletter|briefing|digest|bulletin)|^get .{0,40}in your inbox|^explore more on these topics|^(?:索引号|索引號|主题分类|主題分類|发文机关|發文機關|发文字号|發文字號|文号|文號)\s*[：:]|我要回帖|返回列表|回复本帖|回上一頁|回上一页|友善列印|友善打印|列印本頁|^(?:看更多|更多)\S{0,10}(?:报道|報導|新闻|新聞|文章|内容|內容)\s*[›>»]?$|^(?:#[^\s#]+\s*){2,}$|consider supporting us|support (?:our|independent) journalism|refresh this page|持续更新中|持續更新中|email our newsdesk|contact our newsdesk|^tap to follow|follow us for more|(?:donate|give) (?:now|today)\.?$|^更多.{0,10}(?:请|請)(?:关注|關注)",
    )
});
/// A site's footer: its licence numbers and who runs it (`主办单位：…`,
/// `备案号：京ICP备…`, `公网安备…`).
static SITE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)ICP\s*(?:备|備|证|證)\s*[：:]?\s*\d|(?:备案号|備案號|备案编号|備案編號)\s*[：:]|(?:公网安备|公網安備)\s*\d|(?:网站标识码|網站標識碼)\s*[：:]?\s*\d|^(?:主办单位|主辦單位|主办|主辦)\s*[：:].{1,40}(?:承办|承辦|协办|協辦|技术支持|技術支持|备案|備案|ICP|版权|版權|地址)|^(?:媒体联系人?|媒體聯繫人?|媒体联络人?|媒體聯絡人?|媒体垂询|媒體垂詢|新闻联络|新聞聯絡|media contacts?|press contacts?|media enquiries|media inquiries)(?:\s*[：:]|\s*$)|(?:^|\s)地址\s*[：:].{0,60}(?:电话|電話|邮编|郵編|郵遞區號)\s*[：:]|最佳(?:浏览|瀏覽)|(?:技术支持|技術支持)\s*[：:]",
    )
});
/// Notes and panels around a story that the patterns above do not name: a
/// listed company's notice header (`证券代码：…`), a quote panel, attachments,
/// a government page's disclosure mark, corrections, an interview's editing
/// note, font-size and zoom controls, cookie and newsletter lines, live-blog and
/// podcast controls, follower counts.
static PAGE_NOTES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:证券代码|證券代碼|股票代码|股票代碼|相关股票|相關股票|附件|附件下载|附件下載|图说|圖說|图注|圖註|图片说明|圖片說明|原标题|原標題)\s*[：:]|^(?:成文日期|发布机构|發布機構|公开方式|公開方式|有效性|公文种类|公文種類|体裁分类|體裁分類|主题词|主題詞)\s*[：:][^：:]*$|^(?:索\s*引\s*号|索\s*引\s*號|文\s*号|文\s*號)\s*[：:]|^[（(](?:本文)?作者(?:系|係|单位|單位)|^[（(](?:此件|本件|此页|此頁)(?:公开发布|公開發布|主动公开|主動公開)[）)]$|^this (?:interview|conversation|transcript|q&a) has been (?:edited|condensed)|^[【\[]?\s*(?:字号|字號|字体|字體|字级|字級)\s*[：:]?\s*[大中小]\s*[大中小]|^分享\s+(?:列印|打印)|^(?:a\+\s+a-|a-\s+a\+)(?:\s|$)|^skip to (?:main )?content|^was this page helpful|^you(?:'|’)re receiving this (?:email|newsletter)|^forward to a friend|^view (?:this email )?in (?:your )?browser|^please turn on javascript|^(?:▶\s*)?play (?:episode|now)$|^(?:related|read more|see also|more from(?: \S+){0,3}|延伸阅读|延伸閱讀|相关阅读|相關閱讀|推荐阅读|推薦閱讀|更多新闻|更多新聞)\s*[：:]\s*\S|^\p{Han}{2}(?:時間|时间)\s*\d{1,2}\s*[時时]\s*\d{1,2}\s*分$|^本帖最后由.{1,30}于.{4,30}编辑$|^本帖最後由.{1,30}於.{4,30}編輯$|^subscribe\s*:|^sort by\s*:|^\d[\d,.]*[km]?\s+(?:followers|following)$|^(?:喜欢|喜歡)(?:这篇|這篇|本文)|^[«‹<]\s*(?:上一篇|上一則|上一条|previous)",
    )
});

/// A health warning the law puts on every page about drink or tobacco
/// (`※ 提醒您：禁止酒駕 飲酒過量有礙健康`), whatever the story.
static HEALTH_WARNING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[※＊*【\[]?\s*(?:(?:提醒您|提醒|警語|警语)\s*[：:]?\s*)?(?:禁止酒駕|禁止酒驾|(?:飲酒過量|饮酒过量)[，,\s]*(?:有礙健康|有碍健康)|(?:吸菸|吸煙|吸烟)(?:有害|危害)健康)",
    )
});

/// An appeal for support in a page's footer (`Support independent arts journalism`).
static SUPPORT_JOURNALISM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:please )?support (?:our |independent )?(?:\w+ )?journalism"));

/// A correction or erratum note, often longer than the other notes.
static CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:更正|勘误|勘誤)\s*[：:]|^correction(?:\s*:|,\s*[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}\s*:|\s*\([^)]{1,30}\)\s*:)",
    )
});

/// Lines that are nothing but a widget's word (`Advertisement`, `— END —`,
/// `预览时标签不可点`), compared without spaces, dashes and case.
const WIDGET_LINES: [&str; 63] = [
    "展开全文",
    "展開全文",
    "继续阅读",
    "繼續閱讀",
    "请继续往下阅读",
    "請繼續往下閱讀",
    "继续往下阅读",
    "繼續往下閱讀",
    "正在加载",
    "正在載入",
    "加载中",
    "載入中",
    "loading",
    "memberonlystory",
    "continuereading",
    "continuereadingthemainstory",
    "正在加载中",
    "点击查看更多",
    "點擊查看更多",
    "查看更多",
    "forimmediaterelease",
    "listen",
    "keyevents",
    "showkeyeventsonly",
    "reusethiscontent",
    "transcriptavailable",
    "shareepisode",
    "新聞公報",
    "新闻公报",
    "share",
    "sharethisarticle",
    "sharethisstory",
    "print",
    "advertisement",
    "ad",
    "sponsored",
    "广告",
    "廣告",
    "预览时标签不可点",
    "預覽時標籤不可點",
    "上一版下一版",
    "返回目录",
    "subscribe",
    "signin",
    "signup",
    "login",
    "loginsignup",
    "openinapp",
    "写文章",
    "寫文章",
    "登录",
    "登錄",
    "注册",
    "註冊",
    "登录注册",
    "文章标签",
    "文章標籤",
    "文章分类",
    "文章分類",
    "个人分类",
    "個人分類",
    "全站分类",
    "全站分類",
];

/// What a platform's account card shows beside the account's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AccountWidget {
    /// `关注`, `+ Follow`, `12.6万粉丝`, `386 人赞同了该文章`: the name is the writer's.
    Follow,
    /// `Subscribe`, `订阅`: the name is a newsletter's or a channel's.
    Subscribe,
}

/// Whether an account card's line is its button (`关注`, `+ Follow`), not a count.
pub(crate) fn widget_is_button(line: &str) -> bool {
    !line.trim_start_matches(['+', '＋', ' ']).starts_with(|c: char| c.is_ascii_digit())
}

/// A line of a platform's account card (`关注`, `+ 关注`, `Follow`, `12.6万粉丝`,
/// `2,301 followers`, `386 人赞同了该文章`), or its subscribe button.
pub(crate) fn account_widget(line: &str) -> Option<AccountWidget> {
    static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^\d[\d,.]*\s*[万萬wWkK]?\s*(?:粉丝|粉絲|followers|关注者|關注者|人赞同了该(?:文章|回答)|人贊同了該(?:文章|回答))$",
        )
    });
    // Every one starts with a digit, `+` or the first letter of a button's word.
    let first = line.trim_start_matches(['+', '＋', ' ']).chars().next();
    if line.len() > 48 || !first.is_some_and(|c| c.is_ascii_digit() || "关關已追订訂fFsS".contains(c)) {
        return None;
    }
    let word: String = widget_word(line.trim_start_matches(['+', '＋'])).collect();
    const FOLLOW: [&str; 13] = [
        "关注",
        "關注",
        "已关注",
        "已關注",
        "关注ta",
        "關注ta",
        "关注他",
        "关注她",
        "關注他",
        "關注她",
        "follow",
        "追蹤",
        "追踪",
    ];
    const SUBSCRIBE: [&str; 4] = ["subscribe", "订阅", "訂閱", "subscribed"];
    if FOLLOW.contains(&word.as_str())
        || (line.bytes().next().is_some_and(|b| b.is_ascii_digit()) && COUNT.is_match(line))
    {
        Some(AccountWidget::Follow)
    } else if SUBSCRIBE.contains(&word.as_str()) {
        Some(AccountWidget::Subscribe)
    } else {
        None
    }
}

/// An attachment's file name, a download link (`1.鹭汀市2025年小学招生服务区域划分表.xlsx`,
/// `附件2：申报表.docx`): no sentence, and a document's extension at its end.
fn is_attachment_name(line: &str) -> bool {
    const EXTENSIONS: [&str; 13] =
        ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "zip", "rar", "ofd", "et", "csv"];
    let Some((stem, ext)) = line.trim_end().rsplit_once('.') else {
        return false;
    };
    // A name, not a sentence pointing to it (`具体划分情况详见附件1…划分表.xlsx`).
    let pointer = ["详见", "詳見", "见附件", "見附件", "请", "請"].iter().any(|w| stem.contains(w));
    EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
        && stem.chars().any(crate::lines::is_han)
        && !pointer
        && !stem.contains(['。', '，', '；', '！', '？'])
}

/// A press contact's heading (`Media contact:`, `媒体联系人：`), over a name that is
/// no byline.
pub(crate) fn is_contact_heading(line: &str) -> bool {
    const HEADINGS: [&str; 8] = [
        "media contact",
        "press contact",
        "media enquiries",
        "media inquiries",
        "媒体联系",
        "媒體聯繫",
        "媒體聯絡",
        "联系人",
    ];
    // Settled by length and first character for almost every line, without a copy.
    let heading = line.trim().trim_end_matches([':', '：']);
    if heading.len() > 48 || !heading.starts_with(['m', 'M', 'p', 'P', '媒', '联']) {
        return false;
    }
    // The heading alone (`Media Contacts`, `媒体联系人`), not a label with its value
    // (`联系人：王老师`).
    HEADINGS.iter().any(|h| {
        heading.get(..h.len()).is_some_and(|start| start.eq_ignore_ascii_case(h))
            && matches!(&heading[h.len()..], "" | "s" | "人")
    })
}

/// A line of a press contact's block: a name, an e-mail address, a phone number
/// or a labelled one of these (`Jenna Ruiz`, `press@example.com`, `+1 503-555-0142`,
/// `电话：0571-8888 1234`).
pub(crate) fn is_contact_detail(line: &str) -> bool {
    let l = line.trim();
    if l.is_empty() || width_capped(l, 61) > 60 || l.ends_with(['。', '.']) {
        return false;
    }
    let value = l.split_once([':', '：']).map_or(l, |(_, v)| v.trim());
    let phone = value.chars().filter(char::is_ascii_digit).count() >= 7
        && value.chars().all(|c| c.is_ascii_digit() || " +-()（）/ext.转".contains(c));
    let email = value.contains('@') && !value.contains(' ');
    phone || email || crate::meta::is_name(value)
}

/// A rule drawn with one character (`＊＊＊＊`, `=====`, `~~~`), at any width.
fn is_rule_line(line: &str) -> bool {
    let rule = |c: char| matches!(c, '*' | '＊' | '=' | '＝' | '-' | '—' | '_' | '~' | '～' | '·' | '•' | '#' | '.');
    line.starts_with(rule) && line.chars().count() >= 3 && line.chars().all(|c| rule(c) || c.is_whitespace())
}

/// A wire story's or press release's end mark (`ENDS`, `###`, `（完）`, `— END —`;
/// a WeChat post's `阅读原文` link under its text),
/// compared as [`WIDGET_LINES`] are: nothing after it is the article's.
const END_MARKS: [&str; 6] = ["end", "ends", "###", "完", "阅读原文", "閱讀原文"];

/// Whether a short line is one of the [`WIDGET_LINES`] or [`END_MARKS`]
/// (a prompt's trailing dots as well: `請繼續往下閱讀...`, `正在加载…`).
fn is_widget_line(line: &str) -> bool {
    // The word once, then looked up (lines this short are few, the list long).
    let word: String =
        widget_word(line.trim_end().trim_end_matches(['.', '…', '。', '∨', '﹀', '⌄', '▼', '>', '›', '»'])).collect();
    WIDGET_LINES.contains(&word.as_str()) || END_MARKS.contains(&word.as_str())
}

/// Whether a line is one of the [`END_MARKS`]: `END` and `ENDS` in capitals
/// or Hong Kong's `Ends` (a poem's `End` is a word).
pub(crate) fn is_end_mark(line: &str) -> bool {
    // Most lines are longer than any mark: settled by their length.
    if line.len() > 40
        || width_capped(line, 16) > 12
        || !END_MARKS.iter().any(|mark| mark.chars().eq(widget_word(line)))
    {
        return false;
    }
    let letters = || line.chars().filter(char::is_ascii_alphabetic);
    letters().next().is_none() || ["END", "ENDS", "Ends"].iter().any(|w| w.chars().eq(letters()))
}

/// Of the end marks that end the article (`marks`, lines by index in order),
/// the first, or the last of its kind: a digest ends each item with `（完）`, a
/// bilingual release's `完` is followed by its English version's `Ends`.
pub(crate) fn ending_mark<'a>(marks: &[usize], line: impl Fn(usize) -> &'a str) -> Option<usize> {
    let &first = marks.first()?;
    marks.iter().copied().rfind(|&m| widget_word(line(m)).eq(widget_word(line(first))))
}

/// Whether an end mark ends the article, between the line above it and the
/// one below: a sentence's end above it (not a score, `岚港 2:1 汀澜` / `完`);
/// under `###`, a press release's notes (`About …`, `Media contact`) or
/// nothing (an essay's section break has its text under it).
pub(crate) fn mark_ends_article(above: Option<&str>, mark: &str, below: Option<&str>) -> bool {
    let notes = [
        "About",
        "ABOUT",
        "关于",
        "關於",
        "Media",
        "MEDIA",
        "Contact",
        "CONTACT",
        "联系",
        "聯絡",
        "聯繫",
        "媒体",
        "媒體",
        "Notes",
        "NOTES",
        "For more",
        "SOURCE",
        "Source",
        "Forward-",
        "Safe Harbor",
    ];
    let notes_below = below.is_none_or(|b| notes.iter().any(|n| b.starts_with(n)));
    // The writer's own words after it (`后记：`, `编者按`) are the article's.
    let more = [
        "后记",
        "後記",
        "编者按",
        "編者按",
        "附记",
        "附記",
        "补记",
        "補記",
        "作者附言",
        "Postscript",
        "P.S.",
        "Editor's note",
    ];
    if below.is_some_and(|b| more.iter().any(|m| b.starts_with(m))) {
        return false;
    }
    above.is_some_and(|a| a.ends_with(['。', '.', '!', '！', '?', '？', '”', '"', '」', '’', ')', '）']))
        && (mark.trim() != "###" || notes_below)
}

/// A list of references' heading (`参考文献：`, `References`): the article ends above it,
/// when a citation follows it (`below`, the next line).
pub(crate) fn is_references_heading(line: &str, below: Option<&str>) -> bool {
    let heading = line.trim().trim_end_matches([':', '：']).trim_end();
    let heading = ["参考文献", "參考文獻", "参考资料", "參考資料"].contains(&heading)
        || heading.eq_ignore_ascii_case("references");
    heading && below.is_some_and(is_citation)
}

/// A reference's line: numbered (`[1] …`, `1. …`), or a journal's or book's
/// (`[J]`, `[M]`), or an address (`doi`, `http`).
fn is_citation(line: &str) -> bool {
    let line = line.trim_start();
    let numbered = line.strip_prefix('[').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        || (line.starts_with(|c: char| c.is_ascii_digit())
            && line.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', '、', ')']));
    numbered || ["[J]", "[M]", "[N]", "[D]", "doi", "http"].iter().any(|m| line.contains(m))
}

/// A line's letters without spaces, dashes and brackets, in lower case.
fn widget_word(line: &str) -> impl Iterator<Item = char> + Clone + '_ {
    let padding = |c: char| {
        c.is_whitespace()
            || matches!(c, '-' | '–' | '—' | '_' | '=' | '·' | '•' | '(' | ')' | '（' | '）' | '【' | '】')
    };
    line.chars().filter(move |&c| !padding(c)).map(|c| c.to_ascii_lowercase())
}

/// An Australian site's acknowledgement of country, on every page.
static ACKNOWLEDGEMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^we acknowledge the (?:traditional (?:custodians|owners)|aboriginal)"));

/// A picture's caption: after a caption mark (`▲`, `图①`), or ending with the
/// picture's credit (`（图片来源：…）`, `（圖／…）`, `记者 甘露 摄`, `Photo: Tom Reyne`).
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[▲△▼]|^(?:图|圖)\s*(?:[①②③④⑤⑥⑦⑧⑨⑩]|\d{1,2}(?:\s|[：:]))|[（(](?:图片来源|圖片來源|图源|圖源|图|圖|照片|相片|摄影|攝影)\s*[：:／/][^）)]{1,30}[）)]$|^(?:图为|圖為)[^？?！!。]{2,60}。?(?:\s*\p{Han}{2,4}\s*(?:摄|攝))?$|(?:记者|記者|通讯员|通訊員)\s*\p{Han}{2,4}\s*(?:摄|攝)$|[（(](?:本报|本報)?(?:(?:记者|記者|通讯员|通訊員)\s*)?\p{Han}{1,3}[\p{Han}&&[^拍]]\s*[／/]?\s*(?:摄|攝)[）)]$|[（(]\p{Han}{2,16}(?:供图|供圖)[）)]$|(?:photo|photograph|picture|image|illustration)\s*:\s*[^.:]{2,40}$|[。！]\s+\p{Han}{2,4}\s*(?:摄|攝)$|(?-i:^FILE\s*[-–—]\s.*\((?:[A-Z]{2,6}\s*)?Photo/[^)]{2,60}\))$",
    )
});

/// Whether a line is a [`CAPTION`]: cheap tests of its ends first.
fn is_caption(line: &str) -> bool {
    let marks = line.starts_with(['▲', '△', '▼', '图', '圖']) || line.ends_with(['）', ')', '摄', '攝']);
    (marks || line.contains(':')) && CAPTION.is_match(line)
}

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
        return starts_copyright(line).then_some(BoilerplateKind::Copyright);
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
    let found = lower.as_deref().map_or(0, words_in);
    let word = |bits: u32| found & bits != 0;
    if (has(cue::COLON | cue::CLOSE_SQUARE | cue::CLOSE_PAREN) && DISCLAIMER.is_match(line))
        || (w <= 400
            && line.starts_with(['免', '本', 'T', 't', '（', '(', '转', '轉', '如', '【'])
            && DISCLAIMER_BARE.is_match(line))
    {
        return Some(BoilerplateKind::Disclaimer);
    }
    if w <= 80 && (has(cue::COLON | cue::EDIT | cue::NAV) || word(words::BY)) && EDITOR.is_match(line) {
        return Some(BoilerplateKind::Editor);
    }
    if w <= 160 && is_attachment_name(line) {
        return Some(BoilerplateKind::Navigation);
    }
    if w <= 80 && (has(cue::APP) || word(words::APP)) && APP_FOOTER.is_match(line) {
        return Some(BoilerplateKind::AppFooter);
    }
    if w <= 100
        && ((has(cue::COLON) && SHARE.is_match(line))
            || (may_start_social_counts(line) && SOCIAL_COUNTS.is_match(line))
            || ((line.starts_with('分') || word(words::HARE))
                && SHARE_BARE.is_match(line)
                && PLATFORM.find_iter(line).count() >= 2))
    {
        return Some(BoilerplateKind::Share);
    }
    if starts_copyright(line) || (w <= 120 && (has(cue::COPY) || word(words::ERVED)) && COPYRIGHT_ANY.is_match(line)) {
        return Some(BoilerplateKind::Copyright);
    }
    if w <= 120 && (has(cue::COLON | cue::NAV) || line.contains('\u{3000}')) && is_breadcrumb(line) {
        return Some(BoilerplateKind::Navigation);
    }
    // The lines of the patterns that need neither a colon nor an `OTHER` cue
    // start with one of these, as pages write them (`（持续更新中）`).
    let other_start = || {
        line.starts_with([
            '我', '友', '列', '看', '更', '订', '訂', '欢', '歡', '本', '延', '相', '推', '回', '持', '（', '(', '#',
            '跳', '封', '题', '題', '头', '頭', '最',
        ])
    };
    // `Thanks for reading The Margin Notes! Subscribe for free…`: a newsletter's prompt.
    if word(words::THANKS) && word(words::SUBSCRIBE) {
        return Some(BoilerplateKind::Other);
    }
    // An ASCII line (as many bytes as characters): `(?i)` folds no ſ or Kelvin
    // sign in it, and the patterns' English phrases need their words or letters.
    let ascii = line.len() == info.chars;
    if w <= 80
        && (has(cue::COLON | cue::OTHER) || other_start() || (lower.is_some() && (!ascii || word(words::OTHER))))
        && OTHER.is_match(line)
    {
        return Some(BoilerplateKind::Other);
    }
    let notes_start = || {
        line.starts_with(['（', '(', '喜', '«', '‹', '<', '▶', '【', '[', '分', '本'])
            || (w <= 24 && line.ends_with('分'))
    };
    if w <= 120
        && (has(cue::COLON) || (lower.is_some() && (!ascii || may_open_page_note(line))) || notes_start())
        && PAGE_NOTES.is_match(line)
    {
        return Some(BoilerplateKind::Other);
    }
    // The two notes not at a line's start (kept out of `PAGE_NOTES`, which is
    // anchored and so stops at a line's first characters).
    let support = || word(words::JOURNALISM) && SUPPORT_JOURNALISM.is_match(line);
    // A wire's credit under the story (`… in Harlow Springs contributed to this report.`).
    // Research and reporting so credited name their people (`Ida Whitlow
    // contributed research.`); a report's contributors are a newsroom's, from
    // a place or to the report (`… writer Hal Brecken contributed from Merrin Island.`).
    let contributed = || {
        lower.as_deref().is_some_and(|l| {
            if !word(words::CONTRIBUTED) {
                return false;
            }
            let l = l.trim_end().trim_end_matches('.');
            let credited = ["writer", "reporter", "correspondent", "staff", "press", "reuters", "bureau"];
            let work = ["contributed research", "contributed reporting"];
            let report = ["contributed to this report", "contributed to this story", "contributed to this article"];
            // Names before the verb (`Ida Whitlow`, `… writer Hal Brecken`), and a
            // place after `from` (`… contributed reporting from Kyiv, Ukraine.`).
            let (who, what) = line.split_once(" contributed").unwrap_or((line, ""));
            let credit = |word: &str| {
                let word = word.to_ascii_lowercase();
                credited.contains(&word.as_str()) || word.strip_suffix('s').is_some_and(|one| credited.contains(&one))
            };
            let named = who.split_whitespace().all(|word| {
                word.starts_with(|c: char| c.is_uppercase()) || ["and", "in", "of"].contains(&word) || credit(word)
            });
            let from_place =
                |lead: &str| what.strip_prefix(lead).is_some_and(|p| p.starts_with(|c: char| c.is_uppercase()));
            named
                && ((w <= 80 && work.iter().any(|e| l.ends_with(e)))
                    || (w <= 120 && from_place(" reporting from "))
                    || ((report.iter().any(|e| l.ends_with(e)) || from_place(" from "))
                        && credited.iter().any(|w| l.contains(w))))
        })
    };
    if w <= 120
        && (lower.as_deref().is_some_and(|l| l.trim_end().ends_with("unsubscribe")) || support() || contributed())
    {
        return Some(BoilerplateKind::Other);
    }
    // A related story's link on the line of its label (`看更多：梅雨鋒面報到…`).
    if w <= 120 && line.starts_with(['看', '相', '延', '推', '更']) && RELATED_INLINE.is_match(line) {
        return Some(BoilerplateKind::Related);
    }
    // A channel's subscription prompt.
    if w <= 60
        && line.starts_with(['订', '訂'])
        && (line.contains("频道") || line.contains("頻道"))
        && !line.ends_with(['。', '！', '？'])
    {
        return Some(BoilerplateKind::Other);
    }
    if w <= 400 && line.starts_with(['作', '关', '關', 'A']) && is_labelled_bio(line) {
        return Some(BoilerplateKind::Other);
    }
    // A cookie banner runs long.
    if w <= 400 && line.starts_with(['W', 'w']) && contains_ascii_ci(line, "we use cookies") {
        return Some(BoilerplateKind::Other);
    }
    if w <= 400 && line.starts_with(['C', 'c', '更', '勘']) && CORRECTION.is_match(line) {
        return Some(BoilerplateKind::Other);
    }
    let contact = || word(words::CONTACT) || line.starts_with('媒');
    if w <= 120 && (has(cue::COLON | cue::COPY) || word(words::ICP) || contact()) && SITE_FOOTER.is_match(line) {
        return Some(BoilerplateKind::Copyright);
    }
    // `侵权必究` alone or ending a short notice; a story about a lawsuit says it in sentences.
    let rights = || w <= 40 && (line.contains("侵权必究") || line.contains("侵權必究"));
    if (w <= 32 && is_widget_line(line)) || is_rule_line(line) || rights() {
        return Some(BoilerplateKind::Other);
    }
    // A short line of icons alone (`📬`, `👇👇`) says nothing.
    if w <= 8 && line.chars().any(is_icon) && line.chars().all(|c| is_icon(c) || c.is_whitespace()) {
        return Some(BoilerplateKind::Other);
    }
    let warning = || line.contains(['酒', '菸', '煙', '烟']) && !line.ends_with(['。', '！', '？']);
    if w <= 60 && warning() && HEALTH_WARNING.is_match(line) {
        return Some(BoilerplateKind::Other);
    }
    if w <= 160 && is_caption(line) {
        return Some(BoilerplateKind::Other);
    }
    // A podcast's sign-off, after its episode's description.
    if w <= 160 && line.ends_with(['.', '!']) && contains_ascii_ci(line, "wherever you get your podcast") {
        return Some(BoilerplateKind::Other);
    }
    // Longer than the lower-cased copy is made for; `nowledge` has no `k`.
    if w <= 300 && line.starts_with(['W', 'w']) && contains_ascii_ci(line, "nowledge") && ACKNOWLEDGEMENT.is_match(line)
    {
        return Some(BoilerplateKind::Other);
    }
    None
}

/// A pictograph: arrows, shapes, dingbats and emoji (with their joiners), no
/// letter, digit or punctuation mark.
fn is_icon(c: char) -> bool {
    // Not the stars of a rating (`★★★★☆`), which say something.
    let star = matches!(c, '★' | '☆');
    !star
        && matches!(c as u32, 0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D)
}

/// An author's bio under its label (`作者简介：乔一，…`, `About the author: …`).
fn is_labelled_bio(line: &str) -> bool {
    const LABELS: [&str; 6] = ["作者简介", "作者簡介", "关于作者", "關於作者", "About the author", "About the writer"];
    LABELS.iter().any(|l| {
        line.strip_prefix(l).is_some_and(|rest| rest.trim_start_matches('s').trim_start().starts_with([':', '：']))
    })
}

/// Whether a line starts with a first character of one of [`SOCIAL_COUNTS`]'s
/// words (`(?i)` lets `ſ` stand for `s`): the pattern is anchored there, and
/// most lines are turned away before the regex is asked.
fn may_start_social_counts(line: &str) -> bool {
    line.starts_with([
        '点', '點', '赞', '讚', '收', '评', '評', '转', '轉', '分', '打', '举', '舉', '反', '在', '喜', '关', '關',
        '订', '訂', '留', '回', '阅', '閱', '浏', '瀏', '纠', '糾', 'l', 'L', 'c', 'C', 's', 'S', 'ſ', 'r', 'R', 'f',
        'F',
    ])
}

/// Whether a line starts with a copyright notice ([`COPYRIGHT_START`]), its first
/// character screened first: asked of long lines as of short ones.
fn starts_copyright(line: &str) -> bool {
    line.starts_with(['©', 'c', 'C', '(', '版', '本']) && COPYRIGHT_START.is_match(line)
}

/// `相关新闻`, `延伸閱讀：`, `Related stories:` — the heading of a link list.
pub(crate) fn is_related_heading(line: &str) -> bool {
    is_related_heading_width(line, width_capped(line, 40))
}

/// [`is_related_heading`] given the line's width (capped at 40 or more).
pub(crate) fn is_related_heading_width(line: &str, w: usize) -> bool {
    w <= 40 && RELATED.is_match(line)
}

/// Whether a line of width `w` (capped at 40 or more) heads readers' comments
/// ([`COMMENTS_HEADING`]).
pub(crate) fn is_comments_heading_width(line: &str, w: usize) -> bool {
    // Every heading holds one of these words; most lines hold none.
    let words = || {
        line.contains(['评', '評', '留', '回'])
            || (line.bytes().any(|b| b.is_ascii_alphabetic())
                && [("comment", 2), ("repl", 2), ("conversation", 3), ("discussion", 4), ("guest", 0)]
                    .iter()
                    .any(|&(w, anchor)| contains_ascii_ci_by(line, w, anchor)))
    };
    w <= 40 && words() && COMMENTS_HEADING.is_match(line)
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
    // The first part may be a site's name before its menu (`…门户网站　首页 > 政务公开`).
    let short = parts.iter().enumerate().all(|(k, p)| {
        !p.is_empty()
            && width(p) <= if k == 0 { 30 } else { 16 }
            && !p.contains(['，', '。', ',', '.', '：', ':', '！', '？'])
            && !p.chars().any(|c| c.is_ascii_digit())
    });
    if !short {
        return false;
    }
    let arrows = line.contains(['>', '»', '›', '→']);
    // `文｜周可　图｜李四`: credits split by bars, a byline's parts.
    let credit = |p: &&str| {
        let p = p.trim();
        ["文", "文字", "图文", "圖文", "撰文", "撰稿", "图", "圖", "摄影", "攝影", "作者", "记者", "記者"].contains(&p)
    };
    if !arrows && parts.iter().any(credit) {
        return false;
    }
    let nav_word = parts.iter().any(|p| NAV_WORD.is_match(p));
    // Parts set apart by ideographic spaces alone are a menu only with a menu's word:
    // a byline is spaced so too (`记者　张三　李四`).
    if !line.contains(['>', '»', '›', '→', '|', '｜', '/']) {
        return nav_word;
    }
    arrows || nav_word || parts.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random-case ASCII lines holding `phrases`, alone or among other words.
    fn ascii_lines_with(phrases: &[&str], seed: u64, mut check: impl FnMut(&str)) {
        let fillers = ["", "please ", "the ", " now", " today", "Read", "x", " ", "12 "];
        let mut next = crate::test_numbers(seed);
        for _ in 0..20_000 {
            let phrase: String = phrases[next() % phrases.len()]
                .chars()
                .map(|c| if next() & 1 == 0 { c.to_ascii_uppercase() } else { c })
                .collect();
            check(&format!("{}{}{}", fillers[next() % fillers.len()], phrase, fillers[next() % fillers.len()]));
        }
    }

    #[test]
    fn ascii_lines_that_other_matches_hold_one_of_its_words() {
        let phrases = [
            "12 upvotes 3 comments",
            "1.2k upvote 40 comment",
            "print this page",
            "back to top",
            "donate now",
            "give today.",
            "sign up for our weekly newsletter",
            "subscribe to the morning briefing",
            "subscribe now for the daily digest",
            "sign up to the bulletin",
            "get the best stories in your inbox",
            "explore more on these topics",
            "consider supporting us",
            "support our journalism",
            "support independent journalism",
            "refresh this page",
            "email our newsdesk",
            "contact our newsdesk",
            "tap to follow",
            "follow us for more",
            "#tag1 #tag2",
        ];
        let mut matched = 0;
        ascii_lines_with(&phrases, 0x5EED_0F07_4E12_9A31, |line| {
            let gated = line.contains([':', '[']) || line.starts_with(['(', '#']);
            if OTHER.is_match(line) && !gated {
                matched += 1;
                assert!(words_in(&line.to_ascii_lowercase()) & words::OTHER != 0, "{line:?}");
            }
        });
        assert!(matched > 2_000, "{matched}");
    }

    #[test]
    fn ascii_lines_that_page_notes_matches_open_with_its_letters() {
        let phrases = [
            "this interview has been edited",
            "This Q&A has been condensed",
            "a+ a-",
            "A- A+",
            "skip to content",
            "skip to main content",
            "was this page helpful",
            "you're receiving this email",
            "forward to a friend",
            "view this email in your browser",
            "view in browser",
            "please turn on javascript",
            "play episode",
            "play now",
            "12k followers",
            "3,400 following",
            "< previous",
            "<previous",
        ];
        let mut matched = 0;
        ascii_lines_with(&phrases, 0x1B0C_55D3_E872_4A96, |line| {
            if PAGE_NOTES.is_match(line) && !line.contains(':') && !line.starts_with(['(', '<', '[']) {
                matched += 1;
                assert!(may_open_page_note(line), "{line:?}");
            }
        });
        assert!(matched > 1_000, "{matched}");
    }

    #[test]
    fn words_in_finds_each_word_a_substring_search_finds() {
        let extra = ["b", "y", " ", "x", "中", "the ", "app"];
        let pieces: Vec<&str> = WORDS.iter().copied().chain(extra).collect();
        let mut next = crate::test_numbers(0x3A7C_91E0_5B2D_6F48u64);
        for _ in 0..20_000 {
            let s: String = (0..next() % 8).map(|_| pieces[next() % pieces.len()]).collect();
            let found = words_in(&s);
            for (i, w) in WORDS.iter().enumerate() {
                assert_eq!(found & 1 << i != 0, s.contains(w), "{s:?} {w:?}");
            }
        }
        assert_eq!(words::APP, (1..=5).fold(0, |m, i| m | 1 << i));
    }

    /// Every line that [`SOCIAL_COUNTS`] matches passes the screen in front
    /// of it, in every case the pattern allows.
    #[test]
    fn social_count_lines_pass_the_first_character_screen() {
        let words = [
            "点赞",
            "點讚",
            "點贊",
            "赞",
            "讚",
            "收藏",
            "评论",
            "評論",
            "转发",
            "轉發",
            "分享",
            "打赏",
            "打賞",
            "举报",
            "舉報",
            "反馈",
            "反饋",
            "在看",
            "喜欢",
            "喜歡",
            "关注",
            "關注",
            "订阅",
            "訂閱",
            "留言",
            "回复",
            "回覆",
            "like",
            "likes",
            "comment",
            "comments",
            "save",
            "report",
            "LIKES",
            "Comments",
            "ſave",
            "Save",
            "REPORT",
            "follow",
            "Follow",
            "subscribe",
            "ſubscribe",
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
        assert_eq!(classify("更多精彩内容，请下载客户端"), Some(AppFooter));
        assert_eq!(classify("→ 打开App，查看更多"), Some(AppFooter));
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
        assert_eq!(classify("文｜周可\u{3000}图｜李四"), None);
        assert_eq!(classify("撰文 | 周可  摄影 | 李四"), None);
        assert_eq!(classify("首页 | 图片 | 视频"), Some(Navigation));
        assert_eq!(classify("新創「語橋科技」推AI客服平台 台語、客語辨識率逾九成"), None);
    }

    /// Furniture of the pages of held-out sets e and f (thirty-second session),
    /// and body lines that resemble it.
    #[test]
    fn notes_and_widgets_of_more_sites() {
        for line in [
            "证券代码：603871　　证券简称：霁川精机　　公告编号：2024-027",
            "相关股票：霁川精机（603871）　最新价 14.26　涨跌幅 +3.18%",
            "（图源：网友拍摄）",
            "（照片：北澳漁港的夕陽）",
            "图为研究团队成员在实验室讨论实验数据",
            "圖說：研究生在水下記錄珊瑚覆蓋率。",
            "审核专家：龚启明（内分泌科主任、主任医师）",
            "签发：岑立冬　　审核：麦嘉",
            "本文仅作健康科普，不能代替医生面诊。如有不适，请及时就医。",
            "本文僅供健康資訊參考，身體不適請諮詢專業醫師。",
            "转载请注明出处，如有侵权请联系删除。",
            "关注医院微信公众号，可在线预约挂号、查询检查报告",
            "地址：霁川市文昌路88号　邮编：352400",
            "嵐港市立美術館　地址：嵐港市海濱路88號　電話：(09)2816-5530",
            "主办：峪川县融媒体中心　地址：峪川县城关镇文化路6号",
            "地址：澄嶼市大學路1號　｜　最佳瀏覽解析度 1280×800",
            "【字号 大 中 小】",
            "分享　列印　字級：小　中　大",
            "分享　列印　A+　A-",
            "不用抽 不用搶 現在用APP看新聞 保證天天中獎點我下載APP　按我看活動辦法",
            "（此件公开发布）",
            "附件：嫌疑人监控截图（1）.jpg",
            "更正：本文此前版本将新增学位数误写为1620个，现已更正为1260个。特此说明。",
            "Correction, Oct. 15, 2024: An earlier version of this article misstated the number.",
            "Correction: An earlier version of this story misstated the vote.",
            "« 上一篇：嵐港老街咖啡地圖　｜　下一篇：冬天的溫泉小鎮 »",
            "喜歡這篇文章嗎？歡迎按讚、分享給想去嶼北的朋友 ❤",
            "FOR IMMEDIATE RELEASE",
            "###",
            "This interview has been edited for length and clarity.",
            "Margit Havel at the Wexbridge Lido in 1979. Photograph: Havel family",
            "Support independent arts journalism — become a member",
            "We use cookies to make this website work and to improve it.",
            "Skip to main content",
            "Was this page helpful? Yes / No",
            "You're receiving this email because you subscribed to Fenwick Weekly.",
            "Update your preferences | Unsubscribe",
            "Forward to a friend",
            "Please turn on JavaScript to use this feature",
            "Key events",
            "▶ Play episode",
            "Subscribe: RSS | Email",
            "Sort by: Best",
            "412 Followers",
            "Media contact",
            "媒体联系人",
            "本帖最后由 湖边的风 于 2024-4-13 09:02 编辑",
            "＊＊＊＊＊＊＊＊＊＊＊＊",
            "濱海時間16時30分",
            "更多新聞：嵐港國際風箏節下月登場　交通管制一次看",
            "本網站內容未經授權，請勿轉載。",
            "More from National: Ferry services cancelled as swell builds | Teacher shortage eases",
            "We use cookies to make this website work and to improve it. Accept all cookies | Reject additional cookies | Cookie settings and our privacy notice",
            "原标题：骑手摔伤谁来赔？这起案件给出答案",
            "索 引 号：11352104MB1D47/2024-00213",
            "成文日期：2024年03月01日",
            "（本文作者系鹭汀大学文学院副教授）",
            "Correction, Oct. 15, 2024: An earlier version of this article misstated the number of branch libraries in Hallowmere County. There are 14, not 12.",
            "本网声明：本网转载稿件仅为传递更多信息，不代表本网观点。",
            "= = = = =",
        ] {
            assert!(classify(line).is_some(), "{line}");
        }
        for heading in ["热门攻略", "热点排行", "24小时热闻", "热搜榜", "相关发布", "More interviews", "More episodes"]
        {
            assert!(is_related_heading(heading), "{heading}");
        }
        for line in [
            "来源：澄州市交通运输局　　字号：大 中 小",
            "图为何物？专家解释说，这是一种新型材料。",
            "Correction officers at the prison said: the riot began at noon.",
            "更正错误是每个记者的责任。",
            "He said he would unsubscribe from the service, and many others did the same.",
            "附近居民表示，噪音问题已持续多年。",
            "关注民生，是政府工作的重点。",
            "The grant will help support local journalism in rural counties across the state.",
            "如有侵犯，将依法追究。",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    #[test]
    fn comment_headings() {
        let heads = [
            "全部评论（7）",
            "最新评论（28）",
            "网友评论（326）",
            "12 則留言",
            "共35条评论",
            "精选留言",
            "Comments (3)",
            "23 comments",
            "Comments",
            "Comments are closed for this article.",
            "Leave a Reply",
            "玩家评论（132）",
            "留言列表",
            "Guest Book (3 entries)",
        ];
        for line in heads {
            assert!(is_comments_heading_width(line, width(line)), "{line}");
        }
        for line in [
            "Guest book",
            "网友评论",
            "评论：这是最好的时代",
            "87 upvotes · 23 comments",
            "读者评论称，新规出台后效果明显。",
        ] {
            assert!(!is_comments_heading_width(line, width(line)), "{line}");
        }
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
    fn related_links_on_their_labels_line() {
        assert_eq!(classify("看更多：梅雨鋒面報到 嵐北山區單日雨量破200毫米"), Some(Related));
        assert_eq!(classify("相关新闻：大港口鱼市场明年拆除重建　摊贩暂迁临时巴刹"), Some(Related));
        assert_eq!(classify("訂閱嵐北新聞台頻道，新聞不漏接"), Some(Other));
        assert_eq!(classify("订阅频道的用户一年内增长了三倍。"), None);
        assert!(is_related_heading("你可能也想看："));
        assert!(is_related_heading("相关辟谣"));
        assert_eq!(classify("相关新闻报道称，当地将新建学校。"), None);
    }

    #[test]
    fn repost_and_investment_notes() {
        for line in [
            "本文为岚商观察原创，转载请联系授权并注明出处。",
            "本文由栖梧市科学技术协会出品，转载请注明出处。",
            "【投資警語】本文為新聞資訊，不構成投資建議，投資人應審慎評估並自負投資風險。",
        ] {
            assert_eq!(classify(line), Some(Disclaimer), "{line}");
        }
        assert_eq!(classify("本文由三位研究者历时五年完成，数据来自全省127个监测点。"), None);
    }

    #[test]
    fn other_furniture() {
        assert_eq!(classify("字号：大 中 小"), Some(Other));
        assert_eq!(classify("文字大小：小 中 大　｜　English　｜　简体"), Some(Other));
        assert_eq!(classify("跳至主要內容"), Some(Other));
        assert_eq!(classify("跳到导航 跳到搜索"), Some(Other));
        assert_eq!(classify("封面来源｜视界图库"), Some(Other));
        assert_eq!(
            classify("Coastal Press writer Dana Whitcombe in Harlow Springs contributed to this report."),
            Some(Other)
        );
        assert!(is_related_heading("作者最新文章"));
        // What the second review found: a sentence about a report, a book's cover.
        assert_eq!(classify("More than 200 scientists from 40 countries contributed to this report."), None);
        assert_eq!(classify("封面：一个女孩站在麦田里，远处是一座白色的灯塔。"), None);
        assert_eq!(classify("本文来自一位读者的来信，作者：阿木，经授权发布。他在信中讲述了往事。"), None);
        assert_eq!(classify("返回顶部"), Some(Other));
        // Photo credits in brackets end a caption.
        assert_eq!(classify("义工每天早晚清点共享冰箱里的食物，确保食物在保质期内。（郑慧琳摄）"), Some(Other));
        assert_eq!(classify("市民在新开放的公园里散步。（记者 王伟 摄）"), Some(Other));
        // A sentence that says how it was shot is no credit.
        assert_eq!(classify("她全程用手机记录下了这些瞬间（手机拍摄）"), None);
        assert_eq!(classify("工作人员在冷链物流枢纽分拣中心作业。（禾阳供销冷链公司供图）"), Some(Other));
        assert_eq!(classify("图为学员在马蹄村合作社实训基地交流。段晓蕾 摄"), Some(Other));
        // A caption whose credit follows its sentence; a wire's file photo.
        assert_eq!(classify("货运列车驶出汀澜北站。 贾思齐 摄"), Some(Other));
        assert_eq!(
            classify(
                "FILE - A firefighter monitors the fire near Pellwood, Aug. 12, 2024. (CP Photo/Rafael Ortiz, File)"
            ),
            Some(Other)
        );
        assert_eq!(classify("我们到了山顶。他说这张照片是他摄"), None);
        assert_eq!(classify("File - not a caption at all (see photo/archive)"), None);
        // Bios under their label.
        assert_eq!(classify("作者简介：乔一，枫陵市实验小学语文教师，从教12年。"), Some(Other));
        assert_eq!(classify("About the author: Anjali Raman is a staff engineer."), Some(Other));
        assert_eq!(classify("作者简介"), None);
    }

    /// Furniture of sites the first corpus did not show, from dumps written for
    /// this purpose (thirty-first session).
    #[test]
    fn furniture_of_portals_wechat_and_english_sites() {
        for line in [
            "点击上方蓝字关注我们",
            "点击蓝字 关注我们",
            "— END —",
            "END",
            "分享 收藏 点赞 在看",
            "编辑｜周帆",
            "审核｜何立",
            "预览时标签不可点",
            "关注",
            "举报/反馈",
            "留言（8）",
            "扫一扫在手机打开当前页",
            "【字体：大 中 小】【打印】【关闭】",
            "主办：霁州新闻网　备案号：霁ICP备20190001号",
            "主办单位：柘湾县人民政府办公室　承办单位：柘湾县大数据中心",
            "本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。",
            "上一版　下一版",
            "索引号：CZJT-2024-00123　　主题分类：交通运输",
            "我要回帖　返回列表",
            "本文由作者上传并发布，平台仅提供信息存储空间服务，文章仅代表作者本人观点，不代表平台立场。",
            "风险提示：本文所涉个股仅供参考，不构成任何投资建议。",
            "本文为作者原创，转载请联系作者获得授权。",
            "关注公众号「慢半拍的工程师」，第一时间收到更新",
            "#缓存 #性能优化 #后端",
            "（完）",
            "首页　归档　标签　关于",
            "澄州市人民政府门户网站　首页 > 政务公开 > 通知公告",
            "Advertisement",
            "Sign up for the Morning Brief newsletter",
            "Filed under: Schools, Budget, Town Council",
            "Our Standards: Meridian Wire Editorial Principles",
            "Get local news in your inbox. Sign up for the Courier Morning Briefing.",
            "Share",
            "Media contact: Tom Baker, Communications Office, press@eastmere.example.ac.uk",
            "We acknowledge the Traditional Custodians of the lands where we live and work.",
            "Explore more on these topics: Housing · Energy bills",
            "Our journalism is free to read. Please consider supporting us.",
            "▲消防员在枫湾镇中心集市向群众发放安全宣传单（图片来源：枫湾消防救援站）",
            "图①　观众在展厅内欣赏作品。记者 甘露 摄",
            "A lesser horseshoe bat roosting in a disused mine near Carrowby. Photo: Tom Reyne",
            "Refresh this page for the latest updates",
            "（本文数据仅供参考，不构成任何购房建议）",
            "本網站著作權屬於嵐港市政府消防局　最佳瀏覽解析度1920x1080",
            "鹿溪农业信息网　技术支持：鹿溪县农业农村局信息中心",
        ] {
            assert!(classify(line).is_some(), "{line}");
        }
        for heading in
            ["往期推荐", "本版其他文章", "热门新闻", "你可能感興趣：", "Most Read", "More on this story", "Most viewed"]
        {
            assert!(is_related_heading(heading), "{heading}");
        }
        for subheading in ["相关背景", "相关部门", "更多细节", "热门话题"] {
            assert!(!is_related_heading(subheading), "{subheading}");
        }
        for line in ["非经许可，禁止转载", "回复本帖", "（持续更新中）", "the views expressed are the author's own"]
        {
            assert!(classify(line).is_some(), "{line}");
        }
        for line in [
            "关注民生是政府的责任，我们将持续推进。",
            "The end of the season came early for the club.",
            "Advertisement revenue rose 5 percent this year.",
            "记者　张三　李四",
            "他在直播间里说，点击关注的人越来越多。",
            "图书馆今年新增藏书两万册，借阅量比去年增长三成。",
            "The photo shows the bridge before it was repaired in 2019.",
            // Body lines a review found the first draft of these rules dropped.
            "用户下载这款App后，需要完成实名认证。",
            "今年上半年，下载量最高的App是抖音。",
            "点击量破亿后，该视频引发广泛关注。",
            "点击量破亿的短视频为何引发关注",
            "The scam emails may already be in your inbox, police warned.",
            "The reader-supported outlet was founded in 2010.",
            "Our standards have slipped, the minister said.",
            "【关闭通道】为防控疫情，本市决定关闭部分进京通道。",
            "【打印机行业】今年出货量下滑两成。",
            "订阅该杂志的读者在去年增加了三成。",
            "记者查询发现，该产品的备案号与实际生产企业不符。",
            "调查发现，该网站未取得ICP证，却长期从事收费信息服务。",
            "主办单位：沅屏市文化局",
            "图3显示，2023年城镇居民人均可支配收入同比增长5.1%。",
            "► 2024年全市GDP增长5.2%",
            "订阅杂志的读者在去年增加了三成。",
            "下载该App，用户需要先完成实名认证。",
            "用户下载App后，需要完成实名认证。",
            "用户下载客户端时，需要完成实名认证。",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
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

    /// Prompts and notices met on the thirty-fifth session's pages, and the
    /// body lines beside them that must stay.
    #[test]
    fn prompts_warnings_and_credits() {
        for line in [
            "展开全文",
            "請繼續往下閱讀...",
            "正在加载…",
            "Member-only story",
            "Continue reading",
            "📬",
            "👇👇",
            "※ 提醒您：禁止酒駕 飲酒過量有礙健康",
            "【本文结束】如需转载请务必注明出处：澜科技",
            "未经正式授权严禁转载本文，侵权必究。",
            "版权所有 侵权必究",
            "Marta Kos contributed reporting from Kyiv, Ukraine.",
            "Continue reading the main story",
            "正在加载中...",
            "展开全文∨",
            "点击查看更多",
            "新媒体编辑：王笑",
            "视频编辑：李可",
            "Ida Whitlow contributed research.",
            "Northern Press writer Hal Brecken contributed from Merrin Island.",
        ] {
            assert!(classify(line).is_some(), "{line}");
        }
        for line in [
            "”。",
            "……",
            "继续阅读这份报告的人会发现，数字背后是一座城市的变化。",
            "他说，饮酒过量不仅有碍健康，还会影响家庭。",
            "編輯部的同事们为此忙了一个月。",
            "Hundreds of volunteers contributed research to the survey over two years, the report said.",
            "Loading the ferry took three hours.",
            "★★★★☆",
            "被告明知禁止酒駕，仍執意上路。",
            "衛福部也提醒，吸菸有害健康，呼籲民眾戒菸。",
            "對話總編輯：媒體融合沒有終點",
            "总编辑：这个问题我们想了很久，答案是先做内容。",
            "原告律师表示，所谓侵权必究不是一句空话，而是要落到每一个案件上。",
            "Scientists at three universities contributed research.",
            "Hospital staff contributed from their own pockets to the fund.",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }
}
