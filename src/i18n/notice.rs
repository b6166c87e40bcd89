//! A notice in words (NOTE-3): its title and one line, in the reader's
//! language, every instant written by `when` in the reader's zone.

use chrono::{DateTime, Utc};

use super::Msg;
use crate::domain::notice::{MailTopic, NoticeKind, NoticeParams};
use crate::domain::Locale;

pub struct NoticeWords {
    pub title: String,
    pub body: String,
}

pub fn notice_words(
    kind: NoticeKind,
    p: &NoticeParams,
    locale: Locale,
    when: &dyn Fn(DateTime<Utc>) -> String,
) -> NoticeWords {
    use NoticeKind::*;
    let (title, body) = match kind {
        OnMyWay => (Msg::NoticeOnMyWay, Some(Msg::NoticeOnMyWayBody)),
        Arrived => (Msg::NoticeArrived, Some(Msg::NoticeArrivedBody)),
        AddressNeeded => (Msg::NoticeAddressNeeded, Some(Msg::NoticeAddressNeededBody)),
        AdditionProposed => (Msg::NoticeAdditionProposed, Some(Msg::NoticeAdditionProposedBody)),
        Reminder24h => (Msg::NoticeReminder24h, Some(Msg::NoticeReminderBody)),
        Reminder1h => (Msg::NoticeReminder1h, Some(Msg::NoticeReminderBody)),
        SessionCancelled => (Msg::NoticeSessionCancelled, Some(Msg::NoticeSessionCancelledBody)),
        SessionNotStarted => (
            Msg::NoticeSessionNotStarted,
            Some(Msg::NoticeSessionNotStartedBody),
        ),
        SessionFinished => (Msg::NoticeSessionFinished, Some(Msg::NoticeSessionFinishedBody)),
        SessionPaid => (Msg::NoticeSessionPaid, Some(Msg::NoticeSessionPaidBody)),
        DisputeOpened => (Msg::NoticeDisputeOpened, Some(Msg::NoticeDisputeOpenedBody)),
        DisputeMessage => (Msg::NoticeDisputeMessage, None),
        DisputeDecided => (Msg::NoticeDisputeDecided, Some(Msg::NoticeDisputeDecidedBody)),
        CreditsBack => (Msg::NoticeCreditsBack, Some(Msg::NoticeCreditsBackBody)),
        RequestDecided => (Msg::NoticeRequestDecided, Some(Msg::NoticeRequestDecidedBody)),
        ChatMessage => (Msg::NoticeChatMessage, None),
        ContactAnswered => (Msg::NoticeContactAnswered, None),
    };
    let fill = |m: Msg| {
        m.text(locale)
            .replace("{name}", p.name.as_deref().unwrap_or("—"))
            .replace("{time}", &p.at.map(when).unwrap_or_default())
            .replace(
                "{amount}",
                &p.amount.map(|a| a.get().to_string()).unwrap_or_default(),
            )
            .replace("{text}", p.text.as_deref().unwrap_or(""))
    };
    NoticeWords {
        title: fill(title),
        // A message's notice quotes its start instead of a fixed line.
        body: match body {
            Some(m) => fill(m),
            None => p.text.clone().unwrap_or_default(),
        },
    }
}

pub fn topic_label(t: MailTopic) -> Msg {
    match t {
        MailTopic::Sessions => Msg::MailTopicSessions,
        MailTopic::Reminders => Msg::MailTopicReminders,
        MailTopic::Disputes => Msg::MailTopicDisputes,
        MailTopic::Money => Msg::MailTopicMoney,
        MailTopic::Messages => Msg::MailTopicMessages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Credits;

    #[test]
    fn r_note_3_every_kind_reads_in_both_languages_without_codes() {
        let p = NoticeParams {
            name: Some("Giulia".into()),
            at: Some(
                DateTime::parse_from_rfc3339("2026-12-10T18:00:00Z")
                    .unwrap()
                    .to_utc(),
            ),
            amount: Some(Credits::new(120)),
            text: Some("30 more minutes".into()),
        };
        for kind in NoticeKind::ALL {
            for locale in [Locale::En, Locale::It] {
                let w = notice_words(*kind, &p, locale, &|_| "10 dic 2026, 19:00".into());
                for part in [&w.title, &w.body] {
                    assert!(!part.is_empty(), "{kind:?} {locale:?}");
                    assert!(!part.contains('{'), "{kind:?} {locale:?}: {part}");
                    assert!(!part.contains(kind.as_str()), "{kind:?}: {part}");
                    assert!(!part.contains('_'), "{kind:?}: {part}");
                }
            }
        }
    }
}
