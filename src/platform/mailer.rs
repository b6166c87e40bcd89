//! Sending e-mail through SMTP (lettre). `SETTLE_SMTP_URL` names the mail
//! server (`smtp://host:port` in the clear, `smtps://` or
//! `smtp://…?tls=required` with TLS, user and password in the URL). Without
//! it, mails stay in the outbox and the test-mode page shows them.

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// One mail, written.
pub struct Mail<'a> {
    /// The outbox key; also the Message-ID, so a receiver can tell a
    /// repeated delivery (docs/decisions.md) from a new mail.
    pub key: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
}

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Mailbox,
    },
    /// No mail server: mails are kept.
    Keep,
}

impl Mailer {
    pub fn from_config(url: Option<&str>, from: &str) -> Result<Mailer, String> {
        let Some(url) = url else {
            return Ok(Mailer::Keep);
        };
        let from: Mailbox = from.parse().map_err(|e| format!("SETTLE_MAIL_FROM: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SETTLE_SMTP_URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(10)))
            .build();
        Ok(Mailer::Smtp {
            transport: Box::new(transport),
            from,
        })
    }

    pub fn sends(&self) -> bool {
        matches!(self, Mailer::Smtp { .. })
    }

    /// Hands one mail to the server. An error is what the server said (or
    /// that it was away); the outbox tries again later.
    pub async fn send(&self, m: &Mail<'_>) -> Result<(), String> {
        let Mailer::Smtp { transport, from } = self else {
            return Err("no mail server configured".into());
        };
        let to: Mailbox = m.to.parse().map_err(|e| format!("address: {e}"))?;
        let domain = from.email.domain().to_string();
        let id: String = m
            .key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(m.subject)
            .message_id(Some(format!("<{id}@{domain}>")))
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(m.text.to_string()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(m.html.to_string()),
                    ),
            )
            .map_err(|e| format!("message: {e}"))?;
        transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
