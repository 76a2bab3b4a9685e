//! The `redline summary` command as scripts and `git difftool` use it: output, files, exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn samples() -> (PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    (dir.join("article-v1.txt"), dir.join("article-v2.txt"))
}

fn redline(args: &[&std::ffi::OsStr]) -> Output {
    // Reviews made in the developer's own window must not leak into the tests.
    let no_reviews = std::env::temp_dir().join("redline-cli-tests-no-reviews");
    redline_with_data(args, &no_reviews)
}

/// Runs the binary with `data` as its folder of application data (where reviews are kept).
fn redline_with_data(args: &[&std::ffi::OsStr], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(args)
        .env("REDLINE_DATA_DIR", data)
        .output()
        .expect("the redline binary runs")
}

fn summary(old: &Path, new: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["summary".as_ref(), old.as_os_str(), new.as_os_str()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    redline(&args)
}

/// `summary --format json`, checked to exit with `code`, parsed.
fn json_summary(old: &Path, new: &Path, code: i32) -> serde_json::Value {
    let out = summary(old, new, &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn different_files_exit_1_with_json_that_follows_the_schema() {
    let (old, new) = samples();
    let json = json_summary(&old, &new, 1);
    assert_eq!(json["format"], "redline-summary");
    assert_eq!(json["version"], 1);
    for side in ["old", "new"] {
        for field in ["name", "path", "encoding", "paragraphs", "words"] {
            assert!(!json[side][field].is_null(), "{side}.{field} missing");
        }
    }
    assert_eq!(json["old"]["name"], "article-v1.txt");
    assert_eq!(json["old"]["paragraphs"], 11);
    assert_eq!(json["new"]["paragraphs"], 14);
    for field in [
        "unchanged",
        "changed",
        "moved",
        "inserted",
        "deleted",
        "words_inserted",
        "words_deleted",
        "similarity",
    ] {
        assert!(json["stats"][field].is_number(), "stats.{field}");
    }
    assert_eq!(json["approximate"], false);
    let changes = json["changes"].as_array().unwrap();
    let first = &changes[0];
    assert_eq!(first["kind"], "deleted");
    assert_eq!(first["old_paragraphs"], serde_json::json!([1]));
    assert_eq!(first["new_paragraphs"], serde_json::json!([]));
    assert_eq!(first["old_text"], "date 2023-11-22 Bloomberg News");
    // The "support" paragraph: old 5 is new 4, with "on Ukraine" inserted and support → cover.
    let c = changes
        .iter()
        .find(|c| c["old_paragraphs"] == serde_json::json!([5]))
        .unwrap();
    assert_eq!(c["kind"], "changed");
    assert_eq!(c["new_paragraphs"], serde_json::json!([4]));
    let edits: Vec<(String, String)> = c["edits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["op"] != "equal")
        .map(|e| {
            (
                e["op"].as_str().unwrap().to_owned(),
                e["text"].as_str().unwrap().trim().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        edits,
        [
            ("insert".into(), "on Ukraine".into()),
            ("delete".into(), "support".into()),
            ("insert".into(), "cover".into())
        ]
    );
    // Joining equal + delete gives the old text, equal + insert the new text.
    let join = |skip: &str| -> String {
        c["edits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["op"] != skip)
            .map(|e| e["text"].as_str().unwrap())
            .collect()
    };
    assert_eq!(join("insert"), c["old_text"].as_str().unwrap());
    assert_eq!(join("delete"), c["new_text"].as_str().unwrap());
}

#[test]
fn same_text_in_another_layout_exits_0() {
    let (_, new) = samples();
    let dir = tempfile::tempdir().unwrap();
    let spaced = dir.path().join("spaced.txt");
    let text = std::fs::read_to_string(&new)
        .unwrap()
        .replace('\n', "\r\n\r\n");
    std::fs::write(&spaced, text).unwrap();
    let out = summary(&new, &spaced, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("No changes."));
}

/// The first complaint: the GPL against itself re-wrapped by `fmt -w 40` (paragraphs
/// broken differently in places) is no change, exits 0, and says where the layout differs.
#[test]
fn a_licence_rewrapped_by_fmt_exits_0_with_a_layout_note() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let json = json_summary(
        &corpus.join("sources/gpl3.txt"),
        &corpus.join("layout/gpl3.fmt40.txt"),
        0,
    );
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(0));
    let places = json["reparagraphed"].as_array().map_or(0, Vec::len);
    assert!(places > 0, "fmt breaks some GPL paragraphs differently");
    assert_eq!(json["stats"]["reparagraphed"], places);
}

/// A sentence that leaves a paragraph (split on the way) for another one, one word changed:
/// every summary names it as a moved passage, with where it went.
#[test]
fn a_sentence_moved_to_another_paragraph_is_listed_as_a_moved_passage() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.txt"), dir.path().join("new.txt"));
    let intro = "The first paragraph of the report sets out the scope of the inquiry and who took part in it.";
    let first = "The second finding concerns the water supply. Tests carried out in March showed levels of lead above the legal limit in three of the five districts that were sampled.";
    let second = "The council said it would replace the old pipes by the end of next year, at a cost of four million pounds.";
    let moved = "The panel also heard from residents who live near the plant, many of whom said they had not been told about the tests.";
    let third = "A third finding deals with air quality near the main road, where readings were taken over six months.";
    let last =
        "The report ends with eleven recommendations for the council and the regional authority.";
    std::fs::write(
        &old,
        format!("{intro}\n\n{first} {second} {moved}\n\n{third}\n\n{last}\n"),
    )
    .unwrap();
    let arrived = moved.replace("near", "close to");
    std::fs::write(
        &new,
        format!("{intro}\n\n{first}\n\n{second}\n\n{third}\n\n{last} {arrived}\n"),
    )
    .unwrap();
    let json = json_summary(&old, &new, 1);
    let passages = json["moved_passages"].as_array().unwrap();
    assert_eq!(passages.len(), 1, "{json:#}");
    assert_eq!(
        (&passages[0]["old_paragraph"], &passages[0]["new_paragraph"]),
        (&serde_json::json!(2), &serde_json::json!(5))
    );
    assert_eq!(passages[0]["new_text"], arrived.as_str());
    let md = String::from_utf8_lossy(&summary(&old, &new, &[]).stdout).into_owned();
    assert!(md.contains("1 passage moved between paragraphs"), "{md}");
    assert!(md.contains("## Moved passages"), "{md}");
    assert!(md.contains("old ¶2 (change 1) → new ¶5 (change 2)"), "{md}");
}

#[test]
fn options_decide_what_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, "Putin said “no limits” today.").unwrap();
    std::fs::write(&b, "putin said \"no limits\" today").unwrap();
    assert_eq!(summary(&a, &b, &[]).status.code(), Some(1));
    assert_eq!(
        summary(&a, &b, &["--ignore-case", "--ignore-punctuation"])
            .status
            .code(),
        Some(0)
    );
    std::fs::write(&b, "Putin said \"no limits\" today.").unwrap();
    assert_eq!(
        summary(&a, &b, &[]).status.code(),
        Some(0),
        "quotes are folded by default"
    );
    assert_eq!(summary(&a, &b, &["--exact-quotes"]).status.code(), Some(1));
}

#[test]
fn errors_exit_2_with_a_message_naming_the_file() {
    let (old, _) = samples();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let out = summary(&old, &missing, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.txt: no such file"), "{err}");
    assert!(out.stdout.is_empty());

    let binary = dir.path().join("photo.jpg");
    std::fs::write(&binary, b"\xff\xd8\xff\xe0\0\x10JFIF").unwrap();
    let out = summary(&old, &binary, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("JPEG image"));

    let out = summary(&old, &old, &["--format", "pdf"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown format is a usage error"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("markdown"),
        "lists what is supported"
    );
}

#[test]
fn output_file_gets_format_from_its_extension_and_never_overwrites_an_input() {
    let (old, new) = samples();
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("changes.json");
    let out = summary(&old, &new, &["--output", out_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(written["format"], "redline-summary");

    let copy = dir.path().join("old.txt");
    std::fs::copy(&old, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let out = summary(&copy, &new, &["--output", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one of the files being compared"));
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        before,
        "the input is untouched"
    );
}

#[test]
fn markdown_lists_changes_with_marked_words() {
    let (old, new) = samples();
    let out = summary(&old, &new, &[]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("# Changes: article-v1.txt → article-v2.txt"),
        "{md}"
    );
    assert!(
        md.contains("~~limits on the relationship~~ **boundaries on ties**"),
        "{md}"
    );
    assert!(md.contains("**Deleted** old ¶1"));
}

#[test]
fn every_format_by_flag_or_by_extension() {
    let (old, new) = samples();
    let dir = tempfile::tempdir().unwrap();
    for (flag, ext, marker) in [
        ("markdown", "md", "## For the fact-checker"),
        ("html", "html", "<!DOCTYPE html>"),
        ("json", "json", "\"facts\""),
        ("text", "txt", "For the fact-checker\n--------------------"),
    ] {
        let out = summary(&old, &new, &["--format", flag]);
        assert_eq!(out.status.code(), Some(1), "{flag}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(marker),
            "{flag}"
        );
        let path = dir.path().join(format!("summary.{ext}"));
        let out = summary(&old, &new, &["--output", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{ext}");
        assert!(
            std::fs::read_to_string(&path).unwrap().contains(marker),
            "{ext}"
        );
    }
}

#[test]
fn the_review_made_in_the_window_travels_with_the_summary() {
    use redline::review::{Review, Status, Store};
    let (old, new) = samples();
    let data = tempfile::tempdir().unwrap();
    // What the window does when a change is marked: the same store, the same keys.
    let comparison = redline::compare::compare(
        redline::text::Article::load(&old, &Default::default())
            .unwrap()
            .shared(),
        redline::text::Article::load(&new, &Default::default())
            .unwrap()
            .shared(),
        &Default::default(),
    );
    let mut review = Review::blank(&comparison);
    review.set_status(0, Status::Reviewed);
    review.set_status(2, Status::Flagged);
    review.set_note(2, "Ask the desk: \"40\" or 45?".into());
    let store = Store::at(data.path().join("reviews"));
    store.save(review.pair(), review.stored()).unwrap();
    let args = |extra: &[&str]| {
        let mut args: Vec<std::ffi::OsString> =
            vec!["summary".into(), old.clone().into(), new.clone().into()];
        args.extend(extra.iter().map(Into::into));
        args
    };
    let run = |extra: &[&str]| {
        let args = args(extra);
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        redline_with_data(&refs, data.path())
    };
    let out = run(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["changes"][0]["review"]["status"], "reviewed");
    assert_eq!(json["changes"][1]["review"]["status"], "to_review");
    assert_eq!(json["changes"][2]["review"]["status"], "flagged");
    assert_eq!(
        json["changes"][2]["review"]["note"],
        "Ask the desk: \"40\" or 45?"
    );
    assert_eq!(json["review"]["reviewed"], 1);
    assert_eq!(json["review"]["flagged"], 1);
    let markdown = String::from_utf8(run(&[]).stdout).unwrap();
    assert!(markdown.contains("*Flagged:* Ask the desk"), "{markdown}");
    // --no-review leaves it out.
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["--format", "json", "--no-review"]).stdout).unwrap();
    assert_eq!(json["changes"][2]["review"]["status"], "to_review");
    // A review file that is not one is reported, kept, and the summary still written.
    let file = data
        .path()
        .join("reviews")
        .join(format!("{}.json", review.pair()));
    std::fs::write(&file, "{ not json").unwrap();
    let out = run(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a Redline review"), "{stderr}");
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{ not json");
}
