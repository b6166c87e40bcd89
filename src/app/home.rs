//! The landing page and each role's home.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::Role;
use crate::i18n::Msg;
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

#[component]
pub fn ModelHome() -> impl IntoView {
    let i18n = use_i18n();
    let earnings = Resource::new(|| (), |_| crate::calls::api::model_earnings());
    let links = move || {
        view! {
            {crate::ui::components::load(earnings, move |e: crate::domain::Credits| view! {
                <p class="balance">{i18n.t(Msg::Earnings)}": " <strong data-testid="earnings">{e.to_string()}</strong> " " {i18n.t(Msg::Credits)}</p>
            })}
            <ul class="tiles">
                <li>
                    <a href=i18n.href("/model/calls")>{i18n.t(Msg::Calls)}</a>
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
