//! The help center's storage (HELP): categories and articles per language,
//! revisions, feedback, the seed articles shipped in `content/help`, and
//! search (see `search`).

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use crate::domain::help::{ArticleDraft, Slug, Tally, Vote, Widget};
use crate::domain::{AppError, ArticleId, ErrorCode, Locale, RuleId, UserId};
use crate::help::{
    AdminLine, ArticleCard, ArticleEdit, ArticleView, CategoryCard, CategoryChoice, CategoryView, HomeView,
    RevisionLine, Translation,
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

// ---------------------------------------------------------------------------
// Rows as read (columns by name: every selected expression is aliased to
// its field)

#[derive(sqlx::FromRow)]
struct CategoryCardRow {
    key: String,
    title: String,
    description: String,
    articles: i64,
}

impl From<CategoryCardRow> for CategoryCard {
    fn from(r: CategoryCardRow) -> CategoryCard {
        CategoryCard {
            key: r.key,
            title: r.title,
            description: r.description,
            count: r.articles,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ArticleCardRow {
    slug: String,
    title: String,
    summary: String,
    category: String,
}

impl From<ArticleCardRow> for ArticleCard {
    fn from(r: ArticleCardRow) -> ArticleCard {
        ArticleCard {
            slug: r.slug,
            title: r.title,
            summary: r.summary,
            category: r.category,
        }
    }
}

#[derive(sqlx::FromRow)]
struct CategoryTextRow {
    title: String,
    description: String,
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    #[sqlx(try_from = "String")]
    id: ArticleId,
    article_key: String,
    slug: String,
    title: String,
    summary: String,
    body_html: String,
    category: String,
    category_title: String,
    updated_at: i64,
    widget: Option<String>,
    revision: i64,
}

#[derive(sqlx::FromRow)]
struct TranslationRow {
    locale: String,
    slug: String,
    title: String,
}

impl From<TranslationRow> for Translation {
    fn from(r: TranslationRow) -> Translation {
        Translation {
            locale: locale_of(&r.locale),
            slug: r.slug,
            title: r.title,
        }
    }
}

/// Which article a slug belongs to, and in which language.
#[derive(sqlx::FromRow)]
struct SlugOwnerRow {
    locale: String,
    article_key: String,
}

#[derive(sqlx::FromRow)]
struct AdminRow {
    #[sqlx(try_from = "String")]
    id: ArticleId,
    article_key: String,
    locale: String,
    slug: String,
    title: String,
    category: String,
    revision: i64,
    updated_at: i64,
    yes: i64,
    answers: i64,
}

impl From<AdminRow> for AdminLine {
    fn from(r: AdminRow) -> AdminLine {
        AdminLine {
            id: r.id,
            key: r.article_key,
            locale: locale_of(&r.locale),
            slug: r.slug,
            title: r.title,
            category: r.category,
            revision: r.revision,
            updated_at: from_ms(r.updated_at),
            tally: Tally {
                yes: r.yes,
                no: r.answers - r.yes,
            },
        }
    }
}

#[derive(sqlx::FromRow)]
struct CategoryChoiceRow {
    key: String,
    title: String,
}

impl From<CategoryChoiceRow> for CategoryChoice {
    fn from(r: CategoryChoiceRow) -> CategoryChoice {
        CategoryChoice {
            key: r.key,
            title: r.title,
        }
    }
}

#[derive(sqlx::FromRow)]
struct EditRow {
    #[sqlx(try_from = "String")]
    id: ArticleId,
    article_key: String,
    locale: String,
    category: String,
    slug: String,
    title: String,
    summary: String,
    body_md: String,
    revision: i64,
    popular: Option<i64>,
}

impl From<EditRow> for ArticleEdit {
    fn from(r: EditRow) -> ArticleEdit {
        ArticleEdit {
            id: r.id,
            key: r.article_key,
            locale: locale_of(&r.locale),
            category: r.category,
            slug: r.slug,
            title: r.title,
            summary: r.summary,
            body: r.body_md,
            revision: r.revision,
            popular: r.popular,
        }
    }
}

/// What a save checks of the article it changes.
#[derive(sqlx::FromRow)]
struct CurrentRow {
    revision: i64,
    article_key: String,
    locale: String,
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    number: i64,
    title: String,
    author: Option<String>,
    created_at: i64,
}

impl From<RevisionRow> for RevisionLine {
    fn from(r: RevisionRow) -> RevisionLine {
        RevisionLine {
            number: r.number,
            title: r.title,
            author: r.author,
            created_at: from_ms(r.created_at),
        }
    }
}

#[derive(sqlx::FromRow)]
struct RevisionTextRow {
    title: String,
    summary: String,
    body_md: String,
}

pub async fn home(db: &Db, locale: Locale) -> Result<HomeView, AppError> {
    let categories = sqlx::query_as::<_, CategoryCardRow>(
        "SELECT c.key AS key, t.title AS title, t.description AS description, \
         (SELECT COUNT(*) FROM help_articles a WHERE a.category = c.key AND a.locale = t.locale) AS articles \
         FROM help_categories c JOIN help_category_texts t ON t.category = c.key AND t.locale = $1 \
         ORDER BY c.position",
    )
    .bind(locale.code())
    .fetch_all(db)
    .await?
    .into_iter()
    .map(CategoryCard::from)
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
    let sql = format!(
        "SELECT slug AS slug, title AS title, summary AS summary, category AS category FROM help_articles {filter}"
    );
    let mut q = sqlx::query_as::<_, ArticleCardRow>(&sql).bind(locale.code());
    if let Some(c) = category {
        q = q.bind(c.to_owned());
    }
    Ok(q.fetch_all(db)
        .await?
        .into_iter()
        .map(ArticleCard::from)
        .collect())
}

pub async fn category(db: &Db, locale: Locale, key: &str) -> Result<CategoryView, AppError> {
    let r = sqlx::query_as::<_, CategoryTextRow>(
        "SELECT t.title AS title, t.description AS description FROM help_category_texts t \
         WHERE t.category = $1 AND t.locale = $2",
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
        title: r.title,
        description: r.description,
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
    let r = sqlx::query_as::<_, ArticleRow>(
        "SELECT a.id AS id, a.article_key AS article_key, a.slug AS slug, a.title AS title, \
         a.summary AS summary, a.body_html AS body_html, a.category AS category, t.title AS category_title, \
         a.updated_at AS updated_at, a.widget AS widget, a.revision AS revision \
         FROM help_articles a JOIN help_category_texts t ON t.category = a.category AND t.locale = a.locale \
         WHERE a.locale = $1 AND a.slug = $2",
    )
    .bind(locale.code())
    .bind(slug)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let translations = sqlx::query_as::<_, TranslationRow>(
        "SELECT locale AS locale, slug AS slug, title AS title FROM help_articles \
         WHERE article_key = $1 AND locale <> $2 ORDER BY locale",
    )
    .bind(&r.article_key)
    .bind(locale.code())
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Translation::from)
    .collect();
    let my_vote = match reader {
        Some(reader) => sqlx::query_scalar::<_, i64>(
            "SELECT helpful FROM help_votes WHERE article_id = $1 AND reader = $2",
        )
        .bind(r.id.as_str())
        .bind(reader)
        .fetch_optional(db)
        .await?
        .map(|h| if h == 1 { Vote::Yes } else { Vote::No }),
        None => None,
    };
    Ok(ArticleView {
        id: r.id,
        key: r.article_key,
        locale,
        slug: r.slug,
        title: r.title,
        summary: r.summary,
        html: r.body_html,
        category_key: r.category,
        category_title: r.category_title,
        updated_at: from_ms(r.updated_at),
        widget: r.widget.as_deref().and_then(Widget::parse),
        revision: r.revision,
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
    let found = sqlx::query_as::<_, SlugOwnerRow>(
        "SELECT locale AS locale, article_key AS article_key FROM help_articles \
         WHERE slug = $1 ORDER BY locale LIMIT 1",
    )
    .bind(slug)
    .fetch_optional(db)
    .await?;
    let Some(SlugOwnerRow {
        locale: other_locale,
        article_key: key,
    }) = found
    else {
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
    article_id: &ArticleId,
    reader: &str,
    vote: Vote,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM help_articles WHERE id = $1")
        .bind(article_id.as_str())
        .fetch_optional(db)
        .await?;
    if exists.is_none() {
        return Err(AppError::new(ErrorCode::NotFound).with_rule(RuleId::Help3));
    }
    sqlx::query(
        "INSERT INTO help_votes (article_id, reader, helpful, voted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (article_id, reader) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at",
    )
    .bind(article_id.as_str())
    .bind(reader)
    .bind(i64::from(vote.helpful()))
    .bind(ms(now))
    .execute(db)
    .await?;
    Ok(())
}

/// Support's list: every article in every language with its answers.
pub async fn admin_list(db: &Db) -> Result<Vec<AdminLine>, AppError> {
    let rows = sqlx::query_as::<_, AdminRow>(
        "SELECT a.id AS id, a.article_key AS article_key, a.locale AS locale, a.slug AS slug, \
         a.title AS title, a.category AS category, a.revision AS revision, a.updated_at AS updated_at, \
         CAST(COALESCE(SUM(v.helpful), 0) AS BIGINT) AS yes, COUNT(v.reader) AS answers \
         FROM help_articles a LEFT JOIN help_votes v ON v.article_id = a.id \
         GROUP BY a.id, a.article_key, a.locale, a.slug, a.title, a.category, a.revision, a.updated_at \
         ORDER BY a.category, a.article_key, a.locale",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(AdminLine::from).collect())
}

pub async fn categories(db: &Db, locale: Locale) -> Result<Vec<CategoryChoice>, AppError> {
    Ok(sqlx::query_as::<_, CategoryChoiceRow>(
        "SELECT c.key AS key, t.title AS title FROM help_categories c JOIN help_category_texts t \
         ON t.category = c.key AND t.locale = $1 ORDER BY c.position",
    )
    .bind(locale.code())
    .fetch_all(db)
    .await?
    .into_iter()
    .map(CategoryChoice::from)
    .collect())
}

pub async fn for_edit(db: &Db, id: &ArticleId) -> Result<ArticleEdit, AppError> {
    sqlx::query_as::<_, EditRow>(
        "SELECT id AS id, article_key AS article_key, locale AS locale, category AS category, slug AS slug, \
         title AS title, summary AS summary, body_md AS body_md, revision AS revision, popular AS popular \
         FROM help_articles WHERE id = $1",
    )
    .bind(id.as_str())
    .fetch_optional(db)
    .await?
    .map(ArticleEdit::from)
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// What support saves; `id` None creates the article (or a translation,
/// when `key` names an existing one).
pub struct Save {
    pub id: Option<ArticleId>,
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
) -> Result<(ArticleId, i64), AppError> {
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
            let current = sqlx::query_as::<_, CurrentRow>(
                "SELECT revision AS revision, article_key AS article_key, locale AS locale \
                 FROM help_articles WHERE id = $1",
            )
            .bind(id.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let CurrentRow {
                revision,
                article_key: key,
                locale,
            } = current.ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
            if s.base_revision.is_some_and(|b| b != revision) {
                return Err(AppError::rule(RuleId::Help4).with_detail("stale"));
            }
            if clash.as_deref().is_some_and(|c| c != id.as_str())
                || key != s.key.as_str()
                || locale != s.locale.code()
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
            .bind(id.as_str())
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
            let id = ArticleId::generate();
            sqlx::query(
                "INSERT INTO help_articles (id, article_key, locale, category, slug, title, summary, body_md, \
                 body_html, body_text, popular, widget, revision, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13)",
            )
            .bind(id.as_str())
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
            .bind(widget_for(s.key.as_str()).map(Widget::as_str))
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
    .bind(id.as_str())
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
        id.as_str(),
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
fn widget_for(key: &str) -> Option<Widget> {
    (key == "billing-support").then_some(Widget::Billing)
}

pub async fn revisions(db: &Db, id: &ArticleId) -> Result<Vec<RevisionLine>, AppError> {
    Ok(sqlx::query_as::<_, RevisionRow>(
        "SELECT r.number AS number, r.title AS title, u.display_name AS author, r.created_at AS created_at \
         FROM help_revisions r \
         LEFT JOIN users u ON u.id = r.author_id WHERE r.article_id = $1 ORDER BY r.number DESC",
    )
    .bind(id.as_str())
    .fetch_all(db)
    .await?
    .into_iter()
    .map(RevisionLine::from)
    .collect())
}

/// A revision's full text as compared: title, summary and body.
pub async fn revision_text(
    conn: &mut AnyConnection,
    id: &ArticleId,
    number: i64,
) -> Result<String, AppError> {
    let RevisionTextRow {
        title,
        summary,
        body_md: body,
    } = sqlx::query_as::<_, RevisionTextRow>(
        "SELECT title AS title, summary AS summary, body_md AS body_md FROM help_revisions \
         WHERE article_id = $1 AND number = $2",
    )
    .bind(id.as_str())
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
