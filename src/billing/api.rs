//! Server functions: who asks -> load -> the domain decides -> persist -> answer.
// The bodies compile on the server only; the browser build keeps the signatures.
#![cfg_attr(not(feature = "ssr"), allow(unused_imports))]

use leptos::prelude::*;

use leptos::server_fn::codec::{MultipartData, MultipartFormData};

use crate::domain::billing::Status;
use crate::domain::AppError;

use super::*;

/// BILL-5: the processors and how to reach them, in `locale`. Public.
#[server(prefix = "/api", endpoint = "billing/processors")]
pub async fn billing_processors(locale: String) -> Result<Vec<ProcessorView>, AppError> {
    use crate::domain::{ErrorCode, Locale};
    let state = crate::platform::request::state()?;
    let locale = Locale::from_tag(&locale).ok_or_else(|| AppError::new(ErrorCode::InvalidLocale))?;
    crate::billing::store::processors(&state.db, locale).await
}

/// The signed-in client's purchases, spending and refund requests; none
/// for other roles or readers (the billing-support page shows it when there).
#[server(prefix = "/api", endpoint = "billing/mine")]
pub async fn my_billing() -> Result<Option<BillingOverview>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    match viewer() {
        Some(v) if v.role == crate::domain::Role::Client => {
            Ok(Some(crate::billing::store::overview(&state.db, &v.id).await?))
        }
        _ => Ok(None),
    }
}

/// BILL-1: the processor's checkout completed for `product`.
#[server(prefix = "/api", endpoint = "billing/buy")]
pub async fn buy_product(
    product: String,
    processor: String,
    form_key: String,
) -> Result<PurchaseLine, AppError> {
    use crate::domain::billing::Product;
    use crate::domain::ledger::Processor;
    use crate::domain::{ErrorCode, Role, RuleId};
    use crate::platform::ledger::IdempotencyKey;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Client)?;
    let product = Product::parse(&product)?;
    let processor = Processor::parse(&processor)
        .ok_or_else(|| AppError::new(ErrorCode::BadInput).with_rule(RuleId::Bill5))?;
    let key = IdempotencyKey::from_form("buy", &form_key)?;
    let bought =
        crate::billing::store::buy(&state.db, &me.id, product, processor, &key, state.clock.now()).await?;
    redirect_plain_form(&format!("/client/billing?bought={}", bought.payment_number));
    Ok(bought)
}

/// BILL-2..4: a refund request for `subject` (`purchase:<id>` or
/// `spend:<id>`); `amount` empty asks for all that is left.
#[server(prefix = "/api", endpoint = "billing/ask_refund")]
pub async fn ask_refund(
    subject: String,
    amount: String,
    payment_number: String,
    reason: String,
) -> Result<Status, AppError> {
    use crate::billing::store::SubjectRef;
    use crate::domain::billing::Ask;
    use crate::domain::{ErrorCode, Role};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Client)?;
    let subject = SubjectRef::parse(&subject).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let ask = Ask::from_form(&amount, &payment_number, &reason)?;
    let (_, accepted) =
        crate::billing::store::request_refund(&state.db, &me.id, &subject, ask, state.clock.now()).await?;
    Ok(accepted.status)
}

/// BILL-2 with an uploaded receipt: the fields of `ask_refund` and the file
/// `receipt`, as multipart form data (from the page's script, or a plain
/// form post without JavaScript).
#[server(prefix = "/api", endpoint = "billing/ask_refund_upload", input = MultipartFormData)]
pub async fn ask_refund_upload(data: MultipartData) -> Result<Status, AppError> {
    use crate::billing::store::SubjectRef;
    use crate::domain::billing::{Ask, Receipt};
    use crate::domain::upload::FileKind;
    use crate::domain::{ErrorCode, Role};
    use crate::platform::request::*;
    use crate::platform::uploads::{self, Purpose};
    let state = state()?;
    let me = require_role(Role::Client)?;
    let (fields, file) = read_form(data, "receipt").await?;
    let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let subject =
        SubjectRef::parse(field("subject").trim()).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let mut ask = Ask::from_form(&field("amount"), &field("payment_number"), &field("reason"))?;
    let now = state.clock.now();
    let dir = state.config.upload_dir.clone();
    let upload = if file.is_empty() {
        None
    } else {
        let id = uploads::store(
            &state.db,
            &dir,
            &me.id,
            Purpose::Receipt,
            &file,
            &FileKind::RECEIPTS,
            now,
        )
        .await?;
        ask.receipt = Some(Receipt::Upload(id.clone()));
        Some(id)
    };
    match crate::billing::store::request_refund(&state.db, &me.id, &subject, ask, now).await {
        Ok((_, accepted)) => {
            redirect_plain_form(&format!("/client/billing?asked={}", accepted.status.as_str()));
            Ok(accepted.status)
        }
        Err(e) => {
            if let Some(id) = upload {
                uploads::discard(&state.db, &dir, &id).await;
            }
            Err(e)
        }
    }
}

/// A tip to a model from her profile (BILL-1).
#[server(prefix = "/api", endpoint = "billing/tip")]
pub async fn send_tip(model_id: String, amount: String, form_key: String) -> Result<(), AppError> {
    use crate::domain::billing::SpendKind;
    use crate::domain::{Credits, ErrorCode, Role, UserId};
    use crate::platform::ledger::IdempotencyKey;
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Client)?;
    let amount = Credits::parse(&amount).ok_or_else(|| AppError::new(ErrorCode::BadInput))?;
    let model = UserId::parse(&model_id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let key = IdempotencyKey::from_form("tip", &form_key)?;
    crate::billing::store::record_spend(
        &state.db,
        SpendKind::Tip,
        &me.id,
        &model,
        "Tip",
        amount,
        None,
        &key,
        state.clock.now(),
    )
    .await?;
    redirect_plain_form(&format!("/models/{model}?tipped=1"));
    Ok(())
}

/// BILL-3: the refund requests about this model's tips and shows.
#[server(prefix = "/api", endpoint = "billing/model_requests")]
pub async fn model_billing_requests() -> Result<Vec<RequestLine>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(crate::domain::Role::Model)?;
    crate::billing::store::for_model(&state.db, &me.id).await
}

/// BILL-3: the model's side of a request.
#[server(prefix = "/api", endpoint = "billing/answer")]
pub async fn answer_billing_request(id: String, statement: String) -> Result<(), AppError> {
    use crate::domain::{BillingRequestId, ErrorCode, Reason};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(crate::domain::Role::Model)?;
    let id = BillingRequestId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let statement = Reason::parse(&statement)?;
    crate::billing::store::model_answer(&state.db, &me.id, &id, statement, state.clock.now()).await
}

/// Support's queue: pending requests, or those in `status`.
#[server(prefix = "/api", endpoint = "billing/queue")]
pub async fn billing_queue(status: String) -> Result<Vec<RequestLine>, AppError> {
    use crate::platform::request::*;
    let state = state()?;
    require_role(crate::domain::Role::Support)?;
    crate::billing::store::queue(&state.db, Status::parse(&status)).await
}

/// BILL-2..4: `decision` = approve (with `amount`, empty for all asked)
/// or decline (with a `note`).
#[server(prefix = "/api", endpoint = "billing/decide")]
pub async fn decide_billing_request(
    id: String,
    decision: String,
    amount: String,
    note: String,
) -> Result<(), AppError> {
    use crate::domain::billing::Decision;
    use crate::domain::{BillingRequestId, Credits, ErrorCode, Reason, Role};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let id = BillingRequestId::parse(&id).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    let note = if note.trim().is_empty() {
        None
    } else {
        Some(Reason::parse(&note)?)
    };
    let decision = match decision.as_str() {
        "approve" => {
            let amount = match amount.trim() {
                "" => None,
                a => Some(Credits::parse(a).ok_or_else(|| AppError::new(ErrorCode::BadInput))?),
            };
            let asked = crate::billing::store::asked_amount(&state.db, &id).await?;
            Decision::Approve {
                amount: amount.unwrap_or(asked),
                note,
            }
        }
        "decline" => Decision::Decline {
            note: note.ok_or_else(|| AppError::new(ErrorCode::BadInput).with_detail("3-1000"))?,
        },
        _ => return Err(AppError::new(ErrorCode::BadInput)),
    };
    crate::billing::store::decide(&state.db, &me.id, &id, decision, state.clock.now()).await
}

/// BILL-5: support edits a processor's contact data.
#[server(prefix = "/api", endpoint = "billing/processor")]
pub async fn save_processor(
    code: String,
    regions_en: String,
    regions_it: String,
    advice_en: String,
    advice_it: String,
    contacts: String,
) -> Result<(), AppError> {
    use crate::domain::ledger::Processor;
    use crate::domain::{ErrorCode, Role};
    use crate::platform::request::*;
    let state = state()?;
    let me = require_role(Role::Support)?;
    let code = Processor::parse(&code).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    crate::billing::store::save_processor(
        &state.db,
        code,
        crate::billing::store::ProcessorEdit {
            regions_en,
            regions_it,
            advice_en,
            advice_it,
            contacts,
        },
        &me.id,
        state.clock.now(),
    )
    .await?;
    // The billing-support article shows the processors.
    state.help_changed().await;
    Ok(())
}
