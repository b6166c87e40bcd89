#![cfg(feature = "ssr")]
//! The authorization matrix (issue 8): every server function × every role
//! (anonymous, client, model, support), through the real router. One table
//! below lists who may call each function; a registered server function
//! without a row fails the test, and so does a row for one that is gone.
//!
//! A refused call must answer `not_signed_in` (anonymous) or `not_allowed`
//! (wrong role) whatever the arguments; an allowed one must get past that
//! check (its answer may be any other refusal, since the arguments are
//! placeholders: ownership and object rules are tested feature by feature,
//! e.g. strangers and disputes in tests/sessions.rs, files in
//! tests/billing.rs).

mod support;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Request};
use leptos::server_fn::ServerFn;
use serde::de::DeserializeOwned;
use settle::api::{auth, backoffice, billing, calls, disputes, help, ratings, sessions};
use settle::domain::Role;
use support::money::person;
use support::TestApp;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person.
    Viewer,
    /// The two sides of calls, chats and sessions: clients and models.
    Parties,
    /// One role only.
    Only(Role),
}
use Access::{Only, Parties, Public, Viewer};

#[derive(Clone, Copy, Debug)]
enum Who {
    Anonymous,
    Signed(Role),
}

struct Row {
    path: &'static str,
    access: Access,
    fields: &'static [&'static str],
    multipart: bool,
}

/// The argument names of a server function, read from its derived
/// `Deserialize` (which names its fields to the deserializer).
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Deserializer, Visitor};
    #[derive(Debug)]
    struct Fields(&'static [&'static str]);
    impl std::fmt::Display for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }
    impl std::error::Error for Fields {}
    impl serde::de::Error for Fields {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Fields(&[])
        }
    }
    struct Recorder;
    impl<'de> Deserializer<'de> for Recorder {
        type Error = Fields;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Fields> {
            Err(Fields(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Recorder) {
        Err(Fields(f)) => f,
        Ok(_) => &[],
    }
}

fn row<T: ServerFn + DeserializeOwned>(access: Access) -> Row {
    Row {
        path: T::PATH,
        access,
        fields: fields_of::<T>(),
        multipart: false,
    }
}

/// A row whose optional list arguments are left out (a list is not a
/// placeholder text).
fn row_without<T: ServerFn + DeserializeOwned>(access: Access, lists: &[&str]) -> Row {
    let fields: Vec<&'static str> = fields_of::<T>()
        .iter()
        .copied()
        .filter(|f| !lists.contains(f))
        .collect();
    Row {
        fields: fields.leak(),
        ..row::<T>(access)
    }
}

/// Multipart functions take the whole form; their text fields are named here.
fn multipart<T: ServerFn>(access: Access, fields: &'static [&'static str]) -> Row {
    Row {
        path: T::PATH,
        access,
        fields,
        multipart: true,
    }
}

fn matrix() -> Vec<Row> {
    use Role::{Client, Model, Support};
    vec![
        // Accounts
        row::<auth::CurrentSession>(Public),
        row::<auth::SignIn>(Public),
        row::<auth::SignUp>(Public),
        // Signing out without a session does nothing and says so.
        row::<auth::SignOut>(Public),
        row::<auth::SaveSettings>(Viewer),
        // Support's back office (TXN, REF-6)
        row::<backoffice::Customers>(Only(Support)),
        row::<backoffice::GetCustomerPage>(Only(Support)),
        row::<backoffice::RefundTxn>(Only(Support)),
        row::<backoffice::DeleteRefund>(Only(Support)),
        row::<backoffice::CorrectBalance>(Only(Support)),
        row::<backoffice::RecordPayout>(Only(Support)),
        row::<backoffice::ReviewRequests>(Only(Support)),
        row::<backoffice::ReviewRequest>(Only(Support)),
        row::<backoffice::DecideReview>(Only(Support)),
        row::<backoffice::AuditLog>(Only(Support)),
        // Billing (BILL)
        row::<billing::BillingProcessors>(Public),
        // Answers the caller's own purchases, and nothing to anyone else.
        row::<billing::MyBilling>(Public),
        row::<billing::BuyProduct>(Only(Client)),
        row::<billing::AskRefund>(Only(Client)),
        multipart::<billing::AskRefundUpload>(
            Only(Client),
            &["subject", "amount", "reason", "receipt_number"],
        ),
        row::<billing::SendTip>(Only(Client)),
        row::<billing::ModelBillingRequests>(Only(Model)),
        row::<billing::AnswerBillingRequest>(Only(Model)),
        row::<billing::BillingQueue>(Only(Support)),
        row::<billing::DecideBillingRequest>(Only(Support)),
        row::<billing::SaveProcessor>(Only(Support)),
        // Calls, refunds, chats (CALL, REF)
        row::<calls::ModelCalls>(Only(Model)),
        row::<calls::GetModelCall>(Only(Model)),
        row::<calls::RefundCall>(Only(Model)),
        row::<calls::ModelRateCall>(Only(Model)),
        row::<calls::CallFeedback>(Parties),
        row::<calls::ClientRateCall>(Only(Client)),
        row::<calls::ClientHome>(Only(Client)),
        row::<calls::GetClientCall>(Only(Client)),
        row::<calls::RequestReview>(Only(Client)),
        row::<calls::ChatContacts>(Parties),
        row::<calls::GetConversation>(Parties),
        row::<calls::SendMessage>(Parties),
        row::<calls::ModelEarnings>(Only(Model)),
        // Disputes (DISP)
        row::<disputes::ListDisputes>(Viewer),
        row::<disputes::GetDispute>(Viewer),
        row::<disputes::PostDisputeMessage>(Viewer),
        multipart::<disputes::AttachToDispute>(Viewer, &["id", "caption"]),
        row::<disputes::DecideDispute>(Only(Support)),
        row::<disputes::MarkDisputeAwaiting>(Only(Support)),
        // Help center (HELP)
        row::<help::HelpHome>(Public),
        row::<help::HelpCategory>(Public),
        row::<help::HelpArticle>(Public),
        row::<help::HelpSearch>(Public),
        row::<help::HelpVote>(Public),
        row::<help::HelpAdmin>(Only(Support)),
        row::<help::HelpEditor>(Only(Support)),
        row::<help::HelpPreview>(Only(Support)),
        row::<help::HelpSave>(Only(Support)),
        row::<help::HelpCompare>(Only(Support)),
        // Ratings (RATE)
        row::<ratings::RateCall>(Viewer),
        row::<ratings::MyRatings>(Viewer),
        row::<ratings::RemoveMyRating>(Viewer),
        row::<ratings::RequestRatingRemoval>(Only(Model)),
        multipart::<ratings::RequestRatingRemovalUpload>(Only(Model), &["rating_id", "ground", "note"]),
        row::<ratings::RatingQueue>(Only(Support)),
        row::<ratings::DecideRating>(Only(Support)),
        // Sessions (MEET)
        row::<sessions::ListModels>(Viewer),
        row::<sessions::ModelProfile>(Viewer),
        row_without::<sessions::BookSession>(Only(Client), &["services"]),
        row::<sessions::MySessions>(Parties),
        row::<sessions::GetSession>(Viewer),
        row_without::<sessions::SessionAct>(Viewer, &["prefs"]),
    ]
}

fn may_call(access: Access, who: Who) -> bool {
    match (access, who) {
        (Public, _) => true,
        (_, Who::Anonymous) => false,
        (Viewer, Who::Signed(_)) => true,
        (Parties, Who::Signed(r)) => r != Role::Support,
        (Only(role), Who::Signed(r)) => role == r,
    }
}

fn request(row: &Row, cookie: Option<&str>) -> Request<Body> {
    // Placeholder arguments: an id that matches nothing, text elsewhere.
    let value = |_: &str| "00000000-0000-7000-8000-000000000000".to_string();
    let mut req = Request::post(row.path).header(header::ACCEPT, "application/json");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    if row.multipart {
        let boundary = "authz-boundary";
        let mut body = String::new();
        for f in row.fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{f}\"\r\n\r\n{}\r\n",
                value(f)
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        req.header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
    } else {
        let body = row
            .fields
            .iter()
            .map(|f| format!("{f}={}", value(f)))
            .collect::<Vec<_>>()
            .join("&");
        req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    }
}

#[tokio::test]
async fn every_server_function_has_a_row_and_refuses_every_other_role() {
    let rows = matrix();
    // The table and the registered server functions are the same set.
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.path).collect();
    assert_eq!(listed.len(), rows.len(), "a server function is listed twice");
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in the matrix: {missing:?}"
    );
    let gone: Vec<_> = listed.difference(&registered).collect();
    assert!(
        gone.is_empty(),
        "rows for server functions that no longer exist: {gone:?}"
    );

    let app = TestApp::new().await;
    let now = app.state.clock.now();
    let mut people = Vec::new();
    for (name, role) in [
        ("authz-client", Role::Client),
        ("authz-model", Role::Model),
        ("authz-support", Role::Support),
    ] {
        people.push((role, person(&app.db, name, role).await));
    }

    let mut wrong = Vec::new();
    let mut checked = 0;
    for row in &rows {
        // Fresh sessions for every row: signing out ends the one it used.
        let mut cookies = vec![(Who::Anonymous, None)];
        for (role, user) in &people {
            let token = settle::server::auth::start_session(&app.db, user, now)
                .await
                .unwrap();
            cookies.push((Who::Signed(*role), Some(format!("settle_session={token}"))));
        }
        for (who, cookie) in &cookies {
            let res = app.request(request(row, cookie.as_deref())).await;
            let status = res.status().as_u16();
            let body = support::body_string(res).await;
            let code = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["code"].as_str().map(str::to_owned))
                .unwrap_or_default();
            let refused = matches!(code.as_str(), "not_signed_in" | "not_allowed");
            let allowed = may_call(row.access, *who);
            if allowed == refused {
                wrong.push(format!(
                    "{} as {who:?}: expected {}, got HTTP {status} {body:.120}",
                    row.path,
                    if allowed {
                        "to get past the access check"
                    } else {
                        "a refusal"
                    }
                ));
            }
            checked += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {checked} checks wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(checked, rows.len() * 4);
}
