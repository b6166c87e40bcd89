//! Saved replies (SUP-3): texts support keeps in English and Italian and
//! drops into a case's chat, with placeholders filled from the case. Pure:
//! which placeholders exist, how a text is checked, found and filled.

use serde::{Deserialize, Serialize};

use super::{AppError, ErrorCode, Locale, RuleId};

/// The placeholders a reply may use, written `{name}` in its text; the
/// same names in both languages.
pub const PLACEHOLDERS: [&str; 4] = ["client", "model", "time", "held"];

/// A reply's short name, as support finds it: 1 to 80 characters.
pub const MAX_TITLE: usize = 80;
/// As long as a chat message may be.
pub const MAX_BODY: usize = 2000;

/// A saved reply as support writes it: checked, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyDraft {
    pub locale: Locale,
    pub title: String,
    pub body: String,
}

impl ReplyDraft {
    pub fn parse(locale: &str, title: &str, body: &str) -> Result<ReplyDraft, AppError> {
        let bad = |detail: &str| {
            AppError::new(ErrorCode::BadInput)
                .with_rule(RuleId::Sup3)
                .with_detail(detail)
        };
        let locale = Locale::from_tag(locale).ok_or_else(|| bad("language"))?;
        let title = super::text::optional_text(title, MAX_TITLE)
            .ok()
            .flatten()
            .ok_or_else(|| bad("title"))?;
        let body = super::text::optional_text(body, MAX_BODY)
            .ok()
            .flatten()
            .ok_or_else(|| bad("body"))?;
        check_placeholders(&body)?;
        Ok(ReplyDraft { locale, title, body })
    }
}

/// Every `{…}` in a text must be one of `PLACEHOLDERS`: a misspelt one
/// would otherwise reach a client as it is.
pub fn check_placeholders(body: &str) -> Result<(), AppError> {
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name {
            Some(n) if PLACEHOLDERS.contains(&n) => rest = &after[n.len() + 1..],
            _ => {
                return Err(AppError::new(ErrorCode::BadInput)
                    .with_rule(RuleId::Sup3)
                    .with_detail("placeholder"))
            }
        }
    }
    Ok(())
}

/// What the placeholders stand for in one case, already in the words and
/// the time zone of the people who will read the message. A case without
/// a time (a purchase) or a held amount fills in a dash.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fill {
    pub client: String,
    pub model: String,
    pub time: Option<String>,
    pub held: Option<String>,
}

/// The reply's text with each placeholder replaced.
pub fn render(body: &str, fill: &Fill) -> String {
    let dash = "—".to_string();
    body.replace("{client}", &fill.client)
        .replace("{model}", &fill.model)
        .replace("{time}", fill.time.as_ref().unwrap_or(&dash))
        .replace("{held}", fill.held.as_ref().unwrap_or(&dash))
}

/// The short search of the message box: every word typed appears in the
/// title or the text, whatever the case.
pub fn matches(title: &str, body: &str, query: &str) -> bool {
    let hay = format!("{title} {body}").to_lowercase();
    query.split_whitespace().all(|w| hay.contains(&w.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill() -> Fill {
        Fill {
            client: "Luca".into(),
            model: "Giulia".into(),
            time: Some("5 dic 2026, 18:00".into()),
            held: Some("300 crediti".into()),
        }
    }

    #[test]
    fn r_sup_3_placeholders_are_filled_from_the_case() {
        let text = "Ciao {client} e {model}: l'incontro del {time} resta con {held} trattenuti.";
        assert_eq!(
            render(text, &fill()),
            "Ciao Luca e Giulia: l'incontro del 5 dic 2026, 18:00 resta con 300 crediti trattenuti."
        );
        let none = Fill {
            time: None,
            held: None,
            ..fill()
        };
        assert_eq!(render("{time} / {held}", &none), "— / —");
    }

    #[test]
    fn r_sup_3_an_unknown_placeholder_is_refused() {
        assert!(check_placeholders("Hello {client}, {model} and {held} at {time}").is_ok());
        for bad in ["Hello {name}", "Hello {client", "{}", "{Client}"] {
            let e = check_placeholders(bad).unwrap_err();
            assert_eq!(
                (e.rule, e.detail.as_deref()),
                (Some(RuleId::Sup3), Some("placeholder")),
                "{bad}"
            );
        }
        assert!(check_placeholders("No placeholder at all").is_ok());
    }

    #[test]
    fn r_sup_3_a_draft_has_a_language_a_title_and_a_text() {
        let d = ReplyDraft::parse("it", " Ritardo ", "Ciao {client}").unwrap();
        assert_eq!((d.locale, d.title.as_str()), (Locale::It, "Ritardo"));
        let detail = |r: Result<ReplyDraft, AppError>| r.unwrap_err().detail;
        assert_eq!(
            detail(ReplyDraft::parse("fr", "x", "y")).as_deref(),
            Some("language")
        );
        assert_eq!(
            detail(ReplyDraft::parse("en", " ", "y")).as_deref(),
            Some("title")
        );
        assert_eq!(
            detail(ReplyDraft::parse("en", &"t".repeat(81), "y")).as_deref(),
            Some("title")
        );
        assert_eq!(detail(ReplyDraft::parse("en", "t", "")).as_deref(), Some("body"));
        assert_eq!(
            detail(ReplyDraft::parse("en", "t", "bad\u{202e}")).as_deref(),
            Some("body")
        );
    }

    #[test]
    fn r_sup_3_the_search_finds_every_word_in_title_or_text() {
        assert!(matches("Late arrival", "We are sorry {client}", "late SORRY"));
        assert!(!matches("Late arrival", "We are sorry", "late refund"));
        assert!(matches("Anything", "at all", "  "));
    }
}
