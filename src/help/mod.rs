//! The help center (HELP): public reading, search and feedback; support's
//! editor with revisions and comparison.

pub mod api;
#[cfg(feature = "ssr")]
pub mod insights;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::help::{DiffRow, SearchHit, Tally, Vote, Widget};
use crate::domain::{AppError, ArticleId, Locale};

/// The terms of use a person accepts at sign-up: a help article, one per
/// language (`content/help/*/terms-of-use.md`).
pub fn terms_path(locale: crate::domain::Locale) -> &'static str {
    match locale {
        crate::domain::Locale::En => "/en/help/a/terms-of-use",
        crate::domain::Locale::It => "/it/help/a/condizioni-d-uso",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCard {
    pub key: String,
    pub title: String,
    pub description: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    pub categories: Vec<CategoryCard>,
    pub popular: Vec<ArticleCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub key: String,
    pub title: String,
    pub description: String,
    pub articles: Vec<ArticleCard>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    pub locale: Locale,
    pub slug: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: ArticleId,
    pub key: String,
    /// The article's language (a link may lead to another language's page).
    pub locale: Locale,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Rendered from Markdown and sanitised on the server.
    pub html: String,
    pub category_key: String,
    pub category_title: String,
    pub updated_at: DateTime<Utc>,
    pub widget: Option<Widget>,
    pub revision: i64,
    pub translations: Vec<Translation>,
    pub my_vote: Option<Vote>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminLine {
    pub id: ArticleId,
    pub key: String,
    pub locale: Locale,
    pub slug: String,
    pub title: String,
    pub category: String,
    pub revision: i64,
    pub updated_at: DateTime<Utc>,
    pub tally: Tally,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEdit {
    pub id: ArticleId,
    pub key: String,
    pub locale: Locale,
    pub category: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub revision: i64,
    pub popular: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorData {
    /// None for a new article.
    pub article: Option<ArticleEdit>,
    pub categories: Vec<CategoryChoice>,
}

/// A category as the editor offers it: its key and its title in the
/// article's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryChoice {
    pub key: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionLine {
    pub number: i64,
    pub title: String,
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub title: String,
    pub locale: Locale,
    pub revisions: Vec<RevisionLine>,
    pub compared: Option<Compared>,
}

/// The two revisions compared and the rows: changed lines with a few
/// unchanged ones around them, longer runs of unchanged lines folded into
/// a count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compared {
    pub older: i64,
    pub newer: i64,
    pub rows: Vec<DiffRow>,
}

/// HELP-6: one search as support sees it: how often it was made in the
/// period, and how many of those found nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchCount {
    pub query: String,
    pub searches: i64,
    pub empty: i64,
}

/// HELP-6: one language's most frequent searches and those that found
/// nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageSearches {
    pub locale: Locale,
    pub top: Vec<SearchCount>,
    pub nothing_found: Vec<SearchCount>,
}

/// A contact request a "No" led to (SUP-6), as the article's line links it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedRequest {
    pub id: String,
    pub at: DateTime<Utc>,
    pub closed: bool,
}

/// HELP-6: an article readers answered "No" on, and where that led.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleNoes {
    pub id: String,
    pub locale: Locale,
    pub title: String,
    pub slug: String,
    pub no: i64,
    pub yes: i64,
    pub requests: Vec<LedRequest>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightsView {
    /// The searches counted are from this instant on.
    pub since: DateTime<Utc>,
    /// Every language, in `Locale::ALL` order.
    pub searches: Vec<LanguageSearches>,
    /// Articles with a "No" or a request, most "No" first.
    pub articles: Vec<ArticleNoes>,
}
