//! The help center (HELP): home, topic, article and search pages for every
//! reader (complete without JavaScript: these routes render in full on the
//! server), and support's editor, revision comparison and processors page.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::billing::api::{billing_processors, SaveProcessor};
use crate::billing::pages::{channel_msg, BillingWidget, ProcessorsTable};
use crate::domain::help::{
    side_by_side_rows, Change, DiffLine, DiffRow, Piece, SearchHit, SideRow, Vote, Widget,
};
use crate::domain::Locale;
use crate::help::api::{
    help_admin, help_article, help_category, help_compare, help_editor, help_home, help_insights,
    help_search, HelpPreview, HelpSave, HelpVote,
};
use crate::help::{
    AdminLine, ArticleCard, ArticleNoes, ArticleView, Comparison, EditorData, InsightsView, SearchCount,
};
use crate::i18n::Msg;
use crate::ui::components::{fmt_time, load, ErrorNote};
use crate::ui::context::{absolute_url, localize_path, use_i18n};
use crate::ui::forms::error_of;

/// The search box every help page starts with (a plain GET form).
#[component]
fn SearchBox(#[prop(optional, into)] value: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="help-search" method="get" action=move || i18n.href("/help/search") role="search">
            <label for="help-q" class="visually-hidden">{move || i18n.t(Msg::HelpSearchLabel)}</label>
            <input
                id="help-q"
                type="search"
                name="q"
                value=value
                maxlength="200"
                placeholder=move || i18n.t(Msg::HelpSearchPlaceholder)
                data-testid="help-q"
            />
            <button type="submit" class="primary">{move || i18n.t(Msg::Search)}</button>
        </form>
    }
}

#[component]
fn Crumbs(items: Vec<(String, Option<String>)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="crumbs" aria-label=move || i18n.t(Msg::HelpBreadcrumb)>
            <ol>
                {items
                    .into_iter()
                    .map(|(label, href)| match href {
                        Some(h) => view! { <li><a href=h>{label}</a></li> }.into_any(),
                        None => view! { <li aria-current="page">{label}</li> }.into_any(),
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

fn article_href(locale: Option<Locale>, slug: &str) -> String {
    localize_path(locale, &format!("/help/a/{slug}"))
}

#[component]
fn Cards(articles: Vec<ArticleCard>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="help-list">
            {articles
                .into_iter()
                .map(|a| {
                    view! {
                        <li>
                            <a href=article_href(i18n.url_locale.get_untracked(), &a.slug)>{a.title}</a>
                            <p class="muted">{a.summary}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn HelpHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(move || i18n.locale.get(), |l| help_home(l.code().to_string()));
    view! {
        <Title text=i18n.t(Msg::HelpCenter) />
        <Meta name="description" content=move || i18n.t(Msg::HelpSearchLabel) />
        {Locale::ALL
            .into_iter()
            .map(|l| view! { <Link rel="alternate" hreflang=l.code() href=absolute_url(&localize_path(Some(l), "/help")) /> })
            .collect_view()}
        <section class="help-hero">
            <h1>{move || i18n.t(Msg::HelpCenter)}</h1>
            <SearchBox />
        </section>
        {load(data, move |home| {
            view! {
                <h2>{i18n.t(Msg::HelpTopics)}</h2>
                <ul class="tiles help-topics">
                    {home
                        .categories
                        .into_iter()
                        .map(|c| {
                            view! {
                                <li class="card">
                                    <a href=i18n.href(&format!("/help/c/{}", c.key))><strong>{c.title}</strong></a>
                                    <p class="muted">{c.description}</p>
                                    <p class="muted">{format!("{} {}", c.count, i18n.t(Msg::HelpArticleCount))}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <h2>{i18n.t(Msg::HelpPopular)}</h2>
                <Cards articles=home.popular />
            }
        })}
    }
}

#[component]
pub fn HelpCategoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            (
                i18n.locale.get(),
                params.with(|p| p.get("key")).unwrap_or_default(),
            )
        },
        |(l, key)| help_category(l.code().to_string(), key),
    );
    view! {
        {load(data, move |c| {
            view! {
                <Title text=c.title.clone() />
                <Meta name="description" content=c.description.clone() />
                <Crumbs items=vec![(i18n.t(Msg::HelpCenter).to_string(), Some(i18n.href("/help"))), (c.title.clone(), None)] />
                <h1>{c.title.clone()}</h1>
                <p class="lead">{c.description.clone()}</p>
                <SearchBox />
                <Cards articles=c.articles />
            }
        })}
    }
}

#[component]
pub fn HelpArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            (
                i18n.locale.get(),
                params.with(|p| p.get("slug")).unwrap_or_default(),
            )
        },
        |(l, slug)| help_article(l.code().to_string(), slug),
    );
    view! { {load(data, move |a| view! { <Article a=a /> })} }
}

#[component]
fn Article(a: ArticleView) -> impl IntoView {
    let i18n = use_i18n();
    let home = i18n.href("/help");
    let category = i18n.href(&format!("/help/c/{}", a.category_key));
    // Every language version names all the others, and itself (hreflang).
    let mut alternates = vec![(a.locale, a.slug.clone())];
    alternates.extend(a.translations.iter().map(|t| (t.locale, t.slug.clone())));
    let widget = a.widget;
    view! {
        <Title text=a.title.clone() />
        <Meta name="description" content=a.summary.clone() />
        {alternates
            .into_iter()
            .map(|(l, slug)| view! { <Link rel="alternate" hreflang=l.code() href=absolute_url(&article_href(Some(l), &slug)) /> })
            .collect_view()}
        <Crumbs items=vec![
            (i18n.t(Msg::HelpCenter).to_string(), Some(home)),
            (a.category_title.clone(), Some(category)),
            (a.title.clone(), None),
        ] />
        <SearchBox />
        <article class="help-article" lang=a.locale.code() data-testid="help-article">
            <h1>{a.title.clone()}</h1>
            <p class="muted">{format!("{} {}", i18n.t(Msg::HelpUpdated), fmt_time(a.updated_at))}</p>
            // Rendered from Markdown and sanitised on the server (ammonia).
            <div class="prose" inner_html=a.html.clone()></div>
            {(widget == Some(Widget::Billing)).then(|| view! { <BillingHelp /> })}
        </article>
        {(!a.translations.is_empty()).then(|| {
            view! {
                <p class="translations">
                    {format!("{}: ", i18n.t(Msg::HelpAlsoIn))}
                    {a.translations
                        .iter()
                        .map(|t| {
                            view! {
                                <a href=article_href(Some(t.locale), &t.slug) hreflang=t.locale.code() lang=t.locale.code()>
                                    {format!("{} ({})", t.title, t.locale.native_name())}
                                </a>
                                " "
                            }
                        })
                        .collect_view()}
                </p>
            }
        })}
        <Feedback id=a.id.to_string() my_vote=a.my_vote />
    }
}

/// The billing-support page's data: the processors (BILL-5) and which one
/// charged each of the reader's purchases.
#[component]
fn BillingHelp() -> impl IntoView {
    let i18n = use_i18n();
    let processors = Resource::new(
        move || i18n.locale.get(),
        |l| billing_processors(l.code().to_string()),
    );
    view! {
        <h2>{move || i18n.t(Msg::ProcessorsTitle)}</h2>
        {load(processors, |list| view! { <ProcessorsTable list=list /> })}
        <BillingWidget />
    }
}

/// HELP-3: "Did this answer your question?" (two plain forms: they work
/// without JavaScript and come back to the article).
#[component]
fn Feedback(id: String, my_vote: Option<Vote>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let query = use_query_map();
    let action = ServerAction::<HelpVote>::new();
    let answered = move || {
        matches!(action.value().get(), Some(Ok(_)))
            || query.with(|q| q.get("voted").is_some())
            || my_vote.is_some()
    };
    let current = move || match action.value().get() {
        Some(Ok(v)) => Some(v),
        _ => my_vote,
    };
    let contact_href = format!("{}?article={}", i18n.href("/help/contact"), id);
    let form = move |vote: Vote| {
        let id = id.clone();
        let (value, label) = match vote {
            Vote::Yes => ("yes", Msg::HelpYes),
            Vote::No => ("no", Msg::HelpNo),
        };
        view! {
            <ActionForm action=action attr:class="inline-form">
                <input type="hidden" name="article_id" value=id />
                <input type="hidden" name="vote" value=value />
                <input type="hidden" name="back" value=move || location.pathname.get() />
                <button
                    type="submit"
                    data-testid=format!("vote-{value}")
                    aria-pressed=move || if current() == Some(vote) { "true" } else { "false" }
                >
                    {move || i18n.t(label)}
                </button>
            </ActionForm>
        }
    };
    view! {
        <section id="feedback" class="feedback card">
            <h2>{move || i18n.t(Msg::HelpWasHelpful)}</h2>
            <div class="row-actions">{form.clone()(Vote::Yes)} {form(Vote::No)}</div>
            <ErrorNote error=error_of(action) />
            <Show when=answered>
                <p class="notice notice-ok" role="status" data-testid="vote-thanks">{move || i18n.t(Msg::HelpThanks)}</p>
            </Show>
            // SUP-6: a "No" leads to support, with this article attached.
            <Show when=move || current() == Some(Vote::No)>
                <p data-testid="contact-after-no">
                    {move || i18n.t(Msg::ContactAfterNo)} " "
                    <a href=contact_href.clone() data-testid="contact-link">{move || i18n.t(Msg::ContactWriteToSupport)}</a>
                </p>
            </Show>
        </section>
    }
}

#[component]
pub fn HelpSearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q")).unwrap_or_default();
    let data = Resource::new(
        move || (i18n.locale.get(), q()),
        |(l, q)| help_search(l.code().to_string(), q),
    );
    view! {
        <Title text=format!("{} · {}", q(), i18n.t(Msg::HelpCenter)) />
        <Meta name="robots" content="noindex" />
        <Crumbs items=vec![(i18n.t(Msg::HelpCenter).to_string(), Some(i18n.href("/help"))), (i18n.t(Msg::Search).to_string(), None)] />
        <SearchBox value=q() />
        <h1>{move || format!("{} “{}”", i18n.t(Msg::HelpResultsFor), q())}</h1>
        {load(data, move |hits: Vec<SearchHit>| {
            if hits.is_empty() {
                return view! { <p class="notice" data-testid="no-results">{i18n.t(Msg::HelpNoResults)}</p> }.into_any();
            }
            view! {
                <ol class="help-list" data-testid="search-results">
                    {hits
                        .into_iter()
                        .map(|h| {
                            view! {
                                <li>
                                    <a href=article_href(i18n.url_locale.get_untracked(), &h.slug)>{h.title}</a>
                                    <span class="muted">{format!(" · {}", h.category_title)}</span>
                                    <p class="snippet">
                                        {h.snippet
                                            .into_iter()
                                            .map(|Piece { text, marked: hit }| if hit {
                                                view! { <mark>{text}</mark> }.into_any()
                                            } else {
                                                text.into_any()
                                            })
                                            .collect_view()}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any()
        })}
    }
}

// ---------------------------------------------------------------------------
// Support: articles, editor, revisions, processors

#[component]
pub fn HelpAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    // The list and the topics' names in the reader's language: a line
    // stores its topic's key, which is a code, not a name.
    let data = Resource::new(
        move || i18n.locale.get(),
        |l| async move {
            Ok::<_, crate::domain::AppError>((
                help_admin().await?,
                help_home(l.code().to_string()).await?.categories,
            ))
        },
    );
    view! {
        <Title text=i18n.t(Msg::HelpAdmin) />
        <>
            <div class="page-head">
                <h1>{move || i18n.t(Msg::HelpAdmin)}</h1>
                <p class="row-actions">
                    <a class="button primary" href=move || i18n.href("/support/help/new")>{move || i18n.t(Msg::NewArticle)}</a>
                    <a class="button" href=move || i18n.href("/support/processors")>{move || i18n.t(Msg::Processors)}</a>
                </p>
            </div>
            {load(data, move |(lines, topics): (Vec<AdminLine>, Vec<crate::help::CategoryCard>)| {
                view! {
                    <table class="data" data-testid="help-admin">
                        <thead>
                            <tr>
                                <th>{i18n.t(Msg::FieldTitle)}</th>
                                <th>{i18n.t(Msg::FieldLanguage)}</th>
                                <th>{i18n.t(Msg::FieldCategory)}</th>
                                <th class="num">{i18n.t(Msg::RevisionShort)}</th>
                                <th class="num">{i18n.t(Msg::Answers)}</th>
                                <th class="num">{i18n.t(Msg::ShareNo)}</th>
                                <th><span class="visually-hidden">{i18n.t(Msg::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {lines
                                .into_iter()
                                .map(|l| {
                                    let share = l.tally.share_no_percent().map(|p| format!("{p}%")).unwrap_or_else(|| "—".into());
                                    view! {
                                        <tr data-article=l.slug.clone() data-locale=l.locale.code()>
                                            <td><a href=article_href(Some(l.locale), &l.slug) lang=l.locale.code()>{l.title.clone()}</a></td>
                                            <td>{l.locale.native_name()}</td>
                                            <td>{topics.iter().find(|t| t.key == l.category).map(|t| t.title.clone())}</td>
                                            <td class="num">{l.revision}</td>
                                            <td class="num" data-testid="tally">{format!("{} / {}", l.tally.yes, l.tally.no)}</td>
                                            <td class="num" data-testid="share-no">{share}</td>
                                            <td>
                                                <a href=i18n.href(&format!("/support/help/{}", l.id)) data-testid="edit">{i18n.t(Msg::Edit)}</a>
                                                " · "
                                                <a href=i18n.href(&format!("/support/help/{}/revisions", l.id)) data-testid="revisions">{i18n.t(Msg::Revisions)}</a>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </>
    }
}

#[component]
pub fn HelpEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let save = ServerAction::<HelpSave>::new();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .filter(|id| id != "new")
            .unwrap_or_default()
    };
    let data = Resource::new(
        move || (id(), save.version().get(), i18n.locale.get()),
        |(id, _, l)| help_editor(id, l.code().to_string()),
    );
    let saved = move || matches!(save.value().get(), Some(Ok(_))) || query.with(|q| q.get("saved").is_some());
    view! {
        <Title text=i18n.t(Msg::EditArticle) />
        <>
            <h1>{move || i18n.t(Msg::EditArticle)}</h1>
            <ErrorNote error=error_of(save) />
            <Show when=saved>
                <p class="notice notice-ok" role="status" data-testid="saved">{move || i18n.t(Msg::SavedRevision)}</p>
            </Show>
            {load(data, move |d: EditorData| view! { <Editor d=d save=save /> })}
        </>
    }
}

#[component]
fn Editor(d: EditorData, save: ServerAction<HelpSave>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let a = d.article.clone();
    let new_locale = query
        .with_untracked(|q| q.get("locale"))
        .and_then(|l| Locale::from_tag(&l))
        .unwrap_or_else(|| i18n.locale.get_untracked());
    let locale = a.as_ref().map(|a| a.locale).unwrap_or(new_locale);
    let key = a
        .as_ref()
        .map(|a| a.key.clone())
        .or_else(|| query.with_untracked(|q| q.get("key")))
        .unwrap_or_default();
    let body = a.as_ref().map(|a| a.body.clone()).unwrap_or_default();
    let field = |f: fn(&crate::help::ArticleEdit) -> String| a.as_ref().map(f).unwrap_or_default();
    let (f_id, f_rev, f_title, f_summary, f_slug, f_popular) = (
        field(|a| a.id.to_string()),
        field(|a| a.revision.to_string()),
        field(|a| a.title.clone()),
        field(|a| a.summary.clone()),
        field(|a| a.slug.clone()),
        field(|a| a.popular.map(|p| p.to_string()).unwrap_or_default()),
    );
    let other = Locale::ALL
        .into_iter()
        .find(|l| *l != locale)
        .unwrap_or(Locale::En);
    view! {
        <ActionForm action=save attr:class="stack editor" attr:data-testid="editor">
            <input type="hidden" name="id" value=f_id />
            <input type="hidden" name="base_revision" value=f_rev />
            <input type="hidden" name="lang" value=move || i18n.prefix_code() />
            <input type="hidden" name="locale" value=locale.code() />
            <p class="muted">{format!("{}: {}", i18n.t(Msg::FieldLanguage), locale.native_name())}
                {a.as_ref().map(|a| format!(" · {} {}", i18n.t(Msg::RevisionShort), a.revision))}
            </p>
            <label for="h-title">{i18n.t(Msg::FieldTitle)}</label>
            <input id="h-title" name="title" required maxlength="150" value=f_title />
            <label for="h-summary">{i18n.t(Msg::FieldSummary)}</label>
            <input id="h-summary" name="summary" required maxlength="200" value=f_summary />
            <label for="h-category">{i18n.t(Msg::FieldCategory)}</label>
            <select id="h-category" name="category">
                {d.categories
                    .iter()
                    .map(|c| {
                        let selected = a.as_ref().is_some_and(|a| a.category == c.key);
                        view! { <option value=c.key.clone() selected=selected>{c.title.clone()}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="h-slug">{i18n.t(Msg::FieldSlug)}</label>
            <input id="h-slug" name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value=f_slug />
            <label for="h-key">{i18n.t(Msg::FieldKey)}</label>
            <input id="h-key" name="key" required pattern="[a-z0-9]+(-[a-z0-9]+)*" value=key.clone() readonly=a.is_some() />
            <label for="h-popular">{i18n.t(Msg::FieldPopular)}</label>
            <input id="h-popular" name="popular" type="number" min="1" max="99" value=f_popular />
            <BodyEditor
                body=body
                locale=locale
                words=EditorWords {
                    body: i18n.t(Msg::FieldBody).into(),
                    preview: i18n.t(Msg::Preview).into(),
                    failed: i18n.t(Msg::PreviewFailed).into(),
                }
            />
            <div class="row-actions">
                <button type="submit" class="primary" data-testid="save">{i18n.t(Msg::Save)}</button>
                {a.as_ref().map(|a| view! {
                    <a class="button" href=i18n.href(&format!("/support/help/{}/revisions", a.id))>{i18n.t(Msg::Revisions)}</a>
                    <a class="button" href=i18n.href(&format!("/support/help/new?key={}&locale={}", a.key, other.code()))>
                        {format!("{} ({})", i18n.t(Msg::AddTranslation), other.native_name())}
                    </a>
                })}
            </div>
        </ActionForm>
    }
}

/// The editor's words, from the page (the catalogue stays on the server).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct EditorWords {
    body: String,
    preview: String,
    failed: String,
}

/// The article's text with its preview, as an island: "Preview" shows the
/// text as readers will see it, without saving. Inside the editor's form,
/// so the text is saved with it (without JavaScript there is no preview
/// button; the form still saves).
#[island]
fn BodyEditor(body: String, locale: Locale, words: EditorWords) -> impl IntoView {
    let preview = ServerAction::<HelpPreview>::new();
    let body = RwSignal::new(body);
    let EditorWords {
        body: body_label,
        preview: preview_label,
        failed,
    } = words;
    let heading = preview_label.clone();
    view! {
        <label for="h-body">{body_label}</label>
        <textarea
            id="h-body"
            name="body"
            rows="20"
            required
            data-testid="body"
            prop:value=move || body.get()
            on:input=move |ev| body.set(event_target_value(&ev))
        >
            {body.get_untracked()}
        </textarea>
        <p>
            <button
                type="button"
                data-testid="preview"
                on:click=move |_| {
                    preview.dispatch(HelpPreview { locale: locale.code().to_string(), body: body.get_untracked() });
                }
            >
                {preview_label}
            </button>
        </p>
        {move || match preview.value().get() {
            Some(Ok(html)) => view! {
                <section class="card preview" data-testid="preview-pane">
                    <h2>{heading.clone()}</h2>
                    <div class="prose" inner_html=html></div>
                </section>
            }
            .into_any(),
            Some(Err(_)) => view! { <p class="notice notice-error" role="alert">{failed.clone()}</p> }.into_any(),
            None => ().into_any(),
        }}
    }
}

#[component]
pub fn HelpRevisionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id")).unwrap_or_default();
    let pick = move |k: &str| query.with(|q| q.get(k)).unwrap_or_default();
    let data = Resource::new(
        move || (id(), pick("a"), pick("b")),
        |(id, a, b)| help_compare(id, a, b),
    );
    let side = move || pick("view") == "side";
    view! {
        <Title text=i18n.t(Msg::Revisions) />
        <>
            {load(data, move |c: Comparison| view! { <Revisions c=c side=side() id=id() /> })}
        </>
    }
}

#[component]
fn Revisions(c: Comparison, side: bool, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let (a, b) = c.compared.as_ref().map(|d| (d.older, d.newer)).unwrap_or((0, 0));
    let options =
        move |selected: i64| {
            c.revisions
            .iter()
            .map(|r| {
                let label = format!(
                    "{} {} · {} · {}",
                    i18n.t(Msg::RevisionShort),
                    r.number,
                    fmt_time(r.created_at),
                    r.author.clone().unwrap_or_else(|| i18n.t(Msg::SeedAuthor).to_string())
                );
                view! { <option value=r.number.to_string() selected=r.number == selected>{label}</option> }
            })
            .collect_view()
        };
    view! {
        <div class="page-head">
            <h1>{format!("{}: {}", i18n.t(Msg::Revisions), c.title)}</h1>
            <a href=i18n.href(&format!("/support/help/{id}"))>{i18n.t(Msg::EditArticle)}</a>
        </div>
        <form method="get" class="filters" data-testid="compare-form">
            <label>{i18n.t(Msg::OlderRevision)} " " <select name="a" data-testid="rev-a">{options.clone()(a)}</select></label>
            <label>{i18n.t(Msg::NewerRevision)} " " <select name="b" data-testid="rev-b">{options(b)}</select></label>
            <label><input type="radio" name="view" value="inline" checked=!side /> {i18n.t(Msg::CompareInline)}</label>
            <label><input type="radio" name="view" value="side" checked=side data-testid="view-side" /> {i18n.t(Msg::CompareSideBySide)}</label>
            <button type="submit" class="primary" data-testid="compare">{i18n.t(Msg::Compare)}</button>
        </form>
        {c.compared.map(|d| if side {
            view! { <SideBySide rows=d.rows /> }.into_any()
        } else {
            view! { <Inline rows=d.rows /> }.into_any()
        })}
    }
}

fn change_class(c: Change) -> (&'static str, &'static str, Msg) {
    match c {
        Change::Same => ("diff-same", " ", Msg::Revisions),
        Change::Added => ("diff-added", "+", Msg::LineAdded),
        Change::Removed => ("diff-removed", "−", Msg::LineRemoved),
        Change::Reformatted => ("diff-reformatted", "~", Msg::LineReformatted),
    }
}

/// A line's text. In a line that replaces another, or is replaced, the
/// words that changed are marked: struck in the old line, underlined in the
/// new one.
fn line_text(text: Option<String>, words: Vec<Piece>, added: bool) -> impl IntoView {
    let pieces = if words.is_empty() {
        vec![Piece::new(text.unwrap_or_default(), false)]
    } else {
        words
    };
    pieces
        .into_iter()
        .map(
            |Piece {
                 text: piece,
                 marked: changed,
             }| match (changed, added) {
                (false, _) => piece.into_any(),
                (true, true) => view! { <ins class="diff-word">{piece}</ins> }.into_any(),
                (true, false) => view! { <del class="diff-word">{piece}</del> }.into_any(),
            },
        )
        .collect_view()
}

#[component]
fn Inline(rows: Vec<DiffRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data diff" data-testid="diff-inline">
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| match row {
                        DiffRow::Line(l) => {
                            let (class, mark, msg) = change_class(l.change);
                            let label = (l.change != Change::Same).then(|| i18n.t(msg));
                            let struck = (l.change == Change::Reformatted).then(|| l.old.clone());
                            let added = l.change == Change::Added;
                            let text = l.new.or(l.old);
                            view! {
                                <tr class=class data-change=class>
                                    <td class="num muted">{l.old_no.map(|n| n.to_string())}</td>
                                    <td class="num muted">{l.new_no.map(|n| n.to_string())}</td>
                                    <td class="mark" title=label aria-label=label>{mark}</td>
                                    <td class="mono">
                                        {struck.map(|old| view! { <del>{old}</del><br /> })}
                                        {line_text(text, l.words, added)}
                                    </td>
                                </tr>
                            }
                            .into_any()
                        }
                        DiffRow::Hidden { count, .. } => view! { <HiddenLines count=count /> }.into_any(),
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// A run of unchanged lines left out of a comparison: one row across the
/// table's four columns.
#[component]
fn HiddenLines(count: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <tr class="diff-hidden" data-testid="diff-hidden">
            <td colspan="4" class="muted">
                {format!("⋯ {}", i18n.t(Msg::UnchangedLines).replace("{n}", &count.to_string()))}
            </td>
        </tr>
    }
}

#[component]
fn SideBySide(rows: Vec<DiffRow>) -> impl IntoView {
    let i18n = use_i18n();
    let cell = move |l: Option<DiffLine>, old: bool| match l {
        Some(l) => {
            let (class, mark, msg) = change_class(l.change);
            let label = (l.change != Change::Same).then(|| i18n.t(msg));
            let added = l.change == Change::Added;
            let (no, text) = if old { (l.old_no, l.old) } else { (l.new_no, l.new) };
            view! {
                <td class=format!("num muted {class}")>{no.map(|n| n.to_string())}</td>
                <td class=format!("mono {class}") data-change=class title=label>
                    {format!("{mark} ")}
                    {line_text(text, l.words, added)}
                </td>
            }
            .into_any()
        }
        None => view! { <td></td><td class="diff-empty"></td> }.into_any(),
    };
    view! {
        <table class="data diff side" data-testid="diff-side">
            <thead>
                <tr>
                    <th><span class="visually-hidden">{i18n.t(Msg::LineNumber)}</span></th>
                    <th>{i18n.t(Msg::OlderRevision)}</th>
                    <th><span class="visually-hidden">{i18n.t(Msg::LineNumber)}</span></th>
                    <th>{i18n.t(Msg::NewerRevision)}</th>
                </tr>
            </thead>
            <tbody>
                {side_by_side_rows(&rows)
                    .into_iter()
                    .map(|row| match row {
                        SideRow::Pair(left, right) => {
                            view! { <tr>{cell(left, true)}{cell(right, false)}</tr> }.into_any()
                        }
                        SideRow::Hidden(count) => view! { <HiddenLines count=count /> }.into_any(),
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// BILL-5: support edits each processor's regions, advice and contacts.
#[component]
pub fn ProcessorsAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveProcessor>::new();
    let data = Resource::new(move || save.version().get(), |_| billing_processors("en".into()));
    view! {
        <Title text=i18n.t(Msg::Processors) />
        <>
            <h1>{move || i18n.t(Msg::Processors)}</h1>
            <ErrorNote error=error_of(save) />
            <Show when=move || crate::ui::forms::succeeded(save).get()>
                <p class="notice notice-ok" role="status" data-testid="processor-saved">{move || i18n.t(Msg::Saved)}</p>
            </Show>
            <p class="hint">{move || i18n.t(Msg::ContactsHelp)}</p>
            // What each channel word of the editor's syntax means.
            <ul class="hint" data-testid="channel-legend">
                {crate::domain::billing::Channel::ALL
                    .iter()
                    .map(|c| view! { <li><code>{c.as_str()}</code>{move || format!(" — {}", i18n.t(channel_msg(*c)))}</li> })
                    .collect_view()}
            </ul>
            {load(data, move |list| {
                list.into_iter()
                    .map(|p| {
                        let contacts = crate::domain::billing::format_contacts(&p.contacts);
                        let code = p.code.clone();
                        view! {
                            <section class="card" data-processor=code>
                                <h2>{p.name.clone()}</h2>
                                <ActionForm action=save attr:class="stack">
                                    <input type="hidden" name="code" value=p.code.clone() />
                                    <label>{i18n.t(Msg::RegionsEn)} <input name="regions_en" value=p.regions_en.clone() /></label>
                                    <label>{i18n.t(Msg::RegionsIt)} <input name="regions_it" value=p.regions_it.clone() /></label>
                                    <label>{i18n.t(Msg::AdviceEn)} <input name="advice_en" value=p.advice_en.clone() /></label>
                                    <label>{i18n.t(Msg::AdviceIt)} <input name="advice_it" value=p.advice_it.clone() /></label>
                                    <label>{i18n.t(Msg::Contacts)} <textarea name="contacts" rows="4">{contacts}</textarea></label>
                                    <button type="submit" class="primary">{i18n.t(Msg::Save)}</button>
                                </ActionForm>
                            </section>
                        }
                    })
                    .collect_view()
            })}
        </>
    }
}

// ---------------------------------------------------------------------------
// Support: what readers search for and where articles fail them (HELP-6)

fn search_table(rows: Vec<SearchCount>, caption: Msg, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! {
            <h3>{i18n.t(caption)}</h3>
            <p class="muted" data-testid=testid>{i18n.t(Msg::InsightsNoSearches)}</p>
        }
        .into_any();
    }
    view! {
        <h3>{i18n.t(caption)}</h3>
        <div class="table-wrap">
            <table class="data" data-testid=testid>
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::InsightsQuery)}</th>
                        <th class="num">{i18n.t(Msg::InsightsTimes)}</th>
                        <th class="num">{i18n.t(Msg::InsightsEmptyTimes)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| view! {
                            <tr data-testid="search-row">
                                <td>{r.query}</td>
                                <td class="num">{r.searches}</td>
                                <td class="num">{r.empty}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn noes_table(rows: Vec<ArticleNoes>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="muted">{i18n.t(Msg::InsightsNoArticles)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data" data-testid="article-noes">
                <thead>
                    <tr>
                        <th>{i18n.t(Msg::InsightsArticle)}</th>
                        <th>{i18n.t(Msg::Language)}</th>
                        <th class="num">{i18n.t(Msg::InsightsNo)}</th>
                        <th class="num">{i18n.t(Msg::InsightsYes)}</th>
                        <th>{i18n.t(Msg::InsightsRequests)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|a| {
                            let requests = a
                                .requests
                                .into_iter()
                                .map(|k| {
                                    let state = if k.closed { Msg::InsightsRequestClosed } else { Msg::InsightsRequestOpen };
                                    view! {
                                        <li>
                                            <a href=i18n.href(&format!("/support/contact/{}", k.id)) data-testid="led-request">
                                                {format!("{} ({})", fmt_time(k.at), i18n.t(state))}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <tr data-testid="article-no" data-article=a.id.clone()>
                                    <td>
                                        <a href=article_href(Some(a.locale), &a.slug)>{a.title}</a>
                                    </td>
                                    <td>{a.locale.native_name()}</td>
                                    <td class="num" data-testid="no-count">{a.no}</td>
                                    <td class="num">{a.yes}</td>
                                    <td>
                                        <ul class="plain-list">{requests}</ul>
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
}

/// HELP-6: per language the most frequent searches and those that found
/// nothing; each article's "No" answers and the contact requests they led to.
#[component]
pub fn HelpInsightsPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| help_insights());
    view! {
        <Title text=i18n.t(Msg::InsightsTitle) />
        <h1>{move || i18n.t(Msg::InsightsTitle)}</h1>
        {load(data, move |v: InsightsView| {
            let InsightsView { since, searches, articles } = v;
            view! {
                <p class="lead">{i18n.t(Msg::InsightsLead).replace("{time}", &fmt_time(since))}</p>
                {searches
                    .into_iter()
                    .map(|l| view! {
                        <section data-testid="searches" data-lang=l.locale.code()>
                            <h2 lang=l.locale.code()>{l.locale.native_name()}</h2>
                            {search_table(l.top, Msg::InsightsTop, "top-searches")}
                            {search_table(l.nothing_found, Msg::InsightsNothingFound, "empty-searches")}
                        </section>
                    })
                    .collect_view()}
                <h2>{i18n.t(Msg::InsightsArticles)}</h2>
                {noes_table(articles)}
            }
        })}
    }
}
