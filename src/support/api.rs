//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use leptos::prelude::*;

use crate::domain::ledger::Processor;
use crate::domain::AppError;
#[cfg(feature = "ssr")]
use crate::domain::{Credits, ErrorCode};

use super::*;

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::domain::{TxnId, UserId};

    pub fn customer_id(raw: &str) -> Result<UserId, AppError> {
        UserId::parse(raw).ok_or_else(|| AppError::new(ErrorCode::NotFound))
    }

    pub fn txn_id(raw: &str) -> Result<TxnId, AppError> {
        TxnId::parse(raw).ok_or_else(|| AppError::new(ErrorCode::NotFound))
    }

    pub fn amount(raw: &str) -> Result<Credits, AppError> {
        Credits::parse(raw).ok_or_else(|| AppError::new(ErrorCode::BadInput))
    }

    pub fn date(raw: &str, end_of_day: bool) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        let d = chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::new(ErrorCode::BadInput))?;
        let d = if end_of_day { d.succ_opt().unwrap_or(d) } else { d };
        Ok(Some(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()))
    }

    /// The transactions filter as the page's form names it.
    pub fn filter(
        kind: &str,
        from: &str,
        to: &str,
        q: &str,
    ) -> Result<crate::support::store::TxnFilter, AppError> {
        Ok(crate::support::store::TxnFilter {
            kind: crate::domain::ledger::TxnKind::parse(kind),
            from: date(from, false)?,
            to: date(to, true)?,
            search: q.chars().take(100).collect(),
            offset: 0,
            limit: None,
        })
    }
}

#[server(prefix = "/api", endpoint = "support/customers")]
pub async fn customers(search: String) -> Result<Vec<CustomerSummary>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let rows = crate::support::store::customers(&state.db, &search).await?;
    Ok(rows)
}

/// A customer's page: balance and one page (`page`, from 1) of the
/// transactions, filtered by kind, date (`YYYY-MM-DD`, inclusive) and a
/// search over reason, kind and reference.
#[server(prefix = "/api", endpoint = "support/customer")]
pub async fn get_customer_page(
    id: String,
    kind: String,
    from: String,
    to: String,
    q: String,
    page: String,
) -> Result<CustomerPage, AppError> {
    use crate::platform::request::*;
    use crate::support::store as bo;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let id = ssr::customer_id(&id)?;
    let customer = bo::customer(&state.db, &id).await?;
    // A page number that is not one is the first page.
    let page = page
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|p| (1..=10_000).contains(p))
        .unwrap_or(1);
    let mut filter = ssr::filter(&kind, &from, &to, &q)?;
    filter.offset = i64::from(page - 1) * i64::from(TXN_PAGE);
    // One more than a page says whether older entries follow.
    filter.limit = Some(i64::from(TXN_PAGE) + 1);
    let mut txns = bo::transactions(&state.db, &id, &filter).await?;
    let more = txns.len() > TXN_PAGE as usize;
    txns.truncate(TXN_PAGE as usize);
    Ok(CustomerPage {
        customer,
        txns: txns.into_iter().map(TxnLine::from).collect(),
        page,
        more,
        default_processor: bo::last_processor(&state.db, &id).await?,
    })
}

/// A customer's transactions with the page's filters, as a CSV file for a
/// spreadsheet (support only): when (in the viewer's zone), reference,
/// kind, the change to the balance, details, who, processor, what it
/// refunds or reverses, deletion and payout, with headers and kinds in
/// `locale`. Answers the file's name and its text. Served by
/// `serve::transactions_csv` (a download, not a server function).
#[cfg(feature = "ssr")]
pub async fn transactions_csv(
    db: &crate::platform::db::Db,
    viewer: &crate::platform::auth::Viewer,
    id: &str,
    q: &std::collections::HashMap<String, String>,
    locale: crate::domain::Locale,
) -> Result<(String, String), AppError> {
    use crate::domain::text::spreadsheet_cell;
    use crate::i18n::ledger::{shown_reason, txn_kind_msg};
    use crate::i18n::Msg;
    use crate::support::store as bo;
    if viewer.role != crate::domain::Role::Support {
        return Err(AppError::new(ErrorCode::NotAllowed));
    }
    let field = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
    let id = ssr::customer_id(id)?;
    let customer = bo::customer(db, &id).await?;
    let filter = ssr::filter(field("kind"), field("from"), field("to"), field("q"))?;
    let txns = bo::transactions(db, &id, &filter).await?;
    let zone = crate::platform::zones::info(&viewer.time_zone);
    let t = |m: Msg| m.text(locale);
    let when = |at: chrono::DateTime<chrono::Utc>| zone.local(at).format("%Y-%m-%d %H:%M").to_string();
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| crate::platform::db::internal("csv", e);
    out.write_record([
        format!("{} ({})", t(Msg::When), viewer.time_zone.as_str()),
        t(Msg::CsvReference).to_string(),
        t(Msg::Kind).to_string(),
        t(Msg::CsvBalanceChange).to_string(),
        t(Msg::Details).to_string(),
        t(Msg::CsvBy).to_string(),
        t(Msg::CsvProcessor).to_string(),
        t(Msg::CsvRefersTo).to_string(),
        t(Msg::CsvDeleted).to_string(),
        t(Msg::PaidOut).to_string(),
    ])
    .map_err(csv_err)?;
    for v in txns {
        let l = TxnLine::from(v);
        let deleted = l.deleted_at.map(|at| {
            format!(
                "{} · {} · {}",
                when(at),
                l.deleted_by.clone().unwrap_or_default(),
                l.deleted_reason.clone().unwrap_or_default()
            )
        });
        let paid = l
            .paid_out_at
            .map(|at| format!("{} · {}", when(at), l.payout_ref.clone().unwrap_or_default()));
        out.write_record([
            when(l.at),
            l.reference.to_string(),
            t(txn_kind_msg(l.kind)).to_string(),
            // A number a spreadsheet adds up, sign included.
            l.balance_effect.get().to_string(),
            spreadsheet_cell(&shown_reason(l.kind, &l.reason, locale).unwrap_or_default()),
            spreadsheet_cell(&l.actor_name.clone().unwrap_or_default()),
            l.processor.map(|p| p.name().to_string()).unwrap_or_default(),
            l.refers_to_ref.map(|r| r.to_string()).unwrap_or_default(),
            spreadsheet_cell(&deleted.unwrap_or_default()),
            spreadsheet_cell(&paid.unwrap_or_default()),
        ])
        .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| crate::platform::db::internal("csv", e))?;
    let text = String::from_utf8(bytes).map_err(|e| crate::platform::db::internal("csv", e))?;
    let name: String = customer
        .display_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .filter(char::is_ascii)
        .collect();
    Ok((format!("transactions-{name}.csv"), text))
}

/// TXN-2/3: refund `amount` (≤ what is still refundable) of a transaction,
/// with a reason. `key` comes from the form and makes a double submit
/// harmless.
#[server(prefix = "/api", endpoint = "support/refund")]
pub async fn refund_txn(
    customer: String,
    txn: String,
    amount: String,
    reason: String,
    key: String,
) -> Result<(), AppError> {
    use crate::domain::{Reason, RuleId};
    use crate::platform::ledger::IdempotencyKey;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(crate::domain::Role::Support)?;
    let amount = ssr::amount(&amount).map_err(|e| e.with_rule(RuleId::Txn2))?;
    let reason = Reason::parse(&reason)?;
    let key = IdempotencyKey::from_form("support-refund", &key)?;
    let customer = ssr::customer_id(&customer)?;
    crate::support::store::support_refund(
        &state.db,
        &me.id,
        &customer,
        &ssr::txn_id(&txn)?,
        amount,
        reason,
        &key,
        state.clock.now(),
    )
    .await?;
    redirect_plain_form(&format!("/support/customers/{customer}"));
    Ok(())
}

/// TXN-4: deletes a wrong refund entry (reason required).
#[server(prefix = "/api", endpoint = "support/refund/delete")]
pub async fn delete_refund(
    customer: String,
    txn: String,
    reason: String,
    key: String,
) -> Result<(), AppError> {
    use crate::domain::Reason;
    use crate::platform::ledger::IdempotencyKey;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(crate::domain::Role::Support)?;
    let reason = Reason::parse(&reason)?;
    let key = IdempotencyKey::from_form("refund-delete", &key)?;
    let customer = ssr::customer_id(&customer)?;
    crate::support::store::delete_refund(
        &state.db,
        &me.id,
        &customer,
        &ssr::txn_id(&txn)?,
        reason,
        &key,
        state.clock.now(),
    )
    .await?;
    Ok(())
}

/// TXN-5: adds a positive or negative amount to the balance; never below
/// zero. A negative one (a withdrawal) names the processor (TXN-6).
#[server(prefix = "/api", endpoint = "support/correction")]
pub async fn correct_balance(
    customer: String,
    amount: String,
    processor: String,
    reason: String,
    key: String,
) -> Result<(), AppError> {
    use crate::domain::{Reason, RuleId};
    use crate::platform::ledger::IdempotencyKey;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(crate::domain::Role::Support)?;
    let delta = ssr::amount(&amount).map_err(|e| e.with_rule(RuleId::Txn5))?;
    let processor = Processor::parse(&processor);
    let reason = Reason::parse(&reason)?;
    let key = IdempotencyKey::from_form("correction", &key)?;
    let customer = ssr::customer_id(&customer)?;
    crate::support::store::correct_balance(
        &state.db,
        &me.id,
        &customer,
        delta,
        processor,
        reason,
        &key,
        state.clock.now(),
    )
    .await?;
    Ok(())
}

/// TXN-6: records the processor's payout reference and marks the
/// withdrawal paid out.
#[server(prefix = "/api", endpoint = "support/payout")]
pub async fn record_payout(customer: String, txn: String, reference: String) -> Result<(), AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(crate::domain::Role::Support)?;
    let customer = ssr::customer_id(&customer)?;
    crate::support::store::record_payout(
        &state.db,
        &me.id,
        &customer,
        &ssr::txn_id(&txn)?,
        &reference,
        state.clock.now(),
    )
    .await?;
    Ok(())
}

/// The audit log (issue 8), newest first, 100 a page: `before` an entry id
/// for older ones; `action` narrows (`money`, or one action's code).
#[server(prefix = "/api", endpoint = "support/audit")]
pub async fn audit_log(before: String, action: String) -> Result<Vec<AuditEntry>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let nonempty = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    let before = match nonempty(&before) {
        Some(b) => Some(
            crate::domain::AuditEntryId::parse(&b)
                .ok_or_else(|| AppError::new(crate::domain::ErrorCode::NotFound))?,
        ),
        None => None,
    };
    let lines =
        crate::platform::audit::list(&state.db, before.as_ref(), nonempty(&action).as_deref()).await?;
    crate::support::store::audit_entries(&state.db, lines).await
}
