//! Help-center search on a large help center (HELP-2: "fast on 1,000+
//! articles"). Fills a fresh database with the shipped articles plus
//! generated ones in both languages, then times searches.
//!
//! Run: `bash bench/help-search.sh` (SQLite), or with
//! `DATABASE_URL=postgres://…/db` for PostgreSQL (an empty database).
//! Options: `--articles N` per language (default 1000), `--rounds N`.

use std::time::{Duration, Instant};

#[path = "common.rs"]
mod common;

use chrono::Utc;
use settle::domain::Locale;
use settle::help::search::search;
use settle::help::store as help;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: usize| common::arg(&args, name, default);
    let per_locale = arg("--articles", 1000);
    let rounds = arg("--rounds", 200);
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| {
        let dir = std::env::temp_dir().join(format!("settle-bench-{}", std::process::id()));
        format!("sqlite://{}/bench.db", dir.display())
    });
    let db = settle::open_database(&url).await.expect("database");
    let now = Utc::now();
    help::seed_if_empty(&db, now).await.expect("seed");

    let started = Instant::now();
    common::fill_help_center(&db, per_locale, now).await;
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
