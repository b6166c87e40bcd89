//! Booked sessions: the models a client can book, the booking form, the
//! lists, and the session screen with exactly the buttons the rules allow
//! now (the server computes them; each press is decided again there).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::domain::session::{
    AdditionState, CancelReason, CommandKind, EventKind, Party, Payment, Scenario, Stage, COMPLAINT_REASONS,
};
use crate::domain::Role;
use crate::i18n::Msg;
use crate::sessions::api::{
    get_session, list_models, model_profile, my_photo, my_sessions, quote_session, BookSession, SessionAct,
};
use crate::sessions::{
    ModelCard, ProfileView, QuoteView, RatingSummary, SessionDispute, SessionLine, SessionService,
    SessionView, TariffLine,
};
use crate::ui::components::{fmt_time, load, ErrorNote};
use crate::ui::context::{use_i18n, use_session};
use crate::ui::forms::error_of;
use crate::ui::live::LiveRegion;

pub fn stage_msg(s: Stage) -> Msg {
    match s {
        Stage::BeforeMeeting => Msg::StageBefore,
        Stage::Meeting => Msg::StageMeeting,
        Stage::InProgress => Msg::StageInProgress,
        Stage::Completed => Msg::StageCompleted,
        Stage::Cancelled => Msg::StageCancelled,
        Stage::NotStarted => Msg::StageNotStarted,
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
        CancelReason::NotStarted => Msg::ReasonNotStarted,
    }
}

/// A timeline line in words: what happened, with its detail (an amount,
/// a reason, what was proposed) in the reader's language.
pub fn timeline_text(i18n: crate::ui::context::I18n, kind: EventKind, detail: &str) -> String {
    let what = i18n.t(match kind {
        EventKind::Booked => Msg::EventBooked,
        EventKind::OnMyWay => Msg::EventOnMyWay,
        EventKind::Arrived => Msg::EventArrived,
        EventKind::AddressGiven => Msg::EventAddressGiven,
        EventKind::PreferencesDeclared => Msg::EventPreferences,
        EventKind::Started => Msg::EventStarted,
        EventKind::AdditionProposed => Msg::EventAdditionProposed,
        EventKind::AdditionConfirmed => Msg::EventAdditionConfirmed,
        EventKind::AdditionDeclined => Msg::EventAdditionDeclined,
        EventKind::Cancelled => Msg::EventCancelled,
        EventKind::RefundedNow => Msg::EventRefundedNow,
        EventKind::Completed => Msg::EventCompleted,
        EventKind::NotStarted => Msg::EventNotStarted,
        EventKind::Complained => Msg::EventComplained,
        EventKind::Released => Msg::EventReleased,
    });
    let detail = match kind {
        EventKind::Cancelled | EventKind::Complained => {
            CancelReason::parse(detail).map(|r| i18n.t(reason_msg(r)).to_string())
        }
        EventKind::RefundedNow | EventKind::AdditionConfirmed if !detail.is_empty() => {
            Some(format!("{detail} {}", i18n.t(Msg::Credits)))
        }
        EventKind::AdditionProposed if !detail.is_empty() => Some(detail.to_string()),
        _ => None,
    };
    match detail {
        Some(d) => format!("{what}: {d}"),
        None => what.to_string(),
    }
}

pub fn scenario_msg(s: Scenario) -> Msg {
    match s {
        Scenario::AtMyPlace => Msg::AtMyPlace,
        Scenario::HomeVisit => Msg::HomeVisit,
    }
}

/// "4.6 / 5 (12)", or that there is no rating yet.
fn rating_text(i18n: crate::ui::context::I18n, r: Option<RatingSummary>) -> String {
    match r {
        Some(r) => format!(
            "{}: {:.1} / 5 ({})",
            i18n.t(Msg::RatingSummary),
            r.average,
            r.count
        ),
        None => i18n.t(Msg::NoRatingsYet).to_string(),
    }
}

fn tariff_text(i18n: crate::ui::context::I18n, t: &TariffLine) -> String {
    format!(
        "{} {} · {} {}",
        t.minutes,
        i18n.t(Msg::Minutes),
        t.price,
        i18n.t(Msg::Credits)
    )
}

#[component]
pub fn ModelsPage() -> impl IntoView {
    let i18n = use_i18n();
    let models = Resource::new(|| (), |_| list_models());
    view! {
        <Title text=i18n.t(Msg::Models) />
        <h1>{move || i18n.t(Msg::Models)}</h1>
        <p class="lead">{move || i18n.t(Msg::ModelsLead)}</p>
        {load(models, move |list: Vec<ModelCard>| {
            if list.is_empty() {
                return view! { <p>{i18n.t(Msg::NoModelsYet)}</p> }.into_any();
            }
            view! {
                <ul class="model-cards" data-testid="models">
                    {list
                        .into_iter()
                        .map(|m| {
                            let from = m.from.as_ref().map(|t| format!("{} {}", i18n.t(Msg::PricesFrom), tariff_text(i18n, t)));
                            view! {
                                <li class="card model-card">
                                    {m.photo.clone().map(|src| view! {
                                        <img class="model-photo" src=src alt=i18n.t(Msg::PhotoOf).replace("{name}", &m.name) width="96" height="96" loading="lazy" />
                                    })}
                                    <h2>
                                        <a href=i18n.href(&format!("/models/{}", m.id))>{m.name}</a>
                                    </h2>
                                    <p class="muted">{m.area}</p>
                                    <p data-testid="model-rating">{rating_text(i18n, m.rating)}</p>
                                    {from.map(|f| view! { <p data-testid="model-from">{f}</p> })}
                                    {(!m.services.is_empty()).then(|| view! { <p class="muted">{m.services.join(" · ")}</p> })}
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
pub fn BookPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let profile = Resource::new(
        move || params.with(|p| p.get("id")).unwrap_or_default(),
        model_profile,
    );
    let action = ServerAction::<BookSession>::new();
    let key = Signal::stored(crate::ui::components::new_form_key());
    let role = move || session.role();
    view! {
        <Title text=i18n.t(Msg::BookSession) />
        {load(profile, move |p: ProfileView| {
            let model_id = p.id.to_string();
            let here = format!("/models/{}", p.id);
            view! {
                <section class="page-head">
                    {p.photo.clone().map(|src| view! {
                        <img class="profile-photo" src=src alt=i18n.t(Msg::PhotoOf).replace("{name}", &p.name) width="240" height="240" />
                    })}
                    <h1>{p.name.clone()}</h1>
                    <p class="muted">{p.area.clone()}</p>
                    <p data-testid="rating-summary">{rating_text(i18n, p.rating)}</p>
                    <h2>{i18n.t(Msg::Tariffs)}</h2>
                    <ul>{p.tariffs.iter().map(|t| view! { <li>{tariff_text(i18n, t)}</li> }).collect_view()}</ul>
                    {(!p.services.is_empty()).then(|| view! {
                        <h2>{i18n.t(Msg::Services)}</h2>
                        <ul>
                            {p.services.iter().map(|s| {
                                let label = if s.by_preference { format!("{} ({})", s.name, i18n.t(Msg::ByPreference)) } else { s.name.clone() };
                                view! { <li>{label}</li> }
                            }).collect_view()}
                        </ul>
                    })}
                    <h2>{i18n.t(Msg::HerRules)}</h2>
                    <blockquote class="client-reason">{p.rules.clone()}</blockquote>
                </section>
                {move || match role() {
                    Some(Role::Client) => view! {
                        <crate::billing::pages::TipForm model_id=model_id.clone() />
                        <BookForm p=p.clone() action=action key=key />
                    }.into_any(),
                    None => {
                        let target = format!("{}?next={}", i18n.href("/signin"), crate::ui::components::urlencode(&i18n.href(&here)));
                        view! {
                            <p class="card" data-testid="sign-in-to-book">
                                <a class="button primary" href=target>{i18n.t(Msg::SignInToBook)}</a>
                            </p>
                        }.into_any()
                    }
                    Some(_) => ().into_any(),
                }}
            }
        })}
    }
}

/// The booking form. Its quote follows the place, date, time and tariff as
/// they are chosen: a few lines of script ask this page again with them in
/// the address (`?scenario=…&date=…&time=…&tariff=…`), which the server
/// answers with the quote rendered, and swap the quote in; the payment and
/// the services ride along so a refused booking comes back as it was (the
/// street address never goes into an address bar). Without
/// JavaScript the form posts as it is and the server's answer says the same.
#[component]
fn BookForm(p: ProfileView, action: ServerAction<BookSession>, key: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = leptos_router::hooks::use_query_map();
    let own_zone = session.0.with_untracked(|s| s.zone.name.clone());
    let her_zone = p.zone.clone();
    let model = p.id.to_string();
    let asked = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    // The booking as the server reads it, before anything is paid.
    let quote = Resource::new(
        move || (asked("scenario"), asked("date"), asked("time"), asked("tariff")),
        move |(scenario, date, time, tariff)| {
            let model = model.clone();
            async move {
                if date.is_empty() || time.is_empty() {
                    return None;
                }
                Some(quote_session(model, scenario, date, time, tariff).await)
            }
        },
    );
    let (at_mine, at_home) = (her_zone.city(), own_zone.city());
    // What the address asks for (the quote's choices, kept there by the
    // script) is what the form shows: a refused booking comes back to this
    // address and nothing typed is lost.
    let home_visit = asked("scenario") == "home_visit";
    let chosen_tariff = asked("tariff");
    let direct = asked("payment") == "direct";
    let chosen_services = query.with(|q| q.get_all("services[]")).unwrap_or_default();
    view! {
        <section class="card">
            <h2>{i18n.t(Msg::BookSession)}</h2>
            {p.balance.map(|b| view! { <p class="muted">{format!("{}: {} {}", i18n.t(Msg::Balance), b, i18n.t(Msg::Credits))}</p> })}
            <ActionForm action=action attr:class="stack" attr:data-quote-form="">
                <input type="hidden" name="model" value=p.id.to_string() />
                <input type="hidden" name="key" value=key />
                <input type="hidden" name="lang" value=i18n.prefix_code() />
                <fieldset class="choice">
                    <legend>{i18n.t(Msg::Where)}</legend>
                    <label>
                        <input type="radio" name="scenario" value="at_my_place" checked=!home_visit />
                        {i18n.t(Msg::AtMyPlace)}
                    </label>
                    <label>
                        <input type="radio" name="scenario" value="home_visit" checked=home_visit />
                        {i18n.t(Msg::HomeVisit)}
                    </label>
                </fieldset>
                <p
                    class="hint"
                    id="venue-zone"
                    data-testid="venue-zone"
                    data-at_my_place=i18n.t(Msg::LocalTimeAt).replace("{place}", &at_mine)
                    data-home_visit=i18n.t(Msg::LocalTimeAt).replace("{place}", &at_home)
                >
                    {i18n.t(Msg::LocalTimeAt).replace("{place}", if home_visit { &at_home } else { &at_mine })}
                </p>
                <label for="date">{i18n.t(Msg::Date)}</label>
                <input id="date" type="date" name="date" required aria-describedby="venue-zone" value=asked("date") />
                <label for="time">{i18n.t(Msg::StartTime)}</label>
                <input id="time" type="time" name="time" required aria-describedby="venue-zone" value=asked("time") />
                <label for="tariff">{i18n.t(Msg::Tariff)}</label>
                <select id="tariff" name="tariff">
                    {p.tariffs.iter().map(|t| view! { <option value=t.id.clone() selected=t.id == chosen_tariff>{tariff_text(i18n, t)}</option> }).collect_view()}
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
                                    <input type="checkbox" name="services[]" value=s.id.clone() checked=chosen_services.contains(&s.id) />
                                    {label}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset class="choice">
                    <legend>{i18n.t(Msg::PaymentMethod)}</legend>
                    <label>
                        <input type="radio" name="payment" value="balance" checked=!direct />
                        {i18n.t(Msg::PayBalance)}
                    </label>
                    <label>
                        <input type="radio" name="payment" value="direct" checked=direct />
                        {i18n.t(Msg::PayDirect)}
                    </label>
                </fieldset>
                <label for="address">{i18n.t(Msg::YourAddress)}</label>
                <input id="address" name="address" maxlength="300" />
                <p class="hint">{i18n.t(Msg::AddressHint)}</p>
                <section class="quote" aria-live="polite" data-testid="quote" data-live-id="quote">
                    <Suspense>
                        {move || Suspend::new(async move {
                            match quote.await {
                                None => view! { <p class="hint">{i18n.t(Msg::QuoteHint)}</p> }.into_any(),
                                Some(Ok(q)) => view! { <QuoteLines q=q /> }.into_any(),
                                Some(Err(e)) => view! { <p class="notice notice-error" data-testid="quote-error">{i18n.error(&e)}</p> }.into_any(),
                            }
                        })}
                    </Suspense>
                </section>
                <ErrorNote error=error_of(action) />
                <button type="submit" class="primary" data-testid="book">{i18n.t(Msg::BookAndPay)}</button>
            </ActionForm>
            <script nonce=leptos::nonce::use_nonce() inner_html=QUOTE_SCRIPT></script>
        </section>
    }
}

/// Asks for the quote as the form changes (a quarter-second after the last
/// change; only the latest answer is shown) and names the venue's zone for
/// the chosen place.
const QUOTE_SCRIPT: &str = "(()=>{const f=document.querySelector('[data-quote-form]');if(!f)return;\
const hint=document.getElementById('venue-zone');let n=0,t;\
const ask=()=>{const d=new FormData(f);const s=d.get('scenario')||'at_my_place';hint.textContent=hint.dataset[s]||hint.textContent;\
if(!d.get('date')||!d.get('time'))return;clearTimeout(t);t=setTimeout(async()=>{const me=++n;\
const q=new URLSearchParams({scenario:s,date:d.get('date'),time:d.get('time'),tariff:d.get('tariff')||'',payment:d.get('payment')||'balance'});\
d.getAll('services[]').forEach(v=>q.append('services[]',v));history.replaceState(null,'',location.pathname+'?'+q);\
try{const r=await fetch(location.pathname+'?'+q,{headers:{accept:'text/html'}});const doc=new DOMParser().parseFromString(await r.text(),'text/html');\
const fresh=doc.querySelector('[data-live-id=quote]');const old=document.querySelector('[data-live-id=quote]');\
if(me===n&&fresh&&old)old.replaceWith(fresh)}catch(e){}},250)};\
f.addEventListener('input',ask);f.addEventListener('change',ask)})()";

/// The quote: each time at the venue (named), and in the client's own zone
/// when that reads differently (TIME-2).
#[component]
fn QuoteLines(q: QuoteView) -> impl IntoView {
    let i18n = use_i18n();
    let at_venue = |t| crate::ui::time::in_zone(t, &q.venue);
    let own = (!crate::ui::time::same_as_reader(q.start, &q.venue)).then(|| {
        format!(
            "{}: {}",
            i18n.t(Msg::YourTime),
            crate::ui::time::local_named(q.start)
        )
    });
    view! {
        <dl class="facts">
            <dt>{i18n.t(Msg::Starts)}</dt>
            <dd data-testid="quote-start">{at_venue(q.start)} {own.map(|o| view! { <span class="muted">{format!(" ({o})")}</span> })}</dd>
            <dt>{i18n.t(Msg::Total)}</dt>
            <dd data-testid="quote-total">{format!("{} {} · {} {}", q.total, i18n.t(Msg::Credits), q.minutes, i18n.t(Msg::Minutes))}</dd>
            <dt>{i18n.t(Msg::FreeCancelUntil)}</dt>
            <dd data-testid="quote-free-cancel">{at_venue(q.free_cancel_until)}</dd>
            <dt>{i18n.t(Msg::Window)}</dt>
            <dd data-testid="quote-window">{format!("{} – {}", at_venue(q.window_opens), at_venue(q.window_closes))}</dd>
        </dl>
        {q.ambiguous.then(|| view! { <p class="notice" data-testid="quote-ambiguous">{i18n.t(Msg::AmbiguousFirst).replace("{time}", &at_venue(q.start))}</p> })}
    }
}

#[component]
pub fn SessionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let list = Resource::new(|| (), |_| my_sessions());
    let is_client = move || session.role() == Some(Role::Client);
    view! {
        <Title text=i18n.t(Msg::Sessions) />
        <h1>{move || i18n.t(Msg::Sessions)}</h1>
        <Show when=is_client>
            <p>
                <a class="button" href=move || i18n.href("/models")>{move || i18n.t(Msg::BookSession)}</a>
            </p>
        </Show>
        {load(list, move |rows: Vec<SessionLine>| {
            if rows.is_empty() {
                let (text, link) = if is_client() { (Msg::NoSessionsClient, Some("/models")) } else { (Msg::NoSessionsModel, None) };
                return view! {
                    <p data-testid="no-sessions">
                        {i18n.t(text)} " "
                        {link.map(|l| view! { <a href=i18n.href(l)>{i18n.t(Msg::Models)}</a> })}
                    </p>
                }.into_any();
            }
            view! {
                <ul class="call-list" data-testid="sessions">
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <li class="call-item">
                                    <a href=i18n.href(&format!("/sessions/{}", r.id))>{r.other_name}</a>
                                    <span class="muted">{format!("{} · {} · ", crate::ui::time::local_and_relative(r.start), i18n.t(scenario_msg(r.scenario)))}</span>
                                    <span class="tag">{i18n.t(stage_msg(r.stage))}</span>
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

/// The session screen, live: the other side's presses and the clock's steps
/// arrive through the session's channel (`/live/sessions/{id}`) and the
/// screen is swapped for the server's new one (`ui::live`). Each press is a
/// plain post that comes back to this page.
#[component]
pub fn SessionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let action = ServerAction::<SessionAct>::new();
    let view_res = Resource::new(id, get_session);
    let key = Signal::stored(crate::ui::components::new_form_key());
    view! {
        <Title text=i18n.t(Msg::Session) />
        <ErrorNote error=error_of(action) />
        {load(view_res, move |v: SessionView| {
            let stream = format!("/live/sessions/{}", v.id);
            view! {
                <LiveRegion stream=stream id="session">
                    <SessionScreen v=v action=action key=key />
                </LiveRegion>
            }
        })}
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
    let venue = v.venue.clone();
    let at_venue = move |t| crate::ui::time::in_zone(t, &venue);
    let own_time =
        (!crate::ui::time::same_as_reader(v.start, &v.venue)).then(|| crate::ui::time::local_named(v.start));
    let timeline = v.timeline.clone();
    let (me, other_name) = (v.me, v.other_name.clone());
    view! {
        <section class="page-head" data-testid="session" data-stage=v.stage.as_str()>
            <h1>{format!("{} · {}", i18n.t(Msg::Session), v.other_name)}</h1>
            <p class="lead">
                <span class="tag" data-testid="stage">{i18n.t(stage_msg(v.stage))}</span>
                {format!(" {} · {} ({}) · {} {} · {} {}", i18n.t(scenario_msg(v.scenario)), at_venue(v.start), crate::ui::time::relative(v.start), v.minutes, i18n.t(Msg::Minutes), v.total, i18n.t(Msg::Credits))}
                {(v.payment == Payment::Balance).then(|| view! { <span class="tag tag-ok">{i18n.t(Msg::SecureTransaction)}</span> })}
            </p>
            {own_time.map(|o| view! { <p class="muted" data-testid="own-time">{format!("{}: {o}", i18n.t(Msg::YourTime))}</p> })}
            <p class="muted" data-testid="session-times">
                {format!("{}: {} – {} · {}: {}", i18n.t(Msg::Window), at_venue(v.window_opens), at_venue(v.window_closes), i18n.t(Msg::FreeCancelUntil), at_venue(v.free_cancel_until))}
            </p>
            {v.address.clone().map(|a| view! { <p data-testid="address"><strong>{i18n.t(Msg::Address)}": "</strong>{a}</p> })}
            {v.dispute.clone().map(|SessionDispute { id, state }| view! {
                <p class="notice" data-testid="dispute">
                    {format!("{} ({}) ", i18n.t(Msg::DisputeOpened), i18n.t(crate::ui::words::state_msg(state)))}
                    <a href=i18n.href(&format!("/disputes/{id}")) data-testid="dispute-link">{i18n.t(Msg::OpenDispute)}</a>
                </p>
            })}
            {v.cancelled_reason.map(|r| view! { <p class="notice" data-testid="cancel-reason">{format!("{}: {}", i18n.t(Msg::CancelledFor), i18n.t(reason_msg(r)))}</p> })}
            <p><a href=chat>{i18n.t(Msg::OpenChat)}</a></p>
        </section>
        <div class="actions" data-testid="actions">
            {can(CommandKind::OnMyWay).then(|| button("on_my_way", Msg::OnMyWay, "on-my-way"))}
            {can(CommandKind::ImHere).then(|| button("im_here", Msg::ImHere, "im-here"))}
            {can(CommandKind::Start).then(|| button("start", Msg::StartSession, "start"))}
            {can(CommandKind::Finish).then(|| button("finish", Msg::Finish, "finish"))}
        </div>
        {(v.stage == Stage::Completed).then(|| view! { <crate::ratings::pages::SessionRatingForm session_id=sid.clone() /> })}
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
                        AdditionState::Lapsed => Msg::AdditionLapsed,
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
        // MEET-15: within 24 hours of the end, before the model is paid.
        {can(CommandKind::Complain).then(|| {
            let id = sid.clone();
            let until = v.complaint_until.map(crate::ui::time::local_named).unwrap_or_default();
            let held = v.stage == Stage::Completed && v.payment == Payment::Balance && v.complaint_until.is_some();
            view! {
                <details class="card" data-testid="complain-box">
                    <summary>{i18n.t(Msg::ReportProblem)}</summary>
                    <p class="hint" data-testid="complain-until">{i18n.t(Msg::ReportProblemHint).replace("{time}", &until)}</p>
                    {held.then(|| view! { <p class="hint" data-testid="payment-after">{i18n.t(Msg::PaymentAfterPeriod).replace("{time}", &until)}</p> })}
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="command" value="complain" />
                        <label for="complain-reason">{i18n.t(Msg::Reason)}</label>
                        <select id="complain-reason" name="reason" required>
                            {COMPLAINT_REASONS.iter().map(|r| view! { <option value=r.as_str()>{i18n.t(reason_msg(*r))}</option> }).collect_view()}
                        </select>
                        <label for="complain-text">{i18n.t(Msg::ComplaintText)}</label>
                        <textarea id="complain-text" name="other_text" rows="2" maxlength="1000"></textarea>
                        <button type="submit" class="danger" data-testid="complain">{i18n.t(Msg::ReportProblem)}</button>
                    </ActionForm>
                </details>
            }
        })}
        <h2>{i18n.t(Msg::Timeline)}</h2>
        <ol class="call-log" data-testid="timeline">
            {timeline.into_iter().map(|t| {
                let who = match t.actor {
                    Some(a) if a == me => i18n.t(Msg::You).to_string(),
                    Some(_) => other_name.clone(),
                    None => i18n.t(Msg::ActorSettle).to_string(),
                };
                view! { <li>{format!("{} · {who} · {}", fmt_time(t.at), timeline_text(i18n, t.kind, &t.detail))}</li> }
            }).collect_view()}
        </ol>
    }
}

/// A model's photo form (in her Settings): the photo clients see now, and
/// an upload that replaces it. Works as a plain multipart post too.
#[component]
pub fn PhotoForm() -> impl IntoView {
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    let current = Resource::new(|| (), |_| my_photo());
    view! {
        <section class="card narrow" data-testid="photo-form">
            <h2>{move || i18n.t(Msg::YourPhoto)}</h2>
            {load(current, move |photo: Option<String>| {
                photo.map(|src| view! { <img class="profile-photo" src=src alt=i18n.t(Msg::YourPhoto) width="160" height="160" /> })
            })}
            <Show when=move || query.with(|q| q.get("photo").is_some())>
                <p class="notice notice-ok" role="status">{move || i18n.t(Msg::PhotoSaved)}</p>
            </Show>
            <crate::ui::components::UrlErrorNote endpoint="/api/sessions/photo" />
            <crate::ui::components::UploadForm endpoint="/api/sessions/photo" class="stack">
                <input type="hidden" name="lang" value=move || i18n.prefix_code() />
                <label for="photo">{move || i18n.t(Msg::UploadPhoto)}</label>
                <input id="photo" type="file" name="photo" required accept="image/png,image/jpeg,image/gif,image/webp" aria-describedby="photo-hint" data-testid="photo-file" />
                <p id="photo-hint" class="hint">{move || i18n.t(Msg::PhotoHint)}</p>
                <button type="submit" data-testid="upload-photo">{move || i18n.t(Msg::UploadPhoto)}</button>
            </crate::ui::components::UploadForm>
        </section>
    }
}
