//! The reader's language: from the URL, then the user's setting, then the
//! browser's `Accept-Language`, then English.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    It,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::It];

    /// The BCP 47 tag used in URLs (`/it/...`), `lang` and `hreflang`.
    pub const fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::It => "it",
        }
    }

    /// The language's own name, for the language switch.
    pub const fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::It => "Italiano",
        }
    }

    /// Parses a tag such as `it`, `it-IT` or `EN-gb` by its primary subtag.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "it" => Some(Locale::It),
            _ => None,
        }
    }

    /// The locale named by the first path segment, if any (`/it/help` → It).
    pub fn from_path(path: &str) -> Option<Locale> {
        let first = path.trim_start_matches('/').split('/').next()?;
        Locale::ALL.into_iter().find(|l| l.code() == first)
    }

    /// Picks the best supported language from an `Accept-Language` header,
    /// honouring q-values; ties keep the header's order.
    /// The path without its `/it` or `/en` prefix.
    pub fn strip_prefix(path: &str) -> &str {
        ["/it", "/en"]
            .iter()
            .find_map(|p| {
                path.strip_prefix(p)
                    .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .map(|rest| if rest.is_empty() { "/" } else { rest })
            .unwrap_or(path)
    }

    /// A reader's help-center page (`/help…` in any locale), not support's
    /// editor under `/support/help`.
    pub fn is_help_path(path: &str) -> bool {
        let path = Locale::strip_prefix(path);
        path == "/help" || path.starts_with("/help/")
    }

    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, u16)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(locale) = pieces.next().and_then(Locale::from_tag) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map(parse_q)
                .unwrap_or(1000);
            if q > 0 && best.is_none_or(|(_, bq)| q > bq) {
                best = Some((locale, q));
            }
        }
        best.map(|(l, _)| l)
    }

    /// The precedence of the product: URL, then setting, then browser.
    pub fn negotiate(url: Option<Locale>, setting: Option<Locale>, accept_language: Option<&str>) -> Locale {
        url.or(setting)
            .or_else(|| accept_language.and_then(Locale::from_accept_language))
            .unwrap_or_default()
    }
}

/// q-values in thousandths, so no floating point is needed ("0.8" → 800).
fn parse_q(raw: &str) -> u16 {
    let raw = raw.trim();
    let (int, frac) = raw.split_once('.').unwrap_or((raw, ""));
    let int: u16 = match int {
        "0" => 0,
        "1" => 1000,
        _ => return 0,
    };
    let frac: String = frac.chars().take(3).collect();
    let frac_val = if frac.is_empty() {
        0
    } else {
        frac.parse::<u16>().unwrap_or(0) * 10u16.pow(3 - frac.len() as u32)
    };
    (int + frac_val).min(1000)
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_paths_in_every_locale_but_not_the_editor() {
        for p in [
            "/help",
            "/help/a/x",
            "/it/help",
            "/en/help/search",
            "/it/help/c/billing",
        ] {
            assert!(Locale::is_help_path(p), "{p}");
        }
        for p in ["/support/help", "/helpful", "/it/helpx", "/", "/italy/help"] {
            assert!(!Locale::is_help_path(p), "{p}");
        }
        assert_eq!(Locale::strip_prefix("/it"), "/");
        assert_eq!(Locale::strip_prefix("/en/client"), "/client");
    }

    #[test]
    fn url_beats_setting_beats_accept_language() {
        assert_eq!(
            Locale::negotiate(Some(Locale::En), Some(Locale::It), Some("it")),
            Locale::En
        );
        assert_eq!(Locale::negotiate(None, Some(Locale::It), Some("en")), Locale::It);
        assert_eq!(Locale::negotiate(None, None, Some("it-IT,it;q=0.9")), Locale::It);
        assert_eq!(Locale::negotiate(None, None, None), Locale::En);
    }

    #[test]
    fn accept_language_honours_q_values() {
        assert_eq!(
            Locale::from_accept_language("en;q=0.5, it;q=0.8"),
            Some(Locale::It)
        );
        assert_eq!(
            Locale::from_accept_language("fr-FR, it;q=0.3, en;q=0.2"),
            Some(Locale::It)
        );
        assert_eq!(Locale::from_accept_language("it;q=0, en;q=0.1"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(Locale::from_accept_language(""), None);
        assert_eq!(Locale::from_accept_language("it;q=garbage"), None);
    }

    #[test]
    fn path_prefix_names_the_locale() {
        assert_eq!(Locale::from_path("/it/help"), Some(Locale::It));
        assert_eq!(Locale::from_path("/it"), Some(Locale::It));
        assert_eq!(Locale::from_path("/en/"), Some(Locale::En));
        assert_eq!(Locale::from_path("/items"), None);
        assert_eq!(Locale::from_path("/"), None);
    }
}
