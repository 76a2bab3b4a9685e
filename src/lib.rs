//! Redline shows what changed between two versions of an article.
//!
//! The pipeline runs one way:
//!
//! ```text
//! load (bytes → text)  →  segment (paragraphs, words)
//!     →  compare (align paragraphs + word diffs → one Comparison)
//!     →  summarize (ChangeSummary: facts a fact-checker checks first)  →  export / window / CLI
//! ```
//!
//! ```
//! use redline::{compare::{compare, CompareOptions}, text::Article};
//!
//! let old = Article::from_text("v1", "Beijing has placed some limits on the relationship.");
//! let new = Article::from_text("v2", "Beijing has placed some boundaries on ties.");
//! let comparison = compare(old.shared(), new.shared(), &CompareOptions::default());
//! let summary = redline::summary::ChangeSummary::new(&comparison);
//! let json = redline::export::json(&summary);
//! assert!(json.contains("\"kind\": \"changed\""));
//! ```
//!
//! Nothing in this library knows about the window: the `gui` module (behind the default `gui`
//! feature) and the command line read the same [`compare::Comparison`].

pub mod compare;
pub mod document;
pub mod export;
#[cfg(feature = "gui")]
pub mod gui;
mod parallel;
pub mod review;
pub mod sample;
pub mod summary;
pub mod text;
pub mod timeline;
pub mod watch;
