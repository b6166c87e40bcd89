//! The table of every server function and who may call it, read by the
//! authorization matrix (tests/authz.rs) and the hostile-input tests
//! (tests/hostile.rs).

use axum::body::Body;
use axum::http::{header, Request};
use leptos::server_fn::ServerFn;
use serde::de::DeserializeOwned;
use settle::domain::Role;
use settle::{
    accounts::api as accounts, billing::api as billing, calls::api as calls, cases::api as cases,
    contact::api as contact, disputes::api as disputes, help::api as help,
    notifications::api as notifications, ratings::api as ratings, replies::api as replies, sessions::agenda,
    sessions::api as sessions, support::api as support,
};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person.
    Viewer,
    /// The two sides of calls, chats and sessions: clients and models.
    Parties,
    /// One role only.
    Only(Role),
}
pub use Access::{Only, Parties, Public, Viewer};

#[derive(Clone, Copy, Debug)]
pub enum Who {
    Anonymous,
    Signed(Role),
}

pub struct Row {
    pub path: &'static str,
    pub access: Access,
    pub fields: &'static [&'static str],
    pub multipart: bool,
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

pub fn matrix() -> Vec<Row> {
    use Role::{Client, Model, Support};
    vec![
        // Accounts
        row::<accounts::CurrentSession>(Public),
        row::<accounts::SignIn>(Public),
        row::<accounts::SignUp>(Public),
        // Signing out without a session does nothing and says so.
        row::<accounts::SignOut>(Public),
        row::<accounts::SaveSettings>(Viewer),
        row::<accounts::TimeZones>(Public),
        // NOTE-4: links by e-mail. Following a link or asking for a reset
        // needs no session (the link or the address is the credential).
        row::<accounts::ConfirmEmail>(Public),
        row::<accounts::RequestPasswordReset>(Public),
        row::<accounts::CheckResetLink>(Public),
        row::<accounts::ResetPassword>(Public),
        row::<accounts::MailSettings>(Viewer),
        row::<accounts::SendConfirmation>(Viewer),
        row::<accounts::SaveMailTopics>(Viewer),
        // Support's back office (TXN, REF-6)
        // Support's cases (SUP-1, SUP-2)
        row::<cases::CaseQueue>(Only(Support)),
        row::<cases::SupportHome>(Only(Support)),
        row::<cases::CaseBar>(Only(Support)),
        row::<cases::TakeCase>(Only(Support)),
        row::<cases::CaseFacts>(Only(Support)),
        row::<replies::SavedReplies>(Only(Support)),
        row::<replies::SaveReply>(Only(Support)),
        row::<replies::DeleteReply>(Only(Support)),
        row::<replies::ReplyPicker>(Only(Support)),
        row::<cases::HandOverCase>(Only(Support)),
        row::<cases::SaveCaseTargets>(Only(Support)),
        row::<support::Customers>(Only(Support)),
        row::<support::GetCustomerPage>(Only(Support)),
        row::<support::RefundTxn>(Only(Support)),
        row::<support::DeleteRefund>(Only(Support)),
        row::<support::CorrectBalance>(Only(Support)),
        row::<support::RecordPayout>(Only(Support)),
        row::<calls::ReviewRequests>(Only(Support)),
        row::<calls::ReviewRequest>(Only(Support)),
        row::<calls::DecideReview>(Only(Support)),
        row::<support::AuditLog>(Only(Support)),
        // Billing (BILL)
        row::<billing::BillingProcessors>(Public),
        // Answers the caller's own purchases, and nothing to anyone else.
        row::<billing::MyBilling>(Public),
        row::<billing::BuyProduct>(Only(Client)),
        row::<billing::AskRefund>(Only(Client)),
        multipart::<billing::AskRefundUpload>(
            Only(Client),
            &["subject", "amount", "reason", "payment_number"],
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
        // What needs the model now, on her home (issue 16).
        row::<calls::RefundableCalls>(Only(Model)),
        // Disputes (DISP)
        row::<disputes::ListDisputes>(Viewer),
        row::<disputes::GetDispute>(Viewer),
        row::<disputes::PostDisputeMessage>(Viewer),
        multipart::<disputes::AttachToDispute>(Viewer, &["id", "caption"]),
        row::<disputes::DecideDispute>(Only(Support)),
        row::<disputes::PreviewDecision>(Only(Support)),
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
        row::<help::HelpInsights>(Only(Support)),
        // Contact support (SUP-6): anyone writes; the writer's own pages
        // are opened by the account or the private key, and refuse
        // everyone else as "not found".
        row::<contact::ContactForm>(Public),
        row::<contact::ContactSupport>(Public),
        row::<contact::ContactRequest>(Public),
        row::<contact::ContactFollowUp>(Public),
        row::<contact::SupportContact>(Only(Support)),
        row::<contact::AnswerContact>(Only(Support)),
        row::<contact::CloseContact>(Only(Support)),
        // Ratings (RATE)
        row::<ratings::RateCall>(Viewer),
        row::<ratings::MyRatings>(Viewer),
        row::<ratings::GetStarForm>(Viewer),
        row::<ratings::RemoveMyRating>(Viewer),
        row::<ratings::RequestRatingRemoval>(Only(Model)),
        multipart::<ratings::RequestRatingRemovalUpload>(Only(Model), &["rating_id", "ground", "note"]),
        row::<ratings::RatingQueue>(Only(Support)),
        row::<ratings::DecideRating>(Only(Support)),
        // A finished session's rating, by its two parties (issue 16).
        row::<ratings::RateSession>(Viewer),
        row::<ratings::SessionRatingForm>(Viewer),
        row::<ratings::RemoveMySessionRating>(Viewer),
        // Sessions (MEET)
        // Anyone may browse the models; booking asks to sign in (issue 16).
        row::<sessions::ListModels>(Public),
        row::<sessions::ModelProfile>(Public),
        row::<sessions::QuoteSession>(Only(Client)),
        row::<sessions::MyPhoto>(Only(Model)),
        multipart::<sessions::UploadPhoto>(Only(Model), &["lang"]),
        row_without::<sessions::BookSession>(Only(Client), &["services"]),
        row::<sessions::MySessions>(Parties),
        row::<sessions::GetSession>(Viewer),
        row_without::<sessions::SessionAct>(Viewer, &["prefs"]),
        // The homes' agenda: a party's own sessions only (issue 16).
        row::<agenda::MyAgenda>(Parties),
        // The notification list and the header's count: one's own notices
        // only, for every signed-in person (issue 18, NOTE-1).
        row::<notifications::MyNotices>(Viewer),
        row::<notifications::UnreadNotices>(Viewer),
        row::<notifications::OpenAllNotices>(Viewer),
    ]
}

pub fn may_call(access: Access, who: Who) -> bool {
    match (access, who) {
        (Public, _) => true,
        (_, Who::Anonymous) => false,
        (Viewer, Who::Signed(_)) => true,
        (Parties, Who::Signed(r)) => r != Role::Support,
        (Only(role), Who::Signed(r)) => role == r,
    }
}

/// The function called with `value(field)` for each of its fields.
pub fn request_with(row: &Row, cookie: Option<&str>, value: impl Fn(&str) -> String) -> Request<Body> {
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

/// Placeholder arguments: an id that matches nothing, in every field.
pub fn request(row: &Row, cookie: Option<&str>) -> Request<Body> {
    request_with(row, cookie, |_| {
        "00000000-0000-7000-8000-000000000000".to_string()
    })
}
