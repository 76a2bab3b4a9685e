//! A changed paragraph as the facets read it: its text, and its tokens worked out once.

use std::cell::OnceCell;

use crate::text::{Token, tokens};

/// The text of one paragraph with its tokens, split on first use and then shared by every
/// facet that reads tokens (attributions, numbers, names): tokenising is most of their cost.
pub(crate) struct Prose<'a> {
    /// The paragraph text.
    pub text: &'a str,
    tokens: OnceCell<Vec<Token>>,
}

impl<'a> Prose<'a> {
    /// Wraps a paragraph's text; nothing is split yet.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            tokens: OnceCell::new(),
        }
    }

    /// The words and punctuation of the text ([`tokens`]).
    pub fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| tokens(self.text))
    }
}
