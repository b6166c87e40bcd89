//! The landing page and each role's home.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::calls::creator::{call_summary, RefundControl};
use crate::calls::ModelCall;
use crate::disputes::DisputeLine;
use crate::domain::dispute::DisputeState;
use crate::domain::session::{AdditionKind, Scenario};
use crate::domain::{AppError, Credits, Role};
use crate::i18n::Msg;
use crate::sessions::agenda::{my_agenda, Agenda, PendingAddition};
use crate::sessions::SessionLine;
use crate::ui::components::{fmt_time, load};
use crate::ui::context::{use_i18n, use_session};

#[component]
pub fn LandingPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Title text="" />
        <section class="hero">
            <h1>{move || i18n.t(Msg::WelcomeTitle)}</h1>
            <p class="lead">{move || i18n.t(Msg::Tagline)}</p>
            {move || match session.role() {
                Some(role) => {
                    view! {
                        <p>
                            <a class="button primary" href=i18n.href(role.home_path())>
                                {i18n.t(Msg::Home)}
                            </a>
                        </p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p>{i18n.t(Msg::WelcomeBody)}</p>
                        <p class="actions">
                            <a class="button primary" href=i18n.href("/signin")>
                                {i18n.t(Msg::SignIn)}
                            </a>
                            <a class="button" href=i18n.href("/signup")>
                                {i18n.t(Msg::SignUp)}
                            </a>
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn RoleHome(
    role: Role,
    title: Msg,
    body: Msg,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let name = move || {
        session.0.with(|s| {
            s.user
                .as_ref()
                .map(|u| u.display_name.clone())
                .unwrap_or_default()
        })
    };
    let children = StoredValue::new(children);
    view! {
        <>
            <Title text=i18n.t(title) />
            <section class="page-head" data-testid=format!("{}-home", role.as_str())>
                <h1>{move || i18n.t(title)}</h1>
                <p class="lead">{name} " · " {move || i18n.t(body)}</p>
            </section>
            {children.with_value(|c| c.as_ref().map(|c| c()))}
        </>
    }
}

/// The client's home: the balance and calls (calls feature), then the
/// sessions: additions the model proposed and the next few sessions.
#[component]
pub fn ClientHome() -> impl IntoView {
    view! {
        <crate::calls::customer::ClientHome />
        <ClientAgenda />
    }
}

#[component]
fn ClientAgenda() -> impl IntoView {
    let i18n = use_i18n();
    let agenda = Resource::new(|| (), |_| my_agenda());
    view! {
        <section class="home-section" data-testid="client-agenda">
            {load(agenda, move |a: Agenda| {
                view! {
                    {(!a.to_confirm.is_empty())
                        .then(|| {
                            view! {
                                <h2>{i18n.t(Msg::AdditionsToConfirm)}</h2>
                                <AdditionList items=a.to_confirm.clone() />
                            }
                        })}
                    <h2>{i18n.t(Msg::UpcomingSessions)}</h2>
                    {if a.upcoming.is_empty() {
                        view! {
                            <p data-testid="no-upcoming">
                                {i18n.t(Msg::NoUpcomingSessions)} " "
                                <a href=i18n.href("/models")>{i18n.t(Msg::BookFromModels)}</a>
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <SessionList items=a.upcoming.clone() testid="upcoming-sessions" />
                            <p>
                                <a href=i18n.href("/sessions")>{i18n.t(Msg::AllSessions)}</a>
                            </p>
                        }
                            .into_any()
                    }}
                }
            })}
        </section>
    }
}

/// What the model's home lists: everything that waits for her.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelNeeds {
    pub agenda: Agenda,
    /// Her disputes not decided yet.
    pub disputes: Vec<DisputeLine>,
    /// Her calls still inside the refund window (REF-3).
    pub calls: Vec<ModelCall>,
}

impl ModelNeeds {
    pub fn is_empty(&self) -> bool {
        self.agenda.to_confirm.is_empty()
            && self.agenda.today.is_empty()
            && self.disputes.is_empty()
            && self.calls.is_empty()
    }
}

async fn model_needs() -> Result<ModelNeeds, AppError> {
    let agenda = my_agenda().await?;
    let disputes = crate::disputes::api::list_disputes(String::new(), String::new())
        .await?
        .into_iter()
        .filter(|d| d.state != DisputeState::Decided)
        .collect();
    let calls = crate::calls::api::refundable_calls().await?;
    Ok(ModelNeeds {
        agenda,
        disputes,
        calls,
    })
}

#[component]
pub fn ModelHome() -> impl IntoView {
    let i18n = use_i18n();
    let earnings = Resource::new(|| (), |_| crate::calls::api::model_earnings());
    let needs = Resource::new(|| (), |_| model_needs());
    let links = move || {
        view! {
            {load(earnings, move |e: Credits| view! {
                <p class="balance">{i18n.t(Msg::Earnings)}": " <strong data-testid="earnings">{e.to_string()}</strong> " " {i18n.t(Msg::Credits)}</p>
            })}
            <section class="home-section" data-testid="model-needs">
                {load(needs, move |n: ModelNeeds| view! { <ModelNeedsView needs=n /> })}
            </section>
            <ul class="tiles">
                <li>
                    <a href=i18n.href("/model/calls")>{i18n.t(Msg::Calls)}</a>
                </li>
                <li>
                    <a href=i18n.href("/sessions")>{i18n.t(Msg::Sessions)}</a>
                </li>
                <li>
                    <a href=i18n.href("/model/chats")>{i18n.t(Msg::Chats)}</a>
                </li>
            </ul>
        }
    };
    view! {
        <RoleHome role=Role::Model title=Msg::ModelHomeTitle body=Msg::ModelHomeBody>
            {links}
        </RoleHome>
    }
}

/// Each kind of thing that waits for her, as links to where she acts;
/// kinds with nothing in them are left out, and when all are, one line
/// says so and what would show here.
#[component]
fn ModelNeedsView(needs: ModelNeeds) -> impl IntoView {
    let i18n = use_i18n();
    if needs.is_empty() {
        return view! {
            <p data-testid="nothing-needs-you">
                <strong>{i18n.t(Msg::NothingNeedsYou)}</strong>
                " "
                {i18n.t(Msg::NothingNeedsYouHint)}
            </p>
        }
        .into_any();
    }
    let ModelNeeds {
        agenda,
        disputes,
        calls,
    } = needs;
    view! {
        {(!agenda.to_confirm.is_empty())
            .then(|| {
                view! {
                    <h2>{i18n.t(Msg::AdditionsToConfirm)}</h2>
                    <AdditionList items=agenda.to_confirm />
                }
            })}
        {(!agenda.today.is_empty())
            .then(|| {
                view! {
                    <h2>{i18n.t(Msg::SessionsToday)}</h2>
                    <SessionList items=agenda.today testid="sessions-today" />
                }
            })}
        {(!disputes.is_empty())
            .then(|| {
                view! {
                    <h2>{i18n.t(Msg::OpenDisputes)}</h2>
                    <ul class="call-list" data-testid="open-disputes">
                        {disputes
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <li class="call-item">
                                        <a href=i18n.href(&format!("/disputes/{}", d.id))>{d.client_name}</a>
                                        <span class="muted">
                                            {format!("{} · ", fmt_time(d.opened_at))}
                                            {i18n.t(crate::disputes::pages::state_msg(d.state))}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {(!calls.is_empty())
            .then(|| {
                view! {
                    <h2>{i18n.t(Msg::RefundableCalls)}</h2>
                    <ul class="call-list" data-testid="refundable-calls">
                        {calls
                            .into_iter()
                            .map(|c| {
                                let summary = call_summary(i18n, c.kind, c.ended_at, c.billed_minutes, c.charge);
                                let (id, name) = (c.id.to_string(), c.client_name.clone());
                                view! {
                                    <li class="call-item" data-call=id>
                                        <div class="call-main">
                                            <strong>{name}</strong>
                                            <span class="muted">{summary}</span>
                                        </div>
                                        <RefundControl call=c />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
    }
        .into_any()
}

/// Sessions as links to their screens: who, when (the reader's time),
/// where, and the stage.
#[component]
fn SessionList(items: Vec<SessionLine>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="call-list" data-testid=testid>
            {items
                .into_iter()
                .map(|s| {
                    view! {
                        <li class="call-item">
                            <a href=i18n.href(&format!("/sessions/{}", s.id))>{s.other_name}</a>
                            <span class="muted">{format!("{} · {}", crate::ui::time::local_and_relative(s.start), i18n.t(scenario_msg(s.scenario)))}</span>
                            <span class="tag">{i18n.t(crate::sessions::pages::stage_msg(s.stage))}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Additions the other side proposed, each a link to its session, where
/// it is confirmed or declined (MEET-6).
#[component]
fn AdditionList(items: Vec<PendingAddition>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="call-list" data-testid="additions-to-confirm">
            {items
                .into_iter()
                .map(|a| {
                    let minutes = (a.minutes > 0).then(|| format!(" · +{} {}", a.minutes, i18n.t(Msg::Minutes)));
                    view! {
                        <li class="call-item">
                            <a href=i18n.href(&format!("/sessions/{}", a.session))>{a.other_name}</a>
                            <span>
                                {format!("{}: {}{}", i18n.t(addition_msg(a.kind)), a.label, minutes.unwrap_or_default())}
                            </span>
                            <span class="muted">
                                {format!("{} {} · {}", a.price, i18n.t(Msg::Credits), fmt_time(a.start))}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

fn scenario_msg(s: Scenario) -> Msg {
    match s {
        Scenario::AtMyPlace => Msg::AtMyPlace,
        Scenario::HomeVisit => Msg::HomeVisit,
    }
}

fn addition_msg(k: AdditionKind) -> Msg {
    match k {
        AdditionKind::ExtraTariff => Msg::ExtraTariff,
        AdditionKind::ExtraService => Msg::ExtraService,
        AdditionKind::CustomOffer => Msg::CustomOffer,
    }
}
