//! Damage made in the test from clean strings, repaired through the public API.
//! Nothing here reads ../shared.

use corpusmill_repair::{repair_bytes, repair_text, RepairKind, RepairLog, RepairOptions, Repaired};
use encoding_rs::{BIG5, GBK, WINDOWS_1252};

const ZH: &str = "青禾科技在年度开发者大会上发布了新一代边缘计算芯片“禾芯E3”。该芯片采用自研架构，主要面向工业质检、智慧零售和城市安防等场景。\n\n据介绍，禾芯E3在同等算力下功耗较上一代降低约38%，单颗芯片可同时处理16路高清视频流。";
const ZH_HANT: &str = "臺灣的經濟發展與產業轉型，一直是各界關注的議題。澳門與香港的觀光業也在恢復。";
const LATIN: &str = "Le café de la gare coûte 3 € — « déjà payé », dit Zoë. Straße, São Paulo, naïve “quotes”.";

fn repair(bytes: &[u8]) -> Repaired {
    repair_bytes(bytes, None, &RepairOptions::default()).expect("decodes")
}

/// Windows-1252 as browsers decode it: the five undefined bytes become C1 controls.
fn sloppy_cp1252(bytes: &[u8]) -> String {
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    text.into_owned()
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

fn utf8_as_cp1252(text: &str) -> String {
    sloppy_cp1252(text.as_bytes())
}

#[test]
fn utf8_read_as_cp1252_once_twice_and_thrice() {
    for clean in [ZH, ZH_HANT, LATIN] {
        let mut damaged = clean.to_owned();
        for layer in 1..=3 {
            damaged = utf8_as_cp1252(&damaged);
            let repaired = repair(damaged.as_bytes());
            assert_eq!(repaired.text, clean, "{layer} layers");
            assert!(repaired.log.count(RepairKind::MojibakeUtf8AsCp1252) > 0);
            let step = repaired.log.plan().iter().find(|s| s.0.contains("decode utf-8")).expect("plan step");
            assert!(step.0.contains(&format!("×{layer}")), "{}", step.0);
        }
    }
}

#[test]
fn utf8_read_as_latin1_with_c1_controls() {
    let damaged = latin1(ZH.as_bytes());
    assert_eq!(repair(damaged.as_bytes()).text, ZH);
    let damaged = latin1(LATIN.as_bytes());
    assert_eq!(repair(damaged.as_bytes()).text, LATIN);
}

#[test]
fn partially_damaged_document_keeps_its_clean_parts() {
    let damaged = format!("{ZH}\n{}\n{LATIN}\n{}", utf8_as_cp1252(ZH_HANT), utf8_as_cp1252(LATIN));
    let repaired = repair(damaged.as_bytes());
    assert_eq!(repaired.text, format!("{ZH}\n{ZH_HANT}\n{LATIN}\n{LATIN}"));
}

#[test]
fn utf8_read_as_gbk_is_recovered() {
    // An even number of three-byte characters: bytes pair up to the end.
    let clean = "边缘计算芯片的发布会上，工程师介绍了新产品的低功耗。";
    assert_eq!(clean.len() % 2, 0);
    let (damaged, _) = GBK.decode_without_bom_handling(clean.as_bytes());
    let repaired = repair(damaged.as_bytes());
    // The last byte of `。` has no partner and is lost; of the CJK marks
    // that share its first two bytes, the language model picks `。` at the
    // end of a sentence.
    assert_eq!(repaired.text, clean);
    assert!(repaired.log.count(RepairKind::MojibakeUtf8AsGbk) > 0);
}

#[test]
fn utf8_read_as_gbk_with_lost_bytes_recovers_what_it_can() {
    let (damaged, had_errors) = GBK.decode_without_bom_handling(ZH.as_bytes());
    assert!(had_errors, "the test text should lose bytes");
    let repaired = repair(damaged.as_bytes());
    let same = repaired.text.chars().zip(ZH.chars()).filter(|(a, b)| a == b).count();
    assert_eq!(repaired.text.chars().count(), ZH.chars().count());
    assert!(same * 100 >= ZH.chars().count() * 95, "{}", repaired.text);
    // What could not be recovered is U+FFFD, never a wrong-looking character.
    for (got, want) in repaired.text.chars().zip(ZH.chars()) {
        assert!(got == want || got == '\u{FFFD}', "{got} for {want}");
    }
}

#[test]
fn utf8_read_as_gbk_keeps_the_fields_of_a_page_header() {
    // A lost byte in `：`, in the `　` between two fields or of an indent,
    // and in `年` after a number before the damaged stretch: the model
    // alone would read `，`, `。`, `。` and leave U+FFFD.
    let page = "发布时间：2024-12-16 15:08\u{3000}来源：栖梧融媒\n来源：云岫晚报\u{3000}2025-03-06 08:45\u{3000}作者：祁晓岚\n\n\u{3000}\u{3000}3月起，云岫市首批中小学开始试点。\n2025年2月28日上午，线路开通。\n";
    let (damaged, had_errors) = GBK.decode_without_bom_handling(page.as_bytes());
    assert!(had_errors, "the test text should lose bytes");
    let repaired = repair(damaged.as_bytes());
    let text = &repaired.text;
    assert!(text.contains("发布时间：2024-12-16 15:08\u{3000}来源："), "{text}");
    assert!(text.contains("来源：云岫晚报\u{3000}2025-03-06 08:45\u{3000}作者："), "{text}");
    assert!(text.contains("\n\u{3000}\u{3000}3月起"), "{text}");
    assert!(text.contains("2025年2月28日"), "{text}");
}

#[test]
fn a_character_that_lost_two_bytes_is_ranked_among_all_its_candidates() {
    // `者` (E8 80 85) before a space: a GBK decoder that has no 0x80 (Python's
    // `gbk`; the Encoding Standard's reads it as `€`) loses both 80 and 85,
    // which leaves hundreds of common characters tied; the model reads `记者`.
    let line = "东屿晚报 | 2024-11-20 10:05 | 记者 卢珊\n";
    let (damaged, _) = GBK.decode_without_bom_handling(line.as_bytes());
    let damaged = damaged.replace('€', "\u{FFFD}");
    assert!(damaged.contains("\u{FFFD}\u{FFFD} "), "{damaged}");
    let repaired = repair(damaged.as_bytes());
    assert!(repaired.text.contains("| 记者 "), "{}", repaired.text);
}

#[test]
fn gbk_and_big5_ideographic_spaces_read_as_latin1_are_still_read() {
    // GBK indents a paragraph with ideographic spaces (A1 A1, `¡¡` read as
    // Latin-1), and Big5 has the pair inside runs (`說，` is BB A1 A1 41):
    // Spanish `¡¡` must not hide them.
    let indented = "　　青禾科技在年度开发者大会上发布了新一代芯片。\n　　该芯片主要面向工业质检。";
    let (gbk, _, _) = GBK.encode(indented);
    let repaired = repair(latin1(&gbk).as_bytes());
    assert_eq!(repaired.text, indented);
    let said = "潘宇倫說，下一步將加入更多語言，並推出新的服務。";
    let (big5, _, _) = BIG5.encode(said);
    assert!(big5.windows(2).any(|w| w == [0xA1, 0xA1]));
    let repaired = repair(latin1(&big5).as_bytes());
    assert_eq!(repaired.text, said);
}

#[test]
fn gbk_and_big5_read_as_latin1() {
    let (gbk, _, _) = GBK.encode(ZH);
    let repaired = repair(latin1(&gbk).as_bytes());
    assert_eq!(repaired.text, ZH);
    assert!(repaired.log.count(RepairKind::MojibakeGbkAsLatin1) > 0);

    let (big5, _, _) = BIG5.encode(ZH_HANT);
    let repaired = repair(latin1(&big5).as_bytes());
    assert_eq!(repaired.text, ZH_HANT);
    assert!(repaired.log.count(RepairKind::MojibakeBig5AsLatin1) > 0);

    // Via cp1252 instead of Latin-1.
    let repaired = repair(sloppy_cp1252(&gbk).as_bytes());
    assert_eq!(repaired.text, ZH);
}

#[test]
fn a_page_read_as_latin1_has_its_short_segments_read_too() {
    // `民生` and `正文` between ` >> ` are four bytes each, too little to
    // tell GBK from Latin-1 alone; the rest of the page tells.
    // `ä£º` of `Ê±¼ä£º` (时间：) is UTF-8 for a rare `䣺`, and `Â¬Éº` (卢珊)
    // UTF-8 for `¬ɺ`: the page's reading wins.
    let page = "您的位置：网站首页 >> 民生 >> 正文\n栖梧市老菜市场完成改造 电子秤数据实时上传\n发布时间：2024-12-16 15:08　来源：栖梧融媒\n时间：2025-03-05 14:30\n东屿晚报 | 2024-11-20 10:05 | 记者 卢珊\n\n　　走进改造后的菜市场，记者看到，通道铺上了防滑地砖。\n";
    let (gbk, _, _) = GBK.encode(page);
    let repaired = repair(latin1(&gbk).as_bytes());
    assert_eq!(repaired.text, page);
    let (big5, _, _) = BIG5
        .encode("首頁 >> 民生 >> 內文\n臺灣的經濟發展與產業轉型 一直是各界關注的議題\n澳門與香港的觀光業也在恢復。\n");
    let repaired = repair(latin1(&big5).as_bytes());
    assert!(repaired.text.starts_with("首頁 >> 民生 >> 內文\n"), "{}", repaired.text);
    // A Latin page keeps its words, however many.
    let french = "Le café de la gare coûte 3 € — « déjà payé », dit Zoë à Noël. Ça où là-bas, très bientôt.";
    assert_eq!(repair(french.as_bytes()).text, french);
}

#[test]
fn markers_are_counted_and_removed_only_on_request() {
    let text = "标题锟斤拷锟斤拷\n正文烫烫烫烫烫，水很烫。\u{FFFD}\u{FFFD}结尾";
    let repaired = repair(text.as_bytes());
    assert_eq!(repaired.text, text);
    assert_eq!(repaired.log.count(RepairKind::MarkerKunkao), 2);
    assert_eq!(repaired.log.count(RepairKind::MarkerDebugFill), 1);
    assert_eq!(repaired.log.count(RepairKind::ReplacementRun), 1);
    let options = RepairOptions { remove_markers: true, ..RepairOptions::default() };
    let repaired = repair_bytes(text.as_bytes(), None, &options).expect("decodes");
    assert_eq!(repaired.text, "标题\n正文，水很烫。结尾");
}

/// A content-farm `?` that swallowed a digit with a trail byte (`機構的35個`
/// read `機構?tuǒ)?5個`): the digit cannot be known, so a U+FFFD marks it and
/// is counted like any other; `remove_markers` drops it.
#[test]
fn a_digit_the_farm_swallowed_is_marked_not_dropped() {
    let damaged = "發佈(bù)會(huì)上，機構?tuǒ)?5個項目都完成了。";
    let repaired = repair(damaged.as_bytes());
    assert_eq!(repaired.text, "發佈會上，機構的\u{FFFD}5個項目都完成了。");
    assert_eq!(repaired.log.count(RepairKind::LostLeadByte), 1);
    assert_eq!(repaired.log.count(RepairKind::ReplacementRun), 1);
    let options = RepairOptions { remove_markers: true, ..RepairOptions::default() };
    let repaired = repair_bytes(damaged.as_bytes(), None, &options).expect("decodes");
    assert_eq!(repaired.text, "發佈會上，機構的5個項目都完成了。");
}

#[test]
fn escapes_and_references_without_ampersand() {
    let mut log = RepairLog::default();
    let out = repair_text(
        "\\u9752\\u7a1e\\u79d1\\u6280\\uff1a#21457;#x5E03;会 \\ud83d\\ude00".to_owned(),
        &RepairOptions::default(),
        &mut log,
    );
    assert_eq!(out, "青稞科技：发布会 😀");
    assert_eq!(log.count(RepairKind::JsonEscape), 6);
    assert_eq!(log.count(RepairKind::EntityWithoutAmpersand), 2);
}

#[test]
fn options_turn_repairs_off() {
    let damaged = utf8_as_cp1252(ZH);
    let options = RepairOptions { mojibake: false, control_chars: false, ..RepairOptions::default() };
    let repaired = repair_bytes(damaged.as_bytes(), None, &options).expect("decodes");
    assert_eq!(repaired.text, damaged);
    let options = RepairOptions { json_escapes: false, ..RepairOptions::default() };
    let mut log = RepairLog::default();
    assert_eq!(repair_text("\\u6587".to_owned(), &options, &mut log), "\\u6587");
}

#[test]
fn new_options_have_documented_defaults_and_parse_when_missing() {
    let options: RepairOptions = serde_json::from_str("{}").expect("parses");
    assert!(options.mojibake && options.json_escapes && !options.remove_markers);
    let options: RepairOptions = serde_json::from_str(r#"{"remove_markers": true}"#).expect("parses");
    assert!(options.remove_markers);
}

#[test]
fn every_kind_has_a_distinct_snake_case_code() {
    let kinds = [
        RepairKind::MojibakeUtf8AsCp1252,
        RepairKind::MojibakeUtf8AsGbk,
        RepairKind::MojibakeUtf8AsShiftJis,
        RepairKind::MojibakeGbkAsLatin1,
        RepairKind::MojibakeBig5AsLatin1,
        RepairKind::MarkerKunkao,
        RepairKind::MarkerDebugFill,
        RepairKind::ReplacementRun,
        RepairKind::EntityWithoutAmpersand,
        RepairKind::JsonEscape,
        RepairKind::HtmlEntity,
    ];
    let mut codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    assert!(codes.iter().all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')));
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), kinds.len());
}

/// Character references left in UTF-8 text that was then read as GBK: the
/// mojibake is repaired around them, and they are decoded after. Decoded
/// first, their characters were encoded with the mojibake and read back as
/// other letters (`沃伦&#183;` came back `沃伊·`), and a byte lost right
/// before one was chosen without the character it stands for. (Lines of
/// reviews scraped with their references.)
#[test]
fn references_inside_utf8_read_as_gbk_are_decoded_after_the_repair() {
    let clean = "比尔&#183;盖茨很有名。\n\n房&#38388;不及预期，窗外即&#39532;路，空&#35843;是分体的，地&#30742;很旧。";
    let (damaged, _) = GBK.decode_without_bom_handling(clean.as_bytes());
    assert!(damaged.contains('\u{FFFD}'), "a byte before a reference is lost: {damaged}");
    let repaired = repair(damaged.as_bytes());
    assert_eq!(repaired.text, "比尔·盖茨很有名。\n\n房间不及预期，窗外即马路，空调是分体的，地砖很旧。");
    assert!(repaired.log.count(RepairKind::HtmlEntity) > 0);
}

/// Mojibake written as character references (a form posted from a page in
/// another charset) is decoded, then repaired.
#[test]
fn mojibake_written_as_references_is_repaired() {
    let (mojibake, _) = GBK.decode_without_bom_handling("青禾科技发布了新一代芯片。".as_bytes());
    let references: String = mojibake.chars().map(|c| format!("&#{};", c as u32)).collect();
    let repaired = repair(references.as_bytes());
    assert_eq!(repaired.text, "青禾科技发布了新一代芯片。");
    assert!(repaired.log.count(RepairKind::MojibakeUtf8AsGbk) > 0);
}

/// A full-width mark that lost its last byte before a line break is no
/// comma, which the model takes for any of them: the mark just before,
/// repeated (`！！`), or the mark the page itself ends its lines with; where
/// the page does not say, it stays lost (U+FFFD).
#[test]
fn a_lost_mark_at_a_line_end_is_the_pages_own() {
    // After an odd number of CJK characters on its line, `！` keeps its
    // bytes; after an even number its last byte is read with the line break.
    let clean = "房间不错啊！\n\n早餐也不错！\n\n服务人员很好！\n\n下次还会来！！\n";
    let (damaged, _) = GBK.decode_without_bom_handling(clean.as_bytes());
    assert_eq!(damaged.matches('\u{FFFD}').count(), 2, "{damaged}");
    assert_eq!(repair(damaged.as_bytes()).text, clean);
    let silent = "房间还算干净，早餐的品种也多，服务员很好！\n\n价格不贵。\n";
    let (damaged, _) = GBK.decode_without_bom_handling(silent.as_bytes());
    assert!(damaged.contains("锛\u{FFFD}\n"), "{damaged}");
    assert_eq!(repair(damaged.as_bytes()).text, silent.replace("好！", "好\u{FFFD}"));
}

/// A character whose last byte was lost before an ASCII digit or mark is
/// chosen by what follows it too: `是` stands before numbers, `昂` (the
/// model's other reading after `价格`, of `价格昂贵`) does not.
#[test]
fn a_character_lost_before_a_number_is_one_that_stands_before_numbers() {
    let clean = "这本书的价格是32元，很便宜。";
    let (damaged, _) = GBK.decode_without_bom_handling(clean.as_bytes());
    assert!(damaged.contains("鏄\u{FFFD}32"), "{damaged}");
    assert_eq!(repair(damaged.as_bytes()).text, clean);
}

/// Mojibake whose lost bytes were written as references (`&#65533;`), or
/// whose characters a form in Big5 wrote as references where Big5 lacks
/// them, raw characters and references mixed: repaired with the references
/// decoded first, as repairing around them would strand the characters on
/// each side of one (a review of the change found `芯鐗囥��` left).
#[test]
fn mojibake_with_its_lost_bytes_or_some_characters_as_references_is_repaired() {
    let clean = "这本书的价格是32元，很便宜。我们非常期待下一代芯片。";
    let (mojibake, _) = GBK.decode_without_bom_handling(clean.as_bytes());
    let lost_as_references = mojibake.replace('\u{FFFD}', "&#65533;");
    assert_eq!(repair(lost_as_references.as_bytes()).text, clean);
    let (big5_form, _, unmappable) = BIG5.encode(&mojibake);
    assert!(unmappable, "Big5 lacks some of the mojibake's characters");
    let (mixed, _) = BIG5.decode_without_bom_handling(&big5_form);
    assert!(mixed.contains("&#") && mixed.contains('涓'), "{mixed}");
    let repaired = repair(mixed.as_bytes()).text;
    assert!(repaired.starts_with("这本书的价格") && repaired.ends_with("下一代芯片。"), "{repaired}");
}
