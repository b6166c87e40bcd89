#![cfg(feature = "ssr")]
//! Hostile input for the domain's parsers (issue 8): arbitrary strings and
//! bytes — control characters, right-to-left marks, combining marks,
//! emoji, markup, very long input — must never panic, and what a parser
//! accepts keeps the parser's promise. The session state machine and the
//! ledger have their own property tests (tests/sessions.rs,
//! tests/ledger_props.rs).

use proptest::prelude::*;
use settle::domain::{
    billing, dispute, help, rating, upload, Credits, DisplayName, Email, Locale, Password, Reason,
};

/// Text that leans on the tricky parts of Unicode and on markup.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "\u{202e}",
        "\u{200b}",
        "\u{feff}",
        "e\u{301}",
        "👩‍👩‍👧",
        "\0",
        "\r\n",
        "%00",
        "../../etc/passwd",
        "' OR 1=1 --",
        "${jndi:x}",
        "𝕏",
        "ﬁ",
        "İ",
        "ß",
        "-",
        "9223372036854775807",
        "-9223372036854775808",
        "-1",
        "1e9",
        "0x10",
        " ",
        "\t",
        "|",
        "*",
        "\"",
        "NEAR",
        "AND",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), any::<String>()],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

/// Whether some tag in `html` carries an event handler (`<x … onclick=`);
/// escaped text such as `&lt;img onerror=…&gt;` is inert and does not count.
fn has_live_handler(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.split('<').skip(1).any(|rest| {
        let tag = rest.split('>').next().unwrap_or("");
        tag.starts_with(|c: char| c.is_ascii_alphabetic())
            && tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .skip(1)
                .any(|attr| attr.starts_with("on") && attr.contains('='))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, max_shrink_iters: 64, .. ProptestConfig::default() })]

    #[test]
    fn fuzz_money_and_identity_parsers_never_panic(s in hostile()) {
        if let Some(c) = Credits::parse(&s) {
            prop_assert!(c.get().abs() <= Credits::MAX_INPUT, "{c:?} from {s:?}");
        }
        if let Ok(e) = Email::parse(&s) {
            prop_assert!(e.as_str().contains('@') && !e.as_str().chars().any(char::is_control));
        }
        if let Ok(n) = DisplayName::parse(&s) {
            prop_assert!(!n.as_str().trim().is_empty() && !n.as_str().chars().any(char::is_control));
        }
        let _ = Password::parse_new(s.clone());
        let _ = Password::for_sign_in(s.clone());
        if let Ok(r) = Reason::parse(&s) {
            prop_assert!(!r.as_str().trim().is_empty());
        }
        let _ = settle::domain::text::optional_text(&s, 2000);
        let _ = Locale::from_accept_language(&s);
        let _ = Locale::is_help_path(&s);
    }

    #[test]
    fn fuzz_rule_input_parsers_never_panic(a in hostile(), b in hostile()) {
        let _ = dispute::Sanction::parse(&a, &b);
        let _ = dispute::min_age(&a);
        let _ = rating::Stars::parse(&a);
        let _ = rating::Ground::parse(&a);
        let _ = rating::flag_comment(&a, &["idiot", "scemo"]);
        let _ = billing::Product::parse(&a);
        if let Ok(contacts) = billing::parse_contacts(&a) {
            // What is accepted formats back to lines that parse the same.
            let again = billing::parse_contacts(&billing::format_contacts(&contacts));
            prop_assert_eq!(again.ok(), Some(contacts));
        }
        let _ = settle::domain::session::CancelReason::parse(&a);
    }

    #[test]
    fn fuzz_help_text_functions_never_panic(a in hostile(), b in hostile()) {
        if let Ok(slug) = help::Slug::parse(&a) {
            prop_assert!(slug.as_str().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
        let _ = help::ArticleDraft::parse(&a, &b, &a);
        let words = help::query_words(&a);
        // Query words are letters and digits only: nothing reaches FTS or
        // tsquery syntax.
        prop_assert!(words.iter().all(|w| w.chars().all(char::is_alphanumeric)));
        let _ = help::correct(&a, [(b.as_str(), 3), ("refund", 10)]);
        let parts = help::snippet_parts(&a);
        prop_assert_eq!(parts.iter().map(|p| p.text.as_str()).collect::<String>().len() <= a.len(), true);
        let lines = help::compare(&a, &b);
        let _ = help::side_by_side(&lines);
        // Rendered help text never carries a live script or handler.
        let html = settle::help::render::markdown(&a, Locale::En).html;
        prop_assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
        prop_assert!(!has_live_handler(&html), "{html}");
    }

    #[test]
    fn fuzz_upload_sniffing_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64), head in 0usize..4) {
        let mut data = [&b"\x89PNG\r\n\x1a\n"[..], b"\xff\xd8\xff", b"GIF89a", b"%PDF-"][head].to_vec();
        data.extend(&bytes);
        let _ = upload::sniff(&bytes);
        let _ = upload::sniff(&data);
    }
}
