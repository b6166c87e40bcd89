//! Contact requests (SUP-6): the request, its conversation and its case
//! are written in one transaction; so are an answer, its case clock and the
//! word that goes to the writer.

use chrono::{DateTime, Utc};
use sqlx::AnyConnection;

use super::{ArticleRef, ContactMessage, MyRequest, RequestView, Speaker};
use crate::domain::case::CaseKind;
use crate::domain::contact::{self, ContactDraft, Reply};
use crate::domain::notice::{Notice, NoticeKind};
use crate::domain::{AppError, ArticleId, ContactId, ConversationId, ErrorCode, Locale, Role, UserId};
use crate::platform::cases::{enter, resolve, responded, NewCase};
use crate::platform::db::{begin_write, from_ms, ms, Db};
use crate::platform::messaging::{post_message, support_conversation, MessageKind};
use crate::platform::outbox::{notify, queue_mail, MailDraft};

/// Who writes a new request.
pub struct Writer<'a> {
    /// The account, when signed in.
    pub account: Option<(&'a UserId, Role)>,
    /// What the writer's requests are counted by: the account, else the
    /// connection (see `contact::may_write`).
    pub limit_key: &'a str,
    /// The anonymous writer's private key to the conversation.
    pub reader_key: Option<&'a str>,
}

/// Where a new request came from.
pub struct Origin<'a> {
    pub locale: Locale,
    pub article: Option<&'a ArticleId>,
    pub page: Option<&'a str>,
}

/// SUP-6: a new request, its conversation (the writer's words first) and
/// its case, or a refusal that changes nothing (too many this hour).
pub async fn open(
    db: &Db,
    draft: &ContactDraft,
    writer: Writer<'_>,
    origin: Origin<'_>,
    now: DateTime<Utc>,
) -> Result<ContactId, AppError> {
    let mut tx = begin_write(db).await?;
    let window_start = ms(now - contact::WINDOW);
    let earlier: Vec<(i64,)> = sqlx::query_as("SELECT at FROM mail_requests WHERE key = $1 AND at > $2")
        .bind(writer.limit_key)
        .bind(window_start)
        .fetch_all(&mut *tx)
        .await?;
    let earlier: Vec<DateTime<Utc>> = earlier.into_iter().map(|r| from_ms(r.0)).collect();
    contact::may_write(&earlier, now)?;
    sqlx::query("DELETE FROM mail_requests WHERE key = $1 AND at <= $2")
        .bind(writer.limit_key)
        .bind(window_start)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO mail_requests (key, at) VALUES ($1, $2)")
        .bind(writer.limit_key)
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
    // An article that is gone (or never was) is left out, not refused:
    // the words are what support needs.
    let article = match origin.article {
        Some(a) => sqlx::query_as::<_, (String,)>("SELECT id FROM help_articles WHERE id = $1")
            .bind(a.as_str())
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| r.0),
        None => None,
    };
    let conversation = support_conversation(&mut tx, now).await?;
    let id = ContactId::generate();
    let email = match &draft.reply {
        Reply::Email(e) => Some(e.as_str()),
        Reply::Account => None,
    };
    let user = writer.account.map(|(u, _)| u);
    sqlx::query(
        "INSERT INTO contact_requests (id, conversation_id, user_id, email, reader_key, locale, article_id, page, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id.as_str())
    .bind(conversation.as_str())
    .bind(user.map(UserId::as_str))
    .bind(email)
    .bind(writer.reader_key)
    .bind(origin.locale.code())
    .bind(article)
    .bind(origin.page)
    .bind(ms(now))
    .execute(&mut *tx)
    .await?;
    let role_is = |r: Role| writer.account.filter(|(_, role)| *role == r).map(|(u, _)| u);
    enter(
        &mut tx,
        NewCase {
            kind: CaseKind::Contact,
            subject_id: id.as_str(),
            client: role_is(Role::Client),
            model: role_is(Role::Model),
            opener: user,
            conversation: Some(&conversation),
            locale: Some(origin.locale),
        },
        now,
    )
    .await?;
    post_message(
        &mut tx,
        &conversation,
        user,
        MessageKind::Text,
        &draft.message,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    conversation_id: String,
    user_id: Option<String>,
    user_name: Option<String>,
    email: Option<String>,
    reader_key: Option<String>,
    locale: String,
    article_id: Option<String>,
    article_title: Option<String>,
    article_slug: Option<String>,
    article_locale: Option<String>,
    page: Option<String>,
    created_at: i64,
    closed_at: Option<i64>,
}

const REQUEST_SQL: &str = "SELECT k.conversation_id AS conversation_id, k.user_id AS user_id, u.display_name AS user_name, \
    k.email AS email, k.reader_key AS reader_key, k.locale AS locale, k.article_id AS article_id, a.title AS article_title, \
    a.slug AS article_slug, a.locale AS article_locale, k.page AS page, k.created_at AS created_at, k.closed_at AS closed_at \
    FROM contact_requests k LEFT JOIN users u ON u.id = k.user_id LEFT JOIN help_articles a ON a.id = k.article_id \
    WHERE k.id = $1";

async fn row(conn: &mut AnyConnection, id: &ContactId) -> Result<RequestRow, AppError> {
    sqlx::query_as::<_, RequestRow>(REQUEST_SQL)
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// The writer may read and add to their request: the account that wrote
/// it, or whoever holds the private key of an anonymous one. Anyone else
/// is told it does not exist.
fn writer_may_open(r: &RequestRow, viewer: Option<&UserId>, key: &str) -> Result<(), AppError> {
    let ok = match (&r.user_id, &r.reader_key) {
        (Some(owner), _) => viewer.is_some_and(|v| v.as_str() == owner),
        (None, Some(k)) => !key.is_empty() && same_secret(k, key),
        (None, None) => false,
    };
    ok.then_some(()).ok_or_else(|| AppError::new(ErrorCode::NotFound))
}

/// Compares secrets by their hashes, so the time taken says nothing about
/// how much of the key was right.
fn same_secret(a: &str, b: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(a.as_bytes()) == Sha256::digest(b.as_bytes())
}

fn article_of(r: &RequestRow) -> Option<ArticleRef> {
    Some(ArticleRef {
        id: r.article_id.clone()?,
        title: r.article_title.clone()?,
        slug: r.article_slug.clone()?,
        locale: Locale::from_tag(r.article_locale.as_deref()?)?,
    })
}

/// A message as stored: when, its author's role and name (none for an
/// anonymous writer), its kind and words.
type MessageRow = (i64, Option<String>, Option<String>, String, String);

/// The request with its messages; `support` also sees the notes and who
/// in support wrote each answer.
async fn view(
    conn: &mut AnyConnection,
    id: &ContactId,
    r: RequestRow,
    support: bool,
) -> Result<RequestView, AppError> {
    let rows: Vec<MessageRow> = sqlx::query_as(
        "SELECT m.created_at, u.role, u.display_name, m.kind, m.body FROM messages m \
         LEFT JOIN users u ON u.id = m.author_id WHERE m.conversation_id = $1 ORDER BY m.created_at, m.id",
    )
    .bind(&r.conversation_id)
    .fetch_all(&mut *conn)
    .await?;
    let messages = rows
        .into_iter()
        .filter_map(|(at, role, name, kind, body)| {
            let note = kind == MessageKind::Note.as_str();
            if note && !support {
                return None;
            }
            // Every message not written by support is the writer's (an
            // anonymous writer's have no author).
            let speaker = if role.as_deref() == Some(Role::Support.as_str()) {
                Speaker::Support {
                    name: if support {
                        name.unwrap_or_default()
                    } else {
                        String::new()
                    },
                }
            } else {
                Speaker::Writer
            };
            Some(ContactMessage {
                at: from_ms(at),
                speaker,
                body,
                note,
            })
        })
        .collect();
    Ok(RequestView {
        id: id.clone(),
        writer: r
            .user_name
            .clone()
            .or_else(|| r.email.clone())
            .unwrap_or_default(),
        signed_in: r.user_id.is_some(),
        locale: Locale::from_tag(&r.locale).unwrap_or(Locale::En),
        article: article_of(&r),
        page: if support { r.page.clone() } else { None },
        opened_at: from_ms(r.created_at),
        closed_at: r.closed_at.map(from_ms),
        messages,
    })
}

/// The writer's own view of their request (no notes, no agents' names).
pub async fn for_writer(
    db: &Db,
    id: &ContactId,
    viewer: Option<&UserId>,
    key: &str,
) -> Result<RequestView, AppError> {
    let mut conn = db.acquire().await?;
    let r = row(&mut conn, id).await?;
    writer_may_open(&r, viewer, key)?;
    view(&mut conn, id, r, false).await
}

/// Support's view of a request.
pub async fn for_support(db: &Db, id: &ContactId) -> Result<RequestView, AppError> {
    let mut conn = db.acquire().await?;
    let r = row(&mut conn, id).await?;
    view(&mut conn, id, r, true).await
}

/// The writer adds to their open request.
pub async fn follow_up(
    db: &Db,
    id: &ContactId,
    viewer: Option<&UserId>,
    key: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let body = contact::message(body)?;
    let mut tx = begin_write(db).await?;
    let r = row(&mut tx, id).await?;
    writer_may_open(&r, viewer, key)?;
    contact::may_follow_up(r.closed_at.is_some())?;
    let conversation = ConversationId::from_db(r.conversation_id);
    post_message(
        &mut tx,
        &conversation,
        viewer,
        MessageKind::Text,
        &body,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The mail an anonymous writer gets with an answer: written by the
/// caller in the request's language, from the answer and the link.
pub struct AnswerMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What an answer needs to be written for an anonymous writer.
pub struct MailFacts {
    pub locale: Locale,
    pub reader_key: String,
}

/// Support answers (or adds a note to) an open request. An answer starts
/// the case's first-response clock's stop (SUP-2) and reaches the writer:
/// a notice for an account, a mail for an anonymous writer (written by
/// `mail` from the request's language and key), both in this transaction.
pub async fn answer(
    db: &Db,
    id: &ContactId,
    support: &UserId,
    body: &str,
    note: bool,
    mail: impl FnOnce(&MailFacts, &str) -> AnswerMail,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let body = contact::message(body)?;
    let mut tx = begin_write(db).await?;
    let r = row(&mut tx, id).await?;
    contact::may_follow_up(r.closed_at.is_some())?;
    let conversation = ConversationId::from_db(r.conversation_id.clone());
    let kind = if note {
        MessageKind::Note
    } else {
        MessageKind::Text
    };
    let message = post_message(&mut tx, &conversation, Some(support), kind, &body, None, now).await?;
    if !note {
        responded(&mut tx, &conversation, now).await?;
        let link = format!("/help/contact/{id}");
        match (&r.user_id, &r.email, &r.reader_key) {
            (Some(user), _, _) => {
                let notice =
                    Notice::new(NoticeKind::ContactAnswered, format!("contact:{message}"), link).text(&body);
                notify(&mut tx, &UserId::from_db(user.clone()), &notice, now).await?;
            }
            (None, Some(address), Some(key)) => {
                let facts = MailFacts {
                    locale: Locale::from_tag(&r.locale).unwrap_or(Locale::En),
                    reader_key: key.clone(),
                };
                let written = mail(&facts, &body);
                queue_mail(
                    &mut tx,
                    &MailDraft {
                        key: &format!("contact:{message}"),
                        user: None,
                        address,
                        subject: &written.subject,
                        text: &written.text,
                        html: &written.html,
                    },
                    now,
                )
                .await?;
            }
            _ => {}
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Support closes a request: its case is settled; the writer may open a
/// new one. Closing twice changes nothing.
pub async fn close(db: &Db, id: &ContactId, support: &UserId, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let r = row(&mut tx, id).await?;
    contact::may_follow_up(r.closed_at.is_some())?;
    sqlx::query(
        "UPDATE contact_requests SET closed_at = $1, closed_by = $2 WHERE id = $3 AND closed_at IS NULL",
    )
    .bind(ms(now))
    .bind(support.as_str())
    .bind(id.as_str())
    .execute(&mut *tx)
    .await?;
    resolve(&mut tx, CaseKind::Contact, id.as_str(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// The article a "No" answer came from, in the language it was read.
pub async fn article(db: &Db, id: &ArticleId) -> Result<Option<ArticleRef>, AppError> {
    let row: Option<(String, String, String, String)> =
        sqlx::query_as("SELECT id, title, slug, locale FROM help_articles WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(db)
            .await?;
    Ok(row.and_then(|(id, title, slug, locale)| {
        Some(ArticleRef {
            id,
            title,
            slug,
            locale: Locale::from_tag(&locale)?,
        })
    }))
}

/// A signed-in person's requests, newest first (the 20 latest), each with
/// the start of its first message.
pub async fn of_user(db: &Db, user: &UserId) -> Result<Vec<MyRequest>, AppError> {
    let rows: Vec<(String, i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT k.id, k.created_at, k.closed_at, \
         (SELECT m.body FROM messages m WHERE m.conversation_id = k.conversation_id ORDER BY m.created_at, m.id LIMIT 1) \
         FROM contact_requests k WHERE k.user_id = $1 ORDER BY k.created_at DESC LIMIT 20",
    )
    .bind(user.as_str())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, at, closed, first)| {
            let first = first.unwrap_or_default();
            let mut preview: String = first.chars().take(80).collect();
            if first.chars().count() > 80 {
                preview.push('…');
            }
            MyRequest {
                id: ContactId::from_db(id),
                opened_at: from_ms(at),
                closed: closed.is_some(),
                preview,
            }
        })
        .collect())
}
