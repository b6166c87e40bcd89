#![cfg(feature = "ssr")]
//! The help center against a real database (SQLite's FTS5, or PostgreSQL's
//! text search with SETTLE_TEST_DATABASE_URL): seed content, search in each
//! language, feedback, revisions. Named after the rules they check.

mod support;

use chrono::{Duration, Utc};
use settle::domain::help::{ArticleDraft, Slug, Vote};
use settle::domain::{ArticleId, ErrorCode, Locale, Role, RuleId};
use settle::help::search::search;
use settle::help::store::{self as help, Save};
use support::money::person;
use support::TestApp;

async fn seeded() -> TestApp {
    let app = TestApp::new().await;
    let n = help::seed_if_empty(&app.db, Utc::now()).await.unwrap();
    assert!(n >= 10, "{n} articles");
    assert_eq!(help::seed_if_empty(&app.db, Utc::now()).await.unwrap(), 0);
    app
}

fn slugs(hits: &[settle::domain::help::SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.slug.as_str()).collect()
}

#[tokio::test]
async fn r_help_1_articles_in_categories_know_their_translations() {
    let app = seeded().await;
    for locale in Locale::ALL {
        let home = help::home(&app.db, locale).await.unwrap();
        assert_eq!(home.categories.len(), 5);
        assert!(home.categories.iter().all(|c| c.count > 0));
        assert!(!home.popular.is_empty());
    }
    let it = help::article(&app.db, Locale::It, "assistenza-pagamenti", None)
        .await
        .unwrap();
    assert_eq!(it.locale, Locale::It);
    assert_eq!(it.widget.map(|w| w.as_str()), Some("billing"));
    assert_eq!(it.translations.len(), 1);
    assert_eq!(it.translations[0].locale, Locale::En);
    let en = help::article(&app.db, Locale::En, &it.translations[0].slug, None)
        .await
        .unwrap();
    assert_eq!(en.key, it.key);
    // A slug from the other language leads to this language's translation.
    let switched = help::article_any(&app.db, Locale::En, "assistenza-pagamenti", None)
        .await
        .unwrap();
    assert_eq!(switched.id, en.id);
    let e = help::article(&app.db, Locale::En, "no-such-article", None)
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn r_help_2_search_in_the_readers_language_with_highlights() {
    let app = seeded().await;
    let hits = search(&app.db, Locale::It, "assistenza pagamenti", 10)
        .await
        .unwrap();
    assert_eq!(
        hits.first().map(|h| h.slug.as_str()),
        Some("assistenza-pagamenti"),
        "{hits:?}"
    );
    assert!(hits.iter().all(|h| h.locale == Locale::It));
    assert!(hits[0].snippet.iter().any(|p| p.marked), "{:?}", hits[0].snippet);
    // English words find English articles only.
    let hits = search(&app.db, Locale::En, "processor", 10).await.unwrap();
    assert!(slugs(&hits).contains(&"billing-support"), "{hits:?}");
    let none = search(&app.db, Locale::It, "", 10).await.unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn r_help_2_search_tolerates_typos_and_hostile_queries() {
    let app = seeded().await;
    let hits = search(&app.db, Locale::It, "procesore rimborzo", 10)
        .await
        .unwrap();
    assert!(slugs(&hits).contains(&"assistenza-pagamenti"), "{hits:?}");
    for hostile in [
        "\" OR 1=1 --",
        "NEAR(",
        "'; DROP TABLE help_articles; --",
        "*:* & | !",
        "\u{e000}x",
    ] {
        search(&app.db, Locale::En, hostile, 10).await.unwrap();
    }
    assert!(help::home(&app.db, Locale::En).await.is_ok());
}

/// Issue 20: a repeated search (the same words, whatever their case or
/// spacing) is answered from memory; a save clears it, so the new text is
/// found at once.
#[tokio::test]
async fn r_help_2_a_repeated_search_is_kept_until_an_article_is_saved() {
    let app = seeded().await;
    let agent = person(&app.db, "sara", Role::Support).await;
    let cookie = support::cookie_for(&app.db, &agent, Utc::now()).await;
    let refund = support::help_search_json(&app, "en", "refund call").await;
    assert!(refund.contains("how-models-refund-a-call"), "{refund}");
    assert_eq!(support::help_search_json(&app, "en", "quokkaberry").await, "[]");
    assert_eq!(app.state.search_results.len(), 2);
    assert_eq!(
        support::help_search_json(&app, "en", "  Refund   CALL ").await,
        refund
    );
    assert_eq!(app.state.search_results.len(), 2, "the same words are one entry");

    let article = help::admin_list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.locale == Locale::En && l.slug == "how-models-refund-a-call")
        .unwrap();
    let res = support::save_article_adding(&app, &cookie, &article.id, "A quokkaberry line.").await;
    assert_eq!(res.status(), 200, "{}", support::body_string(res).await);
    assert!(
        app.state.search_results.is_empty(),
        "a save clears every kept result"
    );
    let found = support::help_search_json(&app, "en", "quokkaberry").await;
    assert!(found.contains("how-models-refund-a-call"), "{found}");
}

#[tokio::test]
async fn r_help_3_one_answer_per_reader_counted_per_article_and_language() {
    let app = seeded().await;
    let it = help::article(&app.db, Locale::It, "assistenza-pagamenti", None)
        .await
        .unwrap();
    let en = help::article(&app.db, Locale::En, "billing-support", None)
        .await
        .unwrap();
    let now = Utc::now();
    help::vote(&app.db, &it.id, "reader-a", Vote::No, now)
        .await
        .unwrap();
    help::vote(&app.db, &it.id, "reader-a", Vote::No, now)
        .await
        .unwrap();
    help::vote(&app.db, &it.id, "reader-b", Vote::Yes, now)
        .await
        .unwrap();
    help::vote(&app.db, &en.id, "reader-a", Vote::Yes, now)
        .await
        .unwrap();
    // Changing one's answer replaces it.
    help::vote(&app.db, &it.id, "reader-b", Vote::No, now)
        .await
        .unwrap();
    let lines = help::admin_list(&app.db).await.unwrap();
    let tally = |id: &ArticleId| lines.iter().find(|l| l.id == *id).unwrap().tally;
    assert_eq!((tally(&it.id).yes, tally(&it.id).no), (0, 2));
    assert_eq!(tally(&it.id).share_no_percent(), Some(100));
    assert_eq!((tally(&en.id).yes, tally(&en.id).no), (1, 0));
    let mine = help::article(&app.db, Locale::It, "assistenza-pagamenti", Some("reader-a"))
        .await
        .unwrap();
    assert_eq!(mine.my_vote, Some(Vote::No));
    let e = help::vote(
        &app.db,
        &ArticleId::from_db("missing".into()),
        "reader-a",
        Vote::Yes,
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Help3));
}

fn edit(id: &ArticleId, key: &str, body: &str, base: Option<i64>) -> Save {
    Save {
        id: Some(id.clone()),
        key: Slug::parse(key).unwrap(),
        locale: Locale::It,
        category: "billing".into(),
        slug: Slug::parse("assistenza-pagamenti").unwrap(),
        draft: ArticleDraft::parse(
            "Assistenza pagamenti",
            "Chi ti ha addebitato e come contattarlo.",
            body,
        )
        .unwrap(),
        popular: Some(2),
        base_revision: base,
    }
}

#[tokio::test]
async fn r_help_4_every_save_is_a_revision_and_any_two_compare() {
    let app = seeded().await;
    let support = person(&app.db, "sara", Role::Support).await;
    let a = help::article(&app.db, Locale::It, "assistenza-pagamenti", None)
        .await
        .unwrap();
    let now = Utc::now();
    let (_, r2) = help::save(
        &app.db,
        edit(&a.id, &a.key, "Prima riga.\n**Seconda** riga.\n", Some(1)),
        Some(&support),
        now,
    )
    .await
    .unwrap();
    let (_, r3) = help::save(
        &app.db,
        edit(
            &a.id,
            &a.key,
            "Prima riga.\nSeconda riga.\nTerza riga con la parola zanzibar.\n",
            Some(2),
        ),
        Some(&support),
        now + Duration::seconds(1),
    )
    .await
    .unwrap();
    assert_eq!((r2, r3), (2, 3));
    let revs = help::revisions(&app.db, &a.id).await.unwrap();
    assert_eq!(revs.iter().map(|r| r.number).collect::<Vec<_>>(), vec![3, 2, 1]);
    assert_eq!(revs[0].author.as_deref(), Some("sara"));
    assert_eq!(revs[2].author, None);
    let mut conn = app.db.acquire().await.unwrap();
    let old = help::revision_text(&mut conn, &a.id, 2).await.unwrap();
    let new = help::revision_text(&mut conn, &a.id, 3).await.unwrap();
    let diff = settle::domain::help::compare(&old, &new);
    use settle::domain::help::Change;
    assert!(diff.iter().any(|l| l.change == Change::Reformatted));
    assert!(diff.iter().any(|l| l.change == Change::Added));
    // The saved text is what readers see and what search finds.
    let hits = search(&app.db, Locale::It, "zanzibar", 10).await.unwrap();
    assert_eq!(slugs(&hits), vec!["assistenza-pagamenti"]);
    // A save based on an old revision is refused and changes nothing.
    let e = help::save(
        &app.db,
        edit(&a.id, &a.key, "Sovrascrivo.\n", Some(2)),
        Some(&support),
        now,
    )
    .await
    .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Help4));
    assert_eq!(help::revisions(&app.db, &a.id).await.unwrap().len(), 3);
    let e = help::revision_text(&mut conn, &a.id, 9).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn r_help_4_a_translation_is_linked_and_slugs_stay_unique() {
    let app = seeded().await;
    let now = Utc::now();
    let new = |key: &str, slug: &str, locale| Save {
        id: None,
        key: Slug::parse(key).unwrap(),
        locale,
        category: "calls".into(),
        slug: Slug::parse(slug).unwrap(),
        draft: ArticleDraft::parse("Title", "Summary", "Body text.").unwrap(),
        popular: None,
        base_revision: None,
    };
    let (en, _) = help::save(
        &app.db,
        new("call-quality", "call-quality", Locale::En),
        None,
        now,
    )
    .await
    .unwrap();
    help::save(
        &app.db,
        new("call-quality", "qualita-chiamata", Locale::It),
        None,
        now,
    )
    .await
    .unwrap();
    let view = help::article(&app.db, Locale::En, "call-quality", None)
        .await
        .unwrap();
    assert_eq!(view.id, en);
    assert_eq!(view.translations[0].slug, "qualita-chiamata");
    // The same slug, or a second English version of the same key, is refused.
    let e = help::save(&app.db, new("other", "call-quality", Locale::En), None, now)
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Help1));
    let e = help::save(&app.db, new("call-quality", "another", Locale::En), None, now)
        .await
        .unwrap_err();
    assert_eq!(e.rule, Some(RuleId::Help1));
    let mut bad = new("x", "x", Locale::En);
    bad.category = "nope".into();
    assert_eq!(
        help::save(&app.db, bad, None, now).await.unwrap_err().rule,
        Some(RuleId::Help1)
    );
}

#[tokio::test]
async fn r_help_5_the_required_subjects_exist_in_both_languages() {
    let app = seeded().await;
    let lines = help::admin_list(&app.db).await.unwrap();
    for key in [
        "model-refunds-a-call",
        "support-refunds",
        "billing-support",
        "session-disputes",
        "rating-disputes",
    ] {
        let locales: Vec<Locale> = lines.iter().filter(|l| l.key == key).map(|l| l.locale).collect();
        assert!(
            locales.contains(&Locale::En) && locales.contains(&Locale::It),
            "{key}"
        );
    }
    // Articles link to the screens they describe.
    let a = help::article(&app.db, Locale::It, "come-la-modella-rimborsa-una-chiamata", None)
        .await
        .unwrap();
    assert!(a.html.contains("href=\"/it/model/calls\""), "{}", a.html);
}

#[tokio::test]
async fn r_help_1_anonymous_readers_get_the_article_from_memory_until_an_edit() {
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    let app = seeded().await;
    let get = |path: &str, cookie: Option<&str>| {
        let mut r = Request::get(path).header(header::ACCEPT_LANGUAGE, "en");
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        r.body(Body::empty()).unwrap()
    };
    let cache_of = |r: &axum::response::Response| {
        r.headers()
            .get("x-page-cache")
            .map(|v| v.to_str().unwrap().to_string())
    };
    let path = "/en/help/a/billing-support";
    let first = app.request(get(path, None)).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(cache_of(&first).as_deref(), Some("miss"));
    let first = support::body_string(first).await;
    assert!(!first.contains("<script"), "a help page carries no script");
    let second = app.request(get(path, None)).await;
    assert_eq!(cache_of(&second).as_deref(), Some("hit"));
    // A hit is answered before the per-request middleware, with the same
    // protections as every other answer.
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
    ] {
        assert_eq!(second.headers()[name], value, "{name}");
    }
    assert!(second.headers().contains_key(header::CONTENT_SECURITY_POLICY));
    assert!(second.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(support::body_string(second).await, first);
    // Browsers get the copy compressed when it was kept, brotli first.
    for (accept, coding) in [("gzip, deflate, br", "br"), ("gzip", "gzip")] {
        let mut r = get(path, None);
        r.headers_mut()
            .insert(header::ACCEPT_ENCODING, accept.parse().unwrap());
        let res = app.request(r).await;
        assert_eq!(cache_of(&res).as_deref(), Some("hit"));
        assert_eq!(res.headers()[header::CONTENT_ENCODING], coding);
        assert!(res.headers()[header::VARY]
            .to_str()
            .unwrap()
            .contains("accept-encoding"));
        let packed = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        let mut unpacked = String::new();
        use std::io::Read;
        if coding == "br" {
            brotli::Decompressor::new(&packed[..], 4096)
                .read_to_string(&mut unpacked)
                .unwrap();
        } else {
            flate2::read::GzDecoder::new(&packed[..])
                .read_to_string(&mut unpacked)
                .unwrap();
        }
        assert_eq!(unpacked, first, "{coding}");
    }
    // A cookie may be a session or a vote: such readers get a fresh page.
    let with_cookie = app.request(get(path, Some("settle_vote=abc"))).await;
    assert_eq!(cache_of(&with_cookie), None);
    // Search always runs.
    let search = app.request(get("/en/help/search?q=refund", None)).await;
    assert_eq!(cache_of(&search), None);
    // Saving an article or a processor clears every copy (the e2e test
    // r_help_4 checks it through support's editor).
    app.state.pages.clear();
    assert_eq!(
        cache_of(&app.request(get(path, None)).await).as_deref(),
        Some("miss")
    );
}
