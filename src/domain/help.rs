//! The help center's rules (HELP): article fields, the yes/no feedback
//! tally, the revision comparison, and the search query's words and typo
//! correction. Storage, Markdown rendering and the search engines live in
//! `server::help`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::{AppError, ErrorCode, RuleId};
use super::locale::Locale;

/// A URL word: lowercase ASCII letters, digits and single hyphens.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Slug, AppError> {
        let s = raw.trim();
        let ok = (1..=120).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(Slug(s.to_string()))
        } else {
            Err(AppError::new(ErrorCode::BadInput)
                .with_rule(RuleId::Help4)
                .with_detail("slug"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What support saves: every save becomes a revision (HELP-4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleDraft {
    pub title: String,
    pub summary: String,
    pub body: String,
}

impl ArticleDraft {
    pub const MAX_TITLE: usize = 150;
    pub const MAX_SUMMARY: usize = 200;
    pub const MAX_BODY: usize = 100_000;

    pub fn parse(title: &str, summary: &str, body: &str) -> Result<ArticleDraft, AppError> {
        let bad = |field: &str| {
            AppError::new(ErrorCode::BadInput)
                .with_rule(RuleId::Help4)
                .with_detail(field)
        };
        let title = one_line(title).ok_or_else(|| bad("title"))?;
        let summary = one_line(summary).ok_or_else(|| bad("summary"))?;
        let body = body.replace("\r\n", "\n");
        if title.chars().count() > Self::MAX_TITLE {
            return Err(bad("title"));
        }
        if summary.chars().count() > Self::MAX_SUMMARY {
            return Err(bad("summary"));
        }
        let body_len = body.trim().chars().count();
        if body_len == 0 || body_len > Self::MAX_BODY || has_hidden_chars(&body) {
            return Err(bad("body"));
        }
        Ok(ArticleDraft {
            title,
            summary,
            body: body.trim_end().to_string() + "\n",
        })
    }
}

fn one_line(raw: &str) -> Option<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty() && !has_hidden_chars(&s)).then_some(s)
}

/// Control characters other than line breaks and tabs, bidi overrides, and
/// the private-use marks search snippets use for highlighting.
fn has_hidden_chars(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            || c == HIT_START
            || c == HIT_END
    })
}

super::wire::text_enum! {
    /// What an article shows below its text, besides the text itself.
    pub enum Widget {
        /// The processors' table (BILL-5) and the reader's own purchases.
        Billing = "billing",
    }
}

// ---------------------------------------------------------------------------
// Feedback (HELP-3)

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Vote {
    Yes,
    No,
}

impl Vote {
    pub fn parse(raw: &str) -> Result<Vote, AppError> {
        match raw {
            "yes" => Ok(Vote::Yes),
            "no" => Ok(Vote::No),
            _ => Err(AppError::new(ErrorCode::BadInput).with_rule(RuleId::Help3)),
        }
    }

    pub const fn helpful(self) -> bool {
        matches!(self, Vote::Yes)
    }
}

/// The answers to "Did this answer your question?" for one article in one
/// language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub yes: i64,
    pub no: i64,
}

impl Tally {
    pub fn total(&self) -> i64 {
        self.yes + self.no
    }

    /// The share of "no" in whole percent (rounded half up); none before
    /// the first answer.
    pub fn share_no_percent(&self) -> Option<i64> {
        let total = self.total();
        (total > 0).then(|| (self.no * 200 + total) / (2 * total))
    }
}

// ---------------------------------------------------------------------------
// Comparing revisions (HELP-4)

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Same,
    Added,
    Removed,
    /// The same words with different formatting (spacing, emphasis, list
    /// markers, heading level).
    Reformatted,
}

/// One row of a comparison; line numbers count from 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: Change,
    pub old_no: Option<usize>,
    pub new_no: Option<usize>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// A removed line and the added line that took its place (the k-th
    /// addition of a changed block replaces its k-th removal, as side by
    /// side shows them): the line's own text in pieces, `true` on the words
    /// that changed. Empty for every other line, and when the two lines
    /// share no word (the whole line changed).
    pub words: Vec<Piece>,
}

/// A piece of a line or snippet; `marked` on the words that changed (in a
/// comparison) or that matched (in a search snippet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text: String,
    pub marked: bool,
}

impl Piece {
    pub fn new(text: impl Into<String>, marked: bool) -> Piece {
        Piece {
            text: text.into(),
            marked,
        }
    }
}

/// The words of a line without its formatting: emphasis and code marks,
/// heading and list markers, and spacing do not count.
pub fn line_words(line: &str) -> String {
    let t = line.trim();
    let t = t.trim_start_matches('#').trim_start();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t);
    t.chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How long a comparison may look for the fewest changes before it settles
/// for more (past it, what is left counts as removed and added). A safety
/// net for pathological input: ordinary revisions compare in milliseconds.
/// Comparisons run on the server; the browser has no clock to set one by.
#[cfg(not(target_arch = "wasm32"))]
const COMPARE_TIME: std::time::Duration = std::time::Duration::from_secs(1);

/// `similar`'s deadline type (std's `Instant`, which exists but cannot be
/// read in the browser: there the deadline is always `None`).
type Deadline = Option<std::time::Instant>;

/// Myers' diff (the `similar` crate): time grows with the lengths times the
/// number of changes, memory only with the lengths. Used without `similar`'s
/// compaction pass, so the ranges are the algorithm's own.
fn myers<T: PartialEq>(old: &[T], new: &[T], deadline: Deadline) -> Vec<similar::DiffOp> {
    let mut capture = similar::algorithms::Capture::new();
    match similar::algorithms::myers::diff_deadline(
        &mut capture,
        old,
        0..old.len(),
        new,
        0..new.len(),
        deadline,
    ) {
        Ok(()) => capture.into_ops(),
        Err(never) => match never {},
    }
}

/// Lines of `old` and `new` matched by their words (Myers' diff: memory
/// grows with the two lengths added, not multiplied), so a line whose only
/// change is formatting shows as reformatted rather than as one removal and
/// one addition. Inside each changed block removals come before additions,
/// and the words that changed between a removed line and its replacement
/// are marked.
pub fn compare(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Each distinct line (by its words) becomes a number: the diff compares
    // integers, and equal numbers mean equal words.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut key = |line: &str| {
        let next = ids.len() as u32;
        *ids.entry(line_words(line)).or_insert(next)
    };
    let ka: Vec<u32> = a.iter().map(|&l| key(l)).collect();
    let kb: Vec<u32> = b.iter().map(|&l| key(l)).collect();

    #[cfg(not(target_arch = "wasm32"))]
    let deadline: Deadline = std::time::Instant::now().checked_add(COMPARE_TIME);
    #[cfg(target_arch = "wasm32")]
    let deadline: Deadline = None;

    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let mut removed: Vec<usize> = Vec::new();
    let mut added: Vec<usize> = Vec::new();
    for op in myers(&ka, &kb, deadline) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag != similar::DiffTag::Equal {
            // A deletion's new range and an insertion's old range are empty.
            removed.extend(old_range);
            added.extend(new_range);
            continue;
        }
        push_changed(&mut out, &a, &b, &removed, &added, deadline);
        removed.clear();
        added.clear();
        for (i, j) in old_range.zip(new_range) {
            out.push(DiffLine {
                change: if a[i] == b[j] {
                    Change::Same
                } else {
                    Change::Reformatted
                },
                old_no: Some(i + 1),
                new_no: Some(j + 1),
                old: Some(a[i].to_string()),
                new: Some(b[j].to_string()),
                words: Vec::new(),
            });
        }
    }
    push_changed(&mut out, &a, &b, &removed, &added, deadline);
    out
}

/// A line's text in pieces, marked where it changed.
type Pieces = Vec<Piece>;

/// One changed block: its removed lines, then its added ones, the words
/// that changed marked in each pair.
fn push_changed(
    out: &mut Vec<DiffLine>,
    a: &[&str],
    b: &[&str],
    removed: &[usize],
    added: &[usize],
    deadline: Deadline,
) {
    let mut marks: Vec<(Pieces, Pieces)> = removed
        .iter()
        .zip(added)
        .map(|(&i, &j)| changed_words(a[i], b[j], deadline))
        .collect();
    for (k, &i) in removed.iter().enumerate() {
        out.push(DiffLine {
            change: Change::Removed,
            old_no: Some(i + 1),
            new_no: None,
            old: Some(a[i].to_string()),
            new: None,
            words: marks
                .get_mut(k)
                .map(|m| std::mem::take(&mut m.0))
                .unwrap_or_default(),
        });
    }
    for (k, &j) in added.iter().enumerate() {
        out.push(DiffLine {
            change: Change::Added,
            old_no: None,
            new_no: Some(j + 1),
            old: None,
            new: Some(b[j].to_string()),
            words: marks
                .get_mut(k)
                .map(|m| std::mem::take(&mut m.1))
                .unwrap_or_default(),
        });
    }
}

/// Words and the runs of spaces between them, in order: joined, the line.
fn tokens(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (k, c) in line.char_indices() {
        let space = c.is_whitespace();
        if in_space.is_some_and(|s| s != space) {
            out.push(&line[start..k]);
            start = k;
        }
        in_space = Some(space);
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

/// The old and the new line in pieces (words and the spaces between them),
/// `true` on those that changed; both empty when the lines share no word.
fn changed_words(old: &str, new: &str, deadline: Deadline) -> (Pieces, Pieces) {
    let (a, b) = (tokens(old), tokens(new));
    let (mut old_parts, mut new_parts) = (Vec::new(), Vec::new());
    let mut shared = false;
    for op in myers(&a, &b, deadline) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            for &token in &a[old_range] {
                shared |= !token.trim().is_empty();
                push_piece(&mut old_parts, token, false);
                push_piece(&mut new_parts, token, false);
            }
        } else {
            for &token in &a[old_range] {
                push_piece(&mut old_parts, token, true);
            }
            for &token in &b[new_range] {
                push_piece(&mut new_parts, token, true);
            }
        }
    }
    if !shared {
        return (Vec::new(), Vec::new());
    }
    (join_gaps(old_parts), join_gaps(new_parts))
}

/// Appends a piece, merged with the last one when both changed or both did
/// not (so changed and unchanged pieces alternate).
fn push_piece(parts: &mut Pieces, text: &str, changed: bool) {
    match parts.last_mut() {
        Some(last) if last.marked == changed => last.text.push_str(text),
        _ => parts.push(Piece::new(text, changed)),
    }
}

/// The spaces between two changed words are part of the change: "two
/// days" reads as one change, not two.
fn join_gaps(parts: Pieces) -> Pieces {
    let n = parts.len();
    let mut out = Vec::with_capacity(n);
    for (k, p) in parts.iter().enumerate() {
        // Pieces alternate, so an unchanged piece inside has changed ones
        // on both sides.
        let gap = !p.marked && k > 0 && k + 1 < n && p.text.trim().is_empty();
        push_piece(&mut out, &p.text, p.marked || gap);
    }
    out
}

/// Unchanged lines shown before and after each change; longer runs of
/// unchanged lines are folded into a count.
pub const CONTEXT_LINES: usize = 3;

/// A run is folded only when it hides at least this many lines (one line
/// takes as much room as the row saying it is hidden).
const MIN_HIDDEN: usize = 2;

/// A row of a comparison as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffRow {
    Line(DiffLine),
    /// `count` unchanged lines, the first of them at these line numbers.
    Hidden {
        count: usize,
        old_no: usize,
        new_no: usize,
    },
}

/// Folds each run of unchanged (`Same`) lines, keeping `context` lines next
/// to the changes around it: at the start of the text only the lines before
/// the first change are kept, at the end only those after the last one, and
/// two texts without a change fold whole.
pub fn collapse(lines: Vec<DiffLine>, context: usize) -> Vec<DiffRow> {
    let mut out = Vec::new();
    let mut run: Vec<DiffLine> = Vec::new();
    let mut at_start = true;
    for line in lines {
        if line.change == Change::Same {
            run.push(line);
        } else {
            fold_run(&mut out, std::mem::take(&mut run), at_start, false, context);
            at_start = false;
            out.push(DiffRow::Line(line));
        }
    }
    fold_run(&mut out, run, at_start, true, context);
    out
}

fn fold_run(out: &mut Vec<DiffRow>, run: Vec<DiffLine>, at_start: bool, at_end: bool, context: usize) {
    let before = if at_start { 0 } else { context };
    let after = if at_end { 0 } else { context };
    let hidden = run.len().saturating_sub(before + after);
    if hidden < MIN_HIDDEN {
        out.extend(run.into_iter().map(DiffRow::Line));
        return;
    }
    for (k, line) in run.into_iter().enumerate() {
        if k == before {
            out.push(DiffRow::Hidden {
                count: hidden,
                old_no: line.old_no.unwrap_or_default(),
                new_no: line.new_no.unwrap_or_default(),
            });
        } else if k < before || k >= before + hidden {
            out.push(DiffRow::Line(line));
        }
    }
}

/// Side by side: each changed block's removals and additions share rows.
pub fn side_by_side(lines: &[DiffLine]) -> Vec<(Option<DiffLine>, Option<DiffLine>)> {
    let mut rows = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        if matches!(lines[k].change, Change::Same | Change::Reformatted) {
            rows.push((Some(lines[k].clone()), Some(lines[k].clone())));
            k += 1;
            continue;
        }
        let mut removed = Vec::new();
        let mut added = Vec::new();
        while k < lines.len() && matches!(lines[k].change, Change::Added | Change::Removed) {
            if lines[k].change == Change::Removed {
                removed.push(lines[k].clone());
            } else {
                added.push(lines[k].clone());
            }
            k += 1;
        }
        let len = removed.len().max(added.len());
        let mut removed = removed.into_iter();
        let mut added = added.into_iter();
        for _ in 0..len {
            rows.push((removed.next(), added.next()));
        }
    }
    rows
}

/// A row of the side-by-side view: the old and the new side, or a count of
/// folded unchanged lines.
#[derive(Clone, Debug, PartialEq, Eq)]
// Nearly every row is a pair; boxing them would cost an allocation each.
#[allow(clippy::large_enum_variant)]
pub enum SideRow {
    Pair(Option<DiffLine>, Option<DiffLine>),
    Hidden(usize),
}

/// [`side_by_side`] over folded rows (folds only ever hold unchanged lines,
/// so no changed block is cut by one).
pub fn side_by_side_rows(rows: &[DiffRow]) -> Vec<SideRow> {
    let mut out = Vec::new();
    let mut lines: Vec<DiffLine> = Vec::new();
    for row in rows {
        match row {
            DiffRow::Line(line) => lines.push(line.clone()),
            DiffRow::Hidden { count, .. } => {
                out.extend(side_by_side(&lines).into_iter().map(|(o, n)| SideRow::Pair(o, n)));
                lines.clear();
                out.push(SideRow::Hidden(*count));
            }
        }
    }
    out.extend(side_by_side(&lines).into_iter().map(|(o, n)| SideRow::Pair(o, n)));
    out
}

// ---------------------------------------------------------------------------
// Search (HELP-2)

/// Marks around a hit in a search snippet (private-use characters, refused
/// in article text, so they cannot be forged).
pub const HIT_START: char = '\u{e000}';
pub const HIT_END: char = '\u{e001}';

/// At most this many words of a query are used.
pub const MAX_QUERY_WORDS: usize = 8;

/// Lowercase, without the accents Italian puts on vowels. Lowercasing can
/// add combining marks ("İ" → "i̇"); they are dropped, so a folded word is
/// letters and digits only (found by tests/fuzz_parsers.rs).
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// The words of a text, folded; one-letter words are dropped.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.chars().count() <= 40)
        .map(fold)
}

/// The query's distinct words, in order, at most [`MAX_QUERY_WORDS`]. Only
/// letters and digits survive, so nothing in a query reaches an engine's
/// query syntax.
pub fn query_words(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(query) {
        if !out.contains(&w) {
            out.push(w);
        }
        if out.len() == MAX_QUERY_WORDS {
            break;
        }
    }
    out
}

/// How many typing mistakes a word of this length may carry and still be
/// recognised: none for short words, where a change makes another word.
pub fn typos_allowed(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Levenshtein distance, with adjacent swaps counted once ("rimobrso").
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

/// The indexed word a mistyped query word most likely meant: the closest
/// within [`typos_allowed`], the more frequent on a tie, then alphabetical.
pub fn correct<'a>(word: &str, vocabulary: impl IntoIterator<Item = (&'a str, i64)>) -> Option<String> {
    let allowed = typos_allowed(word);
    if allowed == 0 {
        return None;
    }
    vocabulary
        .into_iter()
        .filter(|(w, _)| *w != word)
        .map(|(w, freq)| (edit_distance(word, w), -freq, w))
        .filter(|(d, _, _)| *d <= allowed)
        .min()
        .map(|(_, _, w)| w.to_string())
}

/// A snippet split into plain and highlighted parts (rendered as text and
/// `<mark>`, never as HTML).
pub fn snippet_parts(snippet: &str) -> Vec<Piece> {
    let mut parts: Vec<Piece> = Vec::new();
    let mut cur = String::new();
    let mut hit = false;
    for c in snippet.chars() {
        match c {
            HIT_START | HIT_END => {
                if !cur.is_empty() {
                    parts.push(Piece::new(std::mem::take(&mut cur), hit));
                }
                hit = c == HIT_START;
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        parts.push(Piece::new(cur, hit));
    }
    parts
}

/// The article a help search result points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub slug: String,
    pub locale: Locale,
    pub title: String,
    pub category_title: String,
    pub snippet: Vec<Piece>,
}

/// HELP-6: a search as support counts it: trimmed, lower-case, one space
/// between words, at most 100 characters; an empty search is not counted.
pub fn counted_query(q: &str) -> Option<String> {
    let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    let joined: String = words.join(" ").chars().take(100).collect();
    let trimmed = joined.trim_end().to_string();
    (!trimmed.is_empty()).then_some(trimmed)
}

/// HELP-6: how far back support's search figures look.
pub const INSIGHT_DAYS: i64 = 30;

#[cfg(test)]
mod tests;
