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
}

#[server(prefix = "/api", endpoint = "support/customers")]
pub async fn customers(search: String) -> Result<Vec<CustomerSummary>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let rows = crate::support::store::customers(&state.db, &search).await?;
    Ok(rows)
}

/// A customer's page: balance and transactions, filtered by kind, date
/// (`YYYY-MM-DD`, inclusive) and a search over reason, kind and id.
#[server(prefix = "/api", endpoint = "support/customer")]
pub async fn get_customer_page(
    id: String,
    kind: String,
    from: String,
    to: String,
    q: String,
) -> Result<CustomerPage, AppError> {
    use crate::domain::ledger::TxnKind;
    use crate::platform::request::*;
    use crate::support::store as bo;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    let id = ssr::customer_id(&id)?;
    let customer = bo::customer(&state.db, &id).await?;
    let filter = bo::TxnFilter {
        kind: TxnKind::parse(&kind),
        from: ssr::date(&from, false)?,
        to: ssr::date(&to, true)?,
        search: q.chars().take(100).collect(),
    };
    let txns = bo::transactions(&state.db, &id, &filter).await?;
    Ok(CustomerPage {
        customer,
        txns: txns.into_iter().map(TxnLine::from).collect(),
        default_processor: bo::last_processor(&state.db, &id).await?,
    })
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
