//! Ratings after calls (RATE): giving, changing and removing one's own,
//! a model's removal request, comments flagged on their own, and support's
//! queue, which can only remove or decline (RATE-6).

use chrono::{DateTime, Utc};

use crate::domain::rating::{self, Ground, RequestFacts, ReviewSource, ReviewStatus, Stars};
use crate::domain::{
    AppError, CallId, ErrorCode, RatingId, RatingReviewId, Reason, RuleId, SessionId, UserId,
};
use crate::platform::db::begin_write;
use crate::platform::db::Db;
use crate::platform::db::{from_ms, ms};

/// Words that flag a comment for support. Configurable with
/// `SETTLE_OFFENSIVE_WORDS` (comma-separated); these are the defaults.
pub fn offensive_words() -> Vec<String> {
    std::env::var("SETTLE_OFFENSIVE_WORDS")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            v.split(',')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect()
        })
        .unwrap_or_else(|| {
            ["idiot", "stupid", "whore", "scemo", "stupida", "puttana"]
                .map(String::from)
                .to_vec()
        })
}

struct CallParties {
    client: UserId,
    model: UserId,
    started: DateTime<Utc>,
    ended: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct CallPartiesRow {
    client_id: String,
    model_id: String,
    started_at: i64,
    ended_at: i64,
}

impl From<CallPartiesRow> for CallParties {
    fn from(r: CallPartiesRow) -> CallParties {
        CallParties {
            client: UserId::from_db(r.client_id),
            model: UserId::from_db(r.model_id),
            started: from_ms(r.started_at),
            ended: from_ms(r.ended_at),
        }
    }
}

async fn call_parties(conn: &mut sqlx::AnyConnection, call: &CallId) -> Result<CallParties, AppError> {
    let r = sqlx::query_as::<_, CallPartiesRow>(
        "SELECT client_id AS client_id, model_id AS model_id, started_at AS started_at, ended_at AS ended_at \
         FROM calls WHERE id = $1",
    )
    .bind(call.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    Ok(r.into())
}

/// A rater's rating of one call: its id and whether its author removed it.
#[derive(sqlx::FromRow)]
struct ExistingRow {
    #[sqlx(try_from = "String")]
    id: RatingId,
    removed_at: Option<i64>,
}

/// RATE-1/2/3: gives a rating, or changes the rater's own within 48 hours.
/// A comment that looks like personal information or offensive language
/// goes to support's queue at once.
pub async fn rate(
    db: &Db,
    call: &CallId,
    rater: &UserId,
    stars: Stars,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<RatingId, AppError> {
    let mut tx = begin_write(db).await?;
    let p = call_parties(&mut tx, call).await?;
    let rated = if &p.client == rater {
        p.model.clone()
    } else if &p.model == rater {
        p.client.clone()
    } else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    let existing: Option<ExistingRow> = sqlx::query_as::<_, ExistingRow>(
        "SELECT id AS id, removed_at AS removed_at FROM ratings WHERE call_id = $1 AND rater_id = $2",
    )
    .bind(call.as_str())
    .bind(rater.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let id = match existing {
        Some(ExistingRow { id, removed_at }) => {
            rating::check_change(p.ended, removed_at.is_some(), now)?;
            sqlx::query("UPDATE ratings SET stars = $1, comment = $2, updated_at = $3 WHERE id = $4")
                .bind(stars.get() as i64)
                .bind(comment.clone())
                .bind(ms(now))
                .bind(id.as_str())
                .execute(&mut *tx)
                .await?;
            id
        }
        None => {
            let last = last_rating_of(&mut tx, rater, &rated).await?;
            rating::check_new(p.ended, last, now)?;
            let id = RatingId::generate();
            sqlx::query(
                "INSERT INTO ratings (id, call_id, rater_id, rated_id, stars, comment, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(id.as_str())
            .bind(call.as_str())
            .bind(rater.as_str())
            .bind(rated.as_str())
            .bind(stars.get() as i64)
            .bind(comment.clone())
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
            id
        }
    };
    let words = offensive_words();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    if let Some(ground) = comment.as_deref().and_then(|c| rating::flag_comment(c, &words)) {
        open_review(&mut tx, &id, ReviewSource::Flag, ground, None, None, now).await?;
    }
    tx.commit().await?;
    Ok(id)
}

async fn open_review(
    conn: &mut sqlx::AnyConnection,
    rating: &RatingId,
    source: ReviewSource,
    ground: Ground,
    evidence: Option<&str>,
    screenshot: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (open,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM rating_reviews WHERE rating_id = $1 AND status = 'open'")
            .bind(rating.as_str())
            .fetch_one(&mut *conn)
            .await?;
    if open > 0 {
        return Ok(());
    }
    let review = RatingReviewId::generate();
    sqlx::query(
        "INSERT INTO rating_reviews (id, rating_id, source, ground, evidence, evidence_upload, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)",
    )
    .bind(review.as_str())
    .bind(rating.as_str())
    .bind(source.as_str())
    .bind(ground.as_str())
    .bind(evidence)
    .bind(screenshot)
    .bind(ms(now))
    .execute(&mut *conn)
    .await?;
    // SUP-1: a case between the rater and the rated; in the language of
    // the model who asked, or of the rater whose words were flagged.
    let (rater, rated, rater_role): (String, String, String) = sqlx::query_as(
        "SELECT r.rater_id, r.rated_id, u.role FROM ratings r JOIN users u ON u.id = r.rater_id WHERE r.id = $1",
    )
    .bind(rating.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let (rater, rated) = (UserId::from_db(rater), UserId::from_db(rated));
    let (client, model) = if rater_role == "client" {
        (&rater, &rated)
    } else {
        (&rated, &rater)
    };
    crate::platform::cases::enter(
        conn,
        crate::platform::cases::NewCase {
            kind: crate::domain::case::CaseKind::Rating,
            subject_id: review.as_str(),
            client: Some(client),
            model: Some(model),
            opener: Some(if source == ReviewSource::Flag {
                &rater
            } else {
                &rated
            }),
            conversation: None,
            locale: None,
        },
        now,
    )
    .await?;
    Ok(())
}

/// RATE-4: the author removes their own rating, any time, no evidence.
pub async fn remove_own(
    db: &Db,
    rating: &RatingId,
    author: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let n = sqlx::query(
        "UPDATE ratings SET removed_at = $1, removed_by = $2, removal_reason = 'removed by its author' \
         WHERE id = $3 AND rater_id = $2 AND removed_at IS NULL",
    )
    .bind(ms(now))
    .bind(author.as_str())
    .bind(rating.as_str())
    .execute(db)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(AppError::new(ErrorCode::NotFound).with_rule(RuleId::Rate4));
    }
    Ok(())
}

/// RATE-5/6: the rated model asks support to remove a rating.
pub async fn request_removal(
    db: &Db,
    rating: &RatingId,
    model: &UserId,
    ground: Ground,
    evidence: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    request_removal_with(db, rating, model, ground, evidence, None, now).await
}

/// The rating a removal request is about.
#[derive(sqlx::FromRow)]
struct TargetRow {
    call_id: String,
    rated_id: String,
    stars: i64,
    created_at: i64,
    removed_at: Option<i64>,
}

/// [`request_removal`] with a screenshot (an upload of the model's).
pub async fn request_removal_with(
    db: &Db,
    rating: &RatingId,
    model: &UserId,
    ground: Ground,
    evidence: Option<String>,
    screenshot: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let r = sqlx::query_as::<_, TargetRow>(
        "SELECT call_id AS call_id, rated_id AS rated_id, stars AS stars, created_at AS created_at, \
         removed_at AS removed_at FROM ratings WHERE id = $1",
    )
    .bind(rating.as_str())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let TargetRow {
        call_id: call,
        rated_id: rated,
        stars,
        created_at: rated_at,
        removed_at: removed,
    } = r;
    if rated != model.as_str() || removed.is_some() {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let p = call_parties(&mut tx, &CallId::from_db(call)).await?;
    if &p.model != model {
        return Err(AppError::new(ErrorCode::NotFound));
    }
    let facts = RequestFacts {
        call_started: p.started,
        call_ended: p.ended,
        rated_at: from_ms(rated_at),
        stars: Stars::parse(&stars.to_string())?,
        has_evidence: evidence.as_deref().is_some_and(|e| !e.trim().is_empty()) || screenshot.is_some(),
    };
    rating::check_request(&facts, ground, now)?;
    open_review(
        &mut tx,
        rating,
        ReviewSource::Model,
        ground,
        evidence.as_deref(),
        screenshot,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub use crate::ratings::{RatingLine, ReviewItem, SessionStarForm, StarForm, TranscriptLine};

const RATING_SQL: &str = "SELECT r.id AS id, r.call_id AS call_id, ru.display_name AS rater_name, \
    du.display_name AS rated_name, r.stars AS stars, r.comment AS comment, r.created_at AS created_at, \
    r.removed_at AS removed_at, c.started_at AS call_started, c.ended_at AS call_ended, \
    (SELECT COUNT(*) FROM rating_reviews v WHERE v.rating_id = r.id AND v.source = 'model' AND v.status = 'open') \
    AS pending \
    FROM ratings r JOIN users ru ON ru.id = r.rater_id JOIN users du ON du.id = r.rated_id \
    JOIN calls c ON c.id = r.call_id";

/// One row of [`RATING_SQL`].
#[derive(sqlx::FromRow)]
struct RatingRow {
    #[sqlx(try_from = "String")]
    id: RatingId,
    #[sqlx(try_from = "String")]
    call_id: CallId,
    rater_name: String,
    rated_name: String,
    stars: i64,
    comment: Option<String>,
    created_at: i64,
    removed_at: Option<i64>,
    call_started: i64,
    call_ended: i64,
    /// Open removal requests by the rated model.
    pending: i64,
}

impl From<RatingRow> for RatingLine {
    fn from(r: RatingRow) -> RatingLine {
        RatingLine {
            id: r.id,
            call_id: r.call_id,
            rater_name: r.rater_name,
            rated_name: r.rated_name,
            stars: r.stars,
            comment: r.comment,
            at: from_ms(r.created_at),
            removed: r.removed_at.is_some(),
            call_started: from_ms(r.call_started),
            call_ended: from_ms(r.call_ended),
            removal: None,
            removal_pending: r.pending > 0,
        }
    }
}

/// The rater's own rating of one call.
#[derive(sqlx::FromRow)]
struct MineRow {
    stars: i64,
    comment: Option<String>,
    removed_at: Option<i64>,
    #[sqlx(try_from = "String")]
    id: RatingId,
}

/// The star form of `call` for `rater` (see `api::ratings::StarForm`).
pub async fn star_form(
    db: &Db,
    call: &CallId,
    rater: &UserId,
    now: DateTime<Utc>,
) -> Result<StarForm, AppError> {
    let mut conn = db.acquire().await?;
    let p = call_parties(&mut conn, call).await?;
    let other = if &p.client == rater {
        &p.model
    } else if &p.model == rater {
        &p.client
    } else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    let (other_name,): (String,) = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
        .bind(other.as_str())
        .fetch_one(&mut *conn)
        .await?;
    let mine: Option<MineRow> = sqlx::query_as::<_, MineRow>(
        "SELECT stars AS stars, comment AS comment, removed_at AS removed_at, id AS id FROM ratings \
         WHERE call_id = $1 AND rater_id = $2",
    )
    .bind(call.as_str())
    .bind(rater.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let last = last_rating_of(&mut conn, rater, other).await?;
    let form = rating::rater_form(p.ended, mine.as_ref().map(|m| m.removed_at.is_some()), last, now);
    let live = mine.filter(|m| m.removed_at.is_none());
    Ok(StarForm {
        call_id: call.clone(),
        rating_id: live.as_ref().map(|m| m.id.clone()),
        other_name,
        call_ended: p.ended,
        stars: live.as_ref().map(|m| m.stars),
        comment: live.and_then(|m| m.comment),
        form,
    })
}

/// Ratings a person received, or gave (`given`), newest first.
pub async fn ratings_of(db: &Db, user: &UserId, given: bool) -> Result<Vec<RatingLine>, AppError> {
    let col = if given { "r.rater_id" } else { "r.rated_id" };
    let sql = format!("{RATING_SQL} WHERE {col} = $1 ORDER BY r.created_at DESC LIMIT 200");
    let rows = sqlx::query_as::<_, RatingRow>(&sql)
        .bind(user.as_str())
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(RatingLine::from).collect())
}

pub async fn queue(db: &Db, status: &str) -> Result<Vec<ReviewItem>, AppError> {
    let rows: Vec<ReviewRow> = sqlx::query_as::<_, ReviewRow>(
        "SELECT id AS id, source AS source, ground AS ground, evidence AS evidence, status AS status, \
         rating_id AS rating_id, evidence_upload AS evidence_upload FROM rating_reviews \
         WHERE ($1 = '' OR status = $1) ORDER BY created_at LIMIT 200",
    )
    .bind(status)
    .fetch_all(db)
    .await?;
    let one = format!("{RATING_SQL} WHERE r.id = $1");
    let mut out = Vec::new();
    for review in rows {
        let rating: RatingLine = sqlx::query_as::<_, RatingRow>(&one)
            .bind(review.rating_id.as_str())
            .fetch_one(db)
            .await?
            .into();
        let transcript: Vec<TranscriptRow> = sqlx::query_as::<_, TranscriptRow>(
            "SELECT m.created_at AS created_at, u.display_name AS who, m.body AS body FROM messages m \
             JOIN conversations c ON c.id = m.conversation_id \
             JOIN calls k ON k.client_id = c.client_id AND k.model_id = c.model_id LEFT JOIN users u ON u.id = m.author_id \
             WHERE k.id = $1 AND c.kind = 'direct' AND m.kind = 'text' ORDER BY m.created_at LIMIT 100",
        )
        .bind(rating.call_id.as_str())
        .fetch_all(db)
        .await?;
        out.push(ReviewItem {
            id: review.id,
            source: review.source,
            ground: review.ground,
            evidence: review.evidence,
            screenshot: review.evidence_upload,
            status: review.status,
            transcript: transcript.into_iter().map(TranscriptLine::from).collect(),
            rating,
        });
    }
    Ok(out)
}

/// One removal review of support's queue.
#[derive(sqlx::FromRow)]
struct ReviewRow {
    #[sqlx(try_from = "String")]
    id: RatingReviewId,
    #[sqlx(try_from = "String")]
    source: ReviewSource,
    #[sqlx(try_from = "String")]
    ground: Ground,
    evidence: Option<String>,
    #[sqlx(try_from = "String")]
    status: ReviewStatus,
    rating_id: String,
    evidence_upload: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TranscriptRow {
    created_at: i64,
    who: Option<String>,
    body: String,
}

impl From<TranscriptRow> for TranscriptLine {
    fn from(r: TranscriptRow) -> TranscriptLine {
        TranscriptLine {
            at: from_ms(r.created_at),
            who: r.who.unwrap_or_default(),
            body: r.body,
        }
    }
}

/// A review and where it stands, for support's decision.
#[derive(sqlx::FromRow)]
struct ReviewStateRow {
    #[sqlx(try_from = "String")]
    rating_id: RatingId,
    #[sqlx(try_from = "String")]
    status: ReviewStatus,
}

/// RATE-6: support removes the rating (score and comment together) or
/// declines, with a reason. Never an edit.
pub async fn decide(
    db: &Db,
    review: &RatingReviewId,
    support: &UserId,
    remove: bool,
    reason: Reason,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let row: Option<ReviewStateRow> = sqlx::query_as::<_, ReviewStateRow>(
        "SELECT rating_id AS rating_id, status AS status FROM rating_reviews WHERE id = $1",
    )
    .bind(review.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(ReviewStateRow {
        rating_id: rating,
        status,
    }) = row
    else {
        return Err(AppError::new(ErrorCode::NotFound));
    };
    if status != ReviewStatus::Open {
        return Ok(());
    }
    if remove {
        sqlx::query("UPDATE ratings SET removed_at = $1, removed_by = $2, removal_reason = $3 WHERE id = $4 AND removed_at IS NULL")
            .bind(ms(now))
            .bind(support.as_str())
            .bind(reason.as_str())
            .bind(rating.as_str())
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE rating_reviews SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4 WHERE id = $5")
        .bind(if remove { ReviewStatus::Removed } else { ReviewStatus::Declined }.as_str())
        .bind(support.as_str())
        .bind(ms(now))
        .bind(reason.as_str())
        .bind(review.as_str())
        .execute(&mut *tx)
        .await?;
    crate::platform::cases::resolve(
        &mut tx,
        crate::domain::case::CaseKind::Rating,
        review.as_str(),
        now,
    )
    .await?;
    // NOTE-1: the model who asked for the removal hears the answer (an
    // automatic flag has nobody to tell).
    let asker: Option<(String,)> = sqlx::query_as(
        "SELECT r.rated_id FROM rating_reviews v JOIN ratings r ON r.id = v.rating_id \
         WHERE v.id = $1 AND v.source = 'model'",
    )
    .bind(review.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((model,)) = asker {
        crate::platform::outbox::notify(
            &mut tx,
            &UserId::from_db(model),
            &crate::domain::notice::Notice::new(
                crate::domain::notice::NoticeKind::RequestDecided,
                format!("rating-review:{review}:decided"),
                "/ratings",
            ),
            now,
        )
        .await?;
    }
    crate::platform::audit::record(
        &mut tx,
        crate::platform::audit::Entry {
            actor: Some(support),
            action: if remove {
                crate::domain::audit::Action::RatingRemoved
            } else {
                crate::domain::audit::Action::RatingKept
            },
            subject: rating.as_str(),
            amount: None,
            reason: Some(reason.as_str()),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// RATE-2: when `rater` last rated `rated`, after a call or after a
/// session (issue 16: one rating per pair per 24 hours across both).
async fn last_rating_of(
    conn: &mut sqlx::AnyConnection,
    rater: &UserId,
    rated: &UserId,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let mut last = None;
    for table in ["ratings", "session_ratings"] {
        let (at,): (Option<i64>,) = sqlx::query_as(&format!(
            "SELECT MAX(created_at) FROM {table} WHERE rater_id = $1 AND rated_id = $2"
        ))
        .bind(rater.as_str())
        .bind(rated.as_str())
        .fetch_one(&mut *conn)
        .await?;
        last = last.max(at);
    }
    Ok(last.map(from_ms))
}

/// A session's two parties and its end (issue 16).
struct SessionParties {
    client: UserId,
    model: UserId,
    /// When it reached `Completed` (its `completed` timeline event).
    ended: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct SessionPartiesRow {
    client_id: String,
    model_id: String,
    ended_at: Option<i64>,
}

async fn session_parties(
    conn: &mut sqlx::AnyConnection,
    session: &SessionId,
) -> Result<SessionParties, AppError> {
    let r = sqlx::query_as::<_, SessionPartiesRow>(
        "SELECT b.client_id AS client_id, b.model_id AS model_id, \
         (SELECT MIN(e.at) FROM booking_events e WHERE e.session_id = b.id AND e.kind = $2) AS ended_at \
         FROM bookings b WHERE b.id = $1",
    )
    .bind(session.as_str())
    .bind(crate::domain::session::EventKind::Completed.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    Ok(SessionParties {
        client: UserId::from_db(r.client_id),
        model: UserId::from_db(r.model_id),
        ended: r.ended_at.map(from_ms),
    })
}

impl SessionParties {
    /// The other party of `me`; anyone else: as if the session did not exist.
    fn other_than(&self, me: &UserId) -> Result<&UserId, AppError> {
        if &self.client == me {
            Ok(&self.model)
        } else if &self.model == me {
            Ok(&self.client)
        } else {
            Err(AppError::new(ErrorCode::NotFound))
        }
    }
}

/// The rater's own rating of one session.
#[derive(sqlx::FromRow)]
struct SessionMineRow {
    #[sqlx(try_from = "String")]
    id: RatingId,
    stars: i64,
    comment: Option<String>,
    removed_at: Option<i64>,
}

async fn session_mine(
    conn: &mut sqlx::AnyConnection,
    session: &SessionId,
    rater: &UserId,
) -> Result<Option<SessionMineRow>, AppError> {
    Ok(sqlx::query_as::<_, SessionMineRow>(
        "SELECT id AS id, stars AS stars, comment AS comment, removed_at AS removed_at \
         FROM session_ratings WHERE session_id = $1 AND rater_id = $2",
    )
    .bind(session.as_str())
    .bind(rater.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

/// Issue 16: one of the two parties of a finished session rates the other
/// (RATE-1/2 from the session's end), or changes their rating within 48
/// hours of it (RATE-3/4). Anyone else: not found.
pub async fn rate_session(
    db: &Db,
    session: &SessionId,
    rater: &UserId,
    stars: Stars,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let p = session_parties(&mut tx, session).await?;
    let rated = p.other_than(rater)?.clone();
    let ended = rating::session_end(p.ended)?;
    match session_mine(&mut tx, session, rater).await? {
        Some(mine) => {
            rating::check_change(ended, mine.removed_at.is_some(), now)?;
            sqlx::query("UPDATE session_ratings SET stars = $1, comment = $2, updated_at = $3 WHERE id = $4")
                .bind(stars.get() as i64)
                .bind(comment)
                .bind(ms(now))
                .bind(mine.id.as_str())
                .execute(&mut *tx)
                .await?;
        }
        None => {
            let last = last_rating_of(&mut tx, rater, &rated).await?;
            rating::check_new_session(ended, last, now)?;
            // A second submit racing this one finds the row and changes
            // nothing: one rating per session and rater.
            sqlx::query(
                "INSERT INTO session_ratings (id, session_id, rater_id, rated_id, stars, comment, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (session_id, rater_id) DO NOTHING",
            )
            .bind(RatingId::generate().as_str())
            .bind(session.as_str())
            .bind(rater.as_str())
            .bind(rated.as_str())
            .bind(stars.get() as i64)
            .bind(comment)
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The star form of `session` for `rater` (see [`SessionStarForm`]).
pub async fn session_star_form(
    db: &Db,
    session: &SessionId,
    rater: &UserId,
    now: DateTime<Utc>,
) -> Result<SessionStarForm, AppError> {
    let mut conn = db.acquire().await?;
    let p = session_parties(&mut conn, session).await?;
    let other = p.other_than(rater)?;
    let (other_name,): (String,) = sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
        .bind(other.as_str())
        .fetch_one(&mut *conn)
        .await?;
    let mine = session_mine(&mut conn, session, rater).await?;
    let form = match p.ended {
        Some(ended) => {
            let last = last_rating_of(&mut conn, rater, other).await?;
            Some(rating::rater_form(
                ended,
                mine.as_ref().map(|m| m.removed_at.is_some()),
                last,
                now,
            ))
        }
        None => None,
    };
    let live = mine.filter(|m| m.removed_at.is_none());
    Ok(SessionStarForm {
        session_id: session.clone(),
        other_name,
        ended: p.ended,
        stars: live.as_ref().map(|m| m.stars),
        comment: live.and_then(|m| m.comment),
        form,
    })
}

/// RATE-4: the author removes their rating of a session (score and comment
/// together), any time, no evidence needed; it cannot be given again.
pub async fn remove_own_session_rating(
    db: &Db,
    session: &SessionId,
    author: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let n = sqlx::query(
        "UPDATE session_ratings SET removed_at = $1 WHERE session_id = $2 AND rater_id = $3 AND removed_at IS NULL",
    )
    .bind(ms(now))
    .bind(session.as_str())
    .bind(author.as_str())
    .execute(db)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(AppError::new(ErrorCode::NotFound).with_rule(RuleId::Rate4));
    }
    Ok(())
}
