//! Billing (BILL): the processors' table and the reader's purchases on the
//! billing-support page, the client's billing page and checkout, tips, the
//! model's answers to refund requests, and support's queue.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::billing::api::{
    billing_queue, model_billing_requests, my_billing, AnswerBillingRequest, AskRefund, BuyProduct,
    DecideBillingRequest, SendTip,
};
use crate::billing::{BillingOverview, ProcessorView, PurchaseLine, RequestLine, SubjectRef};
use crate::domain::billing::{euros, Channel, Product, SpendKind, Status};
use crate::domain::ledger::Processor;
use crate::domain::Locale;
use crate::i18n::Msg;
use crate::ui::components::{fmt_time, form_key, load, ErrorNote, UploadForm, UrlErrorNote};
use crate::ui::context::{use_i18n, use_session};
use crate::ui::forms::error_of;

/// A processor's contact channel in words (BILL-5).
pub fn channel_msg(c: Channel) -> Msg {
    match c {
        Channel::Email => Msg::ChannelEmail,
        Channel::Phone => Msg::ChannelPhone,
        Channel::WebForm => Msg::ChannelWebForm,
        Channel::Lookup => Msg::ChannelLookup,
        Channel::Team => Msg::ChannelTeam,
    }
}

fn status_msg(s: Status) -> Msg {
    match s {
        Status::AwaitingModel => Msg::StatusAwaitingModel,
        Status::Open => Msg::StatusOpen,
        Status::RefusedByDefault => Msg::StatusRefusedByDefault,
        Status::Approved => Msg::StatusApproved,
        Status::Declined => Msg::StatusDeclined,
    }
}

fn kind_msg(k: SpendKind) -> Msg {
    match k {
        SpendKind::Tip => Msg::KindTip,
        SpendKind::PrivateShow => Msg::KindPrivateShow,
        SpendKind::Content => Msg::KindContentSale,
    }
}

/// A spend's stored title, when it is a title: a photo or video's name
/// from the content system. A tip's and a show's are notes the system
/// wrote in English ("Tip", "Private show, 3 min watched"); the kind and
/// the minutes watched say them in the reader's words.
fn spend_title(kind: SpendKind, title: &str) -> Option<&str> {
    match kind {
        SpendKind::Content => Some(title).filter(|t| !t.trim().is_empty()),
        SpendKind::Tip | SpendKind::PrivateShow => None,
    }
}

fn product_label(p: Product, locale: Locale) -> String {
    match p {
        Product::PremiumYear => Msg::ProductPremium.text(locale).to_string(),
        p => format!("{} {}", p.credits(), Msg::ProductPack.text(locale)),
    }
}

/// BILL-5: who the processors are, where they work and how to reach them.
#[component]
pub fn ProcessorsTable(list: Vec<ProcessorView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data processors" data-testid="processors">
            <thead>
                <tr>
                    <th>{move || i18n.t(Msg::ProcessorCol)}</th>
                    <th>{move || i18n.t(Msg::RegionsCol)}</th>
                    <th>{move || i18n.t(Msg::ContactsCol)}</th>
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|p| {
                        let locale = i18n.locale.get_untracked();
                        view! {
                            <tr data-processor=p.code.clone()>
                                <td><strong>{p.name.clone()}</strong><p class="muted">{p.advice.clone()}</p></td>
                                <td>{p.regions.clone()}</td>
                                <td>
                                    <ul class="contact-list">
                                        {p.contacts
                                            .iter()
                                            .map(|c| {
                                                let note = match locale {
                                                    Locale::En => c.note_en.clone(),
                                                    Locale::It => c.note_it.clone(),
                                                };
                                                let value = match c.href() {
                                                    Some(h) => view! { <a href=h rel="noopener noreferrer">{c.value.clone()}</a> }.into_any(),
                                                    None => c.value.clone().into_any(),
                                                };
                                                view! {
                                                    <li>
                                                        <span class="muted">{format!("{}: ", i18n.t(channel_msg(c.channel)))}</span>
                                                        {value}
                                                        {(!note.is_empty()).then(|| format!(" — {note}"))}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// On the billing-support page: which processor charged each of the
/// signed-in client's purchases (or how to see that).
#[component]
pub fn BillingWidget() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let mine = Resource::new(|| (), |_| my_billing());
    view! {
        <h2>{move || i18n.t(Msg::YourPurchases)}</h2>
        {move || match session.role() {
            None => view! {
                <p><a href=i18n.href("/signin")>{i18n.t(Msg::SignInForPurchases)}</a></p>
            }
            .into_any(),
            Some(_) => load(mine, move |o: Option<BillingOverview>| match o {
                Some(o) => view! { <PurchasesTable purchases=o.purchases ask=false /> }.into_any(),
                None => view! { <p class="muted">{i18n.t(Msg::NoPurchasesYet)}</p> }.into_any(),
            })
            .into_any(),
        }}
    }
}

#[component]
fn PurchasesTable(purchases: Vec<PurchaseLine>, ask: bool) -> impl IntoView {
    let i18n = use_i18n();
    if purchases.is_empty() {
        return view! { <p class="muted" data-testid="no-purchases">{i18n.t(Msg::NoPurchasesYet)}</p> }
            .into_any();
    }
    let locale = i18n.locale.get_untracked();
    view! {
        <table class="data" data-testid="purchases">
            <thead>
                <tr>
                    <th>{i18n.t(Msg::Purchases)}</th>
                    <th class="num">{i18n.t(Msg::Amount)}</th>
                    <th>{i18n.t(Msg::ProcessorCol)}</th>
                    <th>{i18n.t(Msg::PaymentNumber)}</th>
                    {ask.then(|| view! { <th><span class="visually-hidden">{i18n.t(Msg::Actions)}</span></th> })}
                </tr>
            </thead>
            <tbody>
                {purchases
                    .into_iter()
                    .map(|p| {
                        let subject = format!("purchase:{}", p.id);
                        view! {
                            <tr data-purchase=p.payment_number.clone()>
                                <td>
                                    {product_label(p.product, locale)}
                                    <span class="muted">{format!(" · {}", fmt_time(p.completed_at))}</span>
                                    {p.refunded.then(|| view! { <span class="tag">{i18n.t(Msg::Refunded)}</span> })}
                                </td>
                                <td class="num">{euros(p.price_cents)}</td>
                                <td data-testid="charged-by">{p.processor.name()}</td>
                                <td class="mono">{p.payment_number.clone()}</td>
                                {ask.then(|| {
                                    (!p.refunded).then(|| view! {
                                        <td>
                                            <details>
                                                <summary data-testid="ask-refund">{i18n.t(Msg::AskRefund)}</summary>
                                                <UploadForm endpoint="/api/billing/ask_refund_upload" class="stack">
                                                    <input type="hidden" name="subject" value=subject.clone() />
                                                    <input type="hidden" name="amount" value="" />
                                                    <input type="hidden" name="reason" value="" />
                                                    <label>
                                                        {i18n.t(Msg::PaymentNumberHint)}
                                                        <input name="payment_number" maxlength="64" data-testid="receipt-number" />
                                                    </label>
                                                    <label>
                                                        {i18n.t(Msg::ReceiptFile)}
                                                        <input
                                                            type="file"
                                                            name="receipt"
                                                            accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
                                                            data-testid="receipt-file"
                                                        />
                                                    </label>
                                                    <button type="submit" class="primary" data-testid="send-refund">{i18n.t(Msg::Send)}</button>
                                                </UploadForm>
                                            </details>
                                        </td>
                                    })
                                })}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A purchase refund request sent as multipart form data (with its file).
#[component]
pub fn ClientBillingPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let ask = ServerAction::<AskRefund>::new();
    let data = Resource::new(|| (), |_| my_billing());
    let asked = move || match ask.value().get() {
        Some(Ok(s)) => Some(s),
        _ => query.with(|q| q.get("asked")).and_then(|s| Status::parse(&s)),
    };
    let bought = move || query.with(|q| q.get("bought"));
    view! {
        <Title text=i18n.t(Msg::Billing) />
        <>
            <h1>{move || i18n.t(Msg::Billing)}</h1>
            <h2>{move || i18n.t(Msg::BuyCredits)}</h2>
            <ul class="tiles">
                {Product::ALL
                    .into_iter()
                    .map(|p| {
                        view! {
                            <li class="card">
                                <strong>{move || product_label(p, i18n.locale.get())}</strong>
                                <p>{euros(p.price_cents())}</p>
                                <a class="button primary" href=move || i18n.href(&format!("/client/checkout?product={}", p.code())) data-testid=format!("buy-{}", p.code())>
                                    {move || i18n.t(Msg::Buy)}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ErrorNote error=error_of(ask) />
            <UrlErrorNote endpoint="/api/billing/ask_refund_upload" />
            {move || bought().map(|n| view! {
                <p class="notice notice-ok" role="status" data-testid="paid">
                    {format!("{} ", i18n.t(Msg::PaymentDone))}<strong class="mono" data-testid="payment-number">{n}</strong>
                </p>
            })}
            {move || asked().map(|status| view! {
                <p class="notice notice-ok" role="status" data-testid="refund-asked" data-status=status.as_str()>
                    {format!("{} ({})", i18n.t(Msg::RequestSent), i18n.t(status_msg(status)))}
                </p>
            })}
            {load(data, move |o: Option<BillingOverview>| {
                let o = o.unwrap_or(BillingOverview { purchases: vec![], spends: vec![], requests: vec![], premium_until: None });
                view! {
                    {o.premium_until.map(|u| view! { <p class="notice" data-testid="premium">{format!("{} {}", i18n.t(Msg::PremiumUntil), fmt_time(u))}</p> })}
                    <h2>{i18n.t(Msg::Purchases)}</h2>
                    <PurchasesTable purchases=o.purchases ask=true />
                    <h2>{i18n.t(Msg::Spending)}</h2>
                    <Spends o=o.spends ask=ask />
                    <h2>{i18n.t(Msg::RefundRequests)}</h2>
                    <Requests lines=o.requests />
                }
            })}
        </>
    }
}

#[component]
fn Spends(o: Vec<crate::billing::SpendLine>, ask: ServerAction<AskRefund>) -> impl IntoView {
    let i18n = use_i18n();
    if o.is_empty() {
        return view! { <p class="muted" data-testid="no-spends">{i18n.t(Msg::NoSpendsYet)}</p> }.into_any();
    }
    view! {
        <ul class="call-list" data-testid="spends">
            {o.into_iter()
                .map(|s| {
                    let subject = format!("spend:{}", s.id);
                    let watched = s.watched_seconds.map(|w| format!(" · {} {}:{:02}", i18n.t(Msg::Watched), w / 60, w % 60));
                    view! {
                        <li class="call-item" data-spend=s.kind.as_str()>
                            <span>
                                <strong>{format!("{} · {}", i18n.t(kind_msg(s.kind)), s.model_name)}</strong>
                                {format!("{} · {} ", spend_title(s.kind, &s.title).map(|t| format!(" · “{t}”")).unwrap_or_default(), s.amount)}
                                <span class="muted">{format!("{}{}", fmt_time(s.at), watched.unwrap_or_default())}</span>
                                {(s.refunded > 0).then(|| view! { <span class="tag">{format!("{} {}", i18n.t(Msg::Refunded), s.refunded)}</span> })}
                            </span>
                            <details>
                                <summary>{i18n.t(Msg::AskRefund)}</summary>
                                <ActionForm action=ask attr:class="stack">
                                    <input type="hidden" name="subject" value=subject />
                                    <input type="hidden" name="payment_number" value="" />
                                    <label>{i18n.t(Msg::AmountOptional)} <input name="amount" type="number" min="1" max=s.amount.to_string() /></label>
                                    <label>{i18n.t(Msg::WrittenReason)} <textarea name="reason" rows="2" maxlength="1000"></textarea></label>
                                    <button type="submit" class="primary">{i18n.t(Msg::Send)}</button>
                                </ActionForm>
                            </details>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Requests(lines: Vec<RequestLine>) -> impl IntoView {
    let i18n = use_i18n();
    if lines.is_empty() {
        return view! { <p class="muted" data-testid="no-requests">{i18n.t(Msg::NoRefundRequestsYet)}</p> }
            .into_any();
    }
    view! {
        <ul class="call-list" data-testid="requests">
            {lines.into_iter().map(|r| view! { <li class="call-item"><RequestText r=r /></li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn RequestText(r: RequestLine) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.locale.get_untracked();
    let what = match r.subject {
        SubjectRef::Spend(_) => format!(
            "{}{}",
            r.spend_kind.map(|k| i18n.t(kind_msg(k))).unwrap_or_default(),
            match (r.spend_kind, r.title.as_deref()) {
                (Some(k), Some(t)) => spend_title(k, t).map(|t| format!(" “{t}”")).unwrap_or_default(),
                _ => String::new(),
            }
        ),
        SubjectRef::Purchase(_) => format!(
            "{} · {}",
            r.product.map(|p| product_label(p, locale)).unwrap_or_default(),
            r.processor.map(Processor::name).unwrap_or_default()
        ),
    };
    view! {
        <span data-status=r.status.as_str()>
            <strong>{format!("{what} · {} ", r.amount)}</strong>
            <span class="tag">{i18n.t(status_msg(r.status))}</span>
            <span class="muted">{format!(" · {} · {}", r.client_name, fmt_time(r.at))}</span>
            {r.reason.map(|t| view! { <blockquote class="client-reason">{t}</blockquote> })}
            {r.model_statement.map(|t| view! { <p><span class="muted">{format!("{}: ", i18n.t(Msg::ModelSaid))}</span>{t}</p> })}
            {r.decision_note.map(|t| view! { <p class="muted">{t}</p> })}
        </span>
    }
}

/// BILL-1: the processor's checkout, simulated: the client picks a
/// processor and pays; the purchase is recorded with its payment number.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let buy = ServerAction::<BuyProduct>::new();
    let key = form_key(move || buy.version().get());
    let product = move || {
        query
            .with(|q| q.get("product"))
            .and_then(|p| Product::parse(&p).ok())
    };
    view! {
        <Title text=i18n.t(Msg::Checkout) />
        <>
            <section class="card narrow">
                <h1>{move || i18n.t(Msg::Checkout)}</h1>
                <ErrorNote error=error_of(buy) />
                {move || match buy.value().get() {
                    Some(Ok(p)) => view! {
                        <p class="notice notice-ok" role="status" data-testid="paid">
                            {format!("{} ", i18n.t(Msg::PaymentDone))}
                            <strong class="mono" data-testid="payment-number">{p.payment_number.clone()}</strong>
                            {format!(" ({} {})", i18n.t(Msg::ChargedBy), p.processor.name())}
                        </p>
                        <a href=i18n.href("/client/billing")>{i18n.t(Msg::Billing)}</a>
                    }
                    .into_any(),
                    _ => match product() {
                        None => view! { <p class="notice notice-error">{i18n.t(Msg::ErrNotFound)}</p> }.into_any(),
                        Some(p) => view! {
                            <p class="lead">{format!("{} · {}", product_label(p, i18n.locale.get()), euros(p.price_cents()))}</p>
                            <ActionForm action=buy attr:class="stack">
                                <input type="hidden" name="product" value=p.code() />
                                <input type="hidden" name="form_key" value=move || key.get() />
                                <fieldset>
                                    <legend>{i18n.t(Msg::PayWith)}</legend>
                                    {Processor::ALL
                                        .into_iter()
                                        .enumerate()
                                        .map(|(n, pr)| view! {
                                            <label class="row-form">
                                                <input type="radio" name="processor" value=pr.code() checked=n == 0 data-testid=format!("processor-{}", pr.code()) />
                                                {pr.name()}
                                            </label>
                                        })
                                        .collect_view()}
                                </fieldset>
                                <p class="hint">{i18n.t(Msg::CheckoutNote)}</p>
                                <button type="submit" class="primary" data-testid="pay">{format!("{} {}", i18n.t(Msg::PayNow), euros(p.price_cents()))}</button>
                            </ActionForm>
                        }
                        .into_any(),
                    },
                }}
            </section>
        </>
    }
}

/// A tip from the model's profile (BILL-1).
#[component]
pub fn TipForm(model_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tip = ServerAction::<SendTip>::new();
    let key = form_key(move || tip.version().get());
    let sent = move || matches!(tip.value().get(), Some(Ok(()))) || query.with(|q| q.get("tipped").is_some());
    view! {
        <section class="card">
            <h2>{move || i18n.t(Msg::SendTip)}</h2>
            <ErrorNote error=error_of(tip) />
            <Show when=sent>
                <p class="notice notice-ok" role="status" data-testid="tip-sent">{move || i18n.t(Msg::TipSent)}</p>
            </Show>
            <ActionForm action=tip attr:class="row-form">
                <input type="hidden" name="model_id" value=model_id />
                <input type="hidden" name="form_key" value=move || key.get() />
                <label>{move || i18n.t(Msg::Amount)} " " <input name="amount" type="number" min="1" max="10000" required data-testid="tip-amount" /></label>
                <button type="submit" class="primary" data-testid="send-tip">{move || i18n.t(Msg::Send)}</button>
            </ActionForm>
        </section>
    }
}

/// BILL-3: the model gives her side before support decides.
#[component]
pub fn ModelBillingPage() -> impl IntoView {
    let i18n = use_i18n();
    let answer = ServerAction::<AnswerBillingRequest>::new();
    let data = Resource::new(move || answer.version().get(), |_| model_billing_requests());
    view! {
        <Title text=i18n.t(Msg::ModelRefundRequests) />
        <>
            <h1>{move || i18n.t(Msg::ModelRefundRequests)}</h1>
            <ErrorNote error=error_of(answer) />
            {load(data, move |lines: Vec<RequestLine>| {
                if lines.is_empty() {
                    return view! { <p class="muted" data-testid="no-requests">{i18n.t(Msg::NoModelRequestsYet)}</p> }.into_any();
                }
                view! {
                    <ul class="call-list" data-testid="model-requests">
                        {lines
                            .into_iter()
                            .map(|r| {
                                let waiting = r.status == Status::AwaitingModel;
                                let id = r.id.to_string();
                                view! {
                                    <li class="call-item">
                                        <RequestText r=r />
                                        {waiting.then(|| view! {
                                            <ActionForm action=answer attr:class="stack">
                                                <input type="hidden" name="id" value=id />
                                                <label>{i18n.t(Msg::YourSide)} <textarea name="statement" rows="3" required minlength="3" maxlength="1000"></textarea></label>
                                                <button type="submit" class="primary">{i18n.t(Msg::Answer)}</button>
                                            </ActionForm>
                                        })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </>
    }
}

/// Support's queue of refund requests for purchases and spending.
#[component]
pub fn SupportBillingPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let decide = ServerAction::<DecideBillingRequest>::new();
    let status = move || query.with(|q| q.get("status")).unwrap_or_default();
    let data = Resource::new(
        move || (status(), decide.version().get()),
        |(s, _)| billing_queue(s),
    );
    view! {
        <Title text=i18n.t(Msg::BillingQueue) />
        <>
            <h1>{move || i18n.t(Msg::BillingQueue)}</h1>
            <form method="get" class="filters">
                <label for="status">{move || i18n.t(Msg::StatusLabel)}</label>
                <select id="status" name="status">
                    <option value="">{move || i18n.t(Msg::StatusOpen)}</option>
                    {[Status::Approved, Status::Declined]
                        .into_iter()
                        .map(|s| view! { <option value=s.as_str() selected=move || status() == s.as_str()>{move || i18n.t(status_msg(s))}</option> })
                        .collect_view()}
                </select>
                <button type="submit">{move || i18n.t(Msg::Filter)}</button>
            </form>
            <ErrorNote error=error_of(decide) />
            {load(data, move |lines: Vec<RequestLine>| {
                if lines.is_empty() {
                    return view! { <p class="muted" data-testid="no-requests">{i18n.t(Msg::BillingQueueEmpty)}</p> }.into_any();
                }
                view! {
                    <ul class="call-list" data-testid="billing-queue">
                        {lines
                            .into_iter()
                            .map(|r| {
                                let pending = r.status.is_pending();
                                let id = r.id.to_string();
                                let upload = r.receipt_upload.clone().map(|f| view! {
                                    <p><a href=format!("/files/{f}") target="_blank" rel="noopener" data-testid="receipt-link">{i18n.t(Msg::ReceiptLink)}</a></p>
                                });
                                let receipt = r.receipt_number.clone().map(|n| {
                                    let matches = r.payment_number.as_deref().is_some_and(|p| crate::domain::billing::same_payment_number(&n, p));
                                    format!("{}: {n}{}", i18n.t(Msg::Receipt), if matches { " ✓" } else { "" })
                                });
                                let amount = r.amount;
                                let subject = r.subject_key();
                                view! {
                                    <li class="call-item" data-request=subject>
                                        <RequestText r=r />
                                        {receipt.map(|t| view! { <p class="mono">{t}</p> })}
                                        {upload}
                                        {pending.then(|| {
                                            let id2 = id.clone();
                                            view! {
                                                <ActionForm action=decide attr:class="row-form">
                                                    <input type="hidden" name="id" value=id />
                                                    <input type="hidden" name="decision" value="approve" />
                                                    <label>{i18n.t(Msg::Amount)} <input name="amount" type="number" min="1" max=amount.to_string() value=amount.to_string() /></label>
                                                    <label>{i18n.t(Msg::DecisionNote)} <input name="note" maxlength="1000" /></label>
                                                    <button type="submit" class="primary" data-testid="approve">{i18n.t(Msg::Approve)}</button>
                                                </ActionForm>
                                                <ActionForm action=decide attr:class="row-form">
                                                    <input type="hidden" name="id" value=id2 />
                                                    <input type="hidden" name="decision" value="decline" />
                                                    <input type="hidden" name="amount" value="" />
                                                    <label>{i18n.t(Msg::DecisionNote)} <input name="note" required minlength="3" maxlength="1000" /></label>
                                                    <button type="submit" data-testid="decline">{i18n.t(Msg::Decline)}</button>
                                                </ActionForm>
                                            }
                                        })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </>
    }
}
