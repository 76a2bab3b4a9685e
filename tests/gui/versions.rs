//! Several versions of one article in the window: the version strip, stepping through the
//! versions, picking a pair, and each sentence's history.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable};
use redline::compare::Side;
use redline::gui::{Opening, RedlineApp};

use super::{drop_files, harness, settle};

/// Four versions of a story and, third in the list, a file that is not text. The second
/// rewords a sentence, the third changes a number without a note, the fourth adds a correction
/// note and removes a sentence.
fn story(dir: &Path) -> Vec<PathBuf> {
    let texts = [
        "The council met on Monday. It approved 12 new roads.\n\nThe mayor said the plan was fair. Critics disagreed.\n",
        "The council met on Monday. It approved 12 new roads.\n\nThe mayor said the plan was fair and overdue. Critics disagreed.\n",
        "The council met on Monday. It approved 14 new roads.\n\nThe mayor said the plan was fair and overdue. Critics disagreed.\n",
        "The council met on Monday. It approved 14 new roads.\n\nThe mayor said the plan was fair and overdue.\n\n(Corrects the number of roads.)\n",
    ];
    let mut paths: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = dir.join(format!("story-{}.txt", i + 1));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let broken = dir.join("scan.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n\x00\x01\x02 not text").unwrap();
    paths.insert(2, broken);
    paths
}

fn names(harness: &egui_kittest::Harness<'static, RedlineApp>) -> (String, String) {
    let name = |side| harness.state().name(side).unwrap_or_default().to_owned();
    (name(Side::Old), name(Side::New))
}

#[test]
fn several_versions_open_with_a_strip_and_the_latest_step_in_the_panes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(RedlineApp::opening(Opening::Versions(story(dir.path()))));
    let app = harness.state();
    assert_eq!(app.version_labels().len(), 5);
    // The last two readable versions, whatever lies between.
    assert_eq!(app.version_pair(), Some((3, 4)));
    assert_eq!(
        names(&harness),
        ("story-3.txt".into(), "story-4.txt".into())
    );
    // The version that cannot be read says so in the strip and in the message bar, and the
    // rest of the timeline still works.
    harness.get_by_label_contains("v3 scan.pdf");
    harness.get_by_label_contains("could not be read");
    assert!(harness.state().notice().unwrap_or("").contains("scan.pdf"));
    // The number changed without a note is flagged on its version; the corrected one is not.
    let flagged: Vec<String> = harness
        .query_all_by_label_contains("facts changed, no note")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].contains("v4 story-3.txt"), "{flagged:?}");
    harness.run();
}

#[test]
fn alt_arrows_step_through_the_versions_over_one_that_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(RedlineApp::opening(Opening::Versions(story(dir.path()))));
    let step = |harness: &mut egui_kittest::Harness<'static, RedlineApp>, key| {
        harness.key_press_modifiers(Modifiers::ALT, key);
        harness.run();
        settle(harness);
        harness.state().version_pair()
    };
    assert_eq!(step(&mut harness, Key::ArrowLeft), Some((1, 3)));
    assert_eq!(
        names(&harness),
        ("story-2.txt".into(), "story-3.txt".into())
    );
    assert_eq!(step(&mut harness, Key::ArrowLeft), Some((0, 1)));
    // At the first step, it stays there and says so.
    assert_eq!(step(&mut harness, Key::ArrowLeft), Some((0, 1)));
    assert!(
        harness
            .state()
            .notice()
            .unwrap_or("")
            .contains("first step")
    );
    assert_eq!(step(&mut harness, Key::ArrowRight), Some((1, 3)));
    let changes = harness.state().comparison().unwrap().changes.len();
    assert_eq!(
        changes, 1,
        "the step from story-2 to story-3 changes one number"
    );
}

#[test]
fn a_click_on_a_version_shows_its_step_and_shift_click_picks_an_end_of_the_pair() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(RedlineApp::opening(Opening::Versions(story(dir.path()))));
    harness.get_by_label_contains("v2 story-2.txt").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().version_pair(), Some((0, 1)));
    // Shift+click a later version: the pair runs from the old version shown to it.
    harness
        .get_by_label_contains("v5 story-4.txt")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().version_pair(), Some((0, 4)));
    assert_eq!(
        names(&harness),
        ("story-1.txt".into(), "story-4.txt".into())
    );
    // The version that cannot be read cannot be picked.
    harness.get_by_label_contains("v3 scan.pdf").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().version_pair(), Some((0, 4)));
    // Its menu picks a version as the old end.
    harness
        .get_by_label_contains("v2 story-2.txt")
        .click_secondary();
    harness.run();
    harness.get_by_label("Show as the old version").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().version_pair(), Some((1, 4)));
}

#[test]
fn a_sentence_under_the_pointer_shows_its_history_across_the_versions() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(RedlineApp::opening(Opening::Versions(story(dir.path()))));
    let app = harness.state();
    // New side (story-4.txt): "The mayor said the plan was fair and overdue." in ¶2.
    let mayor = app.sentence_history(Side::New, 1, 5).unwrap();
    assert_eq!(mayor, "First in v1 · reworded in v2.");
    let roads = app.sentence_history(Side::New, 0, 30).unwrap();
    assert_eq!(roads, "First in v1 · reworded in v4.");
    // Old side (story-3.txt): the sentence the last version removed.
    let critics = app.sentence_history(Side::Old, 1, 50).unwrap();
    assert_eq!(critics, "First in v1 · removed in v5.");
    // The same, as the reader sees it: hovering the paragraph's text shows it in its tooltip.
    let paragraph = harness
        .query_all_by_label_contains("The mayor said")
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("New"))
        })
        .expect("the new pane's paragraph");
    paragraph.hover();
    harness.run();
    harness.get_by_label_contains("This sentence: First in v1 · reworded in v2.");
}

#[test]
fn three_files_dropped_together_open_as_versions_in_the_order_of_their_names() {
    let dir = tempfile::tempdir().unwrap();
    let paths = story(dir.path());
    let mut harness = super::sample();
    let (one, two, four) = (&paths[0], &paths[1], &paths[4]);
    drop_files(
        &mut harness,
        egui::pos2(600.0, 400.0),
        &[four.as_path(), one.as_path(), two.as_path()],
    );
    let labels = harness.state().version_labels();
    assert_eq!(labels, ["story-1.txt", "story-2.txt", "story-4.txt"]);
    assert_eq!(harness.state().version_pair(), Some((1, 2)));
    // Opening one pair of files leaves the versions: the strip goes.
    harness
        .state_mut()
        .apply(redline::gui::Action::OpenPair(one.clone(), two.clone()));
    settle(&mut harness);
    assert!(harness.state().version_labels().is_empty());
    assert!(harness.query_by_label_contains("v1 story-1.txt").is_none());
}

#[test]
fn versions_opened_together_are_in_the_recent_list_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let paths = story(dir.path());
    let mut harness = harness(RedlineApp::opening(Opening::Versions(paths.clone())));
    harness.state_mut().apply(redline::gui::Action::OpenPair(
        paths[0].clone(),
        paths[1].clone(),
    ));
    settle(&mut harness);
    assert!(harness.state().version_labels().is_empty());
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Recent").hover();
    harness.run();
    // The pair and the set of versions are both listed.
    harness.get_by_label("story-1.txt » story-2.txt");
    harness
        .get_by_label("story-1.txt … story-4.txt (5 versions)")
        .click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().version_labels().len(), 5);
    assert_eq!(harness.state().version_pair(), Some((3, 4)));
}

#[test]
fn swapped_versions_step_from_the_later_and_options_apply_to_every_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(RedlineApp::opening(Opening::Versions(story(dir.path()))));
    harness.get_by_label("Swap").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().version_pair(), Some((4, 3)));
    assert_eq!(
        names(&harness),
        ("story-4.txt".into(), "story-3.txt".into())
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().version_pair(), Some((1, 3)));
    // An option changed: the versions are compared again and the pair shown stays.
    let mut options = harness.state().options();
    options.ignore_case = true;
    harness
        .state_mut()
        .apply(redline::gui::Action::SetOptions(options));
    settle(&mut harness);
    assert_eq!(harness.state().version_pair(), Some((1, 3)));
    assert!(harness.state().comparison().unwrap().options.ignore_case);
}
