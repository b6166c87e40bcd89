//! Help-center search on a large help center (HELP-2: "fast on 1,000+
//! articles"). Fills a fresh database with the shipped articles plus
//! generated ones in both languages, then times searches.
//!
//! Run: `bash bench/help-search.sh` (SQLite), or with
//! `DATABASE_URL=postgres://…/db` for PostgreSQL (an empty database).
//! Options: `--articles N` per language (default 1000), `--rounds N`.

use std::time::{Duration, Instant};

use chrono::Utc;
use settle::domain::help::{ArticleDraft, Slug};
use settle::domain::Locale;
use settle::server::help::{self, search::search, Save};

const EN: &[&str] = &[
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
const IT: &[&str] = &[
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
fn text(words: &[&str], seed: usize, len: usize) -> String {
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let per_locale = arg("--articles", 1000);
    let rounds = arg("--rounds", 200);
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| {
        let dir = std::env::temp_dir().join(format!("settle-bench-{}", std::process::id()));
        format!("sqlite://{}/bench.db", dir.display())
    });
    let db = settle::server::db::connect(&url).await.expect("database");
    let now = Utc::now();
    help::seed_if_empty(&db, now).await.expect("seed");

    let started = Instant::now();
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
            help::save(&db, save, None, now).await.expect("save");
        }
    }
    println!(
        "filled {} generated articles per language (+ the shipped ones) in {:.1?}",
        per_locale,
        started.elapsed()
    );

    let queries: &[(Locale, &str)] = &[
        (Locale::En, "refund a call"),
        (Locale::En, "processor payment receipt"),
        (Locale::En, "refnud"),
        (Locale::En, "dispute evidence screenshot"),
        (Locale::It, "assistenza pagamenti"),
        (Locale::It, "rimborzo chiamata"),
        (Locale::It, "contestazione incontro"),
        (Locale::It, "zzzz nessun risultato"),
    ];
    println!(
        "{:<32} {:>6} {:>9} {:>9} {:>9}",
        "query", "hits", "p50", "p95", "max"
    );
    for (locale, q) in queries {
        let mut times = Vec::with_capacity(rounds);
        let mut hits = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            hits = search(&db, *locale, q, 20).await.expect("search").len();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{:<32} {:>6} {:>9.2?} {:>9.2?} {:>9.2?}",
            format!("{} {q}", locale.code()),
            hits,
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times[times.len() - 1]
        );
    }
}
