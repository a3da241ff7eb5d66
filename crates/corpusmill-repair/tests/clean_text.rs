//! Clean text must come through byte for byte, with nothing logged.

use corpusmill_repair::{repair_bytes, RepairOptions};

fn assert_unchanged(clean: &str) {
    let repaired = repair_bytes(clean.as_bytes(), None, &RepairOptions::default()).expect("decodes");
    assert_eq!(repaired.text, clean);
    assert!(repaired.log.is_empty(), "{clean}: {:?}", repaired.log);
}

#[test]
fn chinese_with_full_width_punctuation() {
    assert_unchanged("11月2日，总部位于澜江市高新区的青禾科技在年度开发者大会上发布了新一代芯片“禾芯E3”。");
    assert_unchanged("【快讯】《人民日报》：今年（2025年）粮食产量再创新高！你怎么看？——编者");
    assert_unchanged("臺灣的經濟發展與產業轉型，一直是各界關注的議題。「語橋科技」執行長表示……");
    assert_unchanged("生僻字也要保留：龘、齉、饕餮、魑魅魍魉、彧、喆、堃。");
}

#[test]
fn japanese_korean_cyrillic_greek() {
    assert_unchanged("今日はいい天気ですね。東京タワーに行きました（カタカナ、ひらがな）。");
    // Half-width katakana, as older Japanese pages and receipts write it.
    assert_unchanged("ﾃｰﾌﾞﾙとﾃﾞｰﾀを入力してください。ｻｰﾋﾞｽ料金はｶｰﾄﾞでお支払いいただけます。");
    assert_unchanged("ｱｲｳｴｵ ｶｷｸｹｺ ｻｼｽｾｿ ﾀﾁﾂﾃﾄ ﾅﾆﾇﾈﾉ ﾊﾋﾌﾍﾎ ﾏﾐﾑﾒﾓ ﾔﾕﾖ ﾗﾘﾙﾚﾛ ﾜｦﾝ ｰ｡｢｣､･");
    assert_unchanged("오늘은 날씨가 좋네요. 서울에서 만나요!");
    assert_unchanged("Сегодня хорошая погода. Ёлка, щука, объявление.");
    assert_unchanged("Καλημέρα κόσμε, η Αθήνα είναι όμορφη.");
}

#[test]
fn accented_latin_and_portuguese_capitals() {
    assert_unchanged("Crème brûlée à la française, naïve façade, Ærø, Øresund, Łódź, Dvořák.");
    assert_unchanged("São Paulo: NÃO, AÇÃO, CORAÇÃO, ÃGUA, Ângela, ÉTÉ, ÇA.");
    assert_unchanged("„Straße“ und «Fuß», ÄÖÜ äöüß, ESPAÑA, AÑO, Ñandú.");
    assert_unchanged("Prices: £5, €3.20, ¥100, 25°C ± 2, ½ cup, © 2025, ® ™, ¿Qué? ¡Sí!");
}

#[test]
fn emoji_and_symbols() {
    assert_unchanged("Great news 🎉👍🏽 — see you at 10:00 ☕️ ✓ ★ → ①②③");
    assert_unchanged("家人们😂😂😂太好笑了🤣，点赞👍");
}

#[test]
fn pinyin_glosses_and_question_marks() {
    assert_unchanged("这个字读作行(xíng)，也读行(háng)。发(fā)音要准。");
    assert_unchanged("你知道吗?这是为什么?? Why? Really?!");
    assert_unchanged("价格(jià)上涨?还是下跌?");
}

#[test]
fn words_that_look_like_markers_or_escapes() {
    assert_unchanged("水很烫，烫烫的汤；屯田，屯屯；一斤半。");
    assert_unchanged("Issue #12; see #1234; C:\\users\\me and \\\\u6587; AT&T, R&D; costs.");
}

/// Typography that read as damage in the system's gettext translations
/// (`benches/eval_translations.py`): Spanish doubled and tripled `¡` (GBK's
/// ideographic space A1 A1 read as Latin-1), French no-break spaces inside
/// guillemets (`é\u{A0}»` is E9 A0 BB through Windows-1250, `頻`), and a
/// Ukrainian capitalised word with a lowercase ending (`Ві` is C2 B3 through
/// Windows-1251, `³`).
#[test]
fn spanish_french_and_ukrainian_typography() {
    assert_unchanged("¡¡¡ATENCIÓN!!! ¡¡ NO SE PUEDE ABRIR EL ARCHIVO !!");
    assert_unchanged("Respuesta: ¡¡¡enlace roto!!!");
    assert_unchanged("Le fichier «\u{A0}modifié\u{A0}» n’est pas «\u{A0}commité\u{A0}», dit-il\u{A0}: c’est réglé.");
    assert_unchanged("Розмір МАСИВі не збігається.\tВідкрити файли?");
}
