//! Typed identifiers. Ids are made by the application (UUIDv7 text), so the
//! same inserts work on SQLite and PostgreSQL and ids sort by creation time.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a stored id. Ids come from the database or from
            /// `new()`; parsing user input goes through `parse`.
            pub fn from_db(raw: String) -> Self {
                Self(raw)
            }

            /// Accepts only the canonical id shape (36 chars of hex and
            /// dashes), so hostile text never reaches a query as an id.
            pub fn parse(raw: &str) -> Option<Self> {
                let ok = raw.len() == 36
                    && raw.chars().enumerate().all(|(i, c)| match i {
                        8 | 13 | 18 | 23 => c == '-',
                        _ => c.is_ascii_hexdigit(),
                    });
                ok.then(|| Self(raw.to_ascii_lowercase()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// A fresh id (UUIDv7: unique, ordered by creation time).
            #[cfg(feature = "ssr")]
            pub fn generate() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A person with an account (model, client or support).
    UserId
);
id_type!(
    /// A pay-per-minute call recorded from the call system.
    CallId
);
id_type!(
    /// One ledger transaction (a set of postings that sum to zero).
    TxnId
);

id_type!(
    /// A client's request that support review a call (REF-6).
    RefundRequestId
);
id_type!(
    /// A conversation: a model and a client, or a dispute.
    ConversationId
);
id_type!(
    /// One entry of a conversation (text, call bubble, system notice).
    MessageId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_canonical_uuid_and_lowercases() {
        let id = UserId::parse("0192F3A4-0000-7000-8000-000000000001").unwrap();
        assert_eq!(id.as_str(), "0192f3a4-0000-7000-8000-000000000001");
    }

    #[test]
    fn parse_rejects_anything_else() {
        for bad in [
            "",
            "1",
            "../etc/passwd",
            "0192f3a4-0000-7000-8000-00000000000g",
            "0192f3a4x0000-7000-8000-000000000001",
        ] {
            assert!(UserId::parse(bad).is_none(), "{bad:?} must be refused");
        }
    }
}
