//! Ratings after calls (RATE): give or change (both sides), remove one's
//! own, a model's removal request, and support's queue.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::rating::{Ground, RaterForm, RemovalWindow, ReviewSource, ReviewStatus};
use crate::domain::{CallId, RatingId, RatingReviewId, SessionId};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingLine {
    pub id: RatingId,
    pub call_id: CallId,
    pub rater_name: String,
    pub rated_name: String,
    pub stars: i64,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
    pub removed: bool,
    pub call_started: DateTime<Utc>,
    pub call_ended: DateTime<Utc>,
    /// For a rating the viewer received: when she may ask support to
    /// remove it (RATE-5), measured on the server's clock.
    pub removal: Option<RemovalWindow>,
    /// A removal request by the rated model waits for support.
    pub removal_pending: bool,
}

/// The star form of one call for its rater (RATE-1..4): the rating as it
/// stands, so a change starts from it, and what is possible until when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarForm {
    pub call_id: CallId,
    /// The rater's rating of this call, when there is one (for removal).
    pub rating_id: Option<RatingId>,
    pub other_name: String,
    pub call_ended: DateTime<Utc>,
    pub stars: Option<i64>,
    pub comment: Option<String>,
    pub form: RaterForm,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: RatingReviewId,
    pub source: ReviewSource,
    pub ground: Ground,
    pub evidence: Option<String>,
    /// A screenshot the model attached, served at `/files/<id>`.
    pub screenshot: Option<String>,
    pub status: ReviewStatus,
    pub rating: RatingLine,
    /// The chat between the two, attached automatically (RATE-5).
    pub transcript: Vec<TranscriptLine>,
}

/// One text message of the two's chat, attached to a removal review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptLine {
    pub at: DateTime<Utc>,
    /// The author's name (empty for a message without one).
    pub who: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingsOverview {
    pub given: Vec<RatingLine>,
    pub received: Vec<RatingLine>,
}

/// The star form of a finished in-person session for one of its two
/// parties (issue 16): the rating as it stands, so a change starts from
/// it, and what the RATE rules allow now, measured from the session's end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStarForm {
    pub session_id: SessionId,
    pub other_name: String,
    /// When the session ended; `None` while it is not finished.
    pub ended: Option<DateTime<Utc>>,
    pub stars: Option<i64>,
    pub comment: Option<String>,
    /// `None` while the session is not finished (nothing to rate yet).
    pub form: Option<RaterForm>,
}
