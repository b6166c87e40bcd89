//! Support's back office screens (TXN, REF-6).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::calls::api::{review_request, review_requests, DecideReview};
use crate::domain::audit::Action;
use crate::domain::call::RequestStatus;
use crate::domain::ledger::{Processor, TxnKind};
use crate::i18n::Msg;
use crate::support::api::{
    audit_log, customers, get_customer_page, CorrectBalance, DeleteRefund, RecordPayout, RefundTxn,
};
use crate::support::{AuditEntry, AuditSubject, CustomerPage, CustomerSummary, ReviewLine, TxnLine};
use crate::ui::components::{fmt_time, form_key, load, urlencode, ErrorNote};
use crate::ui::context::{use_i18n, I18n};
use crate::ui::forms::error_of;

pub use crate::i18n::ledger::txn_kind_msg as kind_msg;

fn shown_reason(kind: TxnKind, reason: &str, i18n: I18n) -> Option<String> {
    crate::i18n::ledger::shown_reason(kind, reason, i18n.locale.get())
}

/// Where a client's call review stands, as support reads it (REF-6).
fn review_status_msg(s: RequestStatus) -> Msg {
    match s {
        RequestStatus::Open => Msg::CallReviewOpen,
        RequestStatus::Granted => Msg::CallReviewGranted,
        RequestStatus::Declined => Msg::CallReviewDeclined,
    }
}

/// A line of the call system's log. Its kinds are the call system's own
/// words, not an enum of ours: the known ones are said in the reader's
/// language, any other as a call-system event (its detail follows).
pub fn call_event_msg(kind: &str) -> Msg {
    match kind {
        "connected" | "joined" => Msg::CallEventConnected,
        "dropped" | "disconnected" => Msg::CallEventDropped,
        "reconnected" => Msg::CallEventReconnected,
        "quality" => Msg::CallEventQuality,
        "ended" | "hangup" => Msg::CallEventEnded,
        _ => Msg::CallEventOther,
    }
}

/// An audit entry's action in words (the log stores `money:<kind>` or a code).
fn action_msg(a: Action) -> Msg {
    match a {
        Action::Money(kind) => kind_msg(kind),
        Action::DisputeAwaiting => Msg::AuditDisputeAwaiting,
        Action::DisputeDecided => Msg::AuditDisputeDecided,
        Action::Sanction => Msg::AuditSanction,
        Action::ReviewDecided => Msg::AuditReviewDecided,
        Action::BillingDecided => Msg::AuditBillingDecided,
        Action::RatingRemoved => Msg::AuditRatingRemoved,
        Action::RatingKept => Msg::AuditRatingKept,
        Action::HelpSaved => Msg::AuditHelpSaved,
        Action::ProcessorSaved => Msg::AuditProcessorSaved,
        Action::CaseTaken => Msg::AuditCaseTaken,
        Action::CaseHandedOver => Msg::AuditCaseHandedOver,
    }
}

/// What an audit entry acted on, in words.
fn subject_text(on: &AuditSubject, i18n: I18n) -> String {
    match on {
        AuditSubject::Txn { reference, .. } => reference.to_string(),
        AuditSubject::Sanction { name, days: None, .. } => format!("{} · {name}", i18n.t(Msg::Warning)),
        AuditSubject::Sanction {
            name, days: Some(d), ..
        } => {
            format!(
                "{} · {name}",
                i18n.t(Msg::SuspensionForDays).replace("{n}", &d.to_string())
            )
        }
        AuditSubject::Processor(p) => p.name().to_string(),
        AuditSubject::Article {
            slug,
            locale,
            revision,
        } => format!(
            "{slug} ({}) · {}",
            locale.native_name(),
            i18n.t(Msg::AuditRevision).replace("{n}", &revision.to_string())
        ),
        AuditSubject::Case { who, .. } => who.clone(),
        AuditSubject::Id(id) => id.clone(),
    }
}

/// Where an audit entry's subject is read: a transaction in its customer's
/// list (found by its reference), a sanctioned person's page, the case, the
/// processors, the article.
fn subject_href(on: &AuditSubject, i18n: I18n) -> Option<String> {
    let path = match on {
        AuditSubject::Txn {
            reference,
            customer: Some(c),
        } => format!("/support/customers/{c}?q={}", urlencode(reference.as_str())),
        AuditSubject::Sanction { user, .. } => format!("/support/customers/{user}"),
        AuditSubject::Case { href, .. } => href.clone(),
        AuditSubject::Processor(_) => "/support/processors".to_string(),
        AuditSubject::Article { slug, locale, .. } => {
            return Some(crate::ui::context::localize_path(
                Some(*locale),
                &format!("/help/a/{slug}"),
            ));
        }
        AuditSubject::Txn { customer: None, .. } | AuditSubject::Id(_) => return None,
    };
    Some(i18n.href(&path))
}

#[component]
pub fn SupportHome() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <>
            <Title text=i18n.t(Msg::SupportHomeTitle) />
            <section class="page-head" data-testid="support-home">
                <h1>{move || i18n.t(Msg::SupportHomeTitle)}</h1>
                <p class="lead">{move || i18n.t(Msg::SupportHomeBody)}</p>
            </section>
            <crate::cases::pages::QueueCounts />
            <ul class="tiles">
                <li>
                    <a href=move || i18n.href("/support/customers")>{move || i18n.t(Msg::Customers)}</a>
                </li>
                <li>
                    <a href=move || i18n.href("/support/reviews")>{move || i18n.t(Msg::ReviewQueue)}</a>
                </li>
                <li>
                    <a href=move || i18n.href("/support/insights")>{move || i18n.t(Msg::InsightsTitle)}</a>
                </li>
            </ul>
        </>
    }
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    view! {
        <>
            <Customers />
        </>
    }
}

#[component]
fn Customers() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q")).unwrap_or_default();
    let list = Resource::new(q, customers);
    view! {
        <Title text=i18n.t(Msg::Customers) />
        <h1>{move || i18n.t(Msg::Customers)}</h1>
        <form method="get" class="filters" role="search">
            <label for="q">{move || i18n.t(Msg::SearchCustomers)}</label>
            <input id="q" name="q" type="search" value=q maxlength="100" />
            <button type="submit">{move || i18n.t(Msg::Search)}</button>
        </form>
        {load(list, move |rows: Vec<CustomerSummary>| {
            view! {
                <table class="data" data-testid="customers">
                    <thead>
                        <tr>
                            <th>{i18n.t(Msg::DisplayName)}</th>
                            <th>{i18n.t(Msg::Email)}</th>
                            <th class="num">{i18n.t(Msg::Balance)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <td>
                                            <a href=i18n.href(&format!("/support/customers/{}", c.id))>{c.display_name}</a>
                                        </td>
                                        <td>{c.email}</td>
                                        <td class="num">{c.balance.to_string()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
        })}
    }
}

#[component]
pub fn CustomerDetailPage() -> impl IntoView {
    view! {
        <>
            <CustomerDetail />
        </>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    delete: ServerAction<DeleteRefund>,
    payout: ServerAction<RecordPayout>,
    correct: ServerAction<CorrectBalance>,
}

#[component]
fn CustomerDetail() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let q = move |k: &str| query.with(|m| m.get(k)).unwrap_or_default();
    let actions = Actions {
        delete: ServerAction::new(),
        payout: ServerAction::new(),
        correct: ServerAction::new(),
    };
    let versions = move || {
        actions.delete.version().get() + actions.payout.version().get() + actions.correct.version().get()
    };
    let page = Resource::new(
        move || (id(), q("kind"), q("from"), q("to"), q("q"), q("page"), versions()),
        |(id, kind, from, to, q, page, _)| get_customer_page(id, kind, from, to, q, page),
    );
    let correction_key = form_key(move || actions.correct.version().get());
    let delete_key = form_key(move || actions.delete.version().get());
    view! {
        <Title text=i18n.t(Msg::Customers) />
        <p>
            <a href=move || i18n.href("/support/customers")>{move || i18n.t(Msg::Customers)}</a>
        </p>
        <ErrorNote error=error_of(actions.delete) />
        <ErrorNote error=error_of(actions.payout) />
        <ErrorNote error=error_of(actions.correct) />
        {load(page, move |p: CustomerPage| {
            let cid = p.customer.id.to_string();
            view! {
                <section class="page-head">
                    <h1>{p.customer.display_name.clone()}</h1>
                    <p class="muted">{p.customer.email.clone()}</p>
                    <p class="balance">
                        {i18n.t(Msg::Balance)} ": "
                        <strong data-testid="customer-balance">{p.customer.balance.to_string()}</strong>
                        " "
                        {i18n.t(Msg::Credits)}
                    </p>
                </section>
                <CorrectionForm customer=cid.clone() default=p.default_processor action=actions.correct key=correction_key />
                <TxnFilters />
                <TxnTable customer=cid.clone() txns=p.txns actions=actions delete_key=delete_key />
                <TxnPager customer=cid page=p.page more=p.more />
            }
        })}
    }
}

/// The filters of the address, without the page: what "Newer", "Older"
/// and the CSV link carry over.
fn txn_query(query: &leptos_router::params::ParamsMap) -> String {
    ["kind", "from", "to", "q"]
        .iter()
        .filter_map(|k| {
            query
                .get(k)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", urlencode(&v)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Newer / older pages of the transactions, and the whole filtered list as
/// a CSV file for a spreadsheet.
#[component]
fn TxnPager(customer: String, page: u32, more: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filters = query.with_untracked(txn_query);
    let at = |n: u32| {
        let mut q = filters.clone();
        if n > 1 {
            q = if q.is_empty() {
                format!("page={n}")
            } else {
                format!("{q}&page={n}")
            };
        }
        if q.is_empty() {
            "?".to_string()
        } else {
            format!("?{q}")
        }
    };
    let csv = {
        let lang = format!("lang={}", i18n.locale.get_untracked().code());
        let q = if filters.is_empty() {
            lang
        } else {
            format!("{filters}&{lang}")
        };
        format!("/support/customers/{customer}/transactions.csv?{q}")
    };
    view! {
        <nav class="pager" aria-label=i18n.t(Msg::TxnPages) data-testid="txn-pager">
            {(page > 1).then(|| view! { <a href=at(page - 1) rel="prev" data-testid="txn-newer">{i18n.t(Msg::TxnNewer)}</a> })}
            <span>{i18n.t(Msg::TxnPage).replace("{n}", &page.to_string())}</span>
            {more.then(|| view! { <a href=at(page + 1) rel="next" data-testid="txn-older">{i18n.t(Msg::TxnOlder)}</a> })}
        </nav>
        <p>
            <a href=csv download data-testid="txn-csv">{i18n.t(Msg::CsvDownload)}</a>
        </p>
    }
}

#[component]
fn TxnFilters() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move |k: &'static str| move || query.with(|m| m.get(k)).unwrap_or_default();
    let kind = q("kind");
    view! {
        <form method="get" class="filters" aria-label=move || i18n.t(Msg::Transactions)>
            <label>
                {move || i18n.t(Msg::Kind)}
                <select name="kind">
                    <option value="">{move || i18n.t(Msg::All)}</option>
                    {TxnKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=move || kind() == k.as_str()>
                                    {move || i18n.t(kind_msg(k))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                {move || i18n.t(Msg::From)}
                <input type="date" name="from" value=q("from") />
            </label>
            <label>
                {move || i18n.t(Msg::To)}
                <input type="date" name="to" value=q("to") />
            </label>
            <label>
                {move || i18n.t(Msg::Search)}
                <input type="search" name="q" value=q("q") maxlength="100" />
            </label>
            <button type="submit">{move || i18n.t(Msg::Filter)}</button>
        </form>
    }
}

#[component]
fn TxnTable(
    customer: String,
    txns: Vec<TxnLine>,
    actions: Actions,
    delete_key: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2>{move || i18n.t(Msg::Transactions)}</h2>
        <table class="data" data-testid="transactions">
            <thead>
                <tr>
                    <th>{move || i18n.t(Msg::When)}</th>
                    <th>{move || i18n.t(Msg::Kind)}</th>
                    <th class="num">{move || i18n.t(Msg::Amount)}</th>
                    <th>{move || i18n.t(Msg::Details)}</th>
                    <th>{move || i18n.t(Msg::Actions)}</th>
                </tr>
            </thead>
            <tbody>
                {txns
                    .into_iter()
                    .map(|t| {
                        let customer = customer.clone();
                        let deleted = t.deleted_at.is_some();
                        let effect = t.balance_effect.get();
                        let sign = if effect > 0 { "+" } else { "" };
                        let (kind, id) = (t.kind, t.id.to_string());
                        let reference = t.reference.to_string();
                        let anchor = reference.clone();
                        view! {
                            <tr class:deleted=deleted data-kind=kind.as_str() data-txn=id id=anchor>
                                <td>
                                    {fmt_time(t.at)}
                                    <br />
                                    <span class="mono" data-testid="txn-ref">{reference}</span>
                                </td>
                                <td>{move || i18n.t(kind_msg(kind))}</td>
                                <td class="num">{format!("{sign}{}", t.balance_effect)}</td>
                                <td>
                                    <TxnDetails t=t.clone() />
                                </td>
                                <td class="row-actions">
                                    <TxnActions t=t customer=customer actions=actions delete_key=delete_key />
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn TxnDetails(t: TxnLine) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span>{shown_reason(t.kind, &t.reason, i18n)}</span>
        {t.actor_name.clone().map(|a| view! { <span class="muted">{format!(" · {a}")}</span> })}
        {t.processor.map(|p| view! { <span class="muted">{format!(" · {}", p.name())}</span> })}
        {t.refers_to_ref.clone().map(|r| {
            let label = match t.kind {
                TxnKind::RefundDeletion => Msg::TxnReverses,
                TxnKind::Payout => Msg::TxnPaysOut,
                _ => Msg::TxnRefunds,
            };
            view! {
                <span class="muted">
                    {move || format!(" · {} ", i18n.t(label))}
                    <a class="mono" href=format!("#{r}") data-testid="txn-refers-to">{r.to_string()}</a>
                </span>
            }
        })}
        {t.deleted_at.map(|at| {
            let by = t.deleted_by.clone().unwrap_or_default();
            let why = t.deleted_reason.clone().unwrap_or_default();
            view! {
                <p class="deleted-note" data-testid="deleted-note">
                    {move || format!("{} {} {} ({}): {}", i18n.t(Msg::DeletedBy), by, i18n.t(Msg::At), fmt_time(at), why)}
                </p>
            }
        })}
        {t.paid_out_at.map(|at| {
            let r = t.payout_ref.clone().unwrap_or_default();
            view! { <p class="tag tag-ok" data-testid="paid-out">{move || format!("{} {} · {}", i18n.t(Msg::PaidOut), fmt_time(at), r)}</p> }
        })}
    }
}

#[component]
fn TxnActions(t: TxnLine, customer: String, actions: Actions, delete_key: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let refund = t.refundable.filter(|r| r.get() > 0).map(|left| {
        let href = i18n.href(&format!("/support/customers/{customer}/txns/{}/refund", t.id));
        view! {
            <a class="button small" href=href data-testid="refund-txn">
                {move || format!("{} ({} {})", i18n.t(Msg::RefundAction), left, i18n.t(Msg::Max))}
            </a>
        }
    });
    let delete = t.can_delete().then(|| {
        let (c, id) = (customer.clone(), t.id.to_string());
        view! {
            <ActionForm action=actions.delete attr:class="row-form">
                <input type="hidden" name="customer" value=c />
                <input type="hidden" name="txn" value=id />
                <input type="hidden" name="key" value=delete_key />
                <input name="reason" required minlength="3" placeholder=move || i18n.t(Msg::Reason) aria-label=move || i18n.t(Msg::Reason) />
                <button type="submit" class="danger small" data-testid="delete-refund">{move || i18n.t(Msg::DeleteEntry)}</button>
            </ActionForm>
        }
    });
    let payout = t.awaits_payout().then(|| {
        let (c, id) = (customer.clone(), t.id.to_string());
        view! {
            <ActionForm action=actions.payout attr:class="row-form">
                <input type="hidden" name="customer" value=c />
                <input type="hidden" name="txn" value=id />
                <input name="reference" required maxlength="100" placeholder=move || i18n.t(Msg::PayoutRef) aria-label=move || i18n.t(Msg::PayoutRef) />
                <button type="submit" class="small" data-testid="record-payout">{move || i18n.t(Msg::MarkPaidOut)}</button>
            </ActionForm>
        }
    });
    view! { {refund} {delete} {payout} }
}

#[component]
fn CorrectionForm(
    customer: String,
    default: Option<Processor>,
    action: ServerAction<CorrectBalance>,
    key: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Back from a correction (done or refused), the form stays open for the
    // next one.
    let done = crate::ui::forms::succeeded(action);
    let refused = crate::ui::forms::error_of(action);
    view! {
        <details class="card correction" open=move || done.get() || refused.get().is_some()>
            <summary>{move || i18n.t(Msg::BalanceCorrection)}</summary>
            <p class="hint">{move || i18n.t(Msg::CorrectionHint)}</p>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="customer" value=customer />
                <input type="hidden" name="key" value=key />
                <label for="amount">{move || i18n.t(Msg::AmountSigned)}</label>
                <input id="amount" name="amount" inputmode="numeric" pattern="-?[0-9]+" required />
                <label for="processor">{move || i18n.t(Msg::PayoutProcessor)}</label>
                <select id="processor" name="processor">
                    <option value="">"—"</option>
                    {Processor::ALL
                        .into_iter()
                        .map(|p| view! { <option value=p.code() selected=default == Some(p)>{p.name()}</option> })
                        .collect_view()}
                </select>
                <label for="correction-reason">{move || i18n.t(Msg::Reason)}</label>
                <textarea id="correction-reason" name="reason" rows="2" required minlength="3" maxlength="1000"></textarea>
                <button type="submit" class="primary" data-testid="correct-balance">{move || i18n.t(Msg::ApplyCorrection)}</button>
            </ActionForm>
        </details>
    }
}

/// TXN-2: the refund panel: the full refundable amount proposed, lowered
/// for a partial refund, a reason required.
#[component]
pub fn RefundPanelPage() -> impl IntoView {
    view! {
        <>
            <RefundPanel />
        </>
    }
}

#[component]
fn RefundPanel() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let p = move |k: &str| params.with(|m| m.get(k)).unwrap_or_default();
    let customer = move || p("id");
    let txn = move || p("txn");
    // The entry is searched by its id, so it is found however old it is
    // (the list comes in pages).
    let page = Resource::new(
        move || (customer(), txn()),
        |(id, txn)| get_customer_page(id, String::new(), String::new(), String::new(), txn, "1".into()),
    );
    let action = ServerAction::<RefundTxn>::new();
    let key = form_key(move || action.version().get());
    view! {
        <Title text=i18n.t(Msg::RefundPanel) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::RefundPanel)}</h1>
            <ErrorNote error=error_of(action) />
            {load(page, move |page: CustomerPage| {
                let Some(t) = page.txns.into_iter().find(|t| t.id.as_str() == txn()) else {
                    return view! { <p class="notice notice-error">{i18n.t(Msg::ErrNotFound)}</p> }.into_any();
                };
                let left = t.refundable.unwrap_or_default();
                view! {
                    <p>
                        {format!("{} · {} · {} {}", page.customer.display_name, fmt_time(t.at), t.amount, i18n.t(Msg::Credits))}
                    </p>
                    <p class="muted">{format!("{}{}", i18n.t(kind_msg(t.kind)), shown_reason(t.kind, &t.reason, i18n).map(|r| format!(" · {r}")).unwrap_or_default())}</p>
                    <p data-testid="refundable">{format!("{}: {} {}", i18n.t(Msg::StillRefundable), left, i18n.t(Msg::Credits))}</p>
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="customer" value=customer() />
                        <input type="hidden" name="txn" value=t.id.to_string() />
                        <input type="hidden" name="key" value=key />
                        <label for="amount">{i18n.t(Msg::Amount)}</label>
                        <input id="amount" name="amount" type="number" min="1" max=left.get() value=left.get() required />
                        <label for="reason">{i18n.t(Msg::Reason)}</label>
                        <textarea id="reason" name="reason" rows="3" required minlength="3" maxlength="1000"></textarea>
                        <p class="hint">{i18n.t(Msg::RefundToBalance)}</p>
                        <button type="submit" class="primary" data-testid="refund-submit">{i18n.t(Msg::RefundAction)}</button>
                    </ActionForm>
                }
                    .into_any()
            })}
        </section>
    }
}

#[component]
pub fn ReviewsPage() -> impl IntoView {
    view! {
        <>
            <Reviews />
        </>
    }
}

#[component]
fn Reviews() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let status = move || {
        query
            .with(|m| m.get("status"))
            .unwrap_or_else(|| RequestStatus::Open.as_str().into())
    };
    let list = Resource::new(status, review_requests);
    view! {
        <Title text=i18n.t(Msg::ReviewQueue) />
        <h1>{move || i18n.t(Msg::ReviewQueue)}</h1>
        <nav class="tabs">
            {[
                (RequestStatus::Open.as_str(), Msg::ReviewOpen),
                (RequestStatus::Granted.as_str(), Msg::ReviewGranted),
                (RequestStatus::Declined.as_str(), Msg::ReviewDeclined),
                ("", Msg::All),
            ]
                .into_iter()
                .map(|(s, m)| {
                    view! {
                        <a href=format!("?status={s}") aria-current=move || (status() == s).then_some("page")>
                            {move || i18n.t(m)}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        {load(list, move |rows: Vec<ReviewLine>| {
            if rows.is_empty() {
                return view! { <p>{i18n.t(Msg::EmptyReviewQueue)}</p> }.into_any();
            }
            view! {
                <ul class="call-list" data-testid="reviews">
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <li class="call-item">
                                    <a href=i18n.href(&format!("/support/reviews/{}", r.id))>
                                        {format!("{} → {}", r.client_name, r.model_name)}
                                    </a>
                                    <span class="muted">
                                        {format!(" · {} · {} {} · {}", fmt_time(r.ended_at), r.charge, i18n.t(Msg::Credits), r.reason)}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        })}
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    view! {
        <>
            <Review />
        </>
    }
}

#[component]
fn Review() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|m| m.get("id")).unwrap_or_default();
    let grant = ServerAction::<DecideReview>::new();
    let decline = ServerAction::<DecideReview>::new();
    let item = Resource::new(
        move || (id(), grant.version().get() + decline.version().get()),
        |(id, _)| review_request(id),
    );
    view! {
        <Title text=i18n.t(Msg::ReviewQueue) />
        <p>
            <a href=move || i18n.href("/support/reviews")>{move || i18n.t(Msg::ReviewQueue)}</a>
        </p>
        <crate::cases::pages::CaseBar kind="call_review" id=id() />
        <ErrorNote error=error_of(grant) />
        <ErrorNote error=error_of(decline) />
        {load(item, move |r: ReviewLine| {
            let open = r.status == RequestStatus::Open;
            let rid = r.id.to_string();
            view! {
                <h1>{format!("{} → {}", r.client_name, r.model_name)}</h1>
                <p>
                    {format!(
                        "{} · {} – {} · {} {} · {} {}",
                        i18n.t(crate::calls::creator::kind_label(r.call_kind)),
                        fmt_time(r.started_at),
                        fmt_time(r.ended_at),
                        r.billed_minutes,
                        i18n.t(Msg::Minutes),
                        r.charge,
                        i18n.t(Msg::Credits),
                    )}
                </p>
                <blockquote class="client-reason">{r.reason.clone()}</blockquote>
                <h2>{i18n.t(Msg::CallLog)}</h2>
                <ol class="call-log" data-testid="call-log">
                    {r
                        .events
                        .iter()
                        .map(|e| view! { <li data-event=e.kind.clone()>{format!("{} · {} · {}", fmt_time(e.at), i18n.t(call_event_msg(&e.kind)), e.detail)}</li> })
                        .collect_view()}
                </ol>
                {if open {
                    let rid2 = rid.clone();
                    view! {
                        <div class="decision">
                            <ActionForm action=grant attr:class="stack card">
                                <input type="hidden" name="id" value=rid />
                                <input type="hidden" name="decision" value="grant" />
                                <label for="grant-amount">{i18n.t(Msg::Amount)}</label>
                                <input id="grant-amount" name="amount" type="number" min="1" max=r.refundable.get() value=r.refundable.get() required />
                                <label for="grant-note">{i18n.t(Msg::NoteForClient)}</label>
                                <textarea id="grant-note" name="note" rows="2" required minlength="3"></textarea>
                                <button type="submit" class="primary" data-testid="grant">{i18n.t(Msg::Grant)}</button>
                            </ActionForm>
                            <ActionForm action=decline attr:class="stack card">
                                <input type="hidden" name="id" value=rid2 />
                                <input type="hidden" name="decision" value="decline" />
                                <input type="hidden" name="amount" value="" />
                                <label for="decline-note">{i18n.t(Msg::NoteForClient)}</label>
                                <textarea id="decline-note" name="note" rows="2" required minlength="3"></textarea>
                                <button type="submit" data-testid="decline">{i18n.t(Msg::Decline)}</button>
                            </ActionForm>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <p class="notice" data-testid="decided">
                            {format!("{}: {}", i18n.t(review_status_msg(r.status)), r.decision_note.clone().unwrap_or_default())}
                        </p>
                    }
                        .into_any()
                }}
            }
        })}
    }
}

/// The audit log (issue 8): every money movement and support action, newest
/// first; read-only, as the table itself is.
#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <>
            <Audit />
        </>
    }
}

#[component]
fn Audit() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = move || query.with(|m| m.get("action")).unwrap_or_default();
    let before = move || query.with(|m| m.get("before")).unwrap_or_default();
    let list = Resource::new(move || (before(), action()), |(b, a)| audit_log(b, a));
    view! {
        <Title text=i18n.t(Msg::AuditLog) />
        <h1>{move || i18n.t(Msg::AuditLog)}</h1>
        <nav class="tabs">
            {[("", Msg::All), ("money", Msg::AuditMoney)]
                .into_iter()
                .map(|(a, m)| view! { <a href=format!("?action={a}") aria-current=move || (action() == a).then_some("page")>{move || i18n.t(m)}</a> })
                .collect_view()}
        </nav>
        {load(list, move |rows: Vec<AuditEntry>| {
            if rows.is_empty() {
                return view! { <p>{i18n.t(Msg::EmptyAudit)}</p> }.into_any();
            }
            let older = rows.last().map(|r| format!("?action={}&before={}", action(), r.line.id));
            let full = rows.len() == 100;
            let newest = (!before().is_empty()).then(|| format!("?action={}", action()));
            view! {
                <div class="table-wrap">
                <table class="data" data-testid="audit">
                    <thead>
                        <tr>
                            <th>{i18n.t(Msg::AuditWhen)}</th>
                            <th>{i18n.t(Msg::AuditWho)}</th>
                            <th>{i18n.t(Msg::AuditWhat)}</th>
                            <th>{i18n.t(Msg::AuditSubject)}</th>
                            <th class="num">{i18n.t(Msg::Credits)}</th>
                            <th>{i18n.t(Msg::Reason)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|AuditEntry { line: r, on }| {
                                // Money entries carry the ledger's reason: shown
                                // as the transactions page shows it.
                                let reason = match (r.action, r.reason) {
                                    (Action::Money(kind), Some(why)) => shown_reason(kind, &why, i18n),
                                    (_, why) => why,
                                };
                                view! {
                                <tr data-action=r.action.code()>
                                    <td>{fmt_time(r.at)}</td>
                                    <td>{r.actor.unwrap_or_else(|| i18n.t(Msg::AuditSystem).to_string())}</td>
                                    <td>{i18n.t(action_msg(r.action))}</td>
                                    <td>
                                        {match subject_href(&on, i18n) {
                                            Some(href) => view! { <a href=href class:mono=matches!(on, AuditSubject::Txn { .. }) data-testid="audit-subject">{subject_text(&on, i18n)}</a> }.into_any(),
                                            None => view! { <span class:mono=matches!(on, AuditSubject::Txn { .. } | AuditSubject::Id(_))>{subject_text(&on, i18n)}</span> }.into_any(),
                                        }}
                                    </td>
                                    <td class="num">{r.amount.map(|a| a.to_string()).unwrap_or_default()}</td>
                                    <td>{reason.unwrap_or_default()}</td>
                                </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                </div>
                <nav class="pager" aria-label=i18n.t(Msg::AuditLog)>
                    {newest.map(|href| view! { <a href=href>{i18n.t(Msg::AuditNewest)}</a> })}
                    {(full).then(|| older.map(|href| view! { <a href=href data-testid="audit-older">{i18n.t(Msg::AuditOlder)}</a> }))}
                </nav>
            }
                .into_any()
        })}
    }
}
