//! Ratings after calls (RATE): give or change (both sides), remove one's
//! own, a model's removal request, and support's queue.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::rating::{RaterForm, RemovalWindow};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingLine {
    pub id: String,
    pub call_id: String,
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
    pub call_id: String,
    /// The rater's rating of this call, when there is one (for removal).
    pub rating_id: Option<String>,
    pub other_name: String,
    pub call_ended: DateTime<Utc>,
    pub stars: Option<i64>,
    pub comment: Option<String>,
    pub form: RaterForm,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: String,
    pub source: String,
    pub ground: String,
    pub evidence: Option<String>,
    /// A screenshot the model attached, served at `/files/<id>`.
    pub screenshot: Option<String>,
    pub status: String,
    pub rating: RatingLine,
    /// The chat between the two, attached automatically (RATE-5).
    pub transcript: Vec<(DateTime<Utc>, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingsOverview {
    pub given: Vec<RatingLine>,
    pub received: Vec<RatingLine>,
}
