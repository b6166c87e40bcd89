//! The case rows: the queue, the home counts, taking and handing over, and
//! the targets (SUP-1, SUP-2). Cases enter and close in the transactions of
//! their own requests (`platform::cases`).

use chrono::{DateTime, Utc};

use super::{Agent, CaseLine, HomeView, QueueCount};
use crate::domain::audit::Action;
use crate::domain::case::{self, CaseClock, CaseKind, Show, Targets};
use crate::domain::{AppError, ErrorCode, Locale, Role, RuleId, UserId};
use crate::platform::db::{begin_write, from_ms, ms, Db};

/// The instant a case runs against: its first answer, then its resolution.
const NEXT_DUE: &str = "CASE WHEN c.first_response_at IS NULL THEN c.first_due_at ELSE c.resolve_due_at END";

fn line_sql(filter: &str) -> String {
    format!(
        "SELECT c.kind AS kind, c.subject_id AS subject_id, cu.display_name AS client_name, mu.display_name AS model_name, \
         c.locale AS locale, c.owner_id AS owner_id, ou.display_name AS owner_name, c.opened_at AS opened_at, \
         c.first_due_at AS first_due_at, c.resolve_due_at AS resolve_due_at, c.first_response_at AS first_response_at, \
         c.resolved_at AS resolved_at, d.id AS dispute_id, k.email AS contact_email \
         FROM cases c LEFT JOIN users cu ON cu.id = c.client_id LEFT JOIN users mu ON mu.id = c.model_id \
         LEFT JOIN users ou ON ou.id = c.owner_id LEFT JOIN disputes d ON d.conversation_id = c.conversation_id \
         LEFT JOIN contact_requests k ON c.kind = 'contact' AND k.id = c.subject_id \
         WHERE {filter}"
    )
}

#[derive(sqlx::FromRow)]
struct LineRow {
    #[sqlx(try_from = "String")]
    kind: CaseKind,
    subject_id: String,
    client_name: Option<String>,
    model_name: Option<String>,
    locale: String,
    owner_id: Option<String>,
    owner_name: Option<String>,
    opened_at: i64,
    first_due_at: i64,
    resolve_due_at: i64,
    first_response_at: Option<i64>,
    resolved_at: Option<i64>,
    dispute_id: Option<String>,
    contact_email: Option<String>,
}

impl From<LineRow> for CaseLine {
    fn from(r: LineRow) -> CaseLine {
        let href = case::case_path(r.kind, &r.subject_id, r.dispute_id.as_deref());
        CaseLine {
            kind: r.kind,
            subject_id: r.subject_id,
            client_name: r.client_name,
            model_name: r.model_name,
            email: r.contact_email,
            locale: Locale::from_tag(&r.locale).unwrap_or(Locale::En),
            owner: r.owner_id.map(|id| Agent {
                id: UserId::from_db(id),
                name: r.owner_name.unwrap_or_default(),
            }),
            clock: CaseClock {
                first_due: from_ms(r.first_due_at),
                resolve_due: from_ms(r.resolve_due_at),
                first_response_at: r.first_response_at.map(from_ms),
                resolved_at: r.resolved_at.map(from_ms),
            },
            opened_at: from_ms(r.opened_at),
            href,
        }
    }
}

/// SUP-1: the open cases, unowned first, then by the due time each runs
/// against (the first answer until given, then the resolution).
pub async fn queue(
    db: &Db,
    show: Show,
    kind: Option<CaseKind>,
    locale: Option<Locale>,
    me: &UserId,
    now: DateTime<Utc>,
) -> Result<Vec<CaseLine>, AppError> {
    let sql = line_sql(&format!(
        "c.resolved_at IS NULL AND ($1 = '' OR c.kind = $1) AND ($2 = '' OR c.locale = $2) \
         AND ($3 = 0 OR c.owner_id = $4) AND ($5 = 0 OR c.owner_id IS NULL) AND ($6 = 0 OR {NEXT_DUE} <= $7) \
         ORDER BY CASE WHEN c.owner_id IS NULL THEN 0 ELSE 1 END, {NEXT_DUE}, c.opened_at LIMIT 500"
    ));
    let rows = sqlx::query_as::<_, LineRow>(&sql)
        .bind(kind.map_or("", CaseKind::as_str))
        .bind(locale.map_or("", Locale::code))
        .bind(i64::from(show == Show::Mine))
        .bind(me.as_str())
        .bind(i64::from(show == Show::Unowned))
        .bind(i64::from(show == Show::Overdue))
        .bind(ms(now))
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(CaseLine::from).collect())
}

/// One case, open or settled.
pub async fn get(db: &Db, kind: CaseKind, subject_id: &str) -> Result<Option<CaseLine>, AppError> {
    let sql = line_sql("c.kind = $1 AND c.subject_id = $2");
    let row = sqlx::query_as::<_, LineRow>(&sql)
        .bind(kind.as_str())
        .bind(subject_id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(CaseLine::from))
}

/// The case a dispute chat belongs to (a session dispute, or the call
/// review or billing request talked over in it).
pub async fn for_dispute(db: &Db, dispute: &crate::domain::DisputeId) -> Result<Option<CaseLine>, AppError> {
    let sql = line_sql("d.id = $1");
    let row = sqlx::query_as::<_, LineRow>(&sql)
        .bind(dispute.as_str())
        .fetch_optional(db)
        .await?;
    Ok(row.map(CaseLine::from))
}

/// SUP-2: each queue's open cases, those nobody has, and those overdue;
/// and how many are the viewer's.
pub async fn home(db: &Db, me: &UserId, now: DateTime<Utc>) -> Result<HomeView, AppError> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT c.kind, COUNT(*), COUNT(CASE WHEN c.owner_id IS NULL THEN 1 END), \
         COUNT(CASE WHEN {NEXT_DUE} <= $1 THEN 1 END) FROM cases c WHERE c.resolved_at IS NULL GROUP BY c.kind"
    ))
    .bind(ms(now))
    .fetch_all(db)
    .await?;
    let counts = CaseKind::ALL
        .iter()
        .map(|&kind| {
            let (open, unowned, overdue) = rows
                .iter()
                .find(|r| r.0 == kind.as_str())
                .map_or((0, 0, 0), |r| (r.1, r.2, r.3));
            QueueCount {
                kind,
                open,
                unowned,
                overdue,
            }
        })
        .collect();
    let (mine,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM cases WHERE resolved_at IS NULL AND owner_id = $1")
            .bind(me.as_str())
            .fetch_one(db)
            .await?;
    Ok(HomeView {
        counts,
        mine,
        targets: targets(db).await?,
    })
}

/// The targets of every kind (SUP-2), defaults where support set none.
pub async fn targets(db: &Db) -> Result<Vec<(CaseKind, Targets)>, AppError> {
    let rows: Vec<(String, i64, i64)> =
        sqlx::query_as("SELECT kind, first_minutes, resolve_minutes FROM case_targets")
            .fetch_all(db)
            .await?;
    Ok(CaseKind::ALL
        .iter()
        .map(|&kind| {
            let t = rows
                .iter()
                .find(|r| r.0 == kind.as_str())
                .map_or(Targets::default_for(kind), |r| Targets {
                    first_minutes: r.1,
                    resolve_minutes: r.2,
                });
            (kind, t)
        })
        .collect())
}

/// SUP-2: support changes a kind's targets; cases opened from now on get
/// them (an open case keeps the times it was promised).
pub async fn set_targets(
    db: &Db,
    kind: CaseKind,
    targets: Targets,
    me: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    sqlx::query(
        "UPDATE case_targets SET first_minutes = $1, resolve_minutes = $2, updated_at = $3, updated_by = $4 WHERE kind = $5",
    )
    .bind(targets.first_minutes)
    .bind(targets.resolve_minutes)
    .bind(ms(now))
    .bind(me.as_str())
    .bind(kind.as_str())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Everyone in support.
pub async fn agents(db: &Db) -> Result<Vec<Agent>, AppError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, display_name FROM users WHERE role = 'support' ORDER BY display_name, id")
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| Agent {
            id: UserId::from_db(id),
            name,
        })
        .collect())
}

/// The owner and state of one case, read inside a write.
async fn load_owner(
    tx: &mut sqlx::AnyConnection,
    kind: CaseKind,
    subject_id: &str,
) -> Result<Option<String>, AppError> {
    let row: Option<(Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT owner_id, resolved_at FROM cases WHERE kind = $1 AND subject_id = $2")
            .bind(kind.as_str())
            .bind(subject_id)
            .fetch_optional(&mut *tx)
            .await?;
    match row {
        None => Err(AppError::new(ErrorCode::NotFound)),
        Some((_, Some(_))) => Err(AppError::rule(RuleId::Sup1).with_detail("resolved")),
        Some((owner, None)) => Ok(owner),
    }
}

/// SUP-1: the agent takes a case nobody has. Two agents pressing at once:
/// the first has it, the second is told so and nothing changes.
pub async fn take(
    db: &Db,
    kind: CaseKind,
    subject_id: &str,
    me: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let owner = load_owner(&mut tx, kind, subject_id).await?.map(UserId::from_db);
    case::may_take(owner.as_ref(), me)?;
    if owner.is_some() {
        return Ok(());
    }
    let n = sqlx::query(
        "UPDATE cases SET owner_id = $1, owned_at = $2 WHERE kind = $3 AND subject_id = $4 AND owner_id IS NULL",
    )
    .bind(me.as_str())
    .bind(ms(now))
    .bind(kind.as_str())
    .bind(subject_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(AppError::rule(RuleId::Sup1).with_detail("owned"));
    }
    audit(&mut tx, me, Action::CaseTaken, kind, subject_id, None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Who has which case is support's record: taking and handing over are in
/// the audit log (subject `<kind>:<id>`; a hand-over's reason names the
/// agent it went to).
async fn audit(
    tx: &mut sqlx::AnyConnection,
    me: &UserId,
    action: Action,
    kind: CaseKind,
    subject_id: &str,
    to: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    crate::platform::audit::record(
        tx,
        crate::platform::audit::Entry {
            actor: Some(me),
            action,
            subject: &format!("{}:{subject_id}", kind.as_str()),
            amount: None,
            reason: to,
        },
        now,
    )
    .await
}

/// SUP-1: the owner hands the case to another agent.
pub async fn hand_over(
    db: &Db,
    kind: CaseKind,
    subject_id: &str,
    me: &UserId,
    to: &UserId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = begin_write(db).await?;
    let owner = load_owner(&mut tx, kind, subject_id).await?.map(UserId::from_db);
    case::may_hand_over(owner.as_ref(), me, to)?;
    let agent: Option<(String, String)> =
        sqlx::query_as("SELECT role, display_name FROM users WHERE id = $1")
            .bind(to.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let Some((_, name)) = agent.filter(|(r, _)| Role::parse(r) == Some(Role::Support)) else {
        return Err(AppError::rule(RuleId::Sup1).with_detail("agent"));
    };
    let n = sqlx::query(
        "UPDATE cases SET owner_id = $1, owned_at = $2 WHERE kind = $3 AND subject_id = $4 AND owner_id = $5",
    )
    .bind(to.as_str())
    .bind(ms(now))
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(me.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(AppError::rule(RuleId::Sup1).with_detail("not_owner"));
    }
    audit(
        &mut tx,
        me,
        Action::CaseHandedOver,
        kind,
        subject_id,
        Some(&name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct FactsHead {
    subject_kind: String,
    subject_id: String,
    client_id: String,
    client_name: String,
    model_id: String,
    model_name: String,
    held: i64,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    kind: String,
    detail: String,
    actor: String,
}

impl From<EventRow> for super::FactEvent {
    fn from(r: EventRow) -> super::FactEvent {
        super::FactEvent {
            at: from_ms(r.at),
            kind: r.kind,
            detail: r.detail,
            actor: r.actor,
        }
    }
}

/// SUP-4: a dispute's subject and both parties' history, for support.
pub async fn facts(db: &Db, dispute: &crate::domain::DisputeId) -> Result<super::CaseFactsView, AppError> {
    use super::{FactEvent, SubjectFacts};
    use crate::domain::dispute::Subject;
    use crate::domain::Credits;
    let head = sqlx::query_as::<_, FactsHead>(
        "SELECT d.subject_kind AS subject_kind, d.subject_id AS subject_id, d.client_id AS client_id, \
         cu.display_name AS client_name, d.model_id AS model_id, mu.display_name AS model_name, d.held AS held \
         FROM disputes d JOIN users cu ON cu.id = d.client_id JOIN users mu ON mu.id = d.model_id WHERE d.id = $1",
    )
    .bind(dispute.as_str())
    .fetch_optional(db)
    .await?
    .ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let events = |sql: &'static str| {
        let id = head.subject_id.clone();
        async move {
            let rows = sqlx::query_as::<_, EventRow>(sql).bind(id).fetch_all(db).await?;
            Ok::<Vec<FactEvent>, AppError>(rows.into_iter().map(FactEvent::from).collect())
        }
    };
    let subject = match Subject::parse(&head.subject_kind)
        .ok_or_else(|| AppError::new(ErrorCode::Internal))?
    {
        Subject::Session => {
            let (scenario, start): (String, i64) =
                sqlx::query_as("SELECT scenario, start_at FROM bookings WHERE id = $1")
                    .bind(&head.subject_id)
                    .fetch_one(db)
                    .await?;
            SubjectFacts::Session {
                start: from_ms(start),
                scenario: crate::domain::session::Scenario::parse(&scenario)
                    .ok_or_else(|| AppError::new(ErrorCode::Internal))?,
                held: Credits::new(head.held),
                timeline: events(
                    "SELECT at, kind, detail, actor FROM booking_events WHERE session_id = $1 ORDER BY seq",
                )
                .await?,
            }
        }
        Subject::Call => {
            let (call, started, ended, price, charge): (String, i64, i64, i64, i64) = sqlx::query_as(
                "SELECT c.id, c.started_at, c.ended_at, c.price_per_minute, c.charge \
                 FROM refund_requests r JOIN calls c ON c.id = r.call_id WHERE r.id = $1",
            )
            .bind(&head.subject_id)
            .fetch_one(db)
            .await?;
            let log = sqlx::query_as::<_, EventRow>(
                "SELECT at, kind, detail, '' AS actor FROM call_events WHERE call_id = $1 ORDER BY seq",
            )
            .bind(call)
            .fetch_all(db)
            .await?;
            SubjectFacts::Call {
                started: from_ms(started),
                ended: from_ms(ended),
                price_per_minute: Credits::new(price),
                charged: Credits::new(charge),
                log: log.into_iter().map(FactEvent::from).collect(),
            }
        }
        Subject::Purchase => {
            let (asked, amount, receipt, file, reason): (i64, i64, Option<String>, Option<String>, Option<String>) =
                sqlx::query_as(
                    "SELECT created_at, amount, receipt_number, receipt_upload, reason FROM billing_requests WHERE id = $1",
                )
                .bind(&head.subject_id)
                .fetch_one(db)
                .await?;
            SubjectFacts::Purchase {
                asked_at: from_ms(asked),
                amount: Credits::new(amount),
                receipt,
                receipt_file: file,
                reason,
            }
        }
    };
    Ok(super::CaseFactsView {
        subject,
        client: party_facts(db, &head.client_id, head.client_name, dispute).await?,
        model: party_facts(db, &head.model_id, head.model_name, dispute).await?,
    })
}

#[derive(sqlx::FromRow)]
struct PastRow {
    #[sqlx(try_from = "String")]
    id: crate::domain::DisputeId,
    #[sqlx(try_from = "String")]
    subject_kind: crate::domain::dispute::Subject,
    opened_at: i64,
    #[sqlx(try_from = "String")]
    state: crate::domain::dispute::DisputeState,
    refunded: Option<i64>,
}

/// One party's other disputes (as client or model) and sanctions.
async fn party_facts(
    db: &Db,
    user: &str,
    name: String,
    this: &crate::domain::DisputeId,
) -> Result<super::PartyFacts, AppError> {
    let cases = sqlx::query_as::<_, PastRow>(
        "SELECT id, subject_kind, opened_at, state, refunded FROM disputes \
         WHERE (client_id = $1 OR model_id = $1) AND id <> $2 ORDER BY opened_at DESC LIMIT 20",
    )
    .bind(user)
    .bind(this.as_str())
    .fetch_all(db)
    .await?;
    let sanctions: Vec<(String, Option<i64>, i64, String)> = sqlx::query_as(
        "SELECT kind, until, created_at, reason FROM sanctions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20",
    )
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(super::PartyFacts {
        name,
        cases: cases
            .into_iter()
            .map(|r| super::PastCase {
                dispute: r.id,
                subject: r.subject_kind,
                opened_at: from_ms(r.opened_at),
                state: r.state,
                refunded: r.refunded.map(crate::domain::Credits::new),
            })
            .collect(),
        sanctions: sanctions
            .into_iter()
            .map(|(kind, until, at, reason)| super::PastSanction {
                suspension: kind == "suspension",
                until: until.map(from_ms),
                at: from_ms(at),
                reason,
            })
            .collect(),
    })
}
