//! The window, driven headless through egui_kittest: the real app state, real clicks and keys.
//!
//! Background work is awaited with [`RedlineApp::wait_for_jobs`] before each check, so the tests
//! do not depend on timing. Every settled frame also runs kittest's accessibility check: each
//! control must have a name a screen reader (and `get_by_label`) can find.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use redline::compare::{ChangeKind, Side};
use redline::gui::{Action, Opening, RedlineApp, StartOptions};

#[path = "support/fonts.rs"]
mod fonts;
#[path = "gui/versions.rs"]
mod versions;

const JOB_TIMEOUT: Duration = Duration::from_secs(60);

fn harness(app: RedlineApp) -> Harness<'static, RedlineApp> {
    harness_with(app, |_| {})
}

/// A window with `setup` done to its context first (fonts, say).
fn harness_with(
    app: RedlineApp,
    setup: impl FnOnce(&egui::Context) + 'static,
) -> Harness<'static, RedlineApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 800.0))
        // Jumps scroll smoothly: give the animation frames to finish.
        .with_max_steps(120)
        .with_context_setup(setup)
        .build_ui_state(|ui, app: &mut RedlineApp| app.show(ui), app);
    settle(&mut harness);
    harness
}

/// Waits for the background job, then lets the window draw until it is still.
fn settle(harness: &mut Harness<'static, RedlineApp>) {
    for _ in 0..10 {
        assert!(
            harness.state_mut().wait_for_jobs(JOB_TIMEOUT),
            "job timed out"
        );
        harness.run_steps(2);
        if !harness.state().is_busy() {
            break;
        }
    }
    harness.run();
}

fn sample() -> Harness<'static, RedlineApp> {
    harness(RedlineApp::with_files(None))
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_files(harness: &mut Harness<'static, RedlineApp>, at: egui::Pos2, paths: &[&Path]) {
    harness.hover_at(at);
    harness.step();
    for path in paths {
        harness
            .input_mut()
            .dropped_files
            .push(Arc::new(Dropped(path.to_path_buf())));
    }
    harness.step();
    settle(harness);
}

#[test]
fn the_sample_loads_with_both_names_and_its_changes() {
    let harness = sample();
    let app = harness.state();
    assert_eq!(app.name(Side::Old), Some("article-v1.txt (sample)"));
    assert_eq!(app.name(Side::New), Some("article-v2.txt (sample)"));
    let changes = app.comparison().unwrap().changes.len();
    assert!(changes > 5, "the sample has {changes} changes");
    harness.get_by_label(&format!("Changes ({changes})"));
    harness.get_by_label_contains("similar");
    // The panes' paragraphs are readable by screen readers, with what happened to them.
    harness.get_by_label_contains("Old, deleted: date 2023-11-22");
    harness.get_by_label_contains("New, unchanged: Chinese leader Xi Jinping");
}

#[test]
fn next_change_moves_the_selection_and_scrolls() {
    let mut harness = sample();
    assert_eq!(harness.state().current_change(), None);
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().current_change(), Some(0));

    let last = harness.state().comparison().unwrap().changes.len() - 1;
    for _ in 0..last {
        harness.key_press(Key::F8);
        harness.run();
    }
    assert_eq!(harness.state().current_change(), Some(last));
    assert!(
        harness.state().scroll_offset() > 100.0,
        "the last change is further down"
    );

    harness.key_press_modifiers(Modifiers::SHIFT, Key::F8);
    harness.run();
    assert_eq!(harness.state().current_change(), Some(last - 1));
    harness.get_by_label("Previous change").click();
    harness.run();
    assert_eq!(harness.state().current_change(), Some(last - 2));
    harness.get_by_label("Next change").click();
    harness.run();
    assert_eq!(harness.state().current_change(), Some(last - 1));
}

#[test]
fn the_change_list_jumps_to_a_change() {
    let mut harness = sample();
    let last = harness.state().comparison().unwrap().changes.len();
    harness.get_by_label_contains(&format!("{last}. ")).click();
    harness.run();
    assert_eq!(harness.state().current_change(), Some(last - 1));
    assert!(harness.state().scroll_offset() > 100.0);
}

#[test]
fn changing_an_option_compares_again() {
    let mut harness = sample();
    let before = Arc::clone(harness.state().comparison().unwrap());
    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label("Ignore letter case").click();
    harness.run();
    settle(&mut harness);
    let after = harness.state().comparison().unwrap();
    assert!(after.options.ignore_case);
    assert!(!before.options.ignore_case);
    assert!(!Arc::ptr_eq(&before, after), "a new comparison is shown");
    // The status bar says so: the option is remembered across restarts, and nothing else on
    // screen shows it.
    harness.get_by_label("Case ignored");
}

#[test]
fn the_status_bar_gives_the_current_change_and_says_which_is_the_last() {
    let mut harness = sample();
    let changes = harness.state().comparison().unwrap().changes.len();
    assert!(harness.query_by_label_contains("Change 1 of").is_none());
    harness.key_press(Key::F8);
    harness.run();
    harness.get_by_label(&format!("Change 1 of {changes}"));
    harness.key_press(Key::End);
    harness.run();
    for _ in 1..changes {
        harness.key_press(Key::F8);
        harness.run();
    }
    harness.get_by_label(&format!("Change {changes} of {changes}, the last"));
}

#[test]
fn a_binary_file_shows_its_error_and_keeps_the_other_side() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("photo.bin");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).unwrap();
    let mut harness = sample();
    let before = Arc::clone(harness.state().comparison().unwrap());
    // Dropped on the left pane.
    drop_files(&mut harness, egui::pos2(400.0, 400.0), &[&binary]);
    let app = harness.state();
    let error = app
        .error(Side::Old)
        .expect("the old side reports the error");
    // The header shows the loader's own message.
    let expected = redline::document::Document::load(&binary, &Default::default())
        .unwrap_err()
        .to_string();
    assert_eq!(error, expected);
    assert_eq!(app.error(Side::New), None);
    assert_eq!(app.name(Side::New), Some("article-v2.txt (sample)"));
    assert!(Arc::ptr_eq(&before, app.comparison().unwrap()));
    harness.get_by_label_contains(&expected);
}

#[test]
fn a_binary_file_at_start_still_shows_the_other_file() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("photo.bin");
    std::fs::write(&binary, [0u8, 1, 2, 0, 0, 0]).unwrap();
    let text = dir.path().join("story.txt");
    std::fs::write(&text, "First paragraph.\n\nSecond paragraph.").unwrap();
    let harness = harness(RedlineApp::with_files(Some((binary, text))));
    let app = harness.state();
    assert!(app.error(Side::Old).is_some());
    assert_eq!(app.name(Side::New), Some("story.txt"));
    assert_eq!(app.comparison().unwrap().rows.len(), 2);
    harness.get_by_label_contains("Only one side could be read");
}

#[test]
fn a_file_over_the_size_limit_can_be_opened_anyway_from_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.txt");
    std::fs::write(&old, "A short story.\n\nIt ends here.").unwrap();
    let new = dir.path().join("long.txt");
    let long = "A much longer story goes on and on.\n\n".repeat(40_000);
    std::fs::write(&new, &long).unwrap();
    // A limit of 1 MiB, as `redline --max-file-size 1` gives, and a 1.4 MiB file.
    let mut harness = harness(RedlineApp::starting(StartOptions {
        files: Opening::Pair(old, new.clone()),
        max_file_size: Some(1024 * 1024),
        ..StartOptions::default()
    }));
    let error = harness
        .state()
        .error(Side::New)
        .expect("the new side is refused");
    assert!(error.contains("larger than the limit of 1 MiB"), "{error}");
    assert_eq!(harness.state().name(Side::Old), Some("old.txt"));
    harness.get_by_label("Open it anyway (2 MiB)").click();
    harness.run();
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.error(Side::New), None);
    assert_eq!(app.name(Side::New), Some("long.txt"));
    assert_eq!(app.max_file_size(), long.len() as u64);
    assert!(!app.comparison().unwrap().changes.is_empty());
}

#[test]
fn dropping_two_files_loads_them_as_old_and_new() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.txt");
    let new = dir.path().join("v2.txt");
    std::fs::write(
        &old,
        "The minister resigned on Monday.\n\nHe denied wrongdoing.",
    )
    .unwrap();
    std::fs::write(
        &new,
        "The minister resigned on Tuesday.\n\nHe denied wrongdoing.",
    )
    .unwrap();
    let mut harness = sample();
    drop_files(&mut harness, egui::pos2(600.0, 400.0), &[&old, &new]);
    let app = harness.state();
    assert_eq!(app.name(Side::Old), Some("v1.txt"));
    assert_eq!(app.name(Side::New), Some("v2.txt"));
    let comparison = app.comparison().unwrap();
    assert_eq!(comparison.changes.len(), 1);
    assert_eq!(comparison.changes[0].kind, ChangeKind::Changed);
}

#[test]
fn one_file_opens_as_the_old_version_and_waits_for_the_new() {
    // `redline FILE`: the file is shown, the other pane says how to add the new version, and
    // dropping it there compares the two.
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("v1.txt"), dir.path().join("v2.txt"));
    std::fs::write(&old, "The minister resigned on Monday.\n\nHe denied it.").unwrap();
    std::fs::write(&new, "The minister resigned on Tuesday.\n\nHe denied it.").unwrap();
    let mut harness = harness(RedlineApp::opening(Opening::Old(old)));
    assert_eq!(harness.state().name(Side::Old), Some("v1.txt"));
    assert_eq!(harness.state().name(Side::New), None);
    assert_eq!(harness.state().error(Side::New), None);
    harness.get_by_label_contains("He denied it.");
    harness.get_by_label_contains("nothing open yet: use Open new… or drop a file on this pane");
    harness.get_by_label_contains("Only one version is open");

    drop_files(&mut harness, egui::pos2(1000.0, 400.0), &[&new]);
    assert_eq!(harness.state().name(Side::New), Some("v2.txt"));
    let changes = &harness.state().comparison().unwrap().changes;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Changed);
    assert!(
        harness
            .query_by_label_contains("Only one version")
            .is_none()
    );
}

#[test]
fn dropping_one_file_on_the_right_pane_replaces_the_new_side() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("edited.txt");
    std::fs::write(&new, redline::sample::NEW_TEXT.replace("Putin", "Mr Putin")).unwrap();
    let mut harness = sample();
    drop_files(&mut harness, egui::pos2(1000.0, 400.0), &[&new]);
    assert_eq!(harness.state().name(Side::New), Some("edited.txt"));
    assert_eq!(
        harness.state().name(Side::Old),
        Some("article-v1.txt (sample)")
    );
}

#[test]
fn find_counts_matches_in_both_panes_and_steps_through_them() {
    let mut harness = sample();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find:").click();
    let field = harness.get_by_role(egui::accesskit::Role::TextInput);
    field.type_text("putin");
    harness.run();
    let expected = [redline::sample::OLD_TEXT, redline::sample::NEW_TEXT]
        .iter()
        .map(|t| t.to_lowercase().matches("putin").count())
        .sum::<usize>();
    let (count, current) = harness.state().find_matches();
    assert_eq!(count, expected);
    assert_eq!(current, Some(0));
    harness.get_by_label(&format!("1 of {expected} matches"));
    harness.get_by_label("Next match").click();
    harness.run();
    assert_eq!(harness.state().find_matches().1, Some(1));
    harness.get_by_label("Previous match").click();
    harness.get_by_label("Previous match").click();
    harness.run();
    assert_eq!(harness.state().find_matches().1, Some(expected - 1));
}

#[test]
fn pasted_text_becomes_the_new_side() {
    let mut harness = sample();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Paste as new").click();
    harness.step();
    harness.event(egui::Event::Paste("A pasted paragraph.".to_owned()));
    harness.step();
    settle(&mut harness);
    assert_eq!(harness.state().name(Side::New), Some("pasted text (new)"));
}

#[test]
fn swap_exchanges_the_sides() {
    let mut harness = sample();
    harness.get_by_label("Swap").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(
        harness.state().name(Side::Old),
        Some("article-v2.txt (sample)")
    );
}

#[test]
fn hide_unchanged_folds_long_unchanged_runs_and_keeps_changes_reachable() {
    let dir = tempfile::tempdir().unwrap();
    // Paragraphs taller than the window, so that even with the unchanged ones folded the
    // change starts below the screen and going to it has to scroll.
    let filler = " It goes on about the story at some length.".repeat(120);
    let paragraphs: Vec<String> = (1..=12)
        .map(|n| format!("Paragraph number {n} says something about the story.{filler}"))
        .collect();
    let mut edited = paragraphs.clone();
    edited[9] = format!("Paragraph number ten now says something else entirely.{filler}");
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&old, paragraphs.join("\n\n")).unwrap();
    std::fs::write(&new, edited.join("\n\n")).unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new))));
    assert!(
        harness
            .query_by_label_contains("unchanged paragraphs hidden")
            .is_none()
    );
    let changes = &harness.state().comparison().unwrap().changes;
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Changed);
    harness.get_by_label("Hide unchanged").click();
    harness.run();
    // Rows 1–8 fold (row 9 is context); row 12 is context too, so only one fold.
    harness.get_by_label("8 unchanged paragraphs hidden");
    let changed = "New, changed: Paragraph number ten now";
    assert!(
        !on_screen(&harness, changed),
        "the change starts below the screen"
    );
    harness.state_mut().apply(Action::GoToChange(0));
    harness.run();
    assert_eq!(harness.state().current_change(), Some(0));
    assert!(harness.state().scroll_offset() > 0.0);
    assert!(
        on_screen(&harness, changed),
        "the change is scrolled into view"
    );
    // Clicking the fold shows the paragraphs again.
    harness.state_mut().apply(Action::ScrollTo(0.0));
    harness.run();
    harness
        .get_by_label("8 unchanged paragraphs hidden")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("unchanged paragraphs hidden")
            .is_none()
    );
}

#[test]
fn a_hidden_run_opens_where_it_is_and_the_others_stay_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs: Vec<String> = (1..=40)
        .map(|n| format!("Paragraph {n} tells part of the story."))
        .collect();
    let mut edited = paragraphs.clone();
    for n in [5, 20, 35] {
        edited[n - 1] = format!("Paragraph {n} tells it another way.");
    }
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&old, paragraphs.join("\n\n")).unwrap();
    std::fs::write(&new, edited.join("\n\n")).unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new))));
    harness.get_by_label("Hide unchanged").click();
    harness.run();
    // With one paragraph of context: 1–3, 7–18, 22–33 and 37–40 are hidden.
    let twelves = || harness.query_all_by_label("12 unchanged paragraphs hidden");
    assert_eq!(twelves().count(), 2);
    let upper = twelves().min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()));
    let marker = upper.as_ref().map(|node| node.rect()).unwrap();
    upper.unwrap().click();
    harness.run();
    // Its first paragraph is where the marker was; the reader's place is kept.
    let first = harness
        .get_by_label_contains("Old, unchanged: Paragraph 7 tells")
        .rect();
    assert!(
        (first.top() - marker.top()).abs() < 20.0,
        "marker at {marker:?}, its first paragraph at {first:?}"
    );
    harness.get_by_label_contains("Old, unchanged: Paragraph 18 tells");
    // The other runs stay hidden.
    harness.get_by_label("3 unchanged paragraphs hidden");
    assert_eq!(
        harness
            .query_all_by_label_contains("12 unchanged paragraphs hidden")
            .count(),
        1,
        "the run of 22–33 is still hidden"
    );
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gui")
        .join(name)
}

/// Drags the mouse from `from` to `to` as a reader selecting text does, presses Ctrl+C, and
/// returns what went to the clipboard.
fn drag_and_copy(
    harness: &mut Harness<'static, RedlineApp>,
    from: egui::Pos2,
    to: egui::Pos2,
) -> Vec<String> {
    harness.event(egui::Event::PointerMoved(from));
    harness.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    harness.event(egui::Event::PointerMoved(to));
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    harness.event(egui::Event::Copy);
    harness.step();
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn text_in_the_panes_can_be_selected_and_copied() {
    let mut harness = sample();
    let paragraph = harness
        .get_by_label_contains("Old, deleted: date 2023-11-22")
        .rect();
    // Drag across the old pane's first paragraph, then copy.
    let (from, to) = (paragraph.left_center(), paragraph.right_center());
    let copied = drag_and_copy(&mut harness, from, to);
    assert_eq!(copied, ["date 2023-11-22 Bloomberg News"]);
}

/// A Hebrew article (real sentences from Debian's translations) whose new version changes its
/// last paragraph, opened in the window.
fn right_to_left_pair(dir: &Path) -> (Harness<'static, RedlineApp>, Vec<&'static str>) {
    let sentences: Vec<&str> = include_str!("fixtures/scripts/rtl-he.txt")
        .lines()
        .take(4)
        .collect();
    let (old, new) = (dir.join("old.txt"), dir.join("new.txt"));
    std::fs::write(&old, sentences.join("\n\n")).unwrap();
    let edited = [&sentences[..3], &["שורה חדשה לגמרי"]].concat();
    std::fs::write(&new, edited.join("\n\n")).unwrap();
    let app = RedlineApp::with_files(Some((old, new)));
    (harness_with(app, fonts::add_right_to_left_font), sentences)
}

#[test]
fn right_to_left_text_is_copied_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let (mut harness, sentences) = right_to_left_pair(dir.path());
    // Screen readers get the paragraph as it is read.
    let first = harness
        .get_by_label(&format!("New, unchanged: {}", sentences[0]))
        .rect();
    // The whole paragraph, dragged from its right end (where it starts) to its left end.
    let copied = drag_and_copy(
        &mut harness,
        first.right_center() - Vec2::new(1.0, 0.0),
        first.left_center() + Vec2::new(1.0, 0.0),
    );
    assert_eq!(copied, [sentences[0]]);
    // Its right half on screen is the first half as read.
    let copied = drag_and_copy(
        &mut harness,
        first.right_center() - Vec2::new(1.0, 0.0),
        first.center(),
    );
    assert_eq!(copied.len(), 1);
    let part = copied[0].trim();
    assert!(part.chars().count() > 3, "{part:?}");
    assert!(
        sentences[0].starts_with(part),
        "{part:?} is not how {:?} starts",
        sentences[0]
    );
}

#[test]
fn copying_gives_the_text_selected_in_one_pane_only() {
    let mut harness = sample();
    // The first two paragraphs of the old pane, top to bottom.
    let mut old: Vec<(egui::Rect, String)> = harness
        .query_all_by_label_contains("Old, ")
        .filter_map(|node| {
            let label = node.accesskit_node().label()?.clone();
            let text = label.split_once(": ")?.1.to_owned();
            Some((node.rect(), text))
        })
        .collect();
    old.sort_by(|a, b| a.0.top().total_cmp(&b.0.top()));
    // Two paragraphs in a row, the first beside a paragraph of the new pane: drawn between
    // them, that one was copied too.
    let beside = |rect: &egui::Rect| {
        harness
            .query_all_by_label_contains("New, ")
            .any(|node| (node.rect().top() - rect.top()).abs() < 2.0)
    };
    let at = (0..old.len() - 1).find(|&k| beside(&old[k].0)).unwrap();
    let (first, second) = (&old[at], &old[at + 1]);
    // Drag from the start of the first down to the end of the second, then copy.
    let (from, to) = (
        first.0.left_top() + Vec2::new(1.0, 4.0),
        second.0.right_bottom() - Vec2::new(1.0, 4.0),
    );
    let copied = drag_and_copy(&mut harness, from, to);
    assert_eq!(copied.len(), 1, "{copied:?}");
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(
        words(&copied[0]),
        words(&format!("{} {}", first.1, second.1)),
        "only the old pane's two paragraphs"
    );
}

/// Whether a node whose label contains `label` starts inside the window (a paragraph may be
/// taller than the window: its first line is what a jump must show).
fn on_screen(harness: &Harness<'static, RedlineApp>, label: &str) -> bool {
    harness.query_all_by_label_contains(label).any(|node| {
        let rect = node.rect();
        (0.0..800.0).contains(&rect.top()) && (0.0..1200.0).contains(&rect.left())
    })
}

#[test]
fn a_moved_paragraph_marker_jumps_to_its_other_place() {
    let dir = tempfile::tempdir().unwrap();
    // A paragraph moved from the top to the bottom of an article longer than the window.
    let moved = "Mayor Jane Ortiz called the vote \"a turning point for the city\".";
    let others: Vec<String> = (1..=60)
        .map(|n| format!("Paragraph {n} of the budget story, which stays where it was."))
        .collect();
    let old_text = [&[moved.to_owned()], others.as_slice()].concat();
    let new_text = [others.as_slice(), &[moved.to_owned()]].concat();
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&old, old_text.join("\n\n")).unwrap();
    std::fs::write(&new, new_text.join("\n\n")).unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new))));
    let comparison = Arc::clone(harness.state().comparison().unwrap());
    let moves: Vec<_> = comparison
        .changes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ChangeKind::Moved)
        .collect();
    assert_eq!(moves.len(), 1, "{:?}", comparison.changes);
    let index = moves[0].0;
    let to_old = "Moved: go to its old place (above)";
    let arrived = "New, moved: Mayor Jane Ortiz";
    assert_eq!(harness.state().scroll_offset(), 0.0);
    assert!(!on_screen(&harness, arrived), "the new place is off screen");
    // The marker at the old place is labelled with where the paragraph went.
    harness
        .get_by_label("Moved: go to its new place (below)")
        .click();
    harness.run();
    assert_eq!(harness.state().current_change(), Some(index));
    assert!(harness.state().scroll_offset() > 300.0);
    // The paragraph at its new place is on screen, with the marker that leads back.
    assert!(on_screen(&harness, arrived));
    assert!(on_screen(&harness, to_old));
    harness.get_by_label(to_old).click();
    harness.run();
    assert_eq!(harness.state().scroll_offset(), 0.0);
    assert!(on_screen(&harness, "Old, moved: Mayor Jane Ortiz"));
}

#[test]
fn clicking_a_changed_paragraph_makes_it_current() {
    let files = (fixture("moves-old.txt"), fixture("moves-new.txt"));
    let mut harness = harness(RedlineApp::with_files(Some(files)));
    // The first row (the heading) is changed; its cell sits just under the headers and the review bar.
    harness.hover_at(egui::pos2(1000.0, 146.0));
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: egui::pos2(1000.0, 146.0),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos: egui::pos2(1000.0, 146.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    assert_eq!(harness.state().current_change(), Some(0));
}

#[test]
fn clicking_the_text_of_a_changed_paragraph_makes_it_current() {
    // The text is a selectable label on top of the cell: a plain click on it still counts.
    let mut harness = sample();
    let volodin = harness
        .state()
        .comparison()
        .unwrap()
        .changes
        .iter()
        .position(|c| c.old.contains(&3))
        .unwrap();
    assert_ne!(volodin, 0);
    harness
        .get_by_label_contains("Old, changed: Volodin said")
        .click();
    harness.run();
    assert_eq!(harness.state().current_change(), Some(volodin));
}

#[test]
fn a_running_comparison_can_be_cancelled_and_keeps_what_was_shown() {
    let dir = tempfile::tempdir().unwrap();
    // Enough text that comparing takes well over the moment before progress shows.
    let paragraphs: Vec<String> = (0..40_000)
        .map(|n| {
            format!(
                "Paragraph {n} of the long report, with words that repeat {}.",
                n % 97
            )
        })
        .collect();
    let mut edited = paragraphs.clone();
    for n in (0..edited.len()).step_by(50) {
        edited[n] = format!("Rewritten paragraph {n}, which now says something new.");
    }
    let (old, new) = (dir.path().join("long-a.txt"), dir.path().join("long-b.txt"));
    std::fs::write(&old, paragraphs.join("\n\n")).unwrap();
    std::fs::write(&new, edited.join("\n\n")).unwrap();

    let mut harness = sample();
    harness.state_mut().apply(Action::OpenPair(old, new));
    // Cancelled at once, whatever the machine's speed: the test never depends on timing.
    assert!(
        harness.state().is_comparing(),
        "loading and comparing run in the background"
    );
    harness.state_mut().apply(Action::Cancel);
    settle(&mut harness);
    assert!(!harness.state().is_comparing());
    harness.get_by_label_contains("Comparison cancelled");
    // The sample stays on screen, headers and all.
    assert_eq!(
        harness.state().name(Side::Old),
        Some("article-v1.txt (sample)")
    );
    assert!(
        harness
            .state()
            .comparison()
            .unwrap()
            .old
            .source
            .name
            .contains("sample")
    );
}

#[test]
fn ctrl_plus_minus_and_zero_size_the_text() {
    let mut harness = sample();
    let start = harness.state().font_size();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    assert_eq!(harness.state().font_size(), start + 2.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run();
    assert_eq!(harness.state().font_size(), start + 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert_eq!(harness.state().font_size(), start);
}

#[test]
fn the_theme_can_be_chosen_from_the_view_menu() {
    let mut harness = sample();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Light").click();
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn every_control_in_every_menu_has_an_accessible_name() {
    let mut harness = sample();
    harness.check_accessibility();
    for menu in ["File", "View", "Compare"] {
        harness.get_by_label(menu).click();
        harness.run();
        harness.check_accessibility();
        harness.key_press(Key::Escape);
        harness.run();
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.check_accessibility();
}

#[test]
fn page_down_end_and_home_scroll_the_panes() {
    let dir = tempfile::tempdir().unwrap();
    let text: Vec<String> = (0..80)
        .map(|n| format!("Paragraph {n} of a long article about the budget."))
        .collect();
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&old, text.join("\n\n")).unwrap();
    std::fs::write(&new, text[1..].join("\n\n")).unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new))));
    harness.key_press(Key::PageDown);
    harness.run();
    let after_page = harness.state().scroll_offset();
    assert!(after_page > 300.0, "{after_page}");
    harness.key_press(Key::End);
    harness.run();
    assert!(harness.state().scroll_offset() > 2.0 * after_page);
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(harness.state().scroll_offset(), 0.0);
}

#[test]
fn a_file_changed_on_disk_is_read_again_and_a_deleted_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&old, "The vote was on Monday.\n\nIt passed.").unwrap();
    std::fs::write(&new, "The vote was on Monday.\n\nIt passed.").unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new.clone()))));
    assert!(harness.state().comparison().unwrap().is_identical());

    std::fs::write(&new, "The vote was on Tuesday.\n\nIt passed narrowly.").unwrap();
    let reloaded = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        settle(&mut harness);
        !harness.state().comparison().unwrap().is_identical()
    });
    assert!(reloaded, "the changed file was not read again");
    // The reader is told what changed in it.
    assert_eq!(
        harness.state().notice(),
        Some("b.txt changed on disk and was read again: +2 words, −1 word.")
    );

    std::fs::remove_file(&new).unwrap();
    let reported = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        settle(&mut harness);
        harness
            .query_by_label_contains("was deleted or moved away")
            .is_some()
    });
    assert!(reported, "the deleted file was not reported");
    // The text last read stays on screen.
    let shown = harness.state().comparison().unwrap();
    assert_eq!(
        shown.new.paragraphs.first().map(|p| p.text.as_str()),
        Some("The vote was on Tuesday.")
    );
    assert_eq!(harness.state().name(Side::New), Some("b.txt"));
    assert!(on_screen(
        &harness,
        "New, changed: The vote was on Tuesday."
    ));
}

#[test]
fn the_fact_check_list_goes_to_a_fact() {
    let mut harness = sample();
    harness.get_by_label_contains("Fact-check (");
    harness.get_by_label("added: Evelyn Yu").click();
    harness.run();
    let app = harness.state();
    let current = app
        .current_change()
        .expect("the fact's paragraph is a change");
    let comparison = app.comparison().unwrap();
    let text = comparison.changes[current].text(comparison, Side::New);
    assert!(text.contains("Evelyn Yu"), "{text}");
    assert!(app.scroll_offset() > 100.0);
}

#[test]
fn a_clicked_fact_has_its_words_highlighted_on_each_side() {
    let mut harness = sample();
    harness
        .get_by_label_contains("changed: according to state run")
        .click();
    harness.run();
    let app = harness.state();
    let spotlit = app.spotlit();
    let words: Vec<(Side, &str)> = spotlit.iter().map(|(_, s, t)| (*s, t.as_str())).collect();
    assert_eq!(
        words,
        [
            (Side::Old, "according to state run broadcaster CCTV"),
            (Side::New, "the official Xinhua News Agency reported"),
        ]
    );
    // The row it went to is the one that shows them.
    let current = app.current_change().unwrap();
    let change = &app.comparison().unwrap().changes[current];
    assert!(
        spotlit
            .iter()
            .any(|(row, _, _)| *row == change.old_row || *row == change.new_row)
    );
    // Another fact replaces the highlight.
    harness.get_by_label("added: Evelyn Yu").click();
    harness.run();
    let spotlit = harness.state().spotlit();
    assert_eq!(spotlit.len(), 1);
    assert_eq!(spotlit[0].1, Side::New);
    assert_eq!(spotlit[0].2, "Evelyn Yu");
}

#[test]
fn the_fact_check_list_is_in_the_order_of_the_exports() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(
        &old,
        "The council approved a budget of 4.2 billion dollars on Tuesday.\n\n\
         Schools get 8 percent more.",
    )
    .unwrap();
    // Numbers and dates: two changed and two added, which the exports list added first.
    std::fs::write(
        &new,
        "The council approved a budget of 4.3 billion dollars on Wednesday.\n\n\
         Schools get 8 percent more and transport 6 percent more, from 2027.",
    )
    .unwrap();
    let harness = harness(RedlineApp::with_files(Some((old, new))));
    let kinds = ["added", "removed", "changed"];
    // The list's entries on screen, top to bottom: "added: 6 percent".
    let mut shown: Vec<(f32, String)> = harness
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter_map(|node| {
            let label = node.accesskit_node().label()?;
            let (what, _) = label.split_once(": ")?;
            kinds
                .contains(&what)
                .then(|| (node.rect().top(), what.to_owned()))
        })
        .collect();
    shown.sort_by(|a, b| a.0.total_cmp(&b.0));
    let shown: Vec<String> = shown.into_iter().map(|(_, what)| what).collect();
    assert_eq!(shown.len(), 4, "{shown:?}");
    // The same facts as the plain-text export lists them: "  added (new ¶2): 6 percent".
    let comparison = harness.state().comparison().unwrap();
    let text = redline::export::text(&redline::summary::ChangeSummary::new(comparison));
    let exported: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let (what, _) = line.strip_prefix("  ")?.split_once(" (")?;
            kinds.contains(&what).then(|| what.to_owned())
        })
        .collect();
    assert_eq!(shown, exported);
}

#[test]
fn recent_comparisons_are_listed_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("first.txt"), dir.path().join("second.txt"));
    std::fs::write(&old, "One.\n\nTwo.").unwrap();
    std::fs::write(&new, "One.\n\nThree.").unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new))));
    // Swap the sides, then reopen the pair as it was from File → Recent.
    harness.get_by_label("Swap").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().name(Side::Old), Some("second.txt"));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Recent").hover();
    harness.run();
    harness.get_by_label("first.txt » second.txt").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().name(Side::Old), Some("first.txt"));
    assert_eq!(harness.state().name(Side::New), Some("second.txt"));
}

#[test]
fn reload_reads_both_files_again() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&old, "Same.").unwrap();
    std::fs::write(&new, "Same.").unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new.clone()))));
    assert!(harness.state().comparison().unwrap().is_identical());
    std::fs::write(&new, "Different.").unwrap();
    harness.key_press(Key::F5);
    harness.run();
    settle(&mut harness);
    assert!(!harness.state().comparison().unwrap().is_identical());
}

#[test]
fn scrolling_up_through_rows_not_yet_laid_out_keeps_the_text_in_place() {
    let dir = tempfile::tempdir().unwrap();
    // More rows than are laid out at once, of very different lengths, so estimates are off.
    let words = redline::sample::OLD_TEXT
        .split_whitespace()
        .collect::<Vec<_>>();
    let text: Vec<String> = (0..3000)
        .map(|n| {
            let len = if n % 7 == 0 { 120 } else { 4 };
            let body = words.iter().cycle().skip(n).take(len).copied();
            format!("Marker{n} {}", body.collect::<Vec<_>>().join(" "))
        })
        .collect();
    let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&old, text.join("\n\n")).unwrap();
    std::fs::write(&new, text.join("\n\n")).unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new))));
    harness.state_mut().apply(Action::ScrollTo(60_000.0));
    harness.run();
    // Where each visible old paragraph's top is on screen, by its marker word.
    let tops = |harness: &Harness<'static, RedlineApp>| -> Vec<(String, f32)> {
        harness
            .query_all_by_label_contains("Old, unchanged: Marker")
            .filter_map(|node| {
                let label = node.accesskit_node().label()?;
                let marker = label.split_whitespace().nth(2)?.to_owned();
                Some((marker, node.rect().top()))
            })
            .collect()
    };
    let top = |harness: &Harness<'static, RedlineApp>, marker: &str| {
        tops(harness)
            .into_iter()
            .find(|(m, _)| m == marker)
            .map(|(_, y)| y)
    };
    // A paragraph on screen now…
    let (marker, before) = tops(&harness)
        .into_iter()
        .find(|(_, y)| *y > 300.0 && *y < 500.0)
        .expect("some paragraph in the middle of the screen");
    // …moves down by exactly the scrolled distance while rows above settle their heights.
    for _ in 0..5 {
        harness.state_mut().apply(Action::ScrollBy(-40.0));
        harness.run();
    }
    let after = top(&harness, &marker).unwrap();
    assert!(
        (after - before - 200.0).abs() < 2.0,
        "{marker}: {before} → {after}"
    );
}

#[test]
fn a_file_can_be_reopened_with_another_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("legacy.txt"), dir.path().join("new.txt"));
    // "Café society." in windows-1252: not valid UTF-8.
    std::fs::write(&old, b"Caf\xe9 society met on Monday.".as_slice()).unwrap();
    std::fs::write(&new, "Café society met on Tuesday.").unwrap();
    let mut harness = harness(RedlineApp::with_files(Some((old, new))));
    let detected = harness
        .state()
        .comparison()
        .unwrap()
        .old
        .source
        .encoding
        .clone();
    assert_ne!(detected, "UTF-8");
    harness.get_by_label(&detected).click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::RadioButton, "windows-1251")
        .click();
    harness.run();
    settle(&mut harness);
    let old = &harness.state().comparison().unwrap().old;
    assert_eq!(old.source.encoding, "windows-1251");
    // Byte E9 is й in Cyrillic windows-1251.
    assert!(
        old.paragraphs[0].text.starts_with("Cafй"),
        "{}",
        old.paragraphs[0].text
    );
}

#[test]
fn the_summary_is_exported_in_the_format_its_name_asks_for() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("changes.html");
    let mut harness = sample();
    harness
        .state_mut()
        .apply(Action::ExportSummaryTo(path.clone()));
    settle(&mut harness);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<html"), "an HTML page");
    assert!(html.contains("Evelyn Yu"));
    harness.get_by_label_contains("Summary saved to");
}

#[test]
fn the_word_redline_is_exported_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("redline.docx");
    let mut harness = sample();
    harness
        .state_mut()
        .apply(Action::ExportSummaryTo(path.clone()));
    settle(&mut harness);
    let bytes = std::fs::read(&path).unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert!(names.iter().any(|n| n == "word/document.xml"), "{names:?}");
    assert!(names.iter().any(|n| n == "word/comments.xml"), "{names:?}");
    harness.get_by_label_contains("Summary saved to");
}

#[test]
fn copy_summary_puts_markdown_on_the_clipboard() {
    let mut harness = sample();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Copy summary").click();
    harness.step();
    assert!(harness.state_mut().wait_for_jobs(JOB_TIMEOUT));
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("the summary was copied");
    assert!(copied.contains("article-v1.txt"), "{copied}");
    harness.run();
    harness.get_by_label_contains("copied to the clipboard");
}

#[test]
fn characters_no_font_has_are_reported_once() {
    // The test window has only egui's own fonts (eframe adds the system's): they cover Latin,
    // Greek and Cyrillic but not Chinese.
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    std::fs::write(&old, "Café society in Zürich, «нет», ἀλήθεια.").unwrap();
    // Over a thousand distinct ideographs: looked up over more than one frame.
    let ideographs: String = ('\u{4E00}'..'\u{52B0}').collect();
    std::fs::write(
        &new,
        format!("Café society in Zürich, «нет», ἀλήθεια.\n\nXi (习近平) agreed.\n\n{ideographs}"),
    )
    .unwrap();
    let mut window = Harness::builder()
        .with_size(Vec2::new(1200.0, 800.0))
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, app: &mut RedlineApp| app.show(ui),
            RedlineApp::with_files(Some((old.clone(), new.clone()))),
        );
    settle(&mut window);
    let notice = window.state().notice().unwrap_or_default().to_owned();
    assert!(
        notice.starts_with("1202 characters in these articles (the first is U+4E60) have no font"),
        "{notice}"
    );
    window.get_by_label_contains("have no font on this system");

    // An edited version with the same characters says nothing new; a file without them,
    // nothing at all.
    window.get_by_label("Dismiss").click();
    window.run();
    assert_eq!(window.state().notice(), None);
    std::fs::write(&new, "Xi (习近平) agreed at last.").unwrap();
    window.state_mut().apply(Action::ReloadSide(Side::New));
    settle(&mut window);
    assert_eq!(window.state().comparison().unwrap().changes.len(), 2);
    // Only the notice of the file read again: nothing about fonts.
    let notice = window.state().notice().unwrap_or_default();
    assert!(
        notice.starts_with("new.txt changed on disk") && !notice.contains("font"),
        "{notice}"
    );
    let latin = harness(RedlineApp::with_files(Some((old.clone(), old))));
    assert_eq!(latin.state().notice(), None);
}

/// Two versions of a long article in which every paragraph has one word replaced: as many
/// changes as paragraphs, each named by its words ("alpha17 » beta17" in the change list).
fn many_changes(dir: &Path, paragraphs: usize) -> (PathBuf, PathBuf) {
    let version = |word: &str| -> String {
        (1..=paragraphs)
            .map(|n| format!("Paragraph {n} of the story says {word}{n} and goes on a while."))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let (old, new) = (dir.join("old.txt"), dir.join("new.txt"));
    std::fs::write(&old, version("alpha")).unwrap();
    std::fs::write(&new, version("beta")).unwrap();
    (old, new)
}

#[test]
fn clicking_the_change_list_leaves_the_entry_under_the_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(RedlineApp::with_files(Some(many_changes(dir.path(), 80))));
    // The lowest entry wholly in view: the list used to scroll it up, so that the next
    // click landed on another entry.
    let list_bottom = harness.get_by_label_contains("alpha1 »").rect().bottom() + 2000.0;
    let lowest = (1..=80)
        .rev()
        .find(|n| {
            harness
                .query_by_label_contains(&format!("alpha{n} »"))
                .is_some_and(|node| node.rect().bottom() < list_bottom.min(700.0))
        })
        .unwrap();
    let label = format!("alpha{lowest} »");
    let before = harness.get_by_label_contains(&label).rect();
    harness.get_by_label_contains(&label).click();
    harness.run();
    assert_eq!(harness.state().current_change(), Some(lowest - 1));
    assert_eq!(harness.get_by_label_contains(&label).rect(), before);
    // Going on with the keyboard past the end of the view still scrolls the list to it.
    for _ in 0..10 {
        harness.key_press(Key::F8);
        harness.run();
    }
    let current = format!("alpha{} »", lowest + 10);
    assert!(
        harness.query_by_label_contains(&current).is_some(),
        "the current change's entry is in view"
    );
}

#[test]
fn the_change_list_keeps_the_width_the_reader_drags_it_to() {
    let mut harness = sample();
    let width = harness.state().change_list_width();
    let edge = egui::pos2(width, 500.0);
    harness.hover_at(edge);
    harness.run_steps(1);
    harness.drag_at(edge);
    harness.run_steps(1);
    for step in 1..=3 {
        harness.hover_at(edge + Vec2::new(50.0 * step as f32, 0.0));
        harness.run_steps(1);
    }
    harness.drop_at(edge + Vec2::new(150.0, 0.0));
    harness.run();
    let dragged = harness.state().change_list_width();
    assert!(
        (dragged - (width + 150.0)).abs() < 10.0,
        "{width} dragged to {dragged}"
    );
}

#[test]
fn the_sample_says_it_is_a_sample_and_how_to_open_ones_own_files() {
    let mut harness = sample();
    harness.get_by_label_contains("This is a sample");
    harness.get_by_label("Got it").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("This is a sample")
            .is_none()
    );

    let dir = tempfile::tempdir().unwrap();
    let files = many_changes(dir.path(), 3);
    let other = crate::harness(RedlineApp::with_files(Some(files)));
    assert!(other.query_by_label_contains("This is a sample").is_none());
}

#[test]
fn f1_lists_the_keyboard_shortcuts() {
    let mut harness = sample();
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Keyboard shortcuts");
    harness.get_by_label("F8 or Alt+Down");
    harness.get_by_label("Export the change summary");
    harness.key_press(Key::F1);
    harness.run();
    assert!(harness.query_by_label("F8 or Alt+Down").is_none());
}

#[test]
fn hovering_a_paragraph_gives_the_number_the_summaries_cite() {
    let mut harness = sample();
    harness
        .get_by_label_contains("Old, unchanged: Chinese leader Xi Jinping")
        .hover();
    harness.run_steps(40);
    harness.get_by_label("Old ¶2");
}

/// The sample pair copied into `dir` under these names.
fn sample_copies(dir: &Path, old: &str, new: &str) -> (PathBuf, PathBuf) {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let (o, n) = (dir.join(old), dir.join(new));
    std::fs::copy(samples.join("article-v1.txt"), &o).unwrap();
    std::fs::copy(samples.join("article-v2.txt"), &n).unwrap();
    (o, n)
}

#[test]
fn space_reviews_changes_one_by_one_and_the_review_outlives_the_window() {
    use redline::review::{Status, Store};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::at(dir.path().join("reviews"));
    let files = sample_copies(dir.path(), "draft.txt", "final.txt");
    let app = RedlineApp::with_files(Some(files)).with_review_store(store.clone());
    let mut harness = harness(app);
    let status =
        |h: &Harness<'static, RedlineApp>, n: usize| h.state().review().unwrap().mark(n).clone();
    // The first Space goes to the first change; the next marks it and goes on.
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().current_change(), Some(0));
    assert_eq!(status(&harness, 0).status, Status::ToReview);
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().current_change(), Some(1));
    assert_eq!(status(&harness, 0).status, Status::Reviewed);
    harness.get_by_label_contains("1 of 11 reviewed");
    // Flag the second change with its button, and say why.
    harness.get_by_label("! Flagged").click();
    harness.run();
    harness.get_by_label("Note:").click();
    harness.run();
    harness.get_by_label("Note:").type_text("ask the desk");
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(status(&harness, 1).status, Status::Flagged);
    assert_eq!(status(&harness, 1).note, "ask the desk");
    // Space leaves a flagged change flagged and goes to the next one to review.
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().current_change(), Some(2));
    assert_eq!(status(&harness, 1).status, Status::Flagged);
    // The change list shows the marks and filters by them.
    // The list shows the marks, and says them to a screen reader in words.
    harness.get_by_label_contains(", reviewed");
    harness.get_by_label("Flagged 1").click();
    harness.run();
    let flagged = harness.get_by_label_contains(", flagged, note: ask the desk");
    assert!(
        flagged
            .accesskit_node()
            .label()
            .unwrap_or_default()
            .starts_with("2. ")
    );
    assert!(harness.query_by_label_contains(", reviewed").is_none());
    harness.get_by_label("To review 9").click();
    harness.run();
    assert!(harness.query_by_label_contains(", flagged").is_none());
    assert!(harness.query_by_label_contains("3. ").is_some());
    // Exports carry the review.
    let export = dir.path().join("summary.json");
    harness
        .state_mut()
        .apply(Action::ExportSummaryTo(export.clone()));
    settle(&mut harness);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(json["changes"][0]["review"]["status"], "reviewed");
    assert_eq!(json["changes"][1]["review"]["note"], "ask the desk");
    // Closing the window writes the last marks; the same versions under other names, opened
    // again, have them.
    drop(harness);
    let files = sample_copies(dir.path(), "copy of draft.txt", "copy of final.txt");
    let harness = self::harness(RedlineApp::with_files(Some(files)).with_review_store(store));
    assert_eq!(status(&harness, 0).status, Status::Reviewed);
    assert_eq!(status(&harness, 1).status, Status::Flagged);
    assert_eq!(status(&harness, 1).note, "ask the desk");
    assert_eq!(status(&harness, 2).status, Status::ToReview);
}

#[test]
fn shift_space_flags_the_change_and_puts_the_keyboard_in_its_note() {
    use redline::review::Status;
    let mut harness = sample();
    harness.key_press(Key::F8);
    harness.run();
    let current = harness.state().current_change();
    assert!(current.is_some());
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Space);
    harness.run();
    // What is typed now is the note: its spaces neither mark nor move.
    harness.event(egui::Event::Text("not in the wire copy".to_owned()));
    harness.key_press(Key::Space);
    harness.run();
    let app = harness.state();
    assert_eq!(app.current_change(), current);
    let mark = app.review().unwrap().mark(current.unwrap());
    assert_eq!(mark.status, Status::Flagged);
    assert_eq!(mark.note, "not in the wire copy");
}

#[test]
fn moving_to_a_change_puts_the_focus_on_a_node_that_names_it() {
    let mut harness = sample();
    harness.key_press(Key::F8);
    harness.run();
    let node = harness.get_by_label_contains("Change 1 of 11: deleted, old ¶1.");
    assert!(node.is_focused());
    harness.key_press(Key::F8);
    harness.run();
    let node = harness.get_by_label_contains("Change 2 of 11: rewritten");
    assert!(node.is_focused());
    // The arrows scroll the panes and leave the focus where it is.
    let before = harness.state().scroll_offset();
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert!(harness.state().scroll_offset() > before);
    assert!(
        harness
            .get_by_label_contains("Change 2 of 11: rewritten")
            .is_focused()
    );
    // The focus there does not take the plain keys: Space still marks and moves on.
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().current_change(), Some(2));
    let node = harness.get_by_label_contains("Change 3 of 11: rewritten");
    assert!(node.is_focused());
    // A label's text is its accessible value.
    let value = node.accesskit_node().value().unwrap_or_default();
    assert_eq!(value, "Change 3 of 11: rewritten, new ¶2.");
}

#[test]
fn a_changed_paragraph_tells_a_screen_reader_what_was_deleted_and_inserted() {
    let harness = sample();
    for side in ["Old", "New"] {
        let wanted = format!("{side}, changed: Beijing has provided");
        let node = harness.get_by_label_contains(&wanted);
        let label = node.accesskit_node().label().unwrap_or_default();
        assert!(
            label.ends_with(" Deleted: support. Inserted: on Ukraine; cover."),
            "{label}"
        );
    }
}

#[test]
fn whole_inserted_and_deleted_paragraphs_are_told_apart_without_colour() {
    use egui::epaint::Shape;
    let harness = sample();
    let dark = harness.ctx.theme() == egui::Theme::Dark;
    let palette = redline::gui::Palette::of(dark);
    // The edge bars of the bands, by colour: a pattern of pieces for each kind.
    let mut bars: std::collections::HashMap<egui::Color32, Vec<egui::Rect>> = Default::default();
    for clipped in &harness.output().shapes {
        if let Shape::Rect(r) = &clipped.shape
            && (r.rect.width() - 4.0).abs() < 0.01
            && r.rect.height() > 0.0
        {
            bars.entry(r.fill).or_default().push(r.rect);
        }
    }
    let deleted = &bars[&palette.deleted_ink];
    let inserted = &bars[&palette.inserted_ink];
    // Deleted: dashes, each short and with a gap to the next; inserted: one solid bar per band.
    assert!(deleted.len() >= 3, "{deleted:?}");
    assert!(deleted.iter().all(|r| r.height() <= 7.01));
    assert!(deleted.windows(2).all(|w| w[1].min.y > w[0].max.y));
    assert!(!inserted.is_empty());
    assert!(inserted.iter().all(|r| r.height() > 15.0), "{inserted:?}");
}

#[test]
fn a_narrow_window_reads_inline_and_ctrl_i_switches_the_layout() {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(700.0, 700.0))
        .with_max_steps(120)
        .build_ui_state(
            |ui, app: &mut RedlineApp| app.show(ui),
            RedlineApp::with_files(None),
        );
    settle(&mut harness);
    assert!(harness.state().is_inline());
    // One column: the new version, the deleted words in their place.
    let node = harness.get_by_label_contains("Inline, changed: Volodin");
    let value = node.accesskit_node().value().unwrap_or_default();
    assert!(
        value.starts_with("Volodin said Russia adheres to the one-China policy and, speaker of"),
        "{value}"
    );
    assert!(harness.query_by_label_contains("Old, ").is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    assert!(!harness.state().is_inline());
    harness.get_by_label_contains("Old, deleted: date 2023-11-22");
    // Wide, it is side by side until asked.
    harness.set_size(Vec2::new(1300.0, 800.0));
    harness.run();
    assert!(!harness.state().is_inline());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    assert!(harness.state().is_inline());
}

#[test]
fn marks_survive_an_option_change_a_reload_and_an_edit_of_another_paragraph() {
    use redline::review::{Status, Store};
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = sample_copies(dir.path(), "old.txt", "new.txt");
    let app = RedlineApp::with_files(Some((old, new.clone())))
        .with_review_store(Store::at(dir.path().join("reviews")));
    let mut harness = harness(app);
    let status =
        |h: &Harness<'static, RedlineApp>, n: usize| h.state().review().unwrap().mark(n).status;
    harness
        .state_mut()
        .apply(Action::MarkChange(3, Status::Flagged));
    harness
        .state_mut()
        .apply(Action::MarkChange(4, Status::Reviewed));
    // At once another option: the review is read again before the saver may have written.
    let options = redline::compare::CompareOptions {
        ignore_case: true,
        ..Default::default()
    };
    harness.state_mut().apply(Action::SetOptions(options));
    settle(&mut harness);
    assert_eq!(status(&harness, 3), Status::Flagged);
    assert_eq!(status(&harness, 4), Status::Reviewed);
    harness.state_mut().apply(Action::Reload);
    settle(&mut harness);
    assert_eq!(status(&harness, 3), Status::Flagged);
    // The writer fixes a word in the last paragraph and the file is read again: a new pair of
    // texts, whose other changes keep their marks.
    let text = std::fs::read_to_string(&new).unwrap();
    std::fs::write(&new, text.replace("Bloomberg", "Bloomberg News")).unwrap();
    harness.state_mut().apply(Action::ReloadSide(Side::New));
    settle(&mut harness);
    let review = harness.state().review().unwrap();
    assert_eq!(review.counts().flagged, 1);
    assert_eq!(review.counts().reviewed, 1);
    // A new comparison starts without a current change: Space cannot mark one unseen.
    assert_eq!(harness.state().current_change(), None);
}

#[test]
fn space_on_a_focused_button_is_the_button_s() {
    let mut harness = sample();
    harness.key_press(Key::F8);
    harness.run();
    let before = harness.state().current_change();
    // Tab on to the next control, the Reviewed button: Space presses it, and does not also
    // mark the change and move on.
    harness.key_press(Key::Tab);
    harness.run();
    harness.key_press(Key::Space);
    harness.run();
    assert_eq!(harness.state().current_change(), before);
    let counts = harness.state().review().unwrap().counts();
    assert_eq!(counts.reviewed, 1);
}
