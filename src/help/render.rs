//! Markdown to safe HTML. Raw HTML in the source is shown as text, links
//! are limited to safe schemes by ammonia, and site links get the article's
//! locale prefix so a reader stays in the language they read.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::domain::Locale;

pub struct Rendered {
    pub html: String,
    /// The words a reader sees, for the search index.
    pub text: String,
}

pub fn markdown(source: &str, locale: Locale) -> Rendered {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut text = String::new();
    let events: Vec<Event> = Parser::new_ext(source, options)
        .map(|ev| match ev {
            // Markup typed into an article is shown, never run.
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: localize(dest_url, locale),
                title,
                id,
            }),
            other => other,
        })
        .inspect(|ev| match ev {
            Event::Text(s) | Event::Code(s) => text.push_str(s),
            // Inline ends join their words to what follows ("link," stays
            // one word with its comma); block ends separate.
            Event::End(TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            Event::End(_) | Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        })
        .collect();
    let mut raw = String::with_capacity(source.len() * 2);
    html::push_html(&mut raw, events.into_iter());
    let html = ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string();
    Rendered {
        html,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// `/model/calls` in an Italian article → `/it/model/calls`.
fn localize(url: CowStr<'_>, locale: Locale) -> CowStr<'_> {
    let already =
        ["/en/", "/it/"].iter().any(|p| url.starts_with(p)) || url.as_ref() == "/en" || url.as_ref() == "/it";
    if url.starts_with('/') && !url.starts_with("//") && !already {
        CowStr::from(format!("/{}{}", locale.code(), url))
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_help_1_markdown_is_rendered_and_sanitised() {
        let r = markdown(
            "## Refunds\n\nSee [Calls](/model/calls) and <script>alert(1)</script>.\n\n\
             [bad](javascript:alert(1)) <img src=x onerror=alert(1)>\n",
            Locale::It,
        );
        assert!(r.html.contains("<h2>Refunds</h2>"), "{}", r.html);
        assert!(r.html.contains("href=\"/it/model/calls\""), "{}", r.html);
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(r.text.contains("Refunds See Calls and"), "{}", r.text);
        let r = markdown(
            "Read [the guide](/help), then **ask**.\n\n- one\n- two",
            Locale::En,
        );
        assert_eq!(r.text, "Read the guide, then ask. one two");
    }

    #[test]
    fn external_and_prefixed_links_are_left_alone() {
        let r = markdown(
            "[a](https://example.com/x) [b](/en/help) [c](//evil.example)",
            Locale::It,
        );
        assert!(r.html.contains("href=\"https://example.com/x\""));
        assert!(r.html.contains("href=\"/en/help\""));
        assert!(!r.html.contains("href=\"/it//evil"));
    }
}
