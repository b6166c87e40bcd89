//! Full-text search of the help center (HELP-2), behind one interface:
//! SQLite's FTS5 on the embedded database, PostgreSQL's text search (with
//! the language's stemmer) on Postgres. Both get the same cleaned words,
//! prefix matching, and typo correction from the indexed vocabulary.

use std::sync::Arc;

use sqlx::AnyConnection;

use crate::domain::help::{self, SearchHit, HIT_END, HIT_START};
use crate::domain::{AppError, Locale};
use crate::platform::db::Db;
use crate::platform::state::SearchResults;

fn is_postgres(db: &Db) -> bool {
    db.connect_options().database_url.scheme().starts_with("postgres")
}

fn is_postgres_conn(conn: &AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("postgresql")
}

/// Creates the engine's index if missing (runs after the migrations).
pub async fn ensure_index(db: &Db) -> Result<(), sqlx::Error> {
    if is_postgres(db) {
        let doc = "setweight(to_tsvector(CASE WHEN locale = 'it' THEN 'italian'::regconfig \
                   ELSE 'english'::regconfig END, title || ' ' || summary), 'A') || \
                   setweight(to_tsvector(CASE WHEN locale = 'it' THEN 'italian'::regconfig \
                   ELSE 'english'::regconfig END, body_text), 'B')";
        sqlx::query(&format!(
            "ALTER TABLE help_articles ADD COLUMN IF NOT EXISTS search_doc tsvector \
             GENERATED ALWAYS AS ({doc}) STORED"
        ))
        .execute(db)
        .await?;
        sqlx::query(
            "CREATE INDEX IF NOT EXISTS help_articles_search ON help_articles USING GIN (search_doc)",
        )
        .execute(db)
        .await?;
    } else {
        // Accents folded ("perché" finds "perche"), title weighted in bm25.
        sqlx::query(
            "CREATE VIRTUAL TABLE IF NOT EXISTS help_fts USING fts5(title, body, \
             article_id UNINDEXED, locale UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
        )
        .execute(db)
        .await?;
    }
    Ok(())
}

/// Puts an article's current text in the index and its words in the
/// vocabulary (inside the caller's transaction).
pub async fn index_article(
    conn: &mut AnyConnection,
    id: &str,
    locale: Locale,
    title: &str,
    summary: &str,
    body_text: &str,
) -> Result<(), AppError> {
    if !is_postgres_conn(conn) {
        // PostgreSQL's generated column follows the row by itself.
        sqlx::query("DELETE FROM help_fts WHERE article_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("INSERT INTO help_fts (title, body, article_id, locale) VALUES ($1, $2, $3, $4)")
            .bind(format!("{title} {summary}"))
            .bind(body_text)
            .bind(id)
            .bind(locale.code())
            .execute(&mut *conn)
            .await?;
    }
    let mut words: Vec<String> = help::words(title)
        .chain(help::words(summary))
        .chain(help::words(body_text))
        .collect();
    words.sort();
    words.dedup();
    for w in words {
        sqlx::query(
            "INSERT INTO help_terms (locale, term, freq) VALUES ($1, $2, 1) \
             ON CONFLICT (locale, term) DO UPDATE SET freq = help_terms.freq + 1",
        )
        .bind(locale.code())
        .bind(&w)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An indexed word and how many articles use it.
#[derive(sqlx::FromRow)]
struct TermRow {
    term: String,
    freq: i64,
}

/// A matching article as the ranking step returns it (no snippet yet).
#[derive(sqlx::FromRow)]
struct HitRow {
    id: String,
    /// SQLite: the index row, which the snippet step seeks by.
    fts: Option<i64>,
    slug: String,
    title: String,
    category_title: String,
}

/// The highlighted passage of one ranked article.
#[derive(sqlx::FromRow)]
struct SnippetRow {
    id: String,
    snippet: String,
}

/// A query word and what it may have been meant as.
struct Term {
    word: String,
    alternative: Option<String>,
}

/// Words no indexed word starts with are checked for typos against words
/// of similar length that share the first letter.
async fn terms(db: &Db, locale: Locale, words: Vec<String>) -> Result<Vec<Term>, AppError> {
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        let known: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM help_terms WHERE locale = $1 AND term LIKE $2 LIMIT 1")
                .bind(locale.code())
                .bind(format!("{word}%"))
                .fetch_optional(db)
                .await?;
        let alternative = if known.is_some() || help::typos_allowed(&word) == 0 {
            None
        } else {
            let len = word.chars().count() as i64;
            let slack = help::typos_allowed(&word) as i64;
            let first: String = word.chars().take(1).collect();
            let rows = sqlx::query_as::<_, TermRow>(
                "SELECT term AS term, freq AS freq FROM help_terms WHERE locale = $1 AND term LIKE $2 \
                 AND length(term) BETWEEN $3 AND $4",
            )
            .bind(locale.code())
            .bind(format!("{first}%"))
            .bind(len - slack)
            .bind(len + slack)
            .fetch_all(db)
            .await?;
            help::correct(&word, rows.iter().map(|r| (r.term.as_str(), r.freq)))
        };
        out.push(Term { word, alternative });
    }
    Ok(out)
}

/// `search`, answered from `kept` when the same words were searched since
/// the last help edit; readers asking a query being searched wait for it.
pub async fn search_kept(
    kept: &SearchResults,
    db: &Db,
    locale: Locale,
    query: &str,
    limit: i64,
) -> Result<Arc<Vec<SearchHit>>, AppError> {
    let words = help::query_words(query);
    kept.get_or_compute((locale, words.clone(), limit), || async move {
        search_words(db, locale, words, limit).await.map(Arc::new)
    })
    .await
}

/// The best matches for `query` among the articles in `locale`, with a
/// highlighted snippet each. All words must match; when nothing does, any
/// word may.
pub async fn search(db: &Db, locale: Locale, query: &str, limit: i64) -> Result<Vec<SearchHit>, AppError> {
    search_words(db, locale, help::query_words(query), limit).await
}

async fn search_words(
    db: &Db,
    locale: Locale,
    words: Vec<String>,
    limit: i64,
) -> Result<Vec<SearchHit>, AppError> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let terms = terms(db, locale, words).await?;
    let hits = run(db, locale, &terms, true, limit).await?;
    if hits.is_empty() && terms.len() > 1 {
        return run(db, locale, &terms, false, limit).await;
    }
    Ok(hits)
}

/// Ranks first and cuts snippets only for the page's rows: cutting one
/// costs more than ranking one, and a common word matches most articles.
async fn run(
    db: &Db,
    locale: Locale,
    terms: &[Term],
    all: bool,
    limit: i64,
) -> Result<Vec<SearchHit>, AppError> {
    let postgres = is_postgres(db);
    let (expr, config) = if postgres {
        // Words are letters and digits only (see `query_words`): nothing
        // here is tsquery syntax but what this function writes.
        let expr = terms
            .iter()
            .map(|t| match &t.alternative {
                Some(alt) => format!("({}:* | {alt})", t.word),
                None => format!("{}:*", t.word),
            })
            .collect::<Vec<_>>()
            .join(if all { " & " } else { " | " });
        let config = match locale {
            Locale::It => "italian",
            Locale::En => "english",
        };
        (expr, config)
    } else {
        let expr = terms
            .iter()
            .map(|t| match &t.alternative {
                Some(alt) => format!("(\"{}\"* OR \"{alt}\")", t.word),
                None => format!("\"{}\"*", t.word),
            })
            .collect::<Vec<_>>()
            .join(if all { " AND " } else { " OR " });
        (expr, "")
    };
    let ranked = if postgres {
        format!(
            "SELECT a.id AS id, NULL::bigint AS fts, a.slug AS slug, a.title AS title, c.title AS category_title \
             FROM help_articles a JOIN help_category_texts c ON c.category = a.category AND c.locale = a.locale, \
             to_tsquery('{config}', $1) q \
             WHERE a.locale = $2 AND a.search_doc @@ q \
             ORDER BY ts_rank(a.search_doc, q) DESC, a.title LIMIT $3"
        )
    } else {
        "SELECT a.id AS id, help_fts.rowid AS fts, a.slug AS slug, a.title AS title, c.title AS category_title \
         FROM help_fts JOIN help_articles a ON a.id = help_fts.article_id \
         JOIN help_category_texts c ON c.category = a.category AND c.locale = a.locale \
         WHERE help_fts MATCH $1 AND help_fts.locale = $2 \
         ORDER BY bm25(help_fts, 4.0, 1.0), a.title LIMIT $3"
            .to_string()
    };
    let rows = sqlx::query_as::<_, HitRow>(&ranked)
        .bind(&expr)
        .bind(locale.code())
        .bind(limit)
        .fetch_all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are bound, never written into the statement.
    let ids = (0..rows.len())
        .map(|i| format!("${}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let snippets = if postgres {
        format!(
            "SELECT a.id AS id, ts_headline('{config}', a.body_text, to_tsquery('{config}', $1), \
             'StartSel={HIT_START}, StopSel={HIT_END}, MaxWords=30, MinWords=12, MaxFragments=1') AS snippet \
             FROM help_articles a WHERE a.id IN ({ids})"
        )
    } else {
        format!(
            "SELECT article_id AS id, snippet(help_fts, 1, char(57344), char(57345), '…', 24) AS snippet \
             FROM help_fts WHERE help_fts MATCH $1 AND rowid IN ({ids})"
        )
    };
    let mut query = sqlx::query_as::<_, SnippetRow>(&snippets).bind(&expr);
    for r in &rows {
        query = match r.fts {
            Some(row) => query.bind(row),
            None => query.bind(&r.id),
        };
    }
    let mut snippets: std::collections::HashMap<String, String> = query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.snippet))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| SearchHit {
            snippet: help::snippet_parts(&snippets.remove(&r.id).unwrap_or_default()),
            slug: r.slug,
            locale,
            title: r.title,
            category_title: r.category_title,
        })
        .collect())
}
