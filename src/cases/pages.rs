//! Support's queue of cases, the counts on support's home, and the owner
//! bar every case's page carries (SUP-1, SUP-2).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{case_bar, case_queue, support_home, HandOverCase, SaveCaseTargets, TakeCase};
use super::{Agent, CaseBarView, CaseKind, CaseLine, DueFor, HomeView, QueueView, Show, Standing};
use crate::domain::{Locale, UserId};
use crate::i18n::Msg;
use crate::ui::components::{load, ErrorNote};
use crate::ui::context::{use_i18n, I18n};
use crate::ui::forms::error_of;

pub fn kind_msg(kind: CaseKind) -> Msg {
    match kind {
        CaseKind::Dispute => Msg::CaseKindDispute,
        CaseKind::CallReview => Msg::CaseKindCallReview,
        CaseKind::Billing => Msg::CaseKindBilling,
        CaseKind::Rating => Msg::CaseKindRating,
        CaseKind::Contact => Msg::CaseKindContact,
    }
}

fn show_msg(show: Show) -> Msg {
    match show {
        Show::All => Msg::CasesAll,
        Show::Mine => Msg::CasesMine,
        Show::Unowned => Msg::CasesUnowned,
        Show::Overdue => Msg::CasesOverdue,
    }
}

/// "Luca ↔ Giulia", or the one person a case has.
fn who(c: &CaseLine) -> String {
    match (&c.client_name, &c.model_name) {
        (Some(a), Some(b)) => format!("{a} ↔ {b}"),
        (Some(a), None) | (None, Some(a)) => a.clone(),
        (None, None) => c.email.clone().unwrap_or_default(),
    }
}

/// "First answer overdue since 3 dic 2026, 15:00 (5 min ago)" or "First
/// answer due 3 dic 2026, 15:10 (in 10 min)", in the reader's zone.
fn standing_text(i18n: I18n, c: &CaseLine, now: DateTime<Utc>) -> (String, bool) {
    let due_for = |f: DueFor| match f {
        DueFor::FirstResponse => i18n.t(Msg::CaseFirstAnswer),
        DueFor::Resolution => i18n.t(Msg::CaseResolution),
    };
    match c.clock.standing(now) {
        Standing::Resolved => (i18n.t(Msg::CaseResolved).to_string(), false),
        Standing::Left { due, for_ } => (
            i18n.t(Msg::CaseDueAt)
                .replace("{what}", due_for(for_))
                .replace("{time}", &crate::ui::time::local_and_relative(due)),
            false,
        ),
        Standing::Overdue { due, for_ } => (
            i18n.t(Msg::CaseOverdueSince)
                .replace("{what}", due_for(for_))
                .replace("{time}", &crate::ui::time::local_and_relative(due)),
            true,
        ),
    }
}

#[component]
fn StandingTag(line: CaseLine, now: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let (text, late) = standing_text(i18n, &line, now);
    // The instant itself, for tools and tests; people read the text.
    let due = line.clock.next_due().to_rfc3339();
    view! {
        <span class=if late { "tag tag-warn" } else { "tag" } data-testid="case-standing" data-overdue=late.to_string() data-due=due>
            {text}
        </span>
    }
}

/// Take (nobody has it), or hand over (it is the viewer's).
#[component]
fn OwnerForms(line: CaseLine, me: UserId, agents: Vec<Agent>) -> impl IntoView {
    let i18n = use_i18n();
    let take = ServerAction::<TakeCase>::new();
    let hand = ServerAction::<HandOverCase>::new();
    let kind = line.kind.as_str();
    let id = line.subject_id.clone();
    let owner = line.owner.clone();
    let others: Vec<Agent> = agents.into_iter().filter(|a| a.id != me).collect();
    match owner {
        None => view! {
            <ActionForm action=take attr:class="row-form">
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="id" value=id.clone() />
                <button type="submit" class="small primary" data-testid="take-case">{i18n.t(Msg::CaseTake)}</button>
            </ActionForm>
        }
        .into_any(),
        Some(o) if o.id == me && !others.is_empty() => {
            let select_id = format!("hand-to-{}", line.subject_id);
            view! {
                <ActionForm action=hand attr:class="row-form">
                    <input type="hidden" name="kind" value=kind />
                    <input type="hidden" name="id" value=id.clone() />
                    <label for=select_id.clone()>{i18n.t(Msg::CaseHandTo)}</label>
                    <select id=select_id name="to" data-testid="hand-to">
                        {others.into_iter().map(|a| view! { <option value=a.id.to_string()>{a.name}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="small" data-testid="hand-over">{i18n.t(Msg::CaseHandOver)}</button>
                </ActionForm>
            }
            .into_any()
        }
        Some(_) => ().into_any(),
    }
}

/// A refused take or hand-over, said once where the page's forms are (a
/// plain post's refusal comes back in the address, for every row alike).
#[component]
fn OwnerRefusals() -> impl IntoView {
    view! {
        <ErrorNote error=error_of(ServerAction::<TakeCase>::new()) />
        <ErrorNote error=error_of(ServerAction::<HandOverCase>::new()) />
    }
}

fn owner_text(i18n: I18n, line: &CaseLine, me: &UserId) -> String {
    match &line.owner {
        None => i18n.t(Msg::CaseNobody).to_string(),
        Some(o) if &o.id == me => i18n.t(Msg::CaseYou).to_string(),
        Some(o) => o.name.clone(),
    }
}

/// SUP-1: the queue, filtered by the address (`?show=&kind=&lang=`), so a
/// filtered queue can be bookmarked and works without JavaScript.
#[component]
pub fn CasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let get = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    let list = Resource::new(
        move || (get("show"), get("kind"), get("lang")),
        |(s, k, l)| case_queue(s, k, l),
    );
    let show = move || Show::parse(&get("show")).unwrap_or(Show::All);
    view! {
        <Title text=i18n.t(Msg::CasesTitle) />
        <h1>{move || i18n.t(Msg::CasesTitle)}</h1>
        <OwnerRefusals />
        <form method="get" class="filters" data-testid="case-filters">
            <label for="show">{move || i18n.t(Msg::CasesShow)}</label>
            <select id="show" name="show">
                {Show::ALL.iter().map(|&s| view! { <option value=s.as_str() selected=move || show() == s>{i18n.t(show_msg(s))}</option> }).collect_view()}
            </select>
            <label for="kind">{move || i18n.t(Msg::CasesKind)}</label>
            <select id="kind" name="kind">
                <option value="">{move || i18n.t(Msg::CasesEveryKind)}</option>
                {CaseKind::ALL.iter().map(|&k| view! { <option value=k.as_str() selected=move || get("kind") == k.as_str()>{i18n.t(kind_msg(k))}</option> }).collect_view()}
            </select>
            <label for="lang">{move || i18n.t(Msg::Language)}</label>
            <select id="lang" name="lang">
                <option value="">{move || i18n.t(Msg::CasesEveryLanguage)}</option>
                {Locale::ALL.iter().map(|&l| view! { <option value=l.code() selected=move || get("lang") == l.code()>{l.native_name()}</option> }).collect_view()}
            </select>
            <button type="submit">{move || i18n.t(Msg::Filter)}</button>
        </form>
        {load(list, move |q: QueueView| {
            if q.lines.is_empty() {
                return view! { <p data-testid="cases-empty">{i18n.t(Msg::CasesEmpty)}</p> }.into_any();
            }
            let QueueView { lines, me, agents, now } = q;
            view! {
                <div class="table-wrap">
                    <table class="data" data-testid="cases">
                        <thead>
                            <tr>
                                <th>{i18n.t(Msg::CasesKind)}</th>
                                <th>{i18n.t(Msg::CasePeople)}</th>
                                <th>{i18n.t(Msg::Language)}</th>
                                <th>{i18n.t(Msg::CaseOwner)}</th>
                                <th>{i18n.t(Msg::CaseDue)}</th>
                                <th>{i18n.t(Msg::CaseActions)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {lines
                                .into_iter()
                                .map(|line| {
                                    let owner = owner_text(i18n, &line, &me);
                                    let (kind, subject, href, people) = (line.kind, line.subject_id.clone(), i18n.href(&line.href), who(&line));
                                    let language = line.locale.native_name();
                                    view! {
                                        <tr data-testid="case" data-kind=kind.as_str() data-subject=subject>
                                            <td>
                                                <a href=href>{i18n.t(kind_msg(kind))}</a>
                                            </td>
                                            <td>{people}</td>
                                            <td>{language}</td>
                                            <td data-testid="case-owner">{owner}</td>
                                            <td>
                                                <StandingTag line=line.clone() now=now />
                                            </td>
                                            <td>
                                                <OwnerForms line=line me=me.clone() agents=agents.clone() />
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
                .into_any()
        })}
    }
}

/// The owner bar on a case's own page (`kind` is a case kind, or
/// `dispute_page` with a dispute's id): who has it, by when, take or hand
/// over. Shows nothing when the page has no case.
#[component]
pub fn CaseBar(kind: &'static str, #[prop(into)] id: String) -> impl IntoView {
    let i18n = use_i18n();
    let bar = Resource::new(move || id.clone(), move |id| case_bar(kind.to_string(), id));
    view! {
        {load(bar, move |b: Option<CaseBarView>| {
            b.map(|CaseBarView { case, me, agents, now }| {
                let owner = owner_text(i18n, &case, &me);
                view! {
                    <section class="card case-bar" data-testid="case-bar" aria-label=i18n.t(Msg::CaseBarLabel)>
                        <OwnerRefusals />
                        <p>
                            <strong>{i18n.t(kind_msg(case.kind))}</strong>
                            {format!(" · {}: ", i18n.t(Msg::CaseOwner))}
                            <span data-testid="case-owner">{owner}</span>
                            " · "
                            <StandingTag line=case.clone() now=now />
                        </p>
                        {case.clock.resolved_at.is_none().then(|| view! { <OwnerForms line=case me=me agents=agents /> })}
                    </section>
                }
            })
        })}
    }
}

/// SUP-2: each queue's count and how many are overdue, on support's home,
/// with the targets support can change.
#[component]
pub fn QueueCounts() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCaseTargets>::new();
    let home = Resource::new(move || save.version().get(), |_| support_home());
    view! {
        {load(home, move |h: HomeView| {
            view! {
                <section data-testid="queue-counts">
                    <h2>{i18n.t(Msg::CasesTitle)}</h2>
                    <p>
                        <a href=i18n.href("/support/cases?show=mine")>{i18n.t(Msg::CasesMineCount).replace("{n}", &h.mine.to_string())}</a>
                    </p>
                    <div class="table-wrap">
                        <table class="data">
                            <thead>
                                <tr>
                                    <th>{i18n.t(Msg::CasesKind)}</th>
                                    <th class="num">{i18n.t(Msg::CasesOpen)}</th>
                                    <th class="num">{i18n.t(Msg::CasesUnowned)}</th>
                                    <th class="num">{i18n.t(Msg::CasesOverdue)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {h.counts
                                    .into_iter()
                                    .map(|c| {
                                        let k = c.kind.as_str();
                                        view! {
                                            <tr data-testid="queue-count" data-kind=k>
                                                <td><a href=i18n.href(&format!("/support/cases?kind={k}"))>{i18n.t(kind_msg(c.kind))}</a></td>
                                                <td class="num" data-testid="count-open">{c.open}</td>
                                                <td class="num" data-testid="count-unowned">{c.unowned}</td>
                                                <td class="num" data-testid="count-overdue">
                                                    <a href=i18n.href(&format!("/support/cases?show=overdue&kind={k}"))>{c.overdue}</a>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <details class="card" data-testid="case-targets">
                        <summary>{i18n.t(Msg::CaseTargetsTitle)}</summary>
                        <p class="hint">{i18n.t(Msg::CaseTargetsHint)}</p>
                        <ErrorNote error=error_of(save) />
                        {h.targets
                            .into_iter()
                            .map(|(kind, t)| {
                                let k = kind.as_str();
                                let (f, r) = (format!("first-{k}"), format!("resolve-{k}"));
                                view! {
                                    <ActionForm action=save attr:class="row-form">
                                        <input type="hidden" name="kind" value=k />
                                        <strong>{i18n.t(kind_msg(kind))}</strong>
                                        <label for=f.clone()>{i18n.t(Msg::CaseFirstAnswerMinutes)}</label>
                                        <input id=f name="first" type="number" min="1" max=super::MAX_TARGET_MINUTES.to_string() required value=t.first_minutes.to_string() />
                                        <label for=r.clone()>{i18n.t(Msg::CaseResolutionMinutes)}</label>
                                        <input id=r name="resolve" type="number" min="1" max=super::MAX_TARGET_MINUTES.to_string() required value=t.resolve_minutes.to_string() />
                                        <button type="submit" class="small">{i18n.t(Msg::Save)}</button>
                                    </ActionForm>
                                }
                            })
                            .collect_view()}
                    </details>
                </section>
            }
        })}
    }
}
