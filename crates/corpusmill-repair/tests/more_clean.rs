//! Clean text of more languages, as random sentences of real words between
//! the punctuation each language writes: none of it is taken for damage.
//! (`properties.rs` checks Chinese and Latin text of random letters.)

use corpusmill_repair::{repair_bytes, RepairOptions};
use proptest::prelude::*;

/// Common words, each language's own: the text a corpus holds, where random
/// letters would spell what no language writes.
const RUSSIAN: &str = "в на и не что это как по но из у за от о же для все так его только или уже ещё был была было были сказал время год года человек Москва Россия новости президент правительство сегодня вчера рубль рублей цена война мир школа компания выборы ЦСКА МГУ РФ В На По Это";
const UKRAINIAN: &str = "і та в на що це як але з у до від для вже ще був була було були сказав рік року людина Київ Україна новини президент уряд сьогодні вчора гривня ціна школа компанія вибори пʼять обʼєкт їхній їх є Є Її";
const GREEK: &str = "και το να του η της σε με για που από τα την ο είναι δεν θα στο ως ένα μια Αθήνα Ελλάδα κυβέρνηση σήμερα χθες ευρώ τιμή σχολείο εταιρεία εκλογές πρωθυπουργός ΕΕ ΗΠΑ Καλημέρα Ευχαριστώ";
const CZECH_POLISH: &str = "že je se na ve to jsem který která bylo když už jak před během Praha Česko vláda dnes včera korun cena škola společnost volby i w na z do się nie jest że to jak przez już był była było Warszawa Polska rząd dziś wczoraj złotych cena szkoła spółka wybory źródło żółć Łódź Kraków ŚWIAT";
const VIETNAMESE: &str = "và của là có được trong cho những với không người này một các đã để khi Hà Nội Việt Nam chính phủ hôm nay hôm qua đồng giá trường học công ty bầu cử thủ tướng Thành phố Hồ Chí Minh";
const TURKISH: &str = "ve bir bu da de için ile çok daha gibi olarak kadar sonra hâlâ kâr İstanbul Ankara Türkiye hükümet bugün dün lira fiyat okul şirket seçim cumhurbaşkanı ÇOK GÜZEL İYİ ŞİMDİ ığdır";
const KOREAN: &str = "그리고 하지만 있는 없는 이번 정부 대통령 서울 한국 오늘 어제 원 가격 학교 회사 선거 뉴스 기자 발표 했다 한다 있다 것으로 밝혔다";
const JAPANESE: &str = "の に は を た が で て と し れ さ ある いる する こと これ それ 東京 日本 政府 首相 今日 昨日 円 価格 学校 会社 選挙 ニュース 記者 発表 した という ｶﾀｶﾅ ﾃｽﾄ";
const HEBREW: &str = "של את על זה לא עם הוא היא גם כל אבל ירושלים ישראל ממשלה היום אתמול שקל מחיר בית ספר חברה בחירות";
const ARABIC: &str = "في من على إلى أن عن مع هذا هذه التي الذي كان قال القاهرة مصر الحكومة اليوم أمس جنيه السعر المدرسة الشركة الانتخابات";
const THAI: &str = "และ ของ ที่ ใน เป็น ได้ ไม่ มี การ ว่า กรุงเทพ ประเทศไทย รัฐบาล วันนี้ เมื่อวาน บาท ราคา โรงเรียน บริษัท เลือกตั้ง";

const SEPS: &[&str] = &[
    " ", " ", " ", ", ", ". ", "; ", ": ", " — ", " – ", "… ", "\n", " «", "» ", " “", "” ", " „", " (", ") ",
    " 2024 ", " 3,5 % ", " 12:30 ", "! ", "? ",
];
const CJK_SEPS: &[&str] =
    &["", "", "、", "。", "「", "」", "（", "）", "！", "？", " ", "\n", "・", "：", "2024年", "ABC", "，"];

/// A sentence of `vocabulary`'s words joined by `seps`.
fn sentence(vocabulary: &'static str, seps: &'static [&'static str]) -> impl Strategy<Value = String> {
    let words: Vec<&'static str> = vocabulary.split(' ').collect();
    prop::collection::vec((prop::sample::select(words), prop::sample::select(seps)), 1..40)
        .prop_map(|ws| ws.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

fn unchanged(text: &str) -> Result<(), TestCaseError> {
    let repaired = repair_bytes(text.as_bytes(), None, &RepairOptions::default()).expect("decodes");
    prop_assert_eq!(&repaired.text, text);
    prop_assert!(repaired.log.is_empty(), "{:?}", repaired.log);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn clean_cyrillic_is_unchanged(
        text in prop_oneof![sentence(RUSSIAN, SEPS), sentence(UKRAINIAN, SEPS)]
    ) {
        unchanged(&text)?;
    }

    #[test]
    fn clean_greek_is_unchanged(text in sentence(GREEK, SEPS)) {
        unchanged(&text)?;
    }

    #[test]
    fn clean_latin_with_diacritics_is_unchanged(
        text in prop_oneof![sentence(CZECH_POLISH, SEPS), sentence(VIETNAMESE, SEPS), sentence(TURKISH, SEPS)]
    ) {
        unchanged(&text)?;
    }

    #[test]
    fn clean_korean_and_japanese_are_unchanged(
        text in prop_oneof![sentence(KOREAN, SEPS), sentence(JAPANESE, CJK_SEPS)]
    ) {
        unchanged(&text)?;
    }

    #[test]
    fn clean_right_to_left_and_thai_are_unchanged(
        text in prop_oneof![sentence(HEBREW, SEPS), sentence(ARABIC, SEPS), sentence(THAI, SEPS)]
    ) {
        unchanged(&text)?;
    }
}
