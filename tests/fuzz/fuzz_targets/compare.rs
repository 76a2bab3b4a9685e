//! Comparing any two texts with any options accounts for both texts exactly: rows cover each
//! side once and in order, each change's edits give back its text, and the numbers agree. The
//! checks are the property tests' own (tests/support/invariants.rs).
#![no_main]

#[path = "../../support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use redline::compare::compare;
use redline::text::Article;

fuzz_target!(|data: &[u8]| {
    let Some((old, new, options)) = invariants::fuzz_case(data) else {
        return;
    };
    let cmp = compare(
        Article::from_text("old", &old).shared(),
        Article::from_text("new", &new).shared(),
        &options,
    );
    invariants::check_invariants(&cmp, invariants::new_text_check(options));
});
