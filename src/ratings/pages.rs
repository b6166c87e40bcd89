//! Ratings (RATE): the star rating of a call, one's ratings given and
//! received (with the removal request for models), and support's queue.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::domain::rating::{Ground, RaterForm, RemovalWindow, ReviewSource, ReviewStatus};
use crate::domain::Role;
use crate::i18n::Msg;
use crate::ratings::api::{get_star_form, my_ratings, rating_queue, DecideRating, RateCall, RemoveMyRating};
use crate::ratings::{RatingLine, RatingsOverview, ReviewItem, StarForm};
use crate::ui::components::{fmt_time, load, ErrorNote, UploadForm, UrlErrorNote};
use crate::ui::context::{use_i18n, use_session};
use crate::ui::forms::error_of;

fn ground_msg(g: Ground) -> Msg {
    match g {
        Ground::PersonalInformation => Msg::GroundPersonal,
        Ground::OffensiveLanguage => Msg::GroundOffensive,
        Ground::ShortCall => Msg::GroundShortCall,
        Ground::TechnicalFault => Msg::GroundTechnical,
        Ground::OldRating => Msg::GroundOld,
        Ground::RaterAgreed => Msg::GroundAgreed,
    }
}

/// Who put a rating in support's queue (RATE-5, RATE-6).
fn source_msg(s: ReviewSource) -> Msg {
    match s {
        ReviewSource::Flag => Msg::RatingSourceFlag,
        ReviewSource::Model => Msg::RatingSourceModel,
    }
}

/// Where a removal review stands.
fn review_status_msg(s: ReviewStatus) -> Msg {
    match s {
        ReviewStatus::Open => Msg::RatingReviewOpen,
        ReviewStatus::Removed => Msg::RatingReviewRemoved,
        ReviewStatus::Declined => Msg::RatingReviewDeclined,
    }
}

fn stars(n: i64) -> String {
    "★".repeat(n.clamp(0, 5) as usize) + &"☆".repeat((5 - n).clamp(0, 5) as usize)
}

/// The star rating of one call (RATE-1..4): the rating as it stands, and
/// only what the rules still allow, saying until or from when.
#[component]
pub fn RateStarsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let action = ServerAction::<RateCall>::new();
    let remove = ServerAction::<RemoveMyRating>::new();
    let form = Resource::new(
        move || (id(), action.version().get(), remove.version().get()),
        |(id, _, _)| get_star_form(id),
    );
    let done = crate::ui::forms::succeeded(action);
    let done = move || done.get();
    view! {
        <Title text=i18n.t(Msg::RateWithStars) />
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::RateWithStars)}</h1>
            <ErrorNote error=error_of(action) />
            <ErrorNote error=error_of(remove) />
            <Show when=done>
                <p class="notice notice-ok" role="status" data-testid="rated">{move || i18n.t(Msg::ThanksFeedback)}</p>
            </Show>
            {load(form, move |f: StarForm| view! { <StarFormView f=f action=action remove=remove /> })}
        </section>
    }
}

#[component]
fn StarFormView(
    f: StarForm,
    action: ServerAction<RateCall>,
    remove: ServerAction<RemoveMyRating>,
) -> impl IntoView {
    let i18n = use_i18n();
    let when = |msg: Msg, t| i18n.t(msg).replace("{time}", &fmt_time(t));
    let current = f.stars.map(|n| {
        view! {
            <p data-testid="current-rating">
                <span class="stars" aria-label=format!("{n} / 5")>{stars(n)}</span>
                {f.comment.clone().map(|c| view! { <span>{format!(" “{c}”")}</span> })}
            </p>
        }
    });
    let editable = match f.form {
        RaterForm::Rate { until } => Some(when(Msg::RateUntil, until)),
        RaterForm::Change { until } => Some(when(Msg::ChangeRatingUntil, until)),
        _ => None,
    };
    let state = match f.form {
        RaterForm::WaitUntil { from, until } => Some(
            i18n.t(Msg::RateWaitUntil)
                .replace("{name}", &f.other_name)
                .replace("{from}", &fmt_time(from))
                .replace("{until}", &fmt_time(until)),
        ),
        RaterForm::RemoveOnly { since } => Some(when(Msg::RatingRemoveOnlySince, since)),
        RaterForm::Closed { since } => Some(when(Msg::RatingClosedSince, since)),
        RaterForm::Removed => Some(i18n.t(Msg::RatingRemovedByYou).to_string()),
        RaterForm::Rate { .. } | RaterForm::Change { .. } => None,
    };
    let removable = matches!(f.form, RaterForm::Change { .. } | RaterForm::RemoveOnly { .. });
    let chosen = f.stars.unwrap_or(5);
    let call_id = f.call_id.to_string();
    view! {
        <p class="muted">{format!("{} · {}", f.other_name, fmt_time(f.call_ended))}</p>
        {current}
        {state.map(|text| view! { <p class="notice" data-testid="rating-state">{text}</p> })}
        {editable.map(|until| view! {
            <p class="muted" data-testid="rating-until">{until}</p>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="call_id" value=call_id.clone() />
                <label for="stars">{i18n.t(Msg::Stars)}</label>
                <select id="stars" name="stars">
                    {(1..=5).rev().map(|n| view! { <option value=n.to_string() selected=n == chosen>{stars(n)}</option> }).collect_view()}
                </select>
                <label for="comment">{i18n.t(Msg::FeedbackLabel)}</label>
                <textarea id="comment" name="comment" rows="3" maxlength="1000" prop:value=f.comment.clone().unwrap_or_default()>
                    {f.comment.clone().unwrap_or_default()}
                </textarea>
                <button type="submit" class="primary" data-testid="rate-submit" disabled=move || action.pending().get()>
                    {i18n.t(Msg::Send)}
                </button>
            </ActionForm>
        })}
        {removable.then(|| f.rating_id.as_ref().map(|r| r.to_string())).flatten().map(|rid| view! {
            <ActionForm action=remove attr:class="inline-form">
                <input type="hidden" name="id" value=rid />
                <button type="submit" class="small" data-testid="remove-own-rating" disabled=move || remove.pending().get()>
                    {i18n.t(Msg::RemoveRating)}
                </button>
            </ActionForm>
        })}
    }
}

#[component]
pub fn RatingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let remove = ServerAction::<RemoveMyRating>::new();
    let data = Resource::new(move || remove.version().get(), |_| my_ratings());
    let is_model = move || session.role() == Some(Role::Model);
    let query = use_query_map();
    view! {
        <Title text=i18n.t(Msg::Ratings) />
        <h1>{move || i18n.t(Msg::Ratings)}</h1>
        <ErrorNote error=error_of(remove) />
        <UrlErrorNote endpoint="/api/ratings/request_removal_upload" />
        <Show when=move || query.with(|q| q.get("asked").is_some())>
            <p class="notice notice-ok" role="status" data-testid="request-sent">{move || i18n.t(Msg::ReviewSent)}</p>
        </Show>
        {load(data, move |d: RatingsOverview| {
            view! {
                <h2>{i18n.t(Msg::RatingsReceived)}</h2>
                <ul class="call-list" data-testid="ratings-received">
                    {d.received.into_iter().map(|r| view! { <Received r=r model=is_model() /> }).collect_view()}
                </ul>
                <h2>{i18n.t(Msg::RatingsGiven)}</h2>
                <ul class="call-list" data-testid="ratings-given">
                    {d.given
                        .into_iter()
                        .map(|r| {
                            let live = !r.removed;
                            let id = r.id.to_string();
                            view! {
                                <li class="call-item">
                                    <RatingText r=r />
                                    {live.then(|| view! {
                                        <ActionForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="id" value=id />
                                            <button type="submit" class="small">{i18n.t(Msg::RemoveRating)}</button>
                                        </ActionForm>
                                    })}
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
fn RatingText(r: RatingLine) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span>
            <strong>{format!("{} → {} ", r.rater_name, r.rated_name)}</strong>
            <span class="stars" aria-label=format!("{} / 5", r.stars)>{stars(r.stars)}</span>
            {r.comment.clone().map(|c| view! { <span>{format!(" “{c}”")}</span> })}
            <span class="muted">{format!(" · {}", fmt_time(r.at))}</span>
            {r.removed.then(|| view! { <span class="tag" data-testid="removed">{i18n.t(Msg::Removed)}</span> })}
        </span>
    }
}

/// A removal request sent as multipart form data (with its screenshot).
#[component]
fn Received(r: RatingLine, model: bool) -> impl IntoView {
    let i18n = use_i18n();
    let id = r.id.to_string();
    let rid = r.id.to_string();
    // RATE-5: the request form only while support takes one, saying until
    // when; otherwise what is possible and from when.
    let window = r.removal.filter(|_| model && !r.removed);
    let (grounds, note): (Vec<Ground>, Option<String>) = match window {
        Some(RemovalWindow::Open { until }) => (
            Ground::ALL.to_vec(),
            Some(i18n.t(Msg::RemovalOpenUntil).replace("{time}", &fmt_time(until))),
        ),
        Some(RemovalWindow::OldOnly) => (
            vec![Ground::OldRating],
            Some(i18n.t(Msg::RemovalOldOnly).to_string()),
        ),
        Some(RemovalWindow::AskRaterUntil(from)) => (
            vec![],
            Some(
                i18n.t(Msg::RemovalAskRaterFirst)
                    .replace("{name}", &r.rater_name)
                    .replace("{time}", &fmt_time(from)),
            ),
        ),
        Some(RemovalWindow::Closed { since, old_from }) => (
            vec![],
            Some(
                i18n.t(Msg::RemovalClosedSince)
                    .replace("{time}", &fmt_time(since))
                    .replace("{old}", &fmt_time(old_from)),
            ),
        ),
        None => (vec![], None),
    };
    let pending = r.removal_pending;
    view! {
        <li class="call-item" data-rating=rid>
            <RatingText r=r />
            {pending.then(|| view! { <span class="tag" data-testid="removal-pending">{i18n.t(Msg::RemovalPending)}</span> })}
            {(!pending).then(|| note.map(|n| view! { <p class="muted" data-testid="removal-window">{n}</p> })).flatten()}
            {(!pending && !grounds.is_empty()).then(|| view! {
                <details>
                    <summary>{i18n.t(Msg::AskRemoval)}</summary>
                    <UploadForm endpoint="/api/ratings/request_removal_upload" class="stack">
                        <input type="hidden" name="id" value=id />
                        <label>{i18n.t(Msg::Ground)}
                            <select name="ground">
                                {grounds.into_iter().map(|g| view! { <option value=g.as_str()>{i18n.t(ground_msg(g))}</option> }).collect_view()}
                            </select>
                        </label>
                        <label>{i18n.t(Msg::Evidence)}
                            <textarea name="evidence" rows="2" maxlength="2000"></textarea>
                        </label>
                        <label>{i18n.t(Msg::Screenshot)}
                            <input type="file" name="screenshot" accept="image/png,image/jpeg,image/gif,image/webp" data-testid="screenshot" />
                        </label>
                        <button type="submit" class="small" data-testid="ask-removal">{i18n.t(Msg::Send)}</button>
                    </UploadForm>
                </details>
            })}
        </li>
    }
}

#[component]
pub fn RatingQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let status = move || query.with(|q| q.get("status")).unwrap_or_else(|| "open".into());
    let decide = ServerAction::<DecideRating>::new();
    let list = Resource::new(
        move || (status(), decide.version().get()),
        |(s, _)| rating_queue(s),
    );
    view! {
        <Title text=i18n.t(Msg::RatingQueue) />
        <h1>{move || i18n.t(Msg::RatingQueue)}</h1>
        <ErrorNote error=error_of(decide) />
        {load(list, move |items: Vec<ReviewItem>| {
            if items.is_empty() {
                return view! { <p>{i18n.t(Msg::EmptyRatingQueue)}</p> }.into_any();
            }
            view! {
                <ul class="call-list" data-testid="rating-queue">
                    {items
                        .into_iter()
                        .map(|it| {
                            let ground = i18n.t(ground_msg(it.ground));
                            let (a, b) = (it.id.to_string(), it.id.to_string());
                            let open = it.status == ReviewStatus::Open;
                            view! {
                                <li class="card" data-source=it.source.as_str() data-status=it.status.as_str()>
                                    <RatingText r=it.rating.clone() />
                                    <p class="muted">{format!("{}: {} – {} · {}: {ground} ({})", i18n.t(Msg::Calls), fmt_time(it.rating.call_started), fmt_time(it.rating.call_ended), i18n.t(Msg::Ground), i18n.t(source_msg(it.source)))}</p>
                                    {(!open).then(|| view! { <p class="tag">{i18n.t(review_status_msg(it.status))}</p> })}
                                    {it.evidence.clone().map(|e| view! { <blockquote class="client-reason">{e}</blockquote> })}
                                    {it.screenshot.clone().map(|f| view! {
                                        <a href=format!("/files/{f}") target="_blank" rel="noopener">
                                            <img class="attachment" src=format!("/files/{f}") alt=i18n.t(Msg::Screenshot) loading="lazy" data-testid="screenshot-image" />
                                        </a>
                                    })}
                                    <ol class="call-log">{it.transcript.iter().map(|t| view! { <li>{format!("{} · {}: {}", fmt_time(t.at), t.who, t.body)}</li> }).collect_view()}</ol>
                                    {open.then(|| view! {
                                        <div class="decision">
                                            <ActionForm action=decide attr:class="row-form">
                                                <input type="hidden" name="id" value=a />
                                                <input type="hidden" name="decision" value="remove" />
                                                <input name="reason" required minlength="3" placeholder=i18n.t(Msg::Reason) aria-label=i18n.t(Msg::Reason) />
                                                <button type="submit" class="danger small" data-testid="remove-rating">{i18n.t(Msg::RemoveRating)}</button>
                                            </ActionForm>
                                            <ActionForm action=decide attr:class="row-form">
                                                <input type="hidden" name="id" value=b />
                                                <input type="hidden" name="decision" value="decline" />
                                                <input name="reason" required minlength="3" placeholder=i18n.t(Msg::Reason) aria-label=i18n.t(Msg::Reason) />
                                                <button type="submit" class="small">{i18n.t(Msg::Decline)}</button>
                                            </ActionForm>
                                        </div>
                                    })}
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

/// A visible label for `n` stars, in the reader's words.
fn stars_label(i18n: crate::ui::context::I18n, n: i64) -> String {
    if n == 1 {
        i18n.t(Msg::SessionOneStar).to_string()
    } else {
        i18n.t(Msg::SessionNStars).replace("{n}", &n.to_string())
    }
}

/// The star form of a finished session, on its screen (issue 16): the
/// rating as it stands and, while the RATE rules allow, the form to give
/// or change it, saying until when.
#[component]
pub fn SessionRatingForm(#[prop(into)] session_id: String) -> impl IntoView {
    use crate::ratings::api::{session_rating_form, RateSession, RemoveMySessionRating};
    use crate::ratings::SessionStarForm;
    let i18n = use_i18n();
    let action = ServerAction::<RateSession>::new();
    let remove = ServerAction::<RemoveMySessionRating>::new();
    let form = Resource::new(
        move || (session_id.clone(), action.version().get(), remove.version().get()),
        |(id, _, _)| session_rating_form(id),
    );
    let saved = crate::ui::forms::succeeded(action);
    let saved = move || saved.get();
    view! {
        <section class="card stack" data-testid="session-rating">
            <h2>{move || i18n.t(Msg::SessionRateTitle)}</h2>
            <ErrorNote error=error_of(action) />
            <ErrorNote error=error_of(remove) />
            <Show when=saved>
                <p class="notice notice-ok" role="status" data-testid="session-rated">{move || i18n.t(Msg::SessionRatingSaved)}</p>
            </Show>
            {load(form, move |f: SessionStarForm| view! { <SessionStarFormView f=f action=action remove=remove /> })}
        </section>
    }
}

#[component]
fn SessionStarFormView(
    f: crate::ratings::SessionStarForm,
    action: ServerAction<crate::ratings::api::RateSession>,
    remove: ServerAction<crate::ratings::api::RemoveMySessionRating>,
) -> impl IntoView {
    use crate::ui::time::local_named;
    let i18n = use_i18n();
    let when = |msg: Msg, t| i18n.t(msg).replace("{time}", &local_named(t));
    let current = f.stars.map(|n| {
        view! {
            <p data-testid="session-current-rating">
                {i18n.t(Msg::SessionYourRating).replace("{name}", &f.other_name)}" "
                <span class="stars" aria-hidden="true">{stars(n)}</span>
                {format!(" {}", stars_label(i18n, n))}
                {f.comment.clone().map(|c| view! { <span>{format!(" “{c}”")}</span> })}
            </p>
        }
    });
    let (editable, changing) = match f.form {
        Some(RaterForm::Rate { until }) => (Some(when(Msg::SessionRateUntil, until)), false),
        Some(RaterForm::Change { until }) => (Some(when(Msg::SessionRatingChangeUntil, until)), true),
        _ => (None, false),
    };
    let state = match f.form {
        None => Some(i18n.t(Msg::SessionRateAfterEnd).to_string()),
        Some(RaterForm::WaitUntil { from, until }) => Some(
            i18n.t(Msg::SessionRateWaitUntil)
                .replace("{name}", &f.other_name)
                .replace("{from}", &local_named(from))
                .replace("{until}", &local_named(until)),
        ),
        Some(RaterForm::RemoveOnly { since }) => Some(when(Msg::SessionRatingFinalSince, since)),
        Some(RaterForm::Closed { since }) => Some(when(Msg::SessionRatingClosedSince, since)),
        Some(RaterForm::Removed) => Some(i18n.t(Msg::SessionRatingRemoved).to_string()),
        Some(RaterForm::Rate { .. } | RaterForm::Change { .. }) => None,
    };
    // RATE-4: the author may remove a live rating at any time.
    let removable = f.stars.is_some()
        && matches!(
            f.form,
            Some(RaterForm::Change { .. } | RaterForm::RemoveOnly { .. })
        );
    let chosen = f.stars;
    let comment = f.comment.clone().unwrap_or_default();
    let sid = f.session_id.to_string();
    let name = f.other_name.clone();
    view! {
        {current}
        {state.map(|text| view! { <p class="notice" data-testid="session-rating-state">{text}</p> })}
        {editable.map(|until| view! {
            <p class="muted" data-testid="session-rating-until">{until}</p>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="session_id" value=sid.clone() />
                <fieldset class="stars-choice">
                    <legend>{i18n.t(Msg::SessionRateHow).replace("{name}", &name)}" "{i18n.t(Msg::SessionStarsLabel)}</legend>
                    {(1..=5i64).map(|n| {
                        view! {
                            <label>
                                <input type="radio" name="stars" value=n.to_string() required checked=chosen == Some(n) data-testid=format!("session-star-{n}") />
                                <span class="stars" aria-hidden="true">{stars(n)}</span>
                                {format!(" {}", stars_label(i18n, n))}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <label for="session-rating-comment">{i18n.t(Msg::SessionRatingComment)}</label>
                <textarea id="session-rating-comment" name="comment" rows="3" maxlength="1000" prop:value=comment.clone()>
                    {comment.clone()}
                </textarea>
                <button type="submit" class="primary" data-testid="session-rate-submit" disabled=move || action.pending().get()>
                    {i18n.t(if changing { Msg::SessionRateChange } else { Msg::SessionRateSend })}
                </button>
            </ActionForm>
        })}
        {removable.then(|| view! {
            <ActionForm action=remove attr:class="inline-form">
                <input type="hidden" name="session_id" value=f.session_id.to_string() />
                <button type="submit" class="small" data-testid="session-rating-remove" disabled=move || remove.pending().get()>
                    {i18n.t(Msg::SessionRatingRemove)}
                </button>
            </ActionForm>
        })}
    }
}
