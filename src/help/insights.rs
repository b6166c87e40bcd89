//! HELP-6: what readers search for and where the help center fails them.
//! A search is counted per language, query and UTC day (no reader is
//! kept), in memory first and written in batches; the figures are read
//! over the last `INSIGHT_DAYS` days.

use chrono::{DateTime, Utc};

use super::{ArticleNoes, InsightsView, LanguageSearches, LedRequest, SearchCount};
use crate::domain::help::{counted_query, INSIGHT_DAYS};
use crate::domain::{AppError, Locale};
use crate::platform::db::{begin_write, from_ms, ms, Db};
use crate::platform::state::SearchKey;
use crate::platform::tally::Tally;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// How many lines each list shows.
const LINES: i64 = 20;

/// Counts one search made on the results page, in memory (see
/// `platform::tally`): the reader's request writes nothing. An empty search
/// is not counted.
pub fn record(tally: &Tally<SearchKey>, locale: Locale, q: &str, hits: usize, now: DateTime<Utc>) {
    let Some(query) = counted_query(q) else {
        return;
    };
    let day = ms(now).div_euclid(DAY_MS) * DAY_MS;
    if !tally.add((locale.code().to_string(), query, day), 1, i64::from(hits == 0)) {
        tracing::warn!("help searches: too many distinct searches this round; one was not counted");
    }
}

/// Writes the searches counted so far, in one transaction (the worker does
/// every round; support's figures do before they are read). On failure the
/// counts wait for the next write.
pub async fn flush(db: &Db, tally: &Tally<SearchKey>) -> Result<usize, AppError> {
    let rows = tally.take();
    if rows.is_empty() {
        return Ok(0);
    }
    match write(db, &rows).await {
        Ok(()) => Ok(rows.len()),
        Err(e) => {
            tally.put_back(rows);
            Err(e)
        }
    }
}

async fn write(db: &Db, rows: &[(SearchKey, (i64, i64))]) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    for ((locale, query, day), (searches, empty)) in rows {
        sqlx::query(
            "INSERT INTO help_searches (locale, query, day, searches, empty) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (locale, query, day) DO UPDATE SET searches = help_searches.searches + excluded.searches, \
             empty = help_searches.empty + excluded.empty",
        )
        .bind(locale)
        .bind(query)
        .bind(day)
        .bind(searches)
        .bind(empty)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CountRow {
    query: String,
    searches: i64,
    empty: i64,
}

async fn counts(
    db: &Db,
    locale: Locale,
    since: i64,
    nothing_found: bool,
) -> Result<Vec<SearchCount>, AppError> {
    let (having, order) = if nothing_found {
        ("HAVING SUM(empty) > 0", "SUM(empty) DESC")
    } else {
        ("", "SUM(searches) DESC")
    };
    let sql = format!(
        "SELECT query AS query, CAST(SUM(searches) AS BIGINT) AS searches, CAST(SUM(empty) AS BIGINT) AS empty \
         FROM help_searches WHERE locale = $1 AND day >= $2 GROUP BY query {having} ORDER BY {order}, query LIMIT {LINES}"
    );
    let rows = sqlx::query_as::<_, CountRow>(&sql)
        .bind(locale.code())
        .bind(since)
        .fetch_all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| SearchCount {
            query: r.query,
            searches: r.searches,
            empty: r.empty,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct NoRow {
    id: String,
    locale: String,
    title: String,
    slug: String,
    no: i64,
    yes: i64,
}

/// Support's figures: per language the most frequent searches and those
/// that found nothing; every article with a "No" or a contact request,
/// with the requests it led to.
pub async fn view(db: &Db, now: DateTime<Utc>) -> Result<InsightsView, AppError> {
    let since = ms(window_start(now));
    let mut searches = Vec::new();
    for locale in Locale::ALL {
        searches.push(LanguageSearches {
            locale,
            top: counts(db, locale, since, false).await?,
            nothing_found: counts(db, locale, since, true).await?,
        });
    }
    let rows = sqlx::query_as::<_, NoRow>(
        "SELECT a.id AS id, a.locale AS locale, a.title AS title, a.slug AS slug, \
         COUNT(CASE WHEN v.helpful = 0 THEN 1 END) AS no, COUNT(CASE WHEN v.helpful = 1 THEN 1 END) AS yes \
         FROM help_articles a LEFT JOIN help_votes v ON v.article_id = a.id \
         GROUP BY a.id, a.locale, a.title, a.slug \
         HAVING COUNT(CASE WHEN v.helpful = 0 THEN 1 END) > 0 \
             OR EXISTS (SELECT 1 FROM contact_requests k WHERE k.article_id = a.id) \
         ORDER BY no DESC, a.title LIMIT 100",
    )
    .fetch_all(db)
    .await?;
    let led: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT article_id, id, created_at, closed_at FROM contact_requests WHERE article_id IS NOT NULL \
         ORDER BY created_at DESC",
    )
    .fetch_all(db)
    .await?;
    let articles = rows
        .into_iter()
        .map(|r| ArticleNoes {
            requests: led
                .iter()
                .filter(|l| l.0 == r.id)
                .map(|l| LedRequest {
                    id: l.1.clone(),
                    at: from_ms(l.2),
                    closed: l.3.is_some(),
                })
                .collect(),
            locale: Locale::from_tag(&r.locale).unwrap_or(Locale::En),
            id: r.id,
            title: r.title,
            slug: r.slug,
            no: r.no,
            yes: r.yes,
        })
        .collect();
    Ok(InsightsView {
        since: window_start(now),
        searches,
        articles,
    })
}

/// The first instant the figures count: the start (UTC) of the first of
/// the last `INSIGHT_DAYS` days, today included.
pub fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    from_ms((ms(now) - (INSIGHT_DAYS - 1) * DAY_MS).div_euclid(DAY_MS) * DAY_MS)
}
