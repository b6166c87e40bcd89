//! Free text a person types (reasons, feedback, notes): trimmed, bounded,
//! free of control and bidi-override characters. Rendered as text, never as
//! HTML, so markup in it stays inert.

use serde::{Deserialize, Serialize};

use super::error::{AppError, ErrorCode};

/// A written reason or note: 3 to 1,000 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason(String);

impl Reason {
    pub const MIN_CHARS: usize = 3;
    pub const MAX_CHARS: usize = 1000;

    pub fn parse(raw: &str) -> Result<Reason, AppError> {
        clean(raw, Self::MIN_CHARS, Self::MAX_CHARS).map(Reason)
    }

    /// A reason the system writes itself (never from input).
    pub fn system(text: &str) -> Reason {
        Reason(text.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Optional feedback: empty is allowed, up to 1,000 characters.
pub fn optional_text(raw: &str, max: usize) -> Result<Option<String>, AppError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    clean(raw, 1, max).map(Some)
}

fn clean(raw: &str, min: usize, max: usize) -> Result<String, AppError> {
    let normalised = raw.replace("\r\n", "\n");
    let s = normalised.trim();
    let n = s.chars().count();
    let bad_char = s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    if n < min || n > max || bad_char {
        return Err(AppError::new(ErrorCode::BadInput).with_detail(format!("{min}-{max}")));
    }
    Ok(s.to_string())
}

/// Text for a place where Leptos does not escape (the server's `<title>`):
/// the characters that could open or close markup become entities.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A text cell for a spreadsheet export: a cell that starts like a formula
/// (`=`, `+`, `-`, `@`, a tab or a return) gets a leading apostrophe, so a
/// reason someone typed is shown as text, never run.
pub fn spreadsheet_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_bounded_and_clean() {
        assert_eq!(Reason::parse("  wrong amount ").unwrap().as_str(), "wrong amount");
        assert!(Reason::parse("ok").is_err());
        assert!(Reason::parse(&"x".repeat(1001)).is_err());
        assert!(Reason::parse("bad\u{0000}byte").is_err());
        assert!(Reason::parse("evil \u{202e}txet").is_err());
        assert_eq!(
            Reason::parse("<script>alert(1)</script>").unwrap().as_str(),
            "<script>alert(1)</script>"
        );
        assert_eq!(Reason::parse("two\r\nlines").unwrap().as_str(), "two\nlines");
    }

    #[test]
    fn spreadsheet_cells_never_start_a_formula() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for f in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(spreadsheet_cell(f).starts_with('\''), "{f}");
        }
        assert_eq!(
            spreadsheet_cell("Refund for a dropped call"),
            "Refund for a dropped call"
        );
        assert_eq!(spreadsheet_cell(""), "");
    }

    #[test]
    fn optional_text_allows_empty() {
        assert_eq!(optional_text("   ", 10).unwrap(), None);
        assert_eq!(optional_text("fine", 10).unwrap().as_deref(), Some("fine"));
        assert!(optional_text("too long text", 5).is_err());
    }

    #[test]
    fn escape_html_leaves_no_tag_to_close_or_open() {
        assert_eq!(
            escape_html("</title><script>alert('x')</script> & co"),
            "&lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"
        );
        assert_eq!(escape_html("Rimborsi · Settle"), "Rimborsi · Settle");
    }
}
