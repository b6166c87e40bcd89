//! Notifications (NOTE): what a person is told, which kind of e-mail it
//! is, and how long a failed delivery waits before the next try. The words
//! are the i18n module's; the delivery is the platform's outbox.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::money::Credits;

super::wire::text_enum! {
    /// NOTE-1: every event that asks someone to act or says money moved.
    pub enum NoticeKind {
        /// The other party is on the way (MEET-2/3).
        OnMyWay = "on_my_way",
        /// The other party is here.
        Arrived = "arrived",
        /// The client is at her door: the model gives the full address.
        AddressNeeded = "address_needed",
        /// An addition waits for this person's yes or no (MEET-6).
        AdditionProposed = "addition_proposed",
        /// A session starts in 24 hours.
        Reminder24h = "reminder_24h",
        /// A session starts in 1 hour.
        Reminder1h = "reminder_1h",
        SessionCancelled = "session_cancelled",
        /// MEET-14: the window closed before the session started.
        SessionNotStarted = "session_not_started",
        /// MEET-15: nobody pressed Finish; it finished by itself.
        SessionFinished = "session_finished",
        /// MEET-15: the held credits were paid to the model.
        SessionPaid = "session_paid",
        DisputeOpened = "dispute_opened",
        DisputeMessage = "dispute_message",
        DisputeDecided = "dispute_decided",
        /// REF-5: credits came back (neutral words, never who refunded).
        CreditsBack = "credits_back",
        /// A call review, billing request or rating removal was decided.
        RequestDecided = "request_decided",
        /// A chat message arrived while the person was away.
        ChatMessage = "chat_message",
        /// Support answered the person's contact request (SUP-6).
        ContactAnswered = "contact_answered",
    }
}

super::wire::text_enum! {
    /// The kinds of e-mail a person can turn off in Settings.
    pub enum MailTopic {
        /// Steps of a session: on the way, here, address, additions, ends.
        Sessions = "sessions",
        Reminders = "reminders",
        Disputes = "disputes",
        /// Money moved: credits back, a session paid, a request decided.
        Money = "money",
        Messages = "messages",
    }
}

impl NoticeKind {
    pub fn topic(self) -> MailTopic {
        use NoticeKind::*;
        match self {
            OnMyWay | Arrived | AddressNeeded | AdditionProposed | SessionCancelled | SessionNotStarted
            | SessionFinished => MailTopic::Sessions,
            Reminder24h | Reminder1h => MailTopic::Reminders,
            DisputeOpened | DisputeMessage | DisputeDecided => MailTopic::Disputes,
            SessionPaid | CreditsBack | RequestDecided => MailTopic::Money,
            ChatMessage | ContactAnswered => MailTopic::Messages,
        }
    }
}

/// What a notice's words are written from. Kept as JSON with the row, so
/// the text is written when it is read, in the reader's language and zone
/// (NOTE-3). Every field is optional: each kind uses its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeParams {
    /// The other person's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A session's start, a window's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Credits>,
    /// A short text the person wrote (an addition's label, a message's start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One notice to one person. `event_key` names the event: the same event
/// told twice is one notice (NOTE-2). `link` is the page where the person
/// acts, without the locale prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub event_key: String,
    pub link: String,
    pub params: NoticeParams,
}

impl Notice {
    pub fn new(kind: NoticeKind, event_key: impl Into<String>, link: impl Into<String>) -> Notice {
        Notice {
            kind,
            event_key: event_key.into(),
            link: link.into(),
            params: NoticeParams::default(),
        }
    }

    pub fn name(mut self, name: impl Into<String>) -> Notice {
        self.params.name = Some(name.into());
        self
    }

    pub fn at(mut self, at: DateTime<Utc>) -> Notice {
        self.params.at = Some(at);
        self
    }

    pub fn amount(mut self, amount: Credits) -> Notice {
        self.params.amount = Some(amount);
        self
    }

    pub fn text(mut self, text: impl Into<String>) -> Notice {
        // A notice quotes at most the start of what someone wrote.
        let t: String = text.into().chars().take(120).collect();
        self.params.text = Some(t);
        self
    }
}

/// NOTE-2: how long a mail that failed waits before the next try: 30 s,
/// then doubling, at most an hour. Never gives up: a mail server that is
/// down for a day gets the mail when it is back.
pub fn retry_delay(attempts: i64) -> Duration {
    let n = attempts.clamp(1, 20) - 1;
    let secs = 30i64.saturating_mul(1i64 << n.min(12));
    Duration::seconds(secs.min(3600))
}

/// Reminders before a session (NOTE-1): 24 hours and 1 hour.
pub const REMINDERS: [(NoticeKind, Duration); 2] = [
    (NoticeKind::Reminder24h, Duration::hours(24)),
    (NoticeKind::Reminder1h, Duration::hours(1)),
];

/// A reminder is sent only if it is still ahead when the session is
/// booked: a session booked 3 hours ahead gets the 1-hour one only.
pub fn reminder_due(start: DateTime<Utc>, before: Duration, booked: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let due = start - before;
    (due > booked).then_some(due)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_note_2_retry_delays_grow_and_stop_at_an_hour() {
        let d: Vec<i64> = (1..=10).map(|n| retry_delay(n).num_seconds()).collect();
        assert_eq!(d, vec![30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
        assert_eq!(retry_delay(0).num_seconds(), 30);
        assert_eq!(retry_delay(i64::MAX).num_seconds(), 3600);
    }

    #[test]
    fn r_note_1_reminders_only_when_still_ahead() {
        let start = DateTime::parse_from_rfc3339("2026-12-10T18:00:00Z")
            .unwrap()
            .to_utc();
        let day = Duration::hours(24);
        assert_eq!(
            reminder_due(start, day, start - Duration::hours(30)),
            Some(start - day)
        );
        assert_eq!(reminder_due(start, day, start - day), None);
        assert_eq!(
            reminder_due(start, Duration::hours(1), start - Duration::hours(3)),
            Some(start - Duration::hours(1))
        );
    }

    #[test]
    fn r_note_1_every_kind_has_a_mail_topic() {
        for k in NoticeKind::ALL {
            assert!(MailTopic::ALL.contains(&k.topic()));
        }
    }

    #[test]
    fn r_note_3_quoted_text_is_cut() {
        let n = Notice::new(NoticeKind::ChatMessage, "k", "/calls").text("x".repeat(500));
        assert_eq!(n.params.text.unwrap().chars().count(), 120);
    }
}
