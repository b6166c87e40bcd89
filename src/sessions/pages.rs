//! Booked sessions: the models a client can book, the booking form, the
//! lists, and the session screen with exactly the buttons the rules allow
//! now (the server computes them; each press is decided again there).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::domain::session::{AdditionState, CancelReason, CommandKind, Party, Payment, Scenario, Stage};
use crate::domain::Role;
use crate::i18n::Msg;
use crate::sessions::api::{get_session, list_models, model_profile, my_sessions, BookSession, SessionAct};
use crate::sessions::{ModelCard, ProfileView, SessionDispute, SessionLine, SessionService, SessionView};
use crate::ui::components::{fmt_time, form_key, load, ErrorNote};
use crate::ui::context::{use_i18n, use_session};
use crate::ui::forms::{error_of, follow_target};

pub fn stage_msg(s: Stage) -> Msg {
    match s {
        Stage::BeforeMeeting => Msg::StageBefore,
        Stage::Meeting => Msg::StageMeeting,
        Stage::InProgress => Msg::StageInProgress,
        Stage::Completed => Msg::StageCompleted,
        Stage::Cancelled => Msg::StageCancelled,
    }
}

pub fn reason_msg(r: CancelReason) -> Msg {
    match r {
        CancelReason::NotMatchingProfile => Msg::ReasonNotMatching,
        CancelReason::RuleViolation => Msg::ReasonRules,
        CancelReason::NoShow => Msg::ReasonNoShow,
        CancelReason::ClientUrgent => Msg::ReasonClientUrgent,
        CancelReason::ModelUrgent => Msg::ReasonModelUrgent,
        CancelReason::Other => Msg::ReasonOther,
    }
}

fn scenario_msg(s: Scenario) -> Msg {
    match s {
        Scenario::AtMyPlace => Msg::AtMyPlace,
        Scenario::HomeVisit => Msg::HomeVisit,
    }
}

#[component]
pub fn ModelsPage() -> impl IntoView {
    let i18n = use_i18n();
    let models = Resource::new(|| (), |_| list_models());
    view! {
        <Title text=i18n.t(Msg::BookSession) />
        <h1>{move || i18n.t(Msg::BookSession)}</h1>
        {load(models, move |list: Vec<ModelCard>| {
            view! {
                <ul class="tiles" data-testid="models">
                    {list
                        .into_iter()
                        .map(|m| {
                            view! {
                                <li>
                                    <a href=i18n.href(&format!("/models/{}", m.id))>
                                        {m.name} <span class="muted">{format!(" · {}", m.area)}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })}
    }
}

#[component]
pub fn BookPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let profile = Resource::new(
        move || params.with(|p| p.get("id")).unwrap_or_default(),
        model_profile,
    );
    let action = ServerAction::<BookSession>::new();
    follow_target(action);
    let key = form_key(move || action.version().get());
    let is_client = move || session.role() == Some(Role::Client);
    view! {
        <Title text=i18n.t(Msg::BookSession) />
        <ErrorNote error=error_of(action) />
        {load(profile, move |p: ProfileView| {
            let model_id = p.id.to_string();
            view! {
                <section class="page-head">
                    <h1>{p.name.clone()}</h1>
                    <p class="muted">{p.area.clone()}</p>
                    <p data-testid="rating-summary">
                        {match p.rating {
                            Some(r) => format!("{}: {:.1} / 5 ({})", i18n.t(Msg::RatingSummary), r.average, r.count),
                            None => format!("{}: —", i18n.t(Msg::RatingSummary)),
                        }}
                    </p>
                    <h2>{i18n.t(Msg::HerRules)}</h2>
                    <blockquote class="client-reason">{p.rules.clone()}</blockquote>
                </section>
                <Show when=is_client>
                    <crate::billing::pages::TipForm model_id=model_id.clone() />
                </Show>
                <Show when=is_client>
                    <BookForm p=p.clone() action=action key=key />
                </Show>
            }
        })}
    }
}

#[component]
fn BookForm(p: ProfileView, action: ServerAction<BookSession>, key: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{i18n.t(Msg::BookSession)}</h2>
            <p class="muted">{format!("{}: {} {}", i18n.t(Msg::Balance), p.balance, i18n.t(Msg::Credits))}</p>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="model" value=p.id.to_string() />
                <input type="hidden" name="key" value=key />
                <input type="hidden" name="lang" value=i18n.prefix_code() />
                <fieldset class="choice">
                    <legend>{i18n.t(Msg::Where)}</legend>
                    <label>
                        <input type="radio" name="scenario" value="at_my_place" checked />
                        {i18n.t(Msg::AtMyPlace)}
                    </label>
                    <label>
                        <input type="radio" name="scenario" value="home_visit" />
                        {i18n.t(Msg::HomeVisit)}
                    </label>
                </fieldset>
                <label for="date">{i18n.t(Msg::DateUtc)}</label>
                <input id="date" type="date" name="date" required />
                <label for="time">{i18n.t(Msg::TimeUtc)}</label>
                <input id="time" type="time" name="time" required />
                <label for="tariff">{i18n.t(Msg::Tariff)}</label>
                <select id="tariff" name="tariff">
                    {p
                        .tariffs
                        .iter()
                        .map(|t| {
                            view! { <option value=t.id.clone()>{format!("{} {} · {} {}", t.minutes, i18n.t(Msg::Minutes), t.price, i18n.t(Msg::Credits))}</option> }
                        })
                        .collect_view()}
                </select>
                <fieldset class="choice">
                    <legend>{i18n.t(Msg::Services)}</legend>
                    {p
                        .services
                        .iter()
                        .map(|s| {
                            let label = if s.by_preference { format!("{} ({})", s.name, i18n.t(Msg::ByPreference)) } else { s.name.clone() };
                            view! {
                                <label>
                                    <input type="checkbox" name="services[]" value=s.id.clone() />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset class="choice">
                    <legend>{i18n.t(Msg::PaymentMethod)}</legend>
                    <label>
                        <input type="radio" name="payment" value="balance" checked />
                        {i18n.t(Msg::PayBalance)}
                    </label>
                    <label>
                        <input type="radio" name="payment" value="direct" />
                        {i18n.t(Msg::PayDirect)}
                    </label>
                </fieldset>
                <label for="address">{i18n.t(Msg::YourAddress)}</label>
                <input id="address" name="address" maxlength="300" />
                <p class="hint">{i18n.t(Msg::AddressHint)}</p>
                <button type="submit" class="primary" data-testid="book">{i18n.t(Msg::BookSession)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Resource::new(|| (), |_| my_sessions());
    view! {
        <Title text=i18n.t(Msg::Sessions) />
        <h1>{move || i18n.t(Msg::Sessions)}</h1>
        <Show when=move || session.role() == Some(Role::Client)>
            <p>
                <a class="button" href=move || i18n.href("/models")>{move || i18n.t(Msg::BookSession)}</a>
            </p>
        </Show>
        {load(list, move |rows: Vec<SessionLine>| {
            if rows.is_empty() {
                return view! { <p>{i18n.t(Msg::NothingHere)}</p> }.into_any();
            }
            view! {
                <ul class="call-list" data-testid="sessions">
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <li class="call-item">
                                    <a href=i18n.href(&format!("/sessions/{}", r.id))>{r.other_name}</a>
                                    <span class="muted">{format!("{} · {}", fmt_time(r.start), r.stage)}</span>
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
pub fn SessionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let action = ServerAction::<SessionAct>::new();
    let tick = RwSignal::new(0u32);
    // While hydrated, look again every few seconds: the other side's
    // presses show up without a reload.
    Effect::new(move |_| {
        let h = set_interval_with_handle(
            move || tick.update(|t| *t += 1),
            std::time::Duration::from_secs(4),
        )
        .ok();
        on_cleanup(move || {
            if let Some(h) = h {
                h.clear();
            }
        });
    });
    let view_res = Resource::new(
        move || (id(), action.version().get(), tick.get()),
        |(id, _, _)| get_session(id),
    );
    let key = form_key(move || action.version().get());
    view! {
        <Title text=i18n.t(Msg::Session) />
        <ErrorNote error=error_of(action) />
        {load(view_res, move |v: SessionView| view! { <SessionScreen v=v action=action key=key /> })}
    }
}

#[component]
fn SessionScreen(v: SessionView, action: ServerAction<SessionAct>, key: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let chat = i18n.href(&format!(
        "/{}/chats/{}",
        if v.me == Party::Model { "model" } else { "client" },
        v.other_id
    ));
    let can = |k: CommandKind| v.allowed.contains(&k);
    let id = v.id.to_string();
    let button = move |command: &'static str, label: Msg, testid: &'static str| {
        let id = id.clone();
        view! {
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="command" value=command />
                <button type="submit" class="primary" data-testid=testid>{move || i18n.t(label)}</button>
            </ActionForm>
        }
    };
    let sid = v.id.to_string();
    view! {
        <section class="page-head" data-testid="session" data-stage=format!("{:?}", v.stage)>
            <h1>{format!("{} · {}", i18n.t(Msg::Session), v.other_name)}</h1>
            <p class="lead">
                <span class="tag" data-testid="stage">{i18n.t(stage_msg(v.stage))}</span>
                {format!(" {} · {} · {} {} · {} {}", i18n.t(scenario_msg(v.scenario)), fmt_time(v.start), v.minutes, i18n.t(Msg::Minutes), v.total, i18n.t(Msg::Credits))}
                {(v.payment == Payment::Balance).then(|| view! { <span class="tag tag-ok">{i18n.t(Msg::SecureTransaction)}</span> })}
            </p>
            <p class="muted">
                {format!("{}: {} – {} · {}: {}", i18n.t(Msg::Window), fmt_time(v.window_opens), fmt_time(v.window_closes), i18n.t(Msg::FreeCancelUntil), fmt_time(v.free_cancel_until))}
            </p>
            {v.address.clone().map(|a| view! { <p data-testid="address"><strong>{i18n.t(Msg::Address)}": "</strong>{a}</p> })}
            {v.dispute.clone().map(|SessionDispute { state, .. }| view! { <p class="notice" data-testid="dispute">{format!("{} ({state})", i18n.t(Msg::DisputeOpened))}</p> })}
            {v.cancelled_reason.map(|r| view! { <p class="notice" data-testid="cancel-reason">{format!("{}: {}", i18n.t(Msg::CancelledFor), i18n.t(reason_msg(r)))}</p> })}
            <p><a href=chat>{i18n.t(Msg::OpenChat)}</a></p>
        </section>
        <div class="actions" data-testid="actions">
            {can(CommandKind::OnMyWay).then(|| button("on_my_way", Msg::OnMyWay, "on-my-way"))}
            {can(CommandKind::ImHere).then(|| button("im_here", Msg::ImHere, "im-here"))}
            {can(CommandKind::Start).then(|| button("start", Msg::StartSession, "start"))}
            {can(CommandKind::Finish).then(|| button("finish", Msg::Finish, "finish"))}
        </div>
        {can(CommandKind::GiveAddress).then(|| {
            let id = sid.clone();
            view! {
                <ActionForm action=action attr:class="card stack">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="command" value="give_address" />
                    <label for="details">{i18n.t(Msg::GiveAddressLabel)}</label>
                    <input id="details" name="details" required maxlength="200" />
                    <button type="submit" class="primary" data-testid="give-address">{i18n.t(Msg::GiveAddress)}</button>
                </ActionForm>
            }
        })}
        {can(CommandKind::DeclarePreferences).then(|| {
            let id = sid.clone();
            let services = v.services.clone();
            view! {
                <ActionForm action=action attr:class="card stack">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="command" value="preferences" />
                    <p>{i18n.t(Msg::DeclarePreferences)}</p>
                    {services
                        .iter()
                        .filter(|s| s.by_preference)
                        .enumerate()
                        .map(|(n, s)| {
                            view! {
                                <label>
                                    {s.name.clone()}
                                    <select name=format!("prefs[{n}]")>
                                        <option value="yes">{i18n.t(Msg::WillProvide)}</option>
                                        <option value="no">{i18n.t(Msg::WillNotProvide)}</option>
                                    </select>
                                </label>
                            }
                        })
                        .collect_view()}
                    <button type="submit" data-testid="declare">{i18n.t(Msg::Save)}</button>
                </ActionForm>
            }
        })}
        <h2>{i18n.t(Msg::Services)}</h2>
        <ul>
            {v.services
                .iter()
                .map(|SessionService { name, by_preference: pref, provided: decided }| {
                    let note = match (pref, decided) {
                        (true, Some(true)) => format!(" — {}", i18n.t(Msg::WillProvide)),
                        (true, Some(false)) => format!(" — {}", i18n.t(Msg::WillNotProvide)),
                        (true, None) => format!(" ({})", i18n.t(Msg::ByPreference)),
                        _ => String::new(),
                    };
                    view! { <li>{format!("{name}{note}")}</li> }
                })
                .collect_view()}
        </ul>
        <h2>{i18n.t(Msg::Additions)}</h2>
        <ul class="call-list" data-testid="additions">
            {v.additions
                .iter()
                .enumerate()
                .map(|(n, a)| {
                    let pending = a.state == AdditionState::Proposed;
                    let mine = a.proposed_by == v.me;
                    let state = match a.state {
                        AdditionState::Proposed => Msg::Pending,
                        AdditionState::Confirmed => Msg::Confirmed,
                        AdditionState::Declined => Msg::Declined,
                    };
                    let id = sid.clone();
                    let id2 = sid.clone();
                    view! {
                        <li class="call-item" data-addition=n>
                            <span>{format!("{} · {} {}", a.label, a.price, i18n.t(Msg::Credits))} " " <span class="tag">{i18n.t(state)}</span></span>
                            // MEET-6: between "I'm here" and the start a proposal waits.
                            {(pending && v.stage == Stage::Meeting).then(|| view! {
                                <span class="muted" data-testid="addition-waits">{i18n.t(Msg::AdditionWaitsForStart)}</span>
                            })}
                            {(pending && !mine && can(CommandKind::Confirm)).then(|| view! {
                                <span class="call-actions">
                                    <ActionForm action=action attr:class="inline-form">
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="command" value="confirm" />
                                        <input type="hidden" name="index" value=n.to_string() />
                                        <button type="submit" class="primary small" data-testid="confirm-addition">{i18n.t(Msg::Confirm)}</button>
                                    </ActionForm>
                                    <ActionForm action=action attr:class="inline-form">
                                        <input type="hidden" name="id" value=id2 />
                                        <input type="hidden" name="command" value="decline" />
                                        <input type="hidden" name="index" value=n.to_string() />
                                        <button type="submit" class="small" data-testid="decline-addition">{i18n.t(Msg::Decline)}</button>
                                    </ActionForm>
                                </span>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {can(CommandKind::Propose).then(|| {
            let id = sid.clone();
            let model = v.me == Party::Model;
            view! {
                <details class="card">
                    <summary>{i18n.t(Msg::AddToSession)}</summary>
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="command" value="propose" />
                        <label for="kind">{i18n.t(Msg::Kind)}</label>
                        <select id="kind" name="kind">
                            <option value="extra_tariff">{i18n.t(Msg::ExtraTariff)}</option>
                            <option value="extra_service">{i18n.t(Msg::ExtraService)}</option>
                            {model.then(|| view! { <option value="custom_offer">{i18n.t(Msg::CustomOffer)}</option> })}
                        </select>
                        <label for="label">{i18n.t(Msg::Details)}</label>
                        <input id="label" name="label" required maxlength="200" />
                        <label for="minutes">{i18n.t(Msg::ExtraMinutes)}</label>
                        <input id="minutes" name="minutes" type="number" min="0" max="600" value="0" />
                        <label for="price">{i18n.t(Msg::Amount)}</label>
                        <input id="price" name="price" type="number" min="1" required />
                        <button type="submit" data-testid="propose">{i18n.t(Msg::Send)}</button>
                    </ActionForm>
                </details>
            }
        })}
        {can(CommandKind::RefundNow).then(|| {
            let id = sid.clone();
            let left = v.total - v.refunded_now;
            view! {
                <details class="card">
                    <summary>{i18n.t(Msg::RefundNow)}</summary>
                    <p class="hint">{i18n.t(Msg::RefundNowHint)}</p>
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="command" value="refund_now" />
                        <input type="hidden" name="key" value=key />
                        <label for="refund-amount">{i18n.t(Msg::Amount)}</label>
                        <input id="refund-amount" name="amount" type="number" min="1" max=left.get() value=left.get() required />
                        <button type="submit" data-testid="refund-now">{i18n.t(Msg::RefundNow)}</button>
                    </ActionForm>
                </details>
            }
        })}
        {can(CommandKind::Cancel).then(|| {
            let id = sid.clone();
            let reasons = v.cancel_reasons.clone();
            let free = reasons.is_empty();
            let other_allowed = reasons.contains(&CancelReason::Other);
            view! {
                <details class="card" data-testid="cancel-box">
                    <summary>{i18n.t(Msg::CancelSession)}</summary>
                    <p class="hint">{i18n.t(if free { Msg::CancelFree } else if v.payment == Payment::Balance { Msg::CancelDispute } else { Msg::CancelReasonNeeded })}</p>
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="command" value="cancel" />
                        {(!free).then(|| view! {
                            <label for="reason">{i18n.t(Msg::Reason)}</label>
                            <select id="reason" name="reason" required>
                                {reasons.iter().map(|r| view! { <option value=r.as_str()>{i18n.t(reason_msg(*r))}</option> }).collect_view()}
                            </select>
                        })}
                        {other_allowed.then(|| view! {
                            <label for="other_text">{i18n.t(Msg::OtherReasonLabel)}</label>
                            <textarea id="other_text" name="other_text" rows="2" maxlength="1000"></textarea>
                        })}
                        <button type="submit" class="danger" data-testid="cancel">{i18n.t(Msg::CancelSession)}</button>
                    </ActionForm>
                </details>
            }
        })}
        <h2>{i18n.t(Msg::Timeline)}</h2>
        <ol class="call-log" data-testid="timeline">
            {v.timeline.iter().map(|t| view! { <li>{format!("{} · {} · {}", fmt_time(t.at), t.actor, t.kind)}</li> }).collect_view()}
        </ol>
    }
}
