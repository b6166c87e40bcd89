//! The help center's storage (HELP): categories and articles per language,
//! revisions, feedback, the seed articles shipped in `content/help`, and
//! search (see `search`).

use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};

use crate::domain::help::{ArticleDraft, Slug, Tally, Vote};
use crate::domain::{AppError, ErrorCode, Locale, RuleId, UserId};
use crate::help::{
    AdminLine, ArticleCard, ArticleEdit, ArticleView, CategoryCard, CategoryView, HomeView, RevisionLine,
    Translation,
};
use crate::platform::db::begin_write;
use crate::platform::db::Db;
use crate::platform::db::{from_ms, ms};

mod seed_files {
    include!(concat!(env!("OUT_DIR"), "/help_content.rs"));
}

fn locale_of(code: &str) -> Locale {
    Locale::from_tag(code).unwrap_or(Locale::En)
}

pub async fn home(db: &Db, locale: Locale) -> Result<HomeView, AppError> {
    let categories = sqlx::query(
        "SELECT c.key, t.title, t.description, \
         (SELECT COUNT(*) FROM help_articles a WHERE a.category = c.key AND a.locale = t.locale) \
         FROM help_categories c JOIN help_category_texts t ON t.category = c.key AND t.locale = $1 \
         ORDER BY c.position",
    )
    .bind(locale.code())
    .fetch_all(db)
    .await?
    .iter()
    .map(|r| CategoryCard {
        key: r.get(0),
        title: r.get(1),
        description: r.get(2),
        count: r.get(3),
    })
    .collect();
    let popular = cards(
        db,
        "WHERE locale = $1 AND popular IS NOT NULL ORDER BY popular, title LIMIT 6",
        locale,
        None,
    )
    .await?;
    Ok(HomeView { categories, popular })
}

async fn cards(
    db: &Db,
    filter: &str,
    locale: Locale,
    category: Option<&str>,
) -> Result<Vec<ArticleCard>, AppError> {
    let sql = format!("SELECT slug, title, summary, category FROM help_articles {filter}");
    let mut q = sqlx::query_as::<_, (String, String, String, String)>(&sql).bind(locale.code());
    if let Some(c) = category {
        q = q.bind(c.to_owned());
    }
    Ok(q.fetch_all(db)
        .await?
        .into_iter()
        .map(|(slug, title, summary, category)| ArticleCard {
            slug,
            title,
            summary,
            category,
        })
        .collect())
}

pub async fn category(db: &Db, locale: Locale, key: &str) -> Result<CategoryView, AppError> {
    let r = sqlx::query(
        "SELECT t.title, t.description FROM help_category_texts t WHERE t.category = $1 AND t.locale = $2",
    )
    .bind(key)
    .bind(locale.code())
    .fetch_optional(db)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let articles = cards(
        db,
        "WHERE locale = $1 AND category = $2 ORDER BY title",
        locale,
        Some(key),
    )
    .await?;
    Ok(CategoryView {
        key: key.to_string(),
        title: r.get(0),
        description: r.get(1),
        articles,
    })
}

/// An article by its slug in a language, with its translations. `reader`
/// finds the reader's own earlier answer.
pub async fn article(
    db: &Db,
    locale: Locale,
    slug: &str,
    reader: Option<&str>,
) -> Result<ArticleView, AppError> {
    let r = sqlx::query(
        "SELECT a.id, a.article_key, a.slug, a.title, a.summary, a.body_html, a.category, t.title, \
         a.updated_at, a.widget, a.revision \
         FROM help_articles a JOIN help_category_texts t ON t.category = a.category AND t.locale = a.locale \
         WHERE a.locale = $1 AND a.slug = $2",
    )
    .bind(locale.code())
    .bind(slug)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let id: String = r.get(0);
    let key: String = r.get(1);
    let translations = sqlx::query_as::<_, (String, String, String)>(
        "SELECT locale, slug, title FROM help_articles WHERE article_key = $1 AND locale <> $2 ORDER BY locale",
    )
    .bind(&key)
    .bind(locale.code())
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(l, slug, title)| Translation {
        locale: locale_of(&l),
        slug,
        title,
    })
    .collect();
    let my_vote = match reader {
        Some(reader) => sqlx::query_scalar::<_, i64>(
            "SELECT helpful FROM help_votes WHERE article_id = $1 AND reader = $2",
        )
        .bind(&id)
        .bind(reader)
        .fetch_optional(db)
        .await?
        .map(|h| if h == 1 { Vote::Yes } else { Vote::No }),
        None => None,
    };
    Ok(ArticleView {
        id,
        key,
        locale,
        slug: r.get(2),
        title: r.get(3),
        summary: r.get(4),
        html: r.get(5),
        category_key: r.get(6),
        category_title: r.get(7),
        updated_at: from_ms(r.get(8)),
        widget: r.get(9),
        revision: r.get(10),
        translations,
        my_vote,
    })
}

/// Like [`article`], but a slug from another language leads to the
/// translation in `locale` when there is one, else to that article itself
/// (links are shared across languages).
pub async fn article_any(
    db: &Db,
    locale: Locale,
    slug: &str,
    reader: Option<&str>,
) -> Result<ArticleView, AppError> {
    match article(db, locale, slug, reader).await {
        Err(e) if e.code == ErrorCode::NotFound => {}
        other => return other,
    }
    let found: Option<(String, String)> = sqlx::query_as(
        "SELECT locale, article_key FROM help_articles WHERE slug = $1 ORDER BY locale LIMIT 1",
    )
    .bind(slug)
    .fetch_optional(db)
    .await?;
    let Some((other_locale, key)) = found else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    let translated: Option<String> =
        sqlx::query_scalar("SELECT slug FROM help_articles WHERE article_key = $1 AND locale = $2")
            .bind(&key)
            .bind(locale.code())
            .fetch_optional(db)
            .await?;
    match translated {
        Some(s) => article(db, locale, &s, reader).await,
        None => article(db, locale_of(&other_locale), slug, reader).await,
    }
}

/// HELP-3: records (or changes) the reader's answer.
pub async fn vote(
    db: &Db,
    article_id: &str,
    reader: &str,
    vote: Vote,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM help_articles WHERE id = $1")
        .bind(article_id)
        .fetch_optional(db)
        .await?;
    if exists.is_none() {
        return Err(AppError::new(ErrorCode::NotFound).with_rule(RuleId::Help3));
    }
    sqlx::query(
        "INSERT INTO help_votes (article_id, reader, helpful, voted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (article_id, reader) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at",
    )
    .bind(article_id)
    .bind(reader)
    .bind(i64::from(vote.helpful()))
    .bind(ms(now))
    .execute(db)
    .await?;
    Ok(())
}

/// Support's list: every article in every language with its answers.
pub async fn admin_list(db: &Db) -> Result<Vec<AdminLine>, AppError> {
    let rows = sqlx::query(
        "SELECT a.id, a.article_key, a.locale, a.slug, a.title, a.category, a.revision, a.updated_at, \
         CAST(COALESCE(SUM(v.helpful), 0) AS BIGINT), COUNT(v.reader) \
         FROM help_articles a LEFT JOIN help_votes v ON v.article_id = a.id \
         GROUP BY a.id, a.article_key, a.locale, a.slug, a.title, a.category, a.revision, a.updated_at \
         ORDER BY a.category, a.article_key, a.locale",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let yes: i64 = r.get(8);
            let total: i64 = r.get(9);
            AdminLine {
                id: r.get(0),
                key: r.get(1),
                locale: locale_of(&r.get::<String, _>(2)),
                slug: r.get(3),
                title: r.get(4),
                category: r.get(5),
                revision: r.get(6),
                updated_at: from_ms(r.get(7)),
                tally: Tally { yes, no: total - yes },
            }
        })
        .collect())
}

pub async fn categories(db: &Db, locale: Locale) -> Result<Vec<(String, String)>, AppError> {
    sqlx::query_as(
        "SELECT c.key, t.title FROM help_categories c JOIN help_category_texts t \
         ON t.category = c.key AND t.locale = $1 ORDER BY c.position",
    )
    .bind(locale.code())
    .fetch_all(db)
    .await
    .map_err(AppError::from)
}

pub async fn for_edit(db: &Db, id: &str) -> Result<ArticleEdit, AppError> {
    let r = sqlx::query(
        "SELECT id, article_key, locale, category, slug, title, summary, body_md, revision, popular \
         FROM help_articles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    Ok(ArticleEdit {
        id: r.get(0),
        key: r.get(1),
        locale: locale_of(&r.get::<String, _>(2)),
        category: r.get(3),
        slug: r.get(4),
        title: r.get(5),
        summary: r.get(6),
        body: r.get(7),
        revision: r.get(8),
        popular: r.get(9),
    })
}

/// What support saves; `id` None creates the article (or a translation,
/// when `key` names an existing one).
pub struct Save {
    pub id: Option<String>,
    pub key: Slug,
    pub locale: Locale,
    pub category: String,
    pub slug: Slug,
    pub draft: ArticleDraft,
    pub popular: Option<i64>,
    /// The revision the editor started from: a save over a newer one is
    /// refused instead of silently overwriting another person's edit.
    pub base_revision: Option<i64>,
}

/// HELP-4: saves an article as a new revision and re-indexes it, all in
/// one transaction. Returns the article's id and revision number.
pub async fn save(
    db: &Db,
    s: Save,
    author: Option<&UserId>,
    now: DateTime<Utc>,
) -> Result<(String, i64), AppError> {
    let mut tx = begin_write(db).await?;
    let known_category: Option<String> = sqlx::query_scalar("SELECT key FROM help_categories WHERE key = $1")
        .bind(&s.category)
        .fetch_optional(&mut *tx)
        .await?;
    if known_category.is_none() {
        return Err(AppError::new(ErrorCode::BadInput)
            .with_rule(RuleId::Help1)
            .with_detail("category"));
    }
    let clash: Option<String> = sqlx::query_scalar(
        "SELECT id FROM help_articles WHERE locale = $1 AND (slug = $2 OR article_key = $3)",
    )
    .bind(s.locale.code())
    .bind(s.slug.as_str())
    .bind(s.key.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let rendered = crate::help::render::markdown(&s.draft.body, s.locale);
    let (id, number) = match &s.id {
        Some(id) => {
            let current: Option<(i64, String, String)> =
                sqlx::query_as("SELECT revision, article_key, locale FROM help_articles WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (revision, key, locale) = current.ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
            if s.base_revision.is_some_and(|b| b != revision) {
                return Err(AppError::rule(RuleId::Help4).with_detail("stale"));
            }
            if clash.as_deref().is_some_and(|c| c != id) || key != s.key.as_str() || locale != s.locale.code()
            {
                return Err(AppError::new(ErrorCode::BadInput)
                    .with_rule(RuleId::Help1)
                    .with_detail("slug"));
            }
            let number = revision + 1;
            sqlx::query(
                "UPDATE help_articles SET category = $1, slug = $2, title = $3, summary = $4, body_md = $5, \
                 body_html = $6, body_text = $7, popular = $8, revision = $9, updated_at = $10 WHERE id = $11",
            )
            .bind(&s.category)
            .bind(s.slug.as_str())
            .bind(&s.draft.title)
            .bind(&s.draft.summary)
            .bind(&s.draft.body)
            .bind(&rendered.html)
            .bind(&rendered.text)
            .bind(s.popular)
            .bind(number)
            .bind(ms(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            (id.clone(), number)
        }
        None => {
            if clash.is_some() {
                return Err(AppError::new(ErrorCode::BadInput)
                    .with_rule(RuleId::Help1)
                    .with_detail("slug"));
            }
            let id = uuid::Uuid::now_v7().simple().to_string();
            sqlx::query(
                "INSERT INTO help_articles (id, article_key, locale, category, slug, title, summary, body_md, \
                 body_html, body_text, popular, widget, revision, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13)",
            )
            .bind(&id)
            .bind(s.key.as_str())
            .bind(s.locale.code())
            .bind(&s.category)
            .bind(s.slug.as_str())
            .bind(&s.draft.title)
            .bind(&s.draft.summary)
            .bind(&s.draft.body)
            .bind(&rendered.html)
            .bind(&rendered.text)
            .bind(s.popular)
            .bind(widget_for(s.key.as_str()))
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
            (id, 1)
        }
    };
    sqlx::query(
        "INSERT INTO help_revisions (article_id, number, title, summary, body_md, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(number)
    .bind(&s.draft.title)
    .bind(&s.draft.summary)
    .bind(&s.draft.body)
    .bind(author.map(|a| a.as_str().to_owned()))
    .bind(ms(now))
    .execute(&mut *tx)
    .await?;
    crate::help::search::index_article(
        &mut tx,
        &id,
        s.locale,
        &s.draft.title,
        &s.draft.summary,
        &rendered.text,
    )
    .await?;
    if author.is_some() {
        let what = format!("{} ({}) revision {number}", s.slug.as_str(), s.locale.code());
        crate::platform::audit::record(
            &mut tx,
            crate::platform::audit::Entry {
                actor: author,
                action: crate::domain::audit::Action::HelpSaved,
                subject: &what,
                amount: None,
                reason: None,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok((id, number))
}

/// The billing-support article shows the processors' table (BILL-5) and
/// the reader's own purchases.
fn widget_for(key: &str) -> Option<&'static str> {
    (key == "billing-support").then_some("billing")
}

pub async fn revisions(db: &Db, id: &str) -> Result<Vec<RevisionLine>, AppError> {
    Ok(sqlx::query(
        "SELECT r.number, r.title, u.display_name, r.created_at FROM help_revisions r \
         LEFT JOIN users u ON u.id = r.author_id WHERE r.article_id = $1 ORDER BY r.number DESC",
    )
    .bind(id)
    .fetch_all(db)
    .await?
    .iter()
    .map(|r| RevisionLine {
        number: r.get(0),
        title: r.get(1),
        author: r.get(2),
        created_at: from_ms(r.get(3)),
    })
    .collect())
}

/// A revision's full text as compared: title, summary and body.
pub async fn revision_text(conn: &mut AnyConnection, id: &str, number: i64) -> Result<String, AppError> {
    let (title, summary, body): (String, String, String) = sqlx::query_as(
        "SELECT title, summary, body_md FROM help_revisions WHERE article_id = $1 AND number = $2",
    )
    .bind(id)
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound).with_rule(RuleId::Help4))?;
    Ok(format!("# {title}\n{summary}\n\n{body}"))
}

// ---------------------------------------------------------------------------
// Seed content

struct SeedArticle {
    key: String,
    category: String,
    slug: String,
    title: String,
    summary: String,
    popular: Option<i64>,
    body: String,
}

fn parse_front_matter(file: &str) -> Option<SeedArticle> {
    let rest = file.strip_prefix("---\n")?;
    let (head, body) = rest.split_once("\n---\n")?;
    let field = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name).and_then(|v| v.strip_prefix(':')))
            .map(|v| v.trim().to_string())
    };
    Some(SeedArticle {
        key: field("key")?,
        category: field("category")?,
        slug: field("slug")?,
        title: field("title")?,
        summary: field("summary")?,
        popular: field("popular").and_then(|p| p.parse().ok()),
        body: body.trim_start().to_string(),
    })
}

/// Loads the shipped categories and articles into an empty help center.
/// Returns how many articles were written.
pub async fn seed_if_empty(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM help_articles")
        .fetch_one(db)
        .await?;
    if count > 0 {
        return Ok(0);
    }
    for (name, text) in seed_files::FILES {
        if *name != "categories.txt" {
            continue;
        }
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            let [key, position, en_t, en_d, it_t, it_d] = f[..] else {
                return Err(AppError::new(ErrorCode::Internal).with_detail(format!("category line: {line}")));
            };
            sqlx::query(
                "INSERT INTO help_categories (key, position) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(position.parse::<i64>().unwrap_or(99))
            .execute(db)
            .await?;
            for (loc, title, desc) in [("en", en_t, en_d), ("it", it_t, it_d)] {
                sqlx::query(
                    "INSERT INTO help_category_texts (category, locale, title, description) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (category, locale) DO NOTHING",
                )
                .bind(key)
                .bind(loc)
                .bind(title)
                .bind(desc)
                .execute(db)
                .await?;
            }
        }
    }
    let mut written = 0;
    for (name, text) in seed_files::FILES {
        let Some((loc, _file)) = name.split_once('/') else {
            continue;
        };
        let Some(locale) = Locale::from_tag(loc) else {
            continue;
        };
        let a = parse_front_matter(text)
            .ok_or_else(|| AppError::new(ErrorCode::Internal).with_detail(format!("front matter: {name}")))?;
        let draft = ArticleDraft::parse(&a.title, &a.summary, &a.body)?;
        save(
            db,
            Save {
                id: None,
                key: Slug::parse(&a.key)?,
                locale,
                category: a.category,
                slug: Slug::parse(&a.slug)?,
                draft,
                popular: a.popular,
                base_revision: None,
            },
            None,
            now,
        )
        .await?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_help_5_every_shipped_article_parses_and_has_its_translation() {
        let mut keys: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for (name, text) in seed_files::FILES {
            if name.ends_with(".md") {
                let a = parse_front_matter(text).unwrap_or_else(|| panic!("{name}"));
                ArticleDraft::parse(&a.title, &a.summary, &a.body).unwrap();
                Slug::parse(&a.slug).unwrap();
                keys.entry(a.key)
                    .or_default()
                    .push(name.split('/').next().unwrap().to_string());
            }
        }
        // HELP-5's subjects, each in English and Italian.
        for key in [
            "model-refunds-a-call",
            "support-refunds",
            "billing-support",
            "session-disputes",
            "rating-disputes",
        ] {
            assert_eq!(keys.get(key).map(Vec::len), Some(2), "{key}: {keys:?}");
        }
        assert!(keys.values().all(|l| l.len() == 2), "{keys:?}");
    }
}
