#!/usr/bin/env python3
"""Clean and damaged text of right-to-left scripts and Thai through `repair_files`.

Builds seeded texts (520 per language by default, word lists written for this
project) in Hebrew and Yiddish (Windows-1255), Arabic, Persian and Urdu
(Windows-1256) and Thai (Windows-874), a quarter of them mixed with English,
Chinese, emoji, URLs, numbers, quotes, symbols or HTML-ish text, and checks four
forms of each: the clean text (must come back unchanged), its UTF-8 read
through its code page (a byte the codec lacks as the character of its number),
that damage after a clean line of the same language (the clean line must stay),
and after a Chinese line. Prints exact recovery per language and form ("pure":
texts with nothing mixed in), the clean first lines a repair altered, and the
clean texts changed; with a BASELINE build, its numbers beside and the texts it
recovered that BINARY does not ("new-worse"). Failures go to OUT/results.json.

Usage: python3 benches/eval_rtl_thai.py [BINARY] [BASELINE] [N_PER_LANG=520] [SEED=17]
BINARY defaults to target/release/examples/repair_files (build it first with
`cargo build --release -p corpusmill-repair --example repair_files`).
"""
import sys, os, json, random, subprocess, shutil, unicodedata
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get('CARGO_TARGET_DIR', os.path.join(ROOT, 'target'))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TARGET, 'release', 'examples', 'repair_files')
BASE = sys.argv[2] if len(sys.argv) > 2 else ''
NPL = int(sys.argv[3]) if len(sys.argv) > 3 else 520
SEED = int(sys.argv[4]) if len(sys.argv) > 4 else 17
OUT = os.path.join(TARGET, 'eval-rtl-thai')
FILES = os.path.join(OUT, 'files')

W = lambda s: s.split()
HE = W("""שלום בית ספר ילד ילדה אבא אמא מים לחם עבודה יום לילה בוקר ערב שבת חג משפחה חבר חברה עיר רחוב מכונית
אוטובוס כסף זמן שנה חודש שבוע היום מחר אתמול טוב יפה גדול קטן חדש ישן אני אתה את הוא היא אנחנו הם של עם על אל
לא כן מה מי איפה למה כי אבל גם רק עוד כל הרבה קצת אוכל שותה הולך בא רוצה יודע אוהב כותב קורא מדבר ירושלים ישראל
ממשלה חדשות מחשב טלפון אינטרנט אתר מורה תלמיד קפה תה חלב ביצה עוגה שמש גשם ים הר עץ פרח כלב חתול שאלה תשובה
מחיר שקל דולר חנות שוק רופא חולה בית־חולים משרד מנהל פגישה הודעה מייל תודה בבקשה סליחה בסדר נהדר מעולה ביחד
שנים ראשון שני שלישי רביעי חמישי שישי צהריים ארוחה מטבח חדר דלת חלון שולחן כיסא מיטה ספרייה אוניברסיטה סטודנט""")
HE_GERESH = W("צ׳יפס ג׳ירפה ז׳קט צ׳ק ג׳ינס צ׳אט ג׳ק ז׳אנר פרוייקט׳ ד׳ ה׳ א׳ ב׳ ג׳ צ׳ופר ג׳ונגל")
HE_GERSH = W("צה״ל ארה״ב ת״א בע״מ ד״ר עו״ד רמטכ״ל מנכ״ל יו״ר בי״ס סה״כ וכו׳ ש״ח ח״כ")
HE_ASCII_G = W("צה\"ל ארה\"ב ד\"ר ג'ינס צ'יפס עו\"ד")
HE_MAQAF = W("בית־ספר תל־אביב בן־אדם דו־שיח חד־פעמי רב־קומות אי־אפשר")
HE_NIQQUD = W("שָׁלוֹם בְּרֵאשִׁית אֱלֹהִים יְלָדִים סֵפֶר מַיִם לֶחֶם תּוֹרָה אָבִיב עִבְרִית שַׁבָּת מֶלֶךְ אֶרֶץ")

YI = W("""איך דו ער זי מיר איר זיי ניט יאָ גוט שלעכט הויז קינד קינדער מאַמע טאַטע ברויט וואַסער טאָג נאַכט שבת יאָר וואָך
שטאָט גאַס בוך שולע לערער אַרבעט געלט צייט גיין קומען עסן טרינקען ליב האָבן זײַן ווערן זאָגן ייִדיש פֿון אויף מיט אין
אַ דער די דאָס וואָס ווער וווּ ווען פֿאַר אָבער אויך נאָר שוין זייער גרויס קליין נײַ אַלט שיין מענטש פֿרײַנט ליבע לעבן
חלום שרײַבן לייענען רעדן הערן זען וועלט לאַנד היים טיש פֿענצטער טיר בעט גאָרטן בלום בוים הונט קאַץ מילך קאַווע
צוקער פֿיש פֿלייש עפּל שבֿת־צונאַכט גוט־מאָרגן אַ דאַנק ביטע װאָס װוּ ײַנגל ױנג מײדל""")

AR = W("""مرحبا السلام عليكم كتاب بيت مدرسة طالب معلم ماء خبز يوم ليلة صباح مساء شمس قمر سيارة شارع مدينة القاهرة دبي
الرياض بيروت عمان حكومة رئيس وزير أخبار عمل مال وقت سنة شهر أسبوع اليوم غدا أمس جميل كبير صغير جديد قديم أنا
أنت هو هي نحن هم في من إلى على عن مع لا نعم ماذا لماذا كيف أين متى هذا هذه ذلك كل بعض كثير قليل قهوة شاي حليب
طعام أكل شرب ذهب جاء قال كتب قرأ يحب يريد يعرف حاسوب هاتف إنترنت موقع شركة سوق سعر دولار جنيه ريال مستشفى
طبيب مريض عائلة أب أم ابن بنت أخ أخت صديق مسؤول شيء سماء رؤية قرآن الـدولة خط ضغط حفظ الشارع الموقع المصنع
نفط الحظ بلاغ فراغ مطبخ سؤال مسائل لأن الآن إن شاء الله""")
AR_HARAKAT = W("مُحَمَّد كِتَابٌ العَرَبِيَّة مَدْرَسَةٌ السَّلَامُ عَلَيْكُمْ بِسْمِ اللَّهِ الرَّحْمَٰنِ شُكْرًا جَمِيلٌ")
FA = W("""سلام خانه کتاب مدرسه پدر مادر بچه دوست آب نان چای روز شب صبح امروز فردا دیروز خوب بد بزرگ کوچک زیبا من تو
او ما شما آنها است هست نیست می‌خواهم می‌روم می‌کنم کار پول وقت سال ماه هفته شهر تهران اصفهان شیراز ایران ژاله
ژانویه گل گربه سگ پنجره چرا چطور کجا کی چه که با از به در برای این آن همه خیلی کمی زبان فارسی دانشگاه دانشجو
کامپیوتر تلفن اینترنت ماشین خیابان بازار قیمت تومان خط‌ها موضوع‌ها باغ‌ها چراغ‌ها مرغ‌ها نقطه‌ها کتاب‌ها
شروع ضبط حفظ نفت پژوهش مژده گوشی پیام ایمیل جلسه""")
UR = W("""ہے ہیں میں آپ ہم وہ یہ کیا کیوں کہاں کب اور لیکن بھی نہیں ہاں گھر پانی روٹی کھانا پینا جانا آنا اچھا برا بڑا چھوٹا
نیا پرانا دن رات صبح شام آج کل دوست بھائی بہن ماں باپ بچہ بچے لڑکا لڑکی کتاب اسکول استاد شہر لاہور کراچی
پاکستان اردو زبان ٹرین ٹیلی فون ڈاکٹر ڈبہ پیڑ گاڑی بڑی سڑک کہانی ہوا ہاتھ تھا تھی ٹھیک شکریہ مہربانی روپے
ہزار چائے دودھ بازار دکان قیمت کام وقت سال مہینہ ہفتہ اخبار خبر حکومت وزیر ٹیم کرکٹ میچ جیت ہار""")
TH = W("""สวัสดี ครับ ค่ะ ขอบคุณ ฉัน ผม คุณ เขา เธอ เรา พวกเขา ไป มา กิน ดื่ม นอน ทำงาน เรียน บ้าน โรงเรียน รถ ถนน
เมือง กรุงเทพ เชียงใหม่ ประเทศไทย น้ำ ข้าว อาหาร กาแฟ ชา วันนี้ พรุ่งนี้ เมื่อวาน ดี สวย ใหญ่ เล็ก ใหม่ เก่า
ไม่ ใช่ อะไร ทำไม อย่างไร ที่ไหน เมื่อไร และ แต่ หรือ กับ ของ ใน บน ที่ นี้ นั้น มาก น้อย เงิน บาท เวลา ปี
เดือน สัปดาห์ ครอบครัว พ่อ แม่ ลูก พี่ น้อง เพื่อน โทรศัพท์ อินเทอร์เน็ต เน็ต เว็บไซต์ คอมพิวเตอร์ ยกเลิก
เขต เน้น เนื้อ เธอ ตลาด ราคา ร้าน โรงพยาบาล หมอ ฝน แดด ร้อน หนาว ความรัก ภาษาไทย เนปาล เนคไท เนตร
อินเทอร์เนต เนชั่น เธียเตอร์ เนย เนิน เนียน เนื่องจาก เธอจะ ห้องน้ำ สนามบิน ฯลฯ""")
TH_DIG = '๐๑๒๓๔๕๖๗๘๙'
AR_DIG = '٠١٢٣٤٥٦٧٨٩'
FA_DIG = '۰۱۲۳۴۵۶۷۸۹'

EN = W("hello update email OK iPhone Google meeting deadline Zoom PDF file online app login password WiFi USB API")
ZH = W("中文 你好 北京 文件 我们 上海 电脑 谢谢")
EMOJI = ["😀", "👍", "❤️", "🇮🇱", "🎉", "👨‍👩‍👧", "🙏", "🔥", "✅", "😂"]
URLS = ["https://example.com/path?a=1&b=2", "www.ynet.co.il", "http://news.example.org/ar/2024/05/item.html", "https://t.co/xYz12", "user@example.com"]
HTMLISH = ["AT&T", "R&D", "&amp;", "'Q&A'", "'&lt;'", "Q&A", "&lt;div&gt;", "Tom & Jerry", "&nbsp;"]
SYMS = ["°", "©", "±", "…", "–", "—", "25°C", "© 2024", "±5", "50%", "3.14", "1,000", "2024", "12:30", "$9.99", "€20"]

# words that are clean text but whose UTF-8 could look like mojibake of the code page (adversarial)
RISKY = {
 'th': W("เนปาล เนคไท เนตร เนชั่น อินเทอร์เนต อินเทอร์เนท เนติบัณฑิต เนบิวลา เนปจูน เนคเทค เนตรนภา เนชั่นแนล"),
 'he': W("א׳–ה׳ “ג׳” צ׳•ג׳ ו׳–ש׳ ס׳ ‘ד׳’ ה׳… ג׳—"),
 'yi': W("װאָס ײַ ױ „װוּ“ פֿ׳ ר׳–ש׳ ״ייִדיש״"),
 'ar': W("«ضغط» موقع؟ شارع، حفظ؛ الخط… بلاغ، «نفط» مع؟"),
 'fa': W("عکس عکس‌ها منعکس موضوع‌ها ساعت‌ها باغ‌ها خط‌ها جمع‌بندی شروع؟ «عکس»"),
 'ur': W("عکس شروع؟ موضوع، جمع؛ باغ، «خط»"),
}
HTML_LIT = ["To get 文 type &amp;#25991; in the source", "write &amp;lt; to show &lt;", "&amp;amp; is double-escaped",
            "the entity &amp;#1488; is א", "AT&amp;T", "R&amp;D"]

CODEC = {'he': 'cp1255', 'yi': 'cp1255', 'ar': 'cp1256', 'fa': 'cp1256', 'ur': 'cp1256', 'th': 'cp874'}
QUOTES = [("“", "”"), ("«", "»"), ("„", "“"), ('"', '"'), ("'", "'")]

def digits(rng, lang):
    n = str(rng.randint(0, 99999))
    tab = {'th': TH_DIG, 'ar': AR_DIG, 'fa': FA_DIG, 'ur': FA_DIG}.get(lang)
    if tab and rng.random() < 0.6:
        n = ''.join(tab[int(c)] for c in n)
    return n

def native_word(rng, lang):
    r = rng.random()
    if lang == 'he':
        if r < 0.06: return rng.choice(HE_GERESH)
        if r < 0.11: return rng.choice(HE_GERSH)
        if r < 0.13: return rng.choice(HE_ASCII_G)
        if r < 0.16: return rng.choice(HE_MAQAF)
        if r < 0.20: return rng.choice(HE_NIQQUD)
        return rng.choice(HE)
    if lang == 'yi': return rng.choice(YI)
    if lang == 'ar':
        if r < 0.08: return rng.choice(AR_HARAKAT)
        return rng.choice(AR)
    if lang == 'fa': return rng.choice(FA)
    if lang == 'ur': return rng.choice(UR)
    if lang == 'th': return rng.choice(TH)

def extra(rng, lang):
    k = rng.choice(['en', 'zh', 'emoji', 'url', 'html', 'sym', 'num', 'quote'])
    if k == 'en': return rng.choice(EN), k
    if k == 'zh': return rng.choice(ZH), k
    if k == 'emoji': return rng.choice(EMOJI), k
    if k == 'url': return rng.choice(URLS), k
    if k == 'html': return rng.choice(HTMLISH), k
    if k == 'sym': return rng.choice(SYMS), k
    if k == 'num': return digits(rng, lang), k
    q = rng.choice(QUOTES); return q[0] + native_word(rng, lang) + q[1], k

def punct(lang, rng):
    if lang in ('ar', 'fa', 'ur'):
        return rng.choice(['،', '؛', '؟', '.', '!', ':', '…', ' –', '۔' if lang == 'ur' else '.'])
    if lang == 'th':
        return rng.choice([' ', ' ', 'ๆ', '!', '?', '…', ' ฯ'])
    return rng.choice([',', '.', '?', '!', ':', '…', ' –', ';'])

def make_list_text(rng, lang):
    # short list/tag/glossary style texts with few native words, weighted to risky words
    nwords = rng.randint(5, 24)
    style = rng.choice(['tags', 'comma', 'gloss', 'lines', 'space'])
    items = []
    rp = rng.choice([0.5, 0.5, 0.95])
    for i in range(max(3, nwords // 2)):
        w = rng.choice(RISKY[lang]) if (lang in RISKY and rng.random() < rp) else native_word(rng, lang)
        items.append(w)
    if style == 'tags': t = ' '.join('#' + w for w in items)
    elif style == 'comma': t = ('، ' if lang in ('ar', 'fa', 'ur') else ', ').join(items)
    elif style == 'gloss': t = '\n'.join(f'{rng.choice(EN)} = {w}' for w in items[:6])
    elif style == 'lines': t = '\n'.join(' '.join(items[i:i + 2]) for i in range(0, min(len(items), 12), 2))
    else: t = ' '.join(items)
    if rng.random() < 0.2: t += '\n' + rng.choice(HTML_LIT)
    return t, {'list'}

def make_text(rng, lang, mix_p):
    if mix_p == 'list': return make_list_text(rng, lang)
    nwords = rng.randint(5, 80)
    nlines = rng.randint(1, min(6, max(1, nwords // 5)))
    words = []
    kinds = set()
    for i in range(nwords):
        if rng.random() < mix_p:
            w, k = extra(rng, lang); kinds.add(k)
        else:
            w = native_word(rng, lang)
        if rng.random() < 0.15:
            w += punct(lang, rng)
        words.append(w)
    # split into lines
    cuts = sorted(rng.sample(range(1, nwords), nlines - 1)) if nlines > 1 else []
    lines, prev = [], 0
    for c in cuts + [nwords]:
        seg = words[prev:c]; prev = c
        if lang == 'th':
            # Thai: words mostly run together, spaces between phrases
            s = ''
            for j, w in enumerate(seg):
                sep = '' if (j and rng.random() < 0.6 and ord(w[0]) >= 0x0E00 and s and ord(s[-1]) >= 0x0E00 and ord(w[0]) < 0x0E80) else ' '
                s = (s + sep + w) if j else w
            lines.append(s)
        else:
            lines.append(' '.join(seg))
    return '\n'.join(lines), kinds

def moj(s, codec):
    out = []
    for b in s.encode('utf-8'):
        try: out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError: out.append(chr(b))
    return ''.join(out)

def run(binary, paths):
    res = {}
    for i in range(0, len(paths), 2500):
        chunk = paths[i:i + 2500]
        p = subprocess.run([binary] + chunk, capture_output=True, check=False)
        for line in p.stdout.decode('utf-8').splitlines():
            j = json.loads(line); res[j['path']] = j
    return res

def main():
    rng = random.Random(SEED)
    if os.path.exists(FILES): shutil.rmtree(FILES)
    os.makedirs(FILES)
    cases = []  # (id, lang, variant, input, expected, pure)
    zh_line = '我们今天在北京开会，讨论新的文件格式。'
    for lang in CODEC:
        for i in range(NPL):
            mix_p = 'list' if i % 4 == 3 else 0.0 if i % 4 == 0 else rng.choice([0.05, 0.12, 0.25])
            text, kinds = make_text(rng, lang, mix_p)
            pure = not kinds  # 'list' texts count as not pure
            cid = f'{lang}{i:04d}'
            cases.append((cid, lang, 'clean', text, text, pure, kinds))
            d = moj(text, CODEC[lang])
            cases.append((cid, lang, 'dam', d, text, pure, kinds))
            pre, _ = make_text(rng, lang, 0.0); pre = pre.split('\n')[0]
            cases.append((cid, lang, 'dam_after_same', pre + '\n' + d, pre + '\n' + text, pure, kinds))
            cases.append((cid, lang, 'dam_after_zh', zh_line + '\n' + d, zh_line + '\n' + text, pure, kinds))
    paths = []
    for c in cases:
        p = f'{FILES}/{c[0]}_{c[2]}.txt'
        with open(p, 'w', encoding='utf-8') as f: f.write(c[3] + '\n')
        paths.append(p)
    new = run(BIN, paths); base = run(BASE, paths) if BASE and os.path.exists(BASE) else {}
    stats = defaultdict(Counter); fails = []
    for c, p in zip(cases, paths):
        cid, lang, var, inp, exp, pure, kinds = c
        n = new[p]['text'].rstrip('\n') if p in new else None
        b = base[p]['text'].rstrip('\n') if p in base else None
        st = stats[(lang, var)]
        st['n'] += 1; st['pure_n'] += pure
        okn, okb = n == exp, b == exp
        st['new_ok'] += okn; st['base_ok'] += okb
        st['pure_new_ok'] += okn and pure; st['pure_base_ok'] += okb and pure
        st['regress'] += okb and not okn
        if var == 'dam_after_same' and n is not None:
            st['prefix_changed'] += n.split('\n')[0] != exp.split('\n')[0]
        if not okn or not okb:
            fails.append(dict(id=cid, lang=lang, var=var, pure=pure, kinds=sorted(kinds), input=inp, expected=exp,
                              new=n, base=b, new_ok=okn, base_ok=okb,
                              new_repairs=new.get(p, {}).get('repairs'), base_repairs=base.get(p, {}).get('repairs')))
    with open(os.path.join(OUT, 'results.json'), 'w', encoding='utf-8') as f:
        json.dump(dict(fails=fails), f, ensure_ascii=False, indent=1)
    total = sum(stats[(l, 'clean')]['n'] for l in CODEC)
    print(f'texts per variant: {total} (langs {list(CODEC)}; {len(cases)} files)')
    print(f"{'lang':4} {'variant':15} {'n':>5} {'new%':>7} {'base%':>7} {'pure new%':>9} {'pure base%':>10} {'new-worse':>9}")
    for l in CODEC:
        for v in ('clean', 'dam', 'dam_after_same', 'dam_after_zh'):
            s = stats[(l, v)]
            pn = s['pure_n'] or 1
            print(f"{l:4} {v:15} {s['n']:5} {100*s['new_ok']/s['n']:7.1f} {100*s['base_ok']/s['n']:7.1f} "
                  f"{100*s['pure_new_ok']/pn:9.1f} {100*s['pure_base_ok']/pn:10.1f} {s['regress']:9}")
    print('\nclean FIRST line altered in dam_after_same (clean line + damaged text in one file):',
          {l: stats[(l, 'dam_after_same')]['prefix_changed'] for l in CODEC})
    cc = [f for f in fails if f['var'] == 'clean' and not f['new_ok']]
    print(f'\nclean texts changed by NEW: {len(cc)} (also changed by baseline: {sum(1 for f in cc if not f["base_ok"])})')
    no = [f for f in cc if f['new'] != f['base']]
    print(f'clean texts where NEW output differs from baseline output: {len(no)}')
    print('  by (lang, repairs):', Counter((f['lang'], tuple(sorted(f['new_repairs'] or {}))) for f in no))
    no.sort(key=lambda f: 'html_entity' in (f['new_repairs'] or {}) and len(f['new_repairs']) == 1)
    for f in no[:25]:
        print(' ', f['id'], f['new_repairs'], 'base_changed' if not f['base_ok'] else 'NEW-ONLY', repr(f['input'][:70]), '->', repr(f['new'][:70]))

if __name__ == '__main__':
    main()
