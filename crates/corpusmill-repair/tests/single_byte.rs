//! UTF-8 read as single-byte code pages other than cp1252, CESU-8 emoji, C1
//! controls that are cp1252 bytes, and the Latin-script texts that must not
//! be "repaired" into anything (issue 3). All examples are written here.

use corpusmill_repair::{repair_bytes, RepairKind, RepairOptions};
use encoding_rs::Encoding;

fn repair(text: &str) -> corpusmill_repair::Repaired {
    repair_bytes(text.as_bytes(), None, &RepairOptions::default()).expect("decodes")
}

/// `clean` written as UTF-8 and read back with `encoding`.
fn misread(clean: &str, encoding: &'static Encoding) -> String {
    encoding.decode_without_bom_handling(clean.as_bytes()).0.into_owned()
}

fn assert_repaired(damaged: &str, clean: &str, kind: RepairKind) {
    let repaired = repair(damaged);
    assert_eq!(repaired.text, clean, "{damaged:?}");
    assert!(repaired.log.count(kind) > 0, "{damaged:?}: {:?}", repaired.log);
}

fn assert_unchanged(clean: &str) {
    let repaired = repair(clean);
    assert_eq!(repaired.text, clean);
    assert!(repaired.log.is_empty(), "{clean}: {:?}", repaired.log);
}

#[test]
fn utf8_read_as_cp1251() {
    for clean in ["Вчера в Москве прошёл сильный дождь", "Новости спорта: #хоккей и футбол", "Читайте – это важно"]
    {
        let damaged = misread(clean, encoding_rs::WINDOWS_1251);
        assert_ne!(damaged, clean);
        assert_repaired(&damaged, clean, RepairKind::MojibakeUtf8AsCp1251);
    }
    // English with cp1252 punctuation read through cp1251 (`вЂ™` for `’`).
    let clean = "The company’s “new” plan – explained";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1251), clean, RepairKind::MojibakeUtf8AsCp1251);
    // Vietnamese: `đã` reads as `Д‘ГЈ`, with no sign of its own, and `đ`
    // costs more than Cyrillic; the other words read back show Vietnamese.
    let clean = "Hôm nay trời đẹp, chúng tôi đã đi học và đã gặp thầy giáo ở trường";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1251), clean, RepairKind::MojibakeUtf8AsCp1251);
    // The same allowance never reads a clean Cyrillic word beside Russian
    // damage into Latin letters, nor symbols into a letter.
    for line in ["Дђ ГЈ Д‘ГЈ", "…™, «• »•"] {
        let damaged = format!("{line}\n{}", misread("Вчера в Москве прошёл сильный дождь", encoding_rs::WINDOWS_1251));
        assert_eq!(repair(&damaged).text, format!("{line}\nВчера в Москве прошёл сильный дождь"));
    }
}

#[test]
fn guillemets_alone_read_as_cp1251_in_clean_russian() {
    // Russian pages whose text is clean and only the guillemets went
    // through cp1251 (`«` is C2 AB, `В«`): the words around them stay.
    assert_repaired(
        "Компания В«ЛесторгВ» открыла новый магазин в центре города.",
        "Компания «Лесторг» открыла новый магазин в центре города.",
        RepairKind::MojibakeUtf8AsCp1251,
    );
}

#[test]
fn utf8_read_as_cp1251_twice() {
    let clean = "Погода хорошая.";
    let twice = misread(&misread(clean, encoding_rs::WINDOWS_1251), encoding_rs::WINDOWS_1251);
    assert_repaired(&twice, clean, RepairKind::MojibakeUtf8AsCp1251);
}

#[test]
fn utf8_read_as_cp1252_then_cp1251() {
    let clean = "The ticket costs £12 today";
    let damaged = misread(&misread(clean, encoding_rs::WINDOWS_1252), encoding_rs::WINDOWS_1251);
    assert_repaired(&damaged, clean, RepairKind::MojibakeUtf8AsCp1251);
}

#[test]
fn utf8_read_as_central_european_code_pages() {
    let clean = "Přijďte na náměstí v Liège, je tam hôtel";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1250), clean, RepairKind::MojibakeUtf8AsCp1250);
    // ISO-8859-2 leaves C1 controls where cp1250 has punctuation (`ř` = C5 99).
    let clean = "Dobrý den, přátelé, vítáme vás";
    assert_repaired(&misread(clean, encoding_rs::ISO_8859_2), clean, RepairKind::MojibakeUtf8AsIso8859_2);
}

#[test]
fn utf8_read_as_macroman() {
    let clean = "Un gâteau délicieux à déguster, merci";
    assert_repaired(&misread(clean, encoding_rs::MACINTOSH), clean, RepairKind::MojibakeUtf8AsMacRoman);
    // `…` is E2 80 A6: MacRoman `‚Ä¶`, whose `Ä¶` is also cp1252 mojibake of `Ķ`.
    let clean = "Et puis… plus rien";
    assert_repaired(&misread(clean, encoding_rs::MACINTOSH), clean, RepairKind::MojibakeUtf8AsMacRoman);
}

#[test]
fn utf8_read_as_cp1257() {
    // Its high half is cp1252's with Baltic letters from 0xC0: `é` (C3 A9) is `Ć©`.
    let clean = "Kafejnīca «Café» Rīgā, ļoti gardā";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1257), clean, RepairKind::MojibakeUtf8AsCp1257);
}

#[test]
fn utf8_read_as_greek_code_pages() {
    // `ρ` is CF 81 and `σ` CF 83: Windows-1253 has no character for 0x81 (a
    // C1 control in the WHATWG table), ISO-8859-7 none for 0x80..=0x9F.
    let clean = "Η κυβέρνηση ανακοίνωσε νέα μέτρα για τις μεταφορές στην Αθήνα.";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1253), clean, RepairKind::MojibakeUtf8AsCp1253);
    // ISO-8859-7 has no character for 0xAE either: `ή` (CE AE) is lost there.
    let clean = "Η κυβέρνηση ανακοίνωσε νέα μέτρα για τις μεταφορές στη Λάρισα.";
    assert_repaired(&misread(clean, encoding_rs::ISO_8859_7), clean, RepairKind::MojibakeUtf8AsIso8859_7);
    // Latin text with a Greek word, read as Windows-1253: `é` is C3 A9, `Γ©`.
    let clean = "Le café « Ωμέγα » ouvre à Paris";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1253), clean, RepairKind::MojibakeUtf8AsCp1253);
}

#[test]
fn clean_greek_is_left_alone() {
    for clean in [
        "Η κυβέρνηση ανακοίνωσε νέα μέτρα για τις μεταφορές.",
        "ΑΘΗΝΑ — Ο ΠΡΩΘΥΠΟΥΡΓΟΣ ΜΙΛΗΣΕ ΣΤΗ ΒΟΥΛΗ",
        "Τα αποτελέσματα: 45% «ναι», 55% «όχι»… (ΕΡΤ)",
        "Η θερμοκρασία έφτασε τους 40°C στη Λάρισα",
    ] {
        assert_unchanged(clean);
    }
    // A stray U+FFFD after a Greek letter that is a Windows-1253 lead byte is
    // not a lost byte of UTF-8 read as that page: the letter stays.
    for text in ["Καλημέ\u{FFFD}α σας", "Η Αθή\u{FFFD}α είναι ωραία."] {
        assert_eq!(repair(text).text, text);
    }
}

#[test]
fn utf8_read_as_vietnamese_and_arabic_pages() {
    // Windows-1258 is cp1252 but for `Ă`, `ơ`, `ư`, `₫` and combining tones,
    // which the text must hold for that page to read it.
    for clean in ["Hà Nội hôm nay trời mưa, người dân đi làm muộn.", "Người dân Sài Gòn đón Tết sớm."]
    {
        let repaired = repair(&misread(clean, encoding_rs::WINDOWS_1258));
        assert_eq!(repaired.text, clean);
        assert!(repaired.log.count(RepairKind::MojibakeUtf8AsCp1258) > 0, "{:?}", repaired.log);
    }
    let clean = "قال الوزير إن الخطة ستبدأ الشهر المقبل.";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1256), clean, RepairKind::MojibakeUtf8AsCp1256);
}

#[test]
fn utf8_read_as_the_hebrew_page() {
    // Every Hebrew letter reads as `׳` and a symbol (`׳©׳׳•׳` for `שלום`),
    // quotes and dashes as `ג` and two more (`ג€”`); the words between them,
    // `׳–׳”` for `זה`, hold nothing but punctuation.
    for clean in [
        "שלום, מה שלומך היום? הכל בסדר – תודה!",
        "הוא אמר: „זה לא נכון” — ואז הלך הביתה…",
        "בית הספר נפתח ב־1 בספטמבר; זה את „שקל” של ירושלים",
    ] {
        let damaged = misread(clean, encoding_rs::WINDOWS_1255);
        assert_ne!(damaged, clean);
        assert_repaired(&damaged, clean, RepairKind::MojibakeUtf8AsCp1255);
    }
    // Clean Hebrew with the letter `ג` and the geresh (`ג׳ורג׳`), which are now
    // signs looked at, stays as it is.
    for clean in ["ג׳ורג׳ ביקר בגן הג׳ונגל עם צ׳רלי", "הגשם ירד בגליל ובגולן, 20 מ״מ", "גג, גדר וגל – ג׳"]
    {
        assert_unchanged(clean);
    }
}

#[test]
fn utf8_read_as_cp1251_by_a_decoder_that_writes_u_fffd_for_0x98() {
    // Windows-1251 has no character at 0x98; Python's decoder with
    // errors="replace" writes U+FFFD there (encoding_rs, like browsers,
    // U+0098). It is the continuation byte of `И` and of one Hangul syllable
    // or kana in sixteen, and the only byte a U+FFFD can stand for.
    let python_cp1251 = |clean: &str| misread(clean, encoding_rs::WINDOWS_1251).replace('\u{98}', "\u{FFFD}");
    for clean in [
        "서울특별시는 오늘 새로운 도서관 세 곳을 연말에 개관한다고 발표했다.",
        "ИЗВЕСТИЯ: Иван и Ирина пришли в город",
        "今日は同じ時間に感じたことを話した。",
    ] {
        let damaged = python_cp1251(clean);
        assert!(damaged.contains('\u{FFFD}'), "{damaged}");
        assert_repaired(&damaged, clean, RepairKind::MojibakeUtf8AsCp1251);
    }
    // A stray U+FFFD after a clean letter, above such damage, stays: `Ж�` is
    // no `Ƙ` beside Korean or Russian, `Ф�` no `Ԙ` (a letter of Komi), and
    // `Ж` is not dropped.
    for clean in ["Ж� и Ф� тоже", "Ж�ук", "Д� Г�"] {
        for damage in ["서울특별시는 오늘 새로운 도서관", "Сегодня в городе открылись три новые библиотеки"]
        {
            let repaired = repair(&format!("{clean}\n{}", python_cp1251(damage)));
            assert_eq!(repaired.text, format!("{clean}\n{damage}"));
        }
    }
}

#[test]
fn short_arabic_words_read_as_windows_1256_are_read_back() {
    // `من` and `في` read as `ظ…ظ†` and `ظپظٹ`: nothing but `ظ` and symbols,
    // read once other words show the page; `مع…`, whose `â€¦` the Latin pass
    // read first; `مع»`, which read through the page a second time spells `مڻ`.
    let clean = "قال الوزير من القاهرة في الصباح: مع… الشركة «مع» الحكومة، من في مع";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1256), clean, RepairKind::MojibakeUtf8AsCp1256);
    // Urdu's `ہے` and `۔` (`غپغ’`, `غ”`) and Chinese in the same text.
    let clean = "یہ میرا گھر ہے۔ وہ بڑا ہے؟ ذهبت إلى 中文 المدرسة اليوم";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1256), clean, RepairKind::MojibakeUtf8AsCp1256);
    // Persian: its zero-width non-joiner reads as `â€Œ`, as through cp1252,
    // and a dash beside it made the cp1252 pass call the text hopeless; `سگ`
    // read a second time through the page spells `Ӑ`.
    let clean = "کتاب‌ها می‌خواهم – نقطه‌ها و سگ من کتاب را خواند";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1256), clean, RepairKind::MojibakeUtf8AsCp1256);
    // A short clean word of `ط`/`ظ`/`غ` and a letter the page has at a
    // continuation byte, beside damaged text, stays: through the page it
    // would be a lone mark (`طک` is U+0618, `ظگ` a kasra) or a sign (`طچ` is
    // `؍`). One-letter words that read as letters (`ف` is `ظپ`), a digit
    // (`۵` is `غµ`) and a question mark standing apart (`؟` is `طں`) are read
    // back.
    let clean = "این یک متن فارسی است ف ت ماده ۵ که برای آزمایش نوشته شده ؟";
    for word in ["طک", "ظگ", "ظژ", "غک", "طچ"] {
        let damaged = format!("{word} {}", misread(clean, encoding_rs::WINDOWS_1256));
        assert_repaired(&damaged, &format!("{word} {clean}"), RepairKind::MojibakeUtf8AsCp1256);
    }
    // Clean Arabic with `ط`, `ظ`, `ع` and `غ`, now signs looked at, stays as it is.
    for clean in ["فقط الشرطة في الظهر", "حافظ على النظام والضبط، ظل وطن", "عن غزة علم غرب عربي"]
    {
        assert_unchanged(clean);
    }
}

#[test]
fn utf8_read_as_the_thai_page() {
    // Every Thai character reads as `เธ` or `เน` and a third character; the
    // quotes and guillemets as `โ€œ` and `ยซ`.
    let clean = "สวัสดีครับ วันนี้อากาศดีมาก “ข่าว” ราคาน้ำมันลดลง «เมื่อวาน» เธอบอกว่าเน้นการศึกษา";
    let damaged = misread(clean, encoding_rs::WINDOWS_874);
    assert!(damaged.contains("เธชเธงเธฑ"), "{damaged}");
    assert_repaired(&damaged, clean, RepairKind::MojibakeUtf8AsCp874);
    // A clean title over the damaged body stays as it is, `ยก` (cancel) and all.
    let title = "ยกเลิกเที่ยวบิน เขตบางรัก";
    assert_repaired(&format!("{title}\n{damaged}"), &format!("{title}\n{clean}"), RepairKind::MojibakeUtf8AsCp874);
    // A clean line above the damaged text stays as it is, though its bytes
    // through the page spell a character here and there (`แดด` is `ᴴ`,
    // `เนปาล` an unassigned place); `ฯ` standing alone is read back.
    let line = "เนปาล เนคไท เดือนร้อน แดด เขา…";
    let clean_body = "ไปเชียงใหม่ ฯ วันนี้ 中文 โรงเรียน 😀 เธอกินข้าว";
    let damaged = format!("{line}\n{}", misread(clean_body, encoding_rs::WINDOWS_874));
    assert_repaired(&damaged, &format!("{line}\n{clean_body}"), RepairKind::MojibakeUtf8AsCp874);
    // Under a long clean paragraph (four times the Thai characters of the
    // damage read through the page) the damaged line is still read: lines
    // are judged one by one.
    let paragraph = "วันนี้อากาศดีมาก เธอไปตลาดกับแม่ ซื้อผักและผลไม้ ราคาไม่แพง ".repeat(4);
    let short = "ราคาน้ำมันลดลง";
    assert_repaired(
        &format!("{paragraph}\n{}", misread(short, encoding_rs::WINDOWS_874)),
        &format!("{paragraph}\n{short}"),
        RepairKind::MojibakeUtf8AsCp874,
    );
    // A text dense enough as a whole is read whole: damage on the line of
    // the long clean paragraph is read too.
    let body = "สวัสดีครับ วันนี้อากาศดีมาก ราคาน้ำมันลดลง เธอบอกว่าเน้นการศึกษา โรงเรียนเปิดแล้ว";
    assert_repaired(
        &format!(
            "{}\n{paragraph} ข่าว: {}",
            misread(body, encoding_rs::WINDOWS_874),
            misread(short, encoding_rs::WINDOWS_874)
        ),
        &format!("{body}\n{paragraph} ข่าว: {short}"),
        RepairKind::MojibakeUtf8AsCp874,
    );
    for clean in ["เนปาล, เนคไท, เนตร", "#เนปาล #เนคไท #เนตร เนบิวลา เนปจูน"]
    {
        assert_unchanged(clean);
    }
    // Clean Thai with the pairs `เธ` and `เน` (`เธอ`, `เน้น`) stays as it is.
    for clean in ["เธอเน้นว่าเธอจะไปเธอ", "เธอ เธอ เธอ เน็ต เนื้อ", "ยกเลิก เขต «ข่าว» เธอ"]
    {
        assert_unchanged(clean);
    }
}

#[test]
fn a_word_whose_quote_the_latin_pass_read_first_is_read_without_it() {
    // `„že` and `„Hà.` as UTF-8 read through Windows-1250 and -1258: the
    // Latin pass reads `â€ž` as `„` first, and the rest of the word, no sign
    // in sight, is read once other words show the page.
    let clean = "Řekl, že přijde zítra a „že… to bude dobré“, řekl člověk „že";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1250), clean, RepairKind::MojibakeUtf8AsCp1250);
    let clean = "Người dân „Hà. Nội” đón Tết sớm, trời mưa „Hà";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1258), clean, RepairKind::MojibakeUtf8AsCp1258);
    // Symbols with no letter between the quotes stay as they are.
    for clean in ["¬µ– and ±5×¡…", "5–™ €© «¯¯™»"] {
        assert_eq!(repair(clean).text, clean);
    }
}

#[test]
fn the_new_pages_read_nothing_into_latin1_signs() {
    // Without a Vietnamese letter, Windows-1258 reads no word (`È·` would be
    // `ȷ`); no page brings in NKo or unassigned Greek (`ί·` is DF B7).
    for clean in ["È· ÜÀ ÉÂ", "xί· and «Ϋ» ok", "Ο Ξƒ είναι"] {
        assert_eq!(repair(clean).text, clean);
    }
    // A word the Latin pass turns down is not read by a page that reads it
    // the same, under another name.
    let repaired = repair("ï½¶ï¾€ï½¶ï¾…");
    assert_eq!(repaired.log.count(RepairKind::MojibakeUtf8AsCp1256), 0, "{:?}", repaired.log);
}

#[test]
fn koi8_r_read_as_cp1251_is_read_back() {
    let clean = "Вчера в Москве прошёл сильный дождь, и движение на дорогах было затруднено до вечера.";
    let (koi8, _, errors) = encoding_rs::KOI8_R.encode(clean);
    assert!(!errors);
    let damaged = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&koi8).0.into_owned();
    assert_repaired(&damaged, clean, RepairKind::MojibakeLegacyAsCp1251);
}

#[test]
fn utf8_read_as_cp437() {
    // "Dvořák hraje" in UTF-8 read as IBM code page 437.
    assert_repaired("Dvo┼Ö├ík hraje", "Dvořák hraje", RepairKind::MojibakeUtf8AsCp437);
}

#[test]
fn c1_controls_that_are_cp1252_bytes_are_kept_as_punctuation() {
    assert_repaired(
        "\u{84}Guten Morgen\u{93}, sagte sie\u{85} und ging",
        "„Guten Morgen“, sagte sie… und ging",
        RepairKind::C1ControlAsCp1252,
    );
    // Mixed with UTF-8 mojibake of the opening quote.
    assert_repaired(
        "He said â\u{80}\u{9c}fine\u{94} and left",
        "He said “fine” and left",
        RepairKind::C1ControlAsCp1252,
    );
}

#[test]
fn cesu8_emoji_read_as_latin1() {
    // 🎉 = U+1F389 = surrogates D83C DF89 = CESU-8 ED A0 BC ED BE 89.
    let damaged = "Party time \u{ed}\u{a0}\u{bc}\u{ed}\u{be}\u{89}!";
    assert_repaired(damaged, "Party time 🎉!", RepairKind::MojibakeCesu8AsLatin1);
    let twice = "ok \u{ed}\u{a0}\u{bc}\u{ed}\u{be}\u{89}\u{ed}\u{a0}\u{bc}\u{ed}\u{be}\u{89}";
    assert_repaired(twice, "ok 🎉🎉", RepairKind::MojibakeCesu8AsLatin1);
}

#[test]
fn cut_utf8_mojibake_never_becomes_chinese() {
    // Tamil "வணக்கம்" as UTF-8 read as Latin-1, its last byte lost.
    let mut bytes = "வணக்கம்".as_bytes().to_vec();
    bytes.pop();
    let damaged: String = bytes.iter().map(|&b| char::from(b)).collect::<String>() + "\u{FFFD}";
    let repaired = repair(&damaged);
    assert!(!repaired.text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{}", repaired.text);
    assert_eq!(repaired.log.count(RepairKind::MojibakeBig5AsLatin1), 0);
    assert_eq!(repaired.log.count(RepairKind::MojibakeGbkAsLatin1), 0);
}

#[test]
fn latin_text_that_looks_like_mojibake_is_left_alone() {
    for clean in [
        // A capital before a no-break space, a currency after a times sign.
        "HÄMEENLINNÄ\u{a0}ON KAUNIS",
        "Buy 3×£10 vouchers",
        // A trademark after capitals, a capital before an apostrophe-s.
        "Try OBÅ™ today",
        "Count the Ã’s here",
        // All-caps leetspeak with accented capitals.
        "BÄÑÄ£Ä ÑÍÇÉ ÖÜ GÄLÄW $ÚÄMÌ",
        // Line art and maths.
        "+-┼┐a┼┐a-+ and x√2 ≈ 1.41, 5×3 = 15",
    ] {
        assert_unchanged(clean);
    }
}

#[test]
fn clean_text_of_many_scripts_is_left_alone() {
    for clean in [
        "Ћирилица: ђак, љубав, њива, ћерка, џеп; ґанок, їжак, єдність.",
        "Příliš žluťoučký kůň úpěl ďábelské ódy. Zażółć gęślą jaźń.",
        "Labrīt, ļoti jauka diena; ąžuolas ir ėglė.",
        "Tiếng Việt có dấu: người, được, những.",
        "שלום עולם, مرحبا بالعالم, สวัสดีชาวโลก",
        "Ελληνικά: γάμμα, Ωμέγα, ψυχή.",
        "Résumé — «Ça va?» — ¿Qué tal? — nº 5, 1ª vez, l·lusió.",
        "ÀÉÎÕÜ àéîõü ÆØÅ æøå ẞ ß ÐÞ ðþ",
        "Он сказал: «Всё хорошо» — и ушёл. №5, 10 ₽.",
    ] {
        assert_unchanged(clean);
    }
}

#[test]
fn a_grave_whose_no_break_space_was_lost() {
    for (damaged, clean) in [
        ("Rendez-vous Ã  midi", "Rendez-vous à midi"),
        ("On se voit Ã la gare, jusqu'Ã demain", "On se voit à la gare, jusqu'à demain"),
        ("Vamos Ã s compras", "Vamos às compras"),
        ("Fiz isso Ã quela hora", "Fiz isso àquela hora"),
    ] {
        assert_repaired(damaged, clean, RepairKind::MojibakeUtf8AsCp1252);
    }
    // The last one is what the clean-Latin property found: a lone `Ã` after a
    // word ending in a capital.
    for clean in [
        "MAMÃ E PAPAI",
        "C A P I T Ã O",
        "SÃO PAULO, IRMÃ MAIS VELHA",
        "25°C Ã øõõòf, «Ö»",
        // A table of letters: `Ã ã` is no `à`, and then no `Ä ä` is `Ġä`.
        "À à Á á Â â Ã ã Ä ä Å å Æ æ Ç ç È è É é Ê ê Ë ë Ì ì Í í Î î Ï ï",
    ] {
        assert_unchanged(clean);
    }
}

#[test]
fn right_to_left_words_read_as_cp1250() {
    let clean = "כתבה חדשה";
    assert_repaired(&misread(clean, encoding_rs::WINDOWS_1250), clean, RepairKind::MojibakeUtf8AsCp1250);
}

#[test]
fn utf8_letters_whose_no_break_space_byte_became_a_space() {
    for clean in ["Рыба и хлеб", "ภาพสวย", "Šťastný den"] {
        let damaged = misread(clean, encoding_rs::WINDOWS_1252).replace('\u{a0}', " ");
        assert_ne!(damaged, clean);
        assert_repaired(&damaged, clean, RepairKind::MojibakeUtf8AsCp1252);
    }
    for clean in ["Å i Lofoten er fin", "Ð ok", "Vi bor i Å och Ö"] {
        assert_unchanged(clean);
    }
}

#[test]
fn undefined_cp1252_bytes_stay_control_characters() {
    // 0x81 and 0x9D have no cp1252 character: they are removed as controls, not guessed.
    let repaired = repair("Line one\u{81} and two\u{9d}.");
    assert_eq!(repaired.text, "Line one and two.");
    assert_eq!(repaired.log.count(RepairKind::C1ControlAsCp1252), 0);
    assert_eq!(repaired.log.count(RepairKind::ControlChar), 2);
}

#[test]
fn new_kinds_have_stable_codes() {
    for (kind, code) in [
        (RepairKind::MojibakeUtf8AsCp1251, "mojibake_utf8_as_cp1251"),
        (RepairKind::MojibakeUtf8AsCp1250, "mojibake_utf8_as_cp1250"),
        (RepairKind::MojibakeUtf8AsIso8859_2, "mojibake_utf8_as_iso8859_2"),
        (RepairKind::MojibakeUtf8AsCp1257, "mojibake_utf8_as_cp1257"),
        (RepairKind::MojibakeUtf8AsMacRoman, "mojibake_utf8_as_macroman"),
        (RepairKind::MojibakeUtf8AsCp437, "mojibake_utf8_as_cp437"),
        (RepairKind::MojibakeUtf8AsCp1253, "mojibake_utf8_as_cp1253"),
        (RepairKind::MojibakeUtf8AsIso8859_7, "mojibake_utf8_as_iso8859_7"),
        (RepairKind::MojibakeUtf8AsCp1256, "mojibake_utf8_as_cp1256"),
        (RepairKind::MojibakeLegacyAsLatin1, "mojibake_legacy_as_latin1"),
        (RepairKind::MojibakeLegacyAsCp1251, "mojibake_legacy_as_cp1251"),
        (RepairKind::MojibakeUtf8AsCp1258, "mojibake_utf8_as_cp1258"),
        (RepairKind::MojibakeUtf8AsCp1255, "mojibake_utf8_as_cp1255"),
        (RepairKind::MojibakeUtf8AsCp874, "mojibake_utf8_as_cp874"),
        (RepairKind::MojibakeCesu8AsLatin1, "mojibake_cesu8_as_latin1"),
        (RepairKind::C1ControlAsCp1252, "c1_control_as_cp1252"),
        (RepairKind::Big5LatinSign, "big5_latin_sign"),
        (RepairKind::LostByteFilled, "lost_byte_filled"),
    ] {
        assert_eq!(kind.code(), code);
    }
}
