//! The saved replies' rows, and the facts of a dispute their placeholders
//! are filled from.

use chrono::{DateTime, Utc};

use super::SavedReply;
use crate::domain::reply::ReplyDraft;
use crate::domain::time::ZoneName;
use crate::domain::{AppError, Credits, DisputeId, ErrorCode, Locale, UserId};
use crate::platform::db::{from_ms, ms, Db};

#[derive(sqlx::FromRow)]
struct ReplyRow {
    id: String,
    locale: String,
    title: String,
    body: String,
    updated_at: i64,
}

impl From<ReplyRow> for SavedReply {
    fn from(r: ReplyRow) -> SavedReply {
        SavedReply {
            id: r.id,
            locale: Locale::from_tag(&r.locale).unwrap_or(Locale::En),
            title: r.title,
            body: r.body,
            updated_at: from_ms(r.updated_at),
        }
    }
}

/// Every saved reply (or one language's), by language then title.
pub async fn list(db: &Db, locale: Option<Locale>) -> Result<Vec<SavedReply>, AppError> {
    let rows = sqlx::query_as::<_, ReplyRow>(
        "SELECT id, locale, title, body, updated_at FROM saved_replies \
         WHERE ($1 = '' OR locale = $1) ORDER BY locale, title",
    )
    .bind(locale.map_or("", Locale::code))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(SavedReply::from).collect())
}

/// A new reply (`id` None) or a change to one; a reply deleted meanwhile is
/// not found.
pub async fn save(
    db: &Db,
    id: Option<&str>,
    draft: &ReplyDraft,
    by: &UserId,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let id = match id {
        Some(id) => {
            let n = sqlx::query(
                "UPDATE saved_replies SET locale = $1, title = $2, body = $3, updated_by = $4, updated_at = $5 WHERE id = $6",
            )
            .bind(draft.locale.code())
            .bind(&draft.title)
            .bind(&draft.body)
            .bind(by.as_str())
            .bind(ms(now))
            .bind(id)
            .execute(db)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(AppError::new(ErrorCode::NotFound));
            }
            id.to_string()
        }
        None => {
            let id = uuid::Uuid::now_v7().to_string();
            sqlx::query(
                "INSERT INTO saved_replies (id, locale, title, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&id)
            .bind(draft.locale.code())
            .bind(&draft.title)
            .bind(&draft.body)
            .bind(by.as_str())
            .bind(ms(now))
            .execute(db)
            .await?;
            id
        }
    };
    Ok(id)
}

/// Deleting twice (two tabs) is harmless: the second finds nothing.
pub async fn delete(db: &Db, id: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM saved_replies WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// What a dispute's placeholders are filled from: the parties, the
/// client's language and zone (the readers the default is chosen for),
/// when the session started or the call was made, and what is held.
pub struct Facts {
    pub client: String,
    pub model: String,
    pub client_locale: Locale,
    pub client_zone: ZoneName,
    pub at: Option<DateTime<Utc>>,
    pub held: Credits,
}

#[derive(sqlx::FromRow)]
struct FactsRow {
    client: String,
    model: String,
    locale: Option<String>,
    time_zone: String,
    session_start: Option<i64>,
    call_start: Option<i64>,
    held: i64,
}

pub async fn facts(db: &Db, dispute: &DisputeId) -> Result<Facts, AppError> {
    let r = sqlx::query_as::<_, FactsRow>(
        "SELECT cu.display_name AS client, mu.display_name AS model, cu.locale AS locale, cu.time_zone AS time_zone, \
         b.start_at AS session_start, c.started_at AS call_start, d.held AS held \
         FROM disputes d JOIN users cu ON cu.id = d.client_id JOIN users mu ON mu.id = d.model_id \
         LEFT JOIN bookings b ON d.subject_kind = 'session' AND b.id = d.subject_id \
         LEFT JOIN refund_requests r ON d.subject_kind = 'call' AND r.id = d.subject_id \
         LEFT JOIN calls c ON c.id = r.call_id \
         WHERE d.id = $1",
    )
    .bind(dispute.as_str())
    .fetch_optional(db)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    Ok(Facts {
        client: r.client,
        model: r.model,
        client_locale: r
            .locale
            .as_deref()
            .and_then(Locale::from_tag)
            .unwrap_or(Locale::En),
        client_zone: ZoneName::parse(&r.time_zone).unwrap_or_else(|_| ZoneName::default_zone()),
        at: r.session_start.or(r.call_start).map(from_ms),
        held: Credits::new(r.held),
    })
}
