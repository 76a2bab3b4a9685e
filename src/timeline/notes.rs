//! Correction and update notes: how a newsroom says that a version changed more than its
//! wording ("(Corrects spelling of name in third paragraph)", "Correction: …", "An earlier
//! version of this article misstated …").

use std::collections::HashSet;

use crate::text::Article;

/// How notes start, in lower case: the wire services' bracketed notes and the papers' labels.
const STARTS: &[&str] = &[
    "(corrects",
    "(updates",
    "(adds",
    "(recasts",
    "(changes",
    "(refiles",
    "(fixes",
    "correction:",
    "corrections:",
    "clarification:",
    "update:",
    "updated:",
    "editor's note",
    "editor’s note",
    "editors' note",
    "editors’ note",
];

/// What notes say anywhere in a paragraph, in lower case.
const SAYS: &[&str] = &[
    "an earlier version of this",
    "a previous version of this",
    "this story has been updated",
    "this article has been updated",
    "this story has been corrected",
    "this article has been corrected",
    "this article was updated",
    "this story was updated",
    "this article was corrected",
    "this story was corrected",
];

/// The first paragraph of `new` that is a correction or update note and that `old` does not
/// have: a note kept from an earlier version says nothing about this one.
pub fn correction_note(old: &Article, new: &Article) -> Option<String> {
    let before: HashSet<&str> = old.paragraphs.iter().map(|p| p.text.as_str()).collect();
    new.paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .filter(|text| !before.contains(text))
        .find(|text| is_note(text))
        .map(str::to_owned)
}

/// Whether a paragraph is a correction or update note.
fn is_note(text: &str) -> bool {
    // Notes are short: only the start of a long paragraph is looked at for its label.
    let head: String = text
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_lowercase();
    STARTS.iter().any(|s| head.starts_with(s))
        || (text.len() <= 2000 && {
            let lower = text.to_lowercase();
            SAYS.iter().any(|s| lower.contains(s))
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn note(old: &str, new: &str) -> Option<String> {
        correction_note(
            &Article::from_text("old", old),
            &Article::from_text("new", new),
        )
    }

    #[test]
    fn the_common_forms_are_notes() {
        let story = "The council met on Monday.\n\n";
        for added in [
            "(Corrects spelling of mayor's name in second paragraph)",
            "(Updates with comment from the minister.)",
            "Correction: An earlier version misstated the date of the vote.",
            "An earlier version of this article misstated the mayor's age.",
            "This story has been updated to include the vote count.",
            "Editor’s note: The headline has been changed.",
        ] {
            assert_eq!(
                note(story, &format!("{story}{added}\n")).as_deref(),
                Some(added)
            );
        }
    }

    #[test]
    fn prose_and_notes_kept_from_before_are_not() {
        let old = "(Updates with vote.)\n\nThe council met on Monday.\n";
        // The note was already there; the story's own words mention corrections.
        let new = "(Updates with vote.)\n\nThe council met on Tuesday and corrects the budget.\n";
        assert_eq!(note(old, new), None);
        assert_eq!(
            note("A.\n", "A.\n\nThe mayor updates residents weekly.\n"),
            None
        );
    }
}
