//! Shared by the benchmarks: a deterministic generated help center.

use chrono::{DateTime, Utc};
use settle::domain::help::{ArticleDraft, Slug};
use settle::domain::Locale;
use settle::help::store::{self as help, Save};
use settle::platform::db::Db;

pub const EN: &[&str] = &[
    "refund",
    "call",
    "credits",
    "minutes",
    "model",
    "client",
    "support",
    "balance",
    "processor",
    "payment",
    "receipt",
    "session",
    "dispute",
    "rating",
    "premium",
    "subscription",
    "withdrawal",
    "payout",
    "escrow",
    "cancel",
    "window",
    "evidence",
    "screenshot",
    "chat",
    "video",
    "tip",
    "show",
];
pub const IT: &[&str] = &[
    "rimborso",
    "chiamata",
    "crediti",
    "minuti",
    "modella",
    "cliente",
    "assistenza",
    "saldo",
    "processore",
    "pagamento",
    "ricevuta",
    "incontro",
    "contestazione",
    "valutazione",
    "premium",
    "abbonamento",
    "prelievo",
    "bonifico",
    "deposito",
    "annullare",
    "finestra",
    "prova",
    "schermata",
    "chat",
    "video",
    "mancia",
    "spettacolo",
];

/// A deterministic word soup: the same help center on every run.
pub fn text(words: &[&str], seed: usize, len: usize) -> String {
    let mut x = seed.wrapping_mul(2654435761) | 1;
    (0..len)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let w = words[x % words.len()];
            if i % 12 == 11 {
                format!("{w}.\n\n")
            } else {
                format!("{w} ")
            }
        })
        .collect()
}

/// Adds `per_locale` generated articles (~350 words) in each language.
pub async fn fill_help_center(db: &Db, per_locale: usize, now: DateTime<Utc>) {
    for locale in Locale::ALL {
        let words = if locale == Locale::It { IT } else { EN };
        for n in 0..per_locale {
            let title = text(words, n * 7 + 1, 6);
            let save = Save {
                id: None,
                key: Slug::parse(&format!("bench-{n}")).unwrap(),
                locale,
                category: ["calls", "billing", "sessions", "ratings"][n % 4].into(),
                slug: Slug::parse(&format!("bench-{}-{n}", locale.code())).unwrap(),
                draft: ArticleDraft::parse(
                    &title,
                    &text(words, n * 13 + 5, 10),
                    &text(words, n * 31 + 9, 350),
                )
                .unwrap(),
                popular: None,
                base_revision: None,
            };
            help::save(db, save, None, now).await.expect("save");
        }
    }
}

/// `--name value` from the command line, or `default` (the load driver
/// takes positional arguments instead).
#[allow(dead_code)]
pub fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
