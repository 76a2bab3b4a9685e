//! The change summary: fact-check facets on the sample pair, and the exports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use redline::compare::{CompareOptions, Comparison, compare};
use redline::summary::{ChangeSummary, Fact, FactList};
use redline::text::Article;

fn sample() -> Comparison {
    compare(
        Article::from_document(redline::sample::old()).shared(),
        Article::from_document(redline::sample::new()).shared(),
        &CompareOptions::default(),
    )
}

fn olds(list: &[Fact]) -> Vec<&str> {
    list.iter().filter_map(|f| f.old.as_deref()).collect()
}

fn news(list: &[Fact]) -> Vec<&str> {
    list.iter().filter_map(|f| f.new.as_deref()).collect()
}

fn changed(list: &FactList) -> Vec<(&str, &str)> {
    list.changed
        .iter()
        .map(|f| {
            (
                f.old.as_deref().unwrap_or(""),
                f.new.as_deref().unwrap_or(""),
            )
        })
        .collect()
}

#[test]
fn sample_facets_show_what_a_fact_checker_must_verify() {
    let cmp = sample();
    let facts = ChangeSummary::new(&cmp).facts;
    println!("{facts:#?}");

    let added_quotes = news(&facts.quotes.added);
    assert!(
        added_quotes.contains(
            &"“comprehensive strategic coordination and mutually beneficial cooperation,”"
        ),
        "{added_quotes:?}"
    );
    assert!(
        added_quotes.contains(&"“the best level in history”"),
        "{added_quotes:?}"
    );
    let all_quotes = format!("{:?}", facts.quotes);
    assert!(
        !all_quotes.contains("no limits"),
        "the unchanged quote is not listed: {all_quotes}"
    );

    let attributions = changed(&facts.attributions);
    assert!(
        attributions.contains(&(
            "according to state run broadcaster CCTV",
            "the official Xinhua News Agency reported"
        )),
        "{attributions:?}"
    );
    assert!(
        attributions.contains(&("according to the statement", "according to the report")),
        "{attributions:?}"
    );

    let removed_numbers = olds(&facts.numbers.removed);
    assert!(
        removed_numbers.contains(&"2023-11-22"),
        "{removed_numbers:?}"
    );
    assert!(
        removed_numbers.contains(&"Wednesday"),
        "{removed_numbers:?}"
    );

    let added_names = news(&facts.names.added);
    assert!(
        added_names.contains(&"Xinhua News Agency"),
        "{added_names:?}"
    );
    assert!(added_names.contains(&"Evelyn Yu"), "{added_names:?}");
    assert!(
        olds(&facts.names.removed).contains(&"CCTV"),
        "{:?}",
        facts.names.removed
    );
}

/// The sample with the volatile parts fixed: no paths or times from the machine.
fn fixed_sample() -> Comparison {
    let mut cmp = sample();
    cmp.elapsed = std::time::Duration::ZERO;
    cmp
}

fn fixed_summary(cmp: &Comparison) -> ChangeSummary<'_> {
    // 2026-11-22T09:00:00Z
    ChangeSummary::at(
        cmp,
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_795_338_000),
    )
}

#[test]
fn snapshot_markdown() {
    let cmp = fixed_sample();
    insta::assert_snapshot!(redline::export::markdown(&fixed_summary(&cmp)));
}

#[test]
fn snapshot_html() {
    let cmp = fixed_sample();
    insta::assert_snapshot!(redline::export::html(&fixed_summary(&cmp)));
}

#[test]
fn snapshot_json() {
    let cmp = fixed_sample();
    insta::assert_snapshot!(redline::export::json(&fixed_summary(&cmp)));
}

#[test]
fn snapshot_text() {
    let cmp = fixed_sample();
    insta::assert_snapshot!(redline::export::text(&fixed_summary(&cmp)));
}

fn facts_of(old: &str, new: &str) -> redline::summary::Facts {
    let cmp = compare(
        Article::from_text("old", old).shared(),
        Article::from_text("new", new).shared(),
        &CompareOptions::default(),
    );
    ChangeSummary::new(&cmp).facts
}

#[test]
fn quotes_added_removed_altered_and_unchanged() {
    let f = facts_of(
        "Xi said the ties had “no limits” today. He called it “a new era of trust between us” once.",
        "Xi said the ties had “no limits” now. He called it “a new era of deep trust between us” once. Putin said “thank you”.",
    );
    assert_eq!(news(&f.quotes.added), ["“thank you”"]);
    assert!(f.quotes.removed.is_empty());
    assert_eq!(
        changed(&f.quotes),
        [(
            "“a new era of trust between us”",
            "“a new era of deep trust between us”"
        )]
    );
}

#[test]
fn apostrophes_and_unchanged_paragraphs_give_no_quotes() {
    let f = facts_of(
        "Xi hasn’t said much.\n\nThe “no limits” pact stands.",
        "Xi hasn’t said more.\n\nThe “no limits” pact stands.",
    );
    assert!(f.quotes.is_empty(), "{:?}", f.quotes);
}

#[test]
fn attributions_changed_and_unchanged() {
    let f = facts_of(
        "Trade rose 5%, according to customs data. Prices fell, Li said.",
        "Trade rose 5%, according to the central bank. Prices fell, Li said on Tuesday.",
    );
    assert_eq!(
        changed(&f.attributions),
        [("according to customs data", "according to the central bank")]
    );
    assert!(
        f.attributions.added.is_empty() && f.attributions.removed.is_empty(),
        "{:?}",
        f.attributions
    );
}

#[test]
fn a_sentence_without_a_source_has_no_attribution() {
    let f = facts_of(
        "The talks resumed in March.",
        "The talks resumed in April after a pause.",
    );
    assert!(f.attributions.is_empty(), "{:?}", f.attributions);
}

#[test]
fn numbers_changed_added_and_removed() {
    let f = facts_of(
        "Exports rose 26% to $240 billion on Monday.\n\nNothing else changed in 2022.",
        "Exports rose 27% to $240 billion.\n\nNothing else changed in 2022.",
    );
    assert_eq!(changed(&f.numbers), [("26%", "27%")]);
    assert_eq!(olds(&f.numbers.removed), ["Monday"]);
    assert!(
        f.numbers.added.is_empty(),
        "2022 and $240 billion are unchanged: {:?}",
        f.numbers
    );
}

#[test]
fn may_the_verb_is_not_a_date() {
    let f = facts_of("Xi may visit soon.", "Xi may visit later.");
    assert!(f.numbers.is_empty(), "{:?}", f.numbers);
}

#[test]
fn names_newly_mentioned_or_no_longer_mentioned() {
    let f = facts_of(
        "President Joe Biden met Li Qiang in Washington. Later, officials spoke.",
        "Biden met Li Qiang in Beijing, Reuters reported. Later, officials spoke.",
    );
    // "Biden" is still Joe Biden: a name that is part of one on the other side is not news.
    assert_eq!(news(&f.names.added), ["Beijing", "Reuters"]);
    assert_eq!(olds(&f.names.removed), ["Washington"]);
}

#[test]
fn a_name_inside_a_longer_word_is_not_a_mention() {
    // The unchanged paragraph names Xinhua, not Xi: Xi is gone from the new version.
    let f = facts_of(
        "Xinhua reported the visit.\n\nOfficials said Xi agreed.",
        "Xinhua reported the visit.\n\nOfficials said the premier agreed.",
    );
    assert_eq!(olds(&f.names.removed), ["Xi"]);
}

#[test]
fn sentence_starts_are_not_names() {
    let f = facts_of(
        "Officials met. Nothing happened.",
        "Officials met. Something happened.",
    );
    assert!(f.names.is_empty(), "{:?}", f.names);
}

/// Checks that every element of an HTML page is closed, in order (void elements aside).
fn assert_nested(html: &str) {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = start + rest[start..].find('>').expect("a tag is closed");
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        let name = tag.split([' ', '/']).find(|s| !s.is_empty()).unwrap_or("");
        if tag.starts_with('!') || ["meta", "br"].contains(&name) {
            continue;
        }
        if tag.starts_with('/') {
            assert_eq!(open.pop(), Some(name), "</{name}> closes something else");
        } else {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
}

#[test]
fn html_paragraphs_take_their_own_direction_and_marks_stay_inside_them() {
    let old = "وقال الرئيس إن المحادثات كانت مثمرة.\n\n\
               הממשלה אישרה את התקציב ביום שלישי.\n\n\
               The budget was approved on Tuesday.\n\nThe vote was close.";
    let new = "وقال الرئيس إن المحادثات كانت صعبة.\n\n\
               הממשלה אישרה את התקציב ביום רביעי.\n\n\
               The budget was approved on Wednesday, and the vote was close.";
    let cmp = compare(
        Article::from_text("old.txt", old).shared(),
        Article::from_text("new.txt", new).shared(),
        &CompareOptions::default(),
    );
    let html = redline::export::html(&ChangeSummary::new(&cmp));
    // Each paragraph of the articles decides its own direction from its first letters, so the
    // Arabic and Hebrew ones read right to left in an English page.
    assert!(html.contains("<p dir=\"auto\">وقال الرئيس"), "{html}");
    assert!(html.contains("<p dir=\"auto\">הממשלה"), "{html}");
    assert!(html.contains("<del>مثمرة</del>") && html.contains("<ins>صعبة</ins>"));
    assert!(html.contains("<del>שלישי</del>") && html.contains("<ins>רביעי</ins>"));
    // The facts' wordings too.
    assert!(html.contains("<ins dir=\"auto\">Wednesday</ins>"), "{html}");
    // Two paragraphs merged: the marks close before a paragraph ends.
    assert_nested(&html);
    assert!(!html.contains("<br><br>"));
}

#[test]
fn html_escapes_hostile_article_text() {
    let hostile = "<script>alert('x')</script> </td></tr></table> <!-- & \"quoted\" <img src=x onerror=alert(1)>";
    let cmp = compare(
        Article::from_text("<b>old</b>.txt", "A calm paragraph.").shared(),
        Article::from_text("new.txt", &format!("A calm paragraph.\n\n{hostile}")).shared(),
        &CompareOptions::default(),
    );
    let html = redline::export::html(&ChangeSummary::new(&cmp));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<!--"), "{html}");
    assert!(!html.contains("<b>old"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"),
        "{html}"
    );
    assert!(html.contains("Content-Security-Policy") && html.contains("script-src 'none'"));
    // The page is self-contained: nothing is loaded from elsewhere.
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
}

#[test]
fn a_fact_check_stops_when_asked_and_otherwise_finds_the_same_facts() {
    use std::sync::atomic::AtomicBool;
    let cmp = sample();
    let stopped = redline::summary::Facts::of_until(&cmp, &AtomicBool::new(true));
    assert_eq!(stopped.err(), Some(redline::compare::Cancelled));
    let facts = redline::summary::Facts::of_until(&cmp, &AtomicBool::new(false)).unwrap();
    assert_eq!(facts, redline::summary::Facts::of(&cmp));
    assert!(!facts.numbers.is_empty() && !facts.quotes.is_empty());
}

#[test]
fn every_format_shows_the_review_and_escapes_its_notes() {
    use redline::review::{Review, Status};
    let cmp = fixed_sample();
    let plain = fixed_summary(&cmp);
    assert!(!redline::export::markdown(&plain).contains("Review:"));
    assert!(!redline::export::text(&plain).contains("Review:"));
    let mut review = Review::blank(&cmp);
    review.set_status(0, Status::Reviewed);
    review.set_status(3, Status::Flagged);
    review.set_note(3, "<b>check</b> *this* [now]".into());
    let summary = fixed_summary(&cmp).with_review(review);
    let counts = "Review: 1 of 11 changes reviewed, 1 flagged, 9 to review.";

    let markdown = redline::export::markdown(&summary);
    assert!(markdown.contains(counts), "{markdown}");
    assert!(markdown.contains("   *Reviewed.*"), "{markdown}");
    assert!(
        markdown.contains(r"*Flagged:* \<b\>check\</b\> \*this\* \[now\]"),
        "{markdown}"
    );
    let text = redline::export::text(&summary);
    assert!(text.contains(counts), "{text}");
    assert!(
        text.contains("   [Flagged: <b>check</b> *this* [now]]"),
        "{text}"
    );
    let html = redline::export::html(&summary);
    assert!(html.contains(counts), "{html}");
    assert!(html.contains("<span class=\"review flagged\">Flagged</span>"));
    assert!(
        html.contains("Flagged: &lt;b&gt;check&lt;/b&gt; *this* [now]"),
        "{html}"
    );
    assert!(!html.contains("<b>check"));
    let json: serde_json::Value = serde_json::from_str(&redline::export::json(&summary)).unwrap();
    assert_eq!(
        json["changes"][3]["review"]["note"],
        "<b>check</b> *this* [now]"
    );
    assert_eq!(json["changes"][0]["review"]["status"], "reviewed");
    assert_eq!(json["review"]["to_review"], 9);
    // A mark under change 10 and on is indented as far as its wider number, so that it stays in
    // the list item.
    let mut review = Review::blank(&cmp);
    review.set_status(9, Status::Reviewed);
    review.set_note(9, "two\nlines".into());
    let tenth = redline::export::markdown(&fixed_summary(&cmp).with_review(review));
    assert!(tenth.contains("\n    *Reviewed:* two lines\n"), "{tenth}");
    // The marks sit on the change they were made on: the fourth one in every format.
    let fourth = markdown.find("\n4. ").unwrap();
    let fifth = markdown.find("\n5. ").unwrap();
    let flagged = markdown.find("*Flagged:*").unwrap();
    assert!(fourth < flagged && flagged < fifth);
}
