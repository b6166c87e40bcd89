//! The help center's rules (HELP): article fields, the yes/no feedback
//! tally, the revision comparison, and the search query's words and typo
//! correction. Storage, Markdown rendering and the search engines live in
//! `server::help`.

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

/// Lines of `old` and `new` matched by their words (a longest common
/// subsequence), so a line whose only change is formatting shows as
/// reformatted rather than as one removal and one addition.
pub fn compare(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ka: Vec<String> = a.iter().map(|l| line_words(l)).collect();
    let kb: Vec<String> = b.iter().map(|l| line_words(l)).collect();

    // Common head and tail first: edits are usually local, and it keeps
    // the table below small.
    let mut head = 0;
    while head < a.len() && head < b.len() && ka[head] == kb[head] {
        head += 1;
    }
    let mut tail = 0;
    while tail < a.len() - head && tail < b.len() - head && ka[a.len() - 1 - tail] == kb[b.len() - 1 - tail] {
        tail += 1;
    }
    let (n, m) = (a.len() - head - tail, b.len() - head - tail);
    // lcs[i][j]: the longest match of a[head+i..] and b[head+j..] (middle part).
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * (m + 1) + j] = if ka[head + i] == kb[head + j] {
                lcs[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
            };
        }
    }

    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let pair = |out: &mut Vec<DiffLine>, i: usize, j: usize| {
        let change = if a[i] == b[j] {
            Change::Same
        } else {
            Change::Reformatted
        };
        out.push(DiffLine {
            change,
            old_no: Some(i + 1),
            new_no: Some(j + 1),
            old: Some(a[i].to_string()),
            new: Some(b[j].to_string()),
        });
    };
    for k in 0..head {
        pair(&mut out, k, k);
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ka[head + i] == kb[head + j] {
            pair(&mut out, head + i, head + j);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j]) {
            out.push(DiffLine {
                change: Change::Added,
                old_no: None,
                new_no: Some(head + j + 1),
                old: None,
                new: Some(b[head + j].to_string()),
            });
            j += 1;
        } else {
            out.push(DiffLine {
                change: Change::Removed,
                old_no: Some(head + i + 1),
                new_no: None,
                old: Some(a[head + i].to_string()),
                new: None,
            });
            i += 1;
        }
    }
    for k in 0..tail {
        pair(&mut out, a.len() - tail + k, b.len() - tail + k);
    }
    // Removals before additions inside each changed block reads better.
    let mut start = 0;
    while start < out.len() {
        let mut end = start;
        while end < out.len() && matches!(out[end].change, Change::Added | Change::Removed) {
            end += 1;
        }
        if end > start {
            out[start..end].sort_by_key(|l| l.change == Change::Added);
            start = end;
        } else {
            start += 1;
        }
    }
    out
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
pub fn snippet_parts(snippet: &str) -> Vec<(String, bool)> {
    let mut parts: Vec<(String, bool)> = Vec::new();
    let mut cur = String::new();
    let mut hit = false;
    for c in snippet.chars() {
        match c {
            HIT_START | HIT_END => {
                if !cur.is_empty() {
                    parts.push((std::mem::take(&mut cur), hit));
                }
                hit = c == HIT_START;
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        parts.push((cur, hit));
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
    pub snippet: Vec<(String, bool)>,
}

#[cfg(test)]
mod tests;
