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

            /// Accepts only an id's shape, so hostile text never reaches a
            /// query as an id: the canonical UUID text (36 characters of
            /// hex and dashes), or the 32 hex digits that purchases,
            /// billing requests and help articles were given before ids
            /// had one format (those rows keep theirs).
            pub fn parse(raw: &str) -> Option<Self> {
                let canonical = raw.len() == 36
                    && raw.chars().enumerate().all(|(i, c)| match i {
                        8 | 13 | 18 | 23 => c == '-',
                        _ => c.is_ascii_hexdigit(),
                    });
                let legacy = raw.len() == 32 && raw.chars().all(|c| c.is_ascii_hexdigit());
                (canonical || legacy).then(|| Self(raw.to_ascii_lowercase()))
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

        /// Row structs read ids with `#[sqlx(try_from = "String")]`.
        impl From<String> for $name {
            fn from(raw: String) -> Self {
                Self(raw)
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
    CallReviewId
);
id_type!(
    /// A dispute (DISP), whatever its subject.
    DisputeId
);
id_type!(
    /// A booked in-person session (MEET).
    SessionId
);

impl SessionId {
    /// A session's id is the booking form's key (8 to 64 letters, digits
    /// or dashes, see `IdempotencyKey::from_form`), not a UUID, so
    /// `SessionId::parse` would refuse real sessions: this is the same
    /// shape check.
    pub fn from_key(raw: &str) -> Option<SessionId> {
        let ok = (8..=64).contains(&raw.len()) && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        ok.then(|| SessionId::from_db(raw.to_string()))
    }
}
id_type!(
    /// A purchase of credits (BILL-1).
    PurchaseId
);
id_type!(
    /// A spend on a show or content (BILL-3, BILL-4).
    SpendId
);
id_type!(
    /// A request to support about a purchase or a spend (BILL).
    BillingRequestId
);
id_type!(
    /// A help-center article (both languages share it).
    ArticleId
);
id_type!(
    /// A request to support from the contact form (SUP-6).
    ContactId
);
id_type!(
    /// A star rating (RATE).
    RatingId
);
id_type!(
    /// A request that support remove a rating (RATE-5).
    RatingReviewId
);
id_type!(
    /// An entry of the audit log.
    AuditEntryId
);
id_type!(
    /// A conversation: a model and a client, or a dispute.
    ConversationId
);
id_type!(
    /// One entry of a conversation (text, call bubble, system notice).
    MessageId
);
id_type!(
    /// One notice to one person (NOTE-1).
    NotificationId
);

/// A ledger entry's short reference for people (`T-4F7K-2M9Q`): 40 random
/// bits in Crockford's base 32, unique per database (a unique index; the
/// writer draws again on the rare clash). Support reads, says and searches
/// it; the UUID stays the key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TxnRef(String);

/// Crockford's base 32: no I, L, O or U, so it reads aloud unambiguously.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl TxnRef {
    /// The reference for 40 random bits (the caller draws them).
    pub fn from_bits(bits: u64) -> TxnRef {
        let c = |i: u32| CROCKFORD[((bits >> (35 - 5 * i)) & 31) as usize] as char;
        let (a, b): (String, String) = ((0..4).map(c).collect(), (4..8).map(c).collect());
        TxnRef(format!("T-{a}-{b}"))
    }

    pub fn from_db(raw: String) -> TxnRef {
        TxnRef(raw)
    }

    /// What a person typed, in the stored form when it looks like a
    /// reference: case and separators ignored, O read as 0, I and L as 1.
    pub fn normalize(typed: &str) -> Option<TxnRef> {
        let body: String = typed
            .trim()
            .trim_start_matches(['T', 't'])
            .chars()
            .filter(|c| !matches!(c, '-' | ' '))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            })
            .collect();
        let ok = body.len() == 8 && body.bytes().all(|b| CROCKFORD.contains(&b));
        ok.then(|| TxnRef(format!("T-{}-{}", &body[..4], &body[4..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TxnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_txn_1_references_are_short_readable_and_found_as_typed() {
        let r = TxnRef::from_bits(0);
        assert_eq!(r.as_str(), "T-0000-0000");
        let r = TxnRef::from_bits((1 << 40) - 1);
        assert_eq!(r.as_str(), "T-ZZZZ-ZZZZ");
        let r = TxnRef::from_bits(0x12_3456_789A);
        assert_eq!(r.as_str().len(), 11);
        assert!(!r.as_str()[2..].contains(['I', 'L', 'O', 'U']));
        // Neighbouring draws differ in the last characters, not just the first.
        assert_ne!(TxnRef::from_bits(1), TxnRef::from_bits(2));
        for typed in ["t-4f7k-2m9q", "4F7K2M9Q", " T 4F7K 2M9Q ", "T-4F7K-2M9Q"] {
            assert_eq!(
                TxnRef::normalize(typed).unwrap().as_str(),
                "T-4F7K-2M9Q",
                "{typed}"
            );
        }
        assert_eq!(TxnRef::normalize("T-OIL0-0000").unwrap().as_str(), "T-0110-0000");
        assert_eq!(TxnRef::normalize("refund"), None);
        assert_eq!(TxnRef::normalize("T-4F7K-2M9"), None);
    }

    #[test]
    fn parse_accepts_canonical_uuid_and_lowercases() {
        let id = UserId::parse("0192F3A4-0000-7000-8000-000000000001").unwrap();
        assert_eq!(id.as_str(), "0192f3a4-0000-7000-8000-000000000001");
        // the 32-digit form older purchases and articles were given
        let old = PurchaseId::parse("0192F3A4000070008000000000000001").unwrap();
        assert_eq!(old.as_str(), "0192f3a4000070008000000000000001");
    }

    #[test]
    fn parse_rejects_anything_else() {
        for bad in [
            "",
            "1",
            "../etc/passwd",
            "0192f3a4-0000-7000-8000-00000000000g",
            "0192f3a4x0000-7000-8000-000000000001",
            "0192f3a40000700080000000000000g1",
            "0192f3a4000070008000000000000001x",
        ] {
            assert!(UserId::parse(bad).is_none(), "{bad:?} must be refused");
        }
    }
}
