//! Finding the article container and the blocks that make up the article.
//!
//! Every paragraph-like block votes for the elements above it (most for its own
//! container, less for each level up); names like `article-body` add to the vote and
//! chrome names subtract; link-heavy elements are discounted. The best element wins,
//! and siblings that also read like article text join it (articles split over several
//! sibling `div`s).

use super::dom::{is_paragraph, El, Page};
use super::hints::Junk;

/// How much of a paragraph's vote each level above its container receives.
const LEVEL_SHARE: [f32; 5] = [1.0, 0.5, 0.34, 0.25, 0.2];

/// Which elements are chrome, inherited down the tree. Soft chrome that holds at least
/// half of the page's prose is a wrapper, not chrome.
pub(crate) fn junk_flags(page: &Page<'_>) -> Vec<bool> {
    let total = page.els.first().map_or(0, |e| e.para);
    let mut junk = vec![false; page.els.len()];
    for (i, e) in page.els.iter().enumerate() {
        let inherited = e.parent.and_then(|p| junk.get(p).copied()).unwrap_or(false);
        let own = match e.hint.junk {
            Junk::No => false,
            Junk::Hard => true,
            Junk::Soft => total == 0 || e.para * 2 < total,
        };
        junk[i] = inherited || own;
    }
    junk
}

/// Tags whose text is a paragraph in its own right: its vote starts at the parent.
fn is_leaf_block(tag: &str) -> bool {
    matches!(tag, "p" | "pre" | "li" | "dd" | "dt" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "figcaption")
}

fn punctuation(text: &str) -> f32 {
    let n = text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '。' | ';' | '；')).count();
    n.min(12) as f32
}

/// The container scores: paragraph votes scaled by name hints (a hint alone never makes
/// a container), discounted by link density.
fn scores(page: &Page<'_>, junk: &[bool]) -> Vec<f32> {
    let mut votes = vec![0f32; page.els.len()];
    for b in &page.blocks {
        // A table's row is no paragraph, however wide: a quote table would outvote the story.
        let row = page.els.get(b.owner).is_some_and(|e| e.el.name() == "tr");
        if row || junk.get(b.owner).copied().unwrap_or(true) || !is_paragraph(b.width, b.link) {
            continue;
        }
        let vote = 1.0 + punctuation(&b.text) + (b.width as f32 / 100.0).min(3.0);
        let Some(owner) = page.els.get(b.owner) else { continue };
        let mut at = if is_leaf_block(owner.el.name()) { owner.parent } else { Some(b.owner) };
        for share in LEVEL_SHARE {
            let Some(i) = at else { break };
            if let Some(v) = votes.get_mut(i) {
                *v += vote * share;
            }
            at = page.els.get(i).and_then(|e| e.parent);
        }
    }
    votes
        .iter()
        .zip(&page.els)
        .zip(junk)
        .map(|((&v, e), &j)| {
            if v <= 0.0 || j {
                return 0.0;
            }
            let density = if e.text == 0 { 0.0 } else { e.link as f32 / e.text as f32 };
            let weight = f32::from(e.hint.weight.clamp(-2, 4));
            v * (1.0 + 0.25 * weight).max(0.2) * (1.0 - density)
        })
        .collect()
}

/// The subtrees (arena index ranges) that hold the article, in document order.
pub(crate) fn article_ranges(page: &Page<'_>, junk: &[bool]) -> Vec<(usize, usize)> {
    let scores = scores(page, junk);
    let best =
        scores.iter().enumerate().filter(|(_, &s)| s > 0.0).max_by(|a, b| a.1.total_cmp(b.1)).map(|(i, &s)| (i, s));
    let Some((best, best_score)) = best else {
        return page.els.first().map(|e| vec![(0, e.end)]).unwrap_or_default();
    };
    let root = merge_split_article(page, junk, &scores, best, best_score);
    let Some(root_el) = page.els.get(root) else { return Vec::new() };
    let Some(parent) = root_el.parent else {
        return vec![(root, root_el.end)];
    };
    let threshold = (best_score * 0.2).max(10.0);
    let mut ranges = Vec::new();
    let mut j = parent + 1;
    let parent_end = page.els.get(parent).map_or(0, |e| e.end);
    while j < parent_end {
        let Some(e) = page.els.get(j) else { break };
        let keep = j == root
            || (!junk.get(j).copied().unwrap_or(true)
                && (scores.get(j).copied().unwrap_or(0.0) >= threshold || sibling_paragraph(page, j, root)));
        if keep {
            ranges.push((j, e.end));
        }
        j = e.end.max(j + 1);
    }
    ranges
}

/// How far above the winner a second, similar-scoring container may sit and still be
/// taken as another part of the same article.
const MAX_MERGE_LEVELS: usize = 6;

/// Articles cut into chunks (`grid > item`, one `div` per few paragraphs, with ads or
/// figures in between) leave several containers with the winner's tag and class: the
/// article is their common ancestor, if that is close above the winner and not
/// link-heavy.
fn merge_split_article(page: &Page<'_>, junk: &[bool], scores: &[f32], best: usize, best_score: f32) -> usize {
    let Some(best_el) = page.els.get(best) else { return best };
    let mut root = best;
    for (i, &s) in scores.iter().enumerate() {
        if s < best_score * 0.25 || i == best {
            continue;
        }
        let Some(e) = page.els.get(i) else { continue };
        if e.el.name() != best_el.el.name() || e.el.attr("class") != best_el.el.attr("class") {
            continue;
        }
        let related = (best <= i && i < best_el.end) || (i <= best && best < e.end);
        if related {
            continue;
        }
        // Climb from the current root until the rival is inside.
        let mut at = root;
        let mut levels = 0;
        while levels <= MAX_MERGE_LEVELS && !(at <= i && i < page.els.get(at).map_or(0, |x| x.end)) {
            let Some(p) = page.els.get(at).and_then(|x| x.parent) else { break };
            at = p;
            levels += 1;
        }
        let Some(anc) = page.els.get(at) else { continue };
        let inside = at <= i && i < anc.end;
        let light = anc.text > 0 && anc.link * 3 < anc.text;
        if inside && levels <= MAX_MERGE_LEVELS && light && !junk.get(at).copied().unwrap_or(true) {
            root = at;
        }
    }
    root
}

/// A sibling of the winner that is itself prose: a `<p>` beside the container, or an
/// element shaped like the winner's own paragraphs (`<div class="body__paragraph">`
/// both inside and before it).
fn sibling_paragraph(page: &Page<'_>, i: usize, root: usize) -> bool {
    let Some(e) = page.els.get(i) else { return false };
    if e.text < 80 || e.link * 4 >= e.text {
        return false;
    }
    if matches!(e.el.name(), "p" | "blockquote" | "pre") {
        return true;
    }
    let prose = e.para * 10 >= e.text * 8 && e.el.attr("class").is_some();
    prose && children(page, root).any(|c| c.el.name() == e.el.name() && c.el.attr("class") == e.el.attr("class"))
}

/// The element children of `i`.
fn children<'p, 'a>(page: &'p Page<'a>, i: usize) -> impl Iterator<Item = &'p El<'a>> + 'p {
    let end = page.els.get(i).map_or(0, |e| e.end);
    let mut j = i + 1;
    std::iter::from_fn(move || {
        let e = page.els.get(j).filter(|_| j < end)?;
        j = e.end.max(j + 1);
        Some(e)
    })
}

/// Indices of the blocks inside the ranges that are article text, before the
/// line-level furniture checks.
pub(crate) fn article_blocks(page: &Page<'_>, junk: &[bool], ranges: &[(usize, usize)]) -> Vec<usize> {
    let mut out = Vec::new();
    for (bi, b) in page.blocks.iter().enumerate() {
        let inside = ranges.iter().any(|&(s, e)| s <= b.owner && b.owner < e);
        if !inside || junk.get(b.owner).copied().unwrap_or(true) {
            continue;
        }
        let tag = page.els.get(b.owner).map_or("", |e| e.el.name());
        if tag == "h1" {
            continue;
        }
        // Link-heavy lines are navigation, except inside a paragraph, where a sentence
        // can be mostly anchors ("Get it at Dell for $549").
        let limit = if tag == "p" { 0.7 } else { 0.5 };
        if b.link as f32 > limit * b.width as f32 {
            continue;
        }
        out.push(bi);
    }
    out
}
