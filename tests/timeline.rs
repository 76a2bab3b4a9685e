//! The timeline: sentence histories of generated timelines with known edits, the flag for facts
//! changed without a note, and `redline timeline` on files, a folder and git's history.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use redline::compare::CompareOptions;
use redline::text::Article;
use redline::timeline::{SentenceHistory, Timeline, Version};

/// A small seeded generator (the tests must not depend on a random crate's stream).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// A sentence of its own words: no two sentences share one, so a rewording can only be taken
/// for the sentence it rewords.
fn sentence(id: usize, revision: usize) -> String {
    let words = [
        "council", "members", "argued", "about", "roads", "schools", "parks", "taxes",
    ];
    let mut out: Vec<String> = words
        .iter()
        .map(|w| format!("{w}{}", letters(id)))
        .collect();
    if revision > 0 {
        out[3] = format!("reworded{}{}", letters(id), letters(revision));
    }
    let mut text = out.join(" ");
    text[..1].make_ascii_uppercase();
    text + "."
}

/// A number written in letters ("bd"), so that sentences hold no figures for the facets.
fn letters(mut n: usize) -> String {
    let mut out = String::new();
    loop {
        out.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return out;
        }
    }
}

/// What the generator knows of one sentence.
#[derive(Default, Clone)]
struct Known {
    revision: usize,
    first: usize,
    changed_in: Vec<usize>,
    removed_in: Vec<usize>,
    restored_in: Vec<usize>,
}

/// A timeline of `versions` versions with known edits, and the histories it must give.
fn generated(seed: u64, versions: usize) -> (Vec<String>, BTreeMap<String, Known>) {
    let mut rng = Rng(seed);
    let mut known: Vec<Known> = Vec::new();
    // The sentences of the current version, in order, by id.
    let mut present: Vec<usize> = Vec::new();
    for id in 0..6 {
        known.push(Known::default());
        present.push(id);
    }
    let mut texts = Vec::new();
    for v in 0..versions {
        if v > 0 {
            // A sentence is edited once per version: reworded and removed in one step, say, is
            // only removed for a reader.
            let mut touched: Vec<usize> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let absent: Vec<usize> = (0..known.len())
                    .filter(|i| !present.contains(i) && !touched.contains(i))
                    .collect();
                let untouched: Vec<usize> = present
                    .iter()
                    .copied()
                    .filter(|i| !touched.contains(i))
                    .collect();
                match rng.below(5) {
                    0 => {
                        known.push(Known {
                            first: v,
                            ..Known::default()
                        });
                        present.insert(rng.below(present.len() + 1), known.len() - 1);
                        touched.push(known.len() - 1);
                    }
                    1 if untouched.len() > 2 => {
                        let id = untouched[rng.below(untouched.len())];
                        present.retain(|&p| p != id);
                        known[id].removed_in.push(v);
                        touched.push(id);
                    }
                    2 if !untouched.is_empty() => {
                        let id = untouched[rng.below(untouched.len())];
                        known[id].revision += 1;
                        known[id].changed_in.push(v);
                        touched.push(id);
                    }
                    3 if !absent.is_empty() => {
                        let id = absent[rng.below(absent.len())];
                        known[id].restored_in.push(v);
                        present.insert(rng.below(present.len() + 1), id);
                        touched.push(id);
                    }
                    _ => {
                        // A move: order is not part of a sentence's history.
                        let id = present.remove(rng.below(present.len()));
                        present.insert(rng.below(present.len() + 1), id);
                    }
                }
            }
        }
        // Two sentences to a paragraph, so that paragraphs are split into sentences.
        let sentences: Vec<String> = present
            .iter()
            .map(|&id| sentence(id, known[id].revision))
            .collect();
        let paragraphs: Vec<String> = sentences.chunks(2).map(|c| c.join(" ")).collect();
        texts.push(paragraphs.join("\n\n") + "\n");
    }
    let expected = known
        .iter()
        .enumerate()
        .map(|(id, k)| (sentence(id, k.revision), k.clone()))
        .collect();
    (texts, expected)
}

fn timeline_of(texts: &[String]) -> Timeline {
    let versions = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Version {
            label: format!("v{}", i + 1),
            time: None,
            article: Ok(Arc::new(Article::from_text("v", t))),
        })
        .collect();
    Timeline::new(versions, &CompareOptions::default())
}

#[test]
fn generated_timelines_give_every_sentences_history() {
    // How many rewordings, removals and restorations the seeds made, to know they were tried.
    let mut made = [0usize; 3];
    for seed in 0..40 {
        let versions = 2 + (seed as usize * 7) % 29;
        let (texts, expected) = generated(seed, versions);
        let timeline = timeline_of(&texts);
        assert_eq!(timeline.steps.len(), versions - 1);
        let found: BTreeMap<&str, &SentenceHistory> = timeline
            .sentences
            .iter()
            .map(|h| (h.text.as_str(), h))
            .collect();
        assert_eq!(
            found.len(),
            expected.len(),
            "seed {seed}: {:?}",
            found.keys()
        );
        for (text, k) in &expected {
            let h = found.get(text.as_str()).unwrap_or_else(|| {
                panic!(
                    "seed {seed}: no history for {text}: {:#?}",
                    timeline.sentences
                )
            });
            let got = (
                &h.first_version,
                &h.changed_in,
                &h.removed_in,
                &h.restored_in,
            );
            let want = (&k.first, &k.changed_in, &k.removed_in, &k.restored_in);
            assert_eq!(got, want, "seed {seed}, {text}");
            made[0] += k.changed_in.len();
            made[1] += k.removed_in.len();
            made[2] += k.restored_in.len();
        }
    }
    assert!(
        made.iter().all(|&n| n >= 20),
        "rewordings, removals, restorations: {made:?}"
    );
}

#[test]
fn the_sentence_under_the_pointer_in_any_version_has_its_own_history() {
    // The window shows the history of the sentence hovered in a version: every sentence of
    // every version must lead to its own history (its first word names it: "Councilbd").
    let mut looked_up = 0;
    for seed in 0..12 {
        let versions = 2 + (seed as usize * 5) % 12;
        let (texts, _) = generated(seed, versions);
        let timeline = timeline_of(&texts);
        for v in 0..versions {
            let Ok(article) = &timeline.versions[v].article else {
                panic!("version {v} unreadable");
            };
            for (p, paragraph) in article.paragraphs.iter().enumerate() {
                for (start, _) in paragraph.text.match_indices("Council") {
                    let name = paragraph.text[start..].split(' ').next().unwrap_or("");
                    let history = timeline
                        .sentence_history(v, p, start + 3)
                        .unwrap_or_else(|| panic!("seed {seed}, v{v} ¶{p}: no history at {start}"));
                    assert_eq!(
                        history.text.split(' ').next(),
                        Some(name),
                        "seed {seed}, v{v} ¶{p}"
                    );
                    assert!(
                        history.first_version <= v,
                        "seed {seed}: {history:?} in v{v}"
                    );
                    looked_up += 1;
                }
                // Past the paragraph's end there is no sentence.
                assert!(
                    timeline
                        .sentence_history(v, p, paragraph.text.len())
                        .is_none()
                );
            }
        }
    }
    assert!(looked_up > 500, "{looked_up}");
}

#[test]
fn facts_changed_without_a_note_are_flagged_and_with_one_are_not() {
    let story = |amount: &str, note: &str| {
        format!(
            "The council approved the budget on Monday.\n\nIt spends {amount} million dollars on \
             roads, the mayor said.\n\n{note}"
        )
    };
    let plain = timeline_of(&[
        story("5", ""),
        story("5", "More talks follow next week.\n"),
        story("7", "More talks follow next week.\n"),
    ]);
    let flagged: Vec<usize> = plain
        .steps
        .iter()
        .filter(|s| s.changed_facts_without_a_note())
        .map(|s| s.new)
        .collect();
    assert_eq!(flagged, [2], "only the version that changed the figure");
    let noted = timeline_of(&[
        story("5", ""),
        story("5", "More talks follow next week.\n"),
        story("7", "(Corrects amount in second paragraph)\n"),
    ]);
    assert!(
        noted
            .steps
            .iter()
            .all(|s| !s.changed_facts_without_a_note())
    );
    assert_eq!(
        noted.steps[1].note.as_deref(),
        Some("(Corrects amount in second paragraph)")
    );
}

/// The JSON a run printed, checked to have exited with `code`.
fn json_of(out: &std::process::Output, code: i32) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn redline(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(args)
        .current_dir(dir)
        .env("REDLINE_DATA_DIR", dir.join("data"))
        .output()
        .expect("the redline binary runs")
}

#[test]
fn the_command_reads_files_a_folder_and_exits_as_diff_does() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("versions");
    std::fs::create_dir(&folder).unwrap();
    let (texts, _) = generated(7, 4);
    // Named against their order: the folder is read by modification time.
    for (i, name) in ["d.txt", "c.txt", "b.txt", "a.txt"].iter().enumerate() {
        std::fs::write(folder.join(name), &texts[i]).unwrap();
        let time = std::time::SystemTime::UNIX_EPOCH
            + std::time::Duration::from_secs(1_000 * (i as u64 + 1));
        std::fs::File::options()
            .write(true)
            .open(folder.join(name))
            .unwrap()
            .set_modified(time)
            .unwrap();
    }
    let out = redline(&["timeline", "versions", "--format", "json"], dir.path());
    let json = json_of(&out, 1);
    assert_eq!(json["format"], "redline-timeline");
    assert_eq!(json["version"], 1);
    let labels: Vec<&str> = json["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["d.txt", "c.txt", "b.txt", "a.txt"]);
    assert_eq!(json["steps"].as_array().unwrap().len(), 3);
    assert_eq!(json["steps"][0]["summary"]["format"], "redline-summary");
    let by_name = redline(
        &["timeline", "versions", "--by-name", "--format", "json"],
        dir.path(),
    );
    let json: serde_json::Value = serde_json::from_slice(&by_name.stdout).unwrap();
    assert_eq!(json["versions"][0]["label"], "a.txt");

    // The same version twice is a step with no change, and exits 0.
    let same = folder.join("d.txt");
    let same = same.to_str().unwrap();
    let out = redline(&["timeline", same, same, "--format", "text"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no change"));

    // One version is not a timeline; a version that cannot be read is reported and left out.
    let out = redline(&["timeline", same], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least two versions"));
    std::fs::write(folder.join("picture.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let png = folder.join("picture.png");
    let b = folder.join("b.txt");
    let out = redline(
        &[
            "timeline",
            same,
            png.to_str().unwrap(),
            b.to_str().unwrap(),
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("version 2 left out"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["versions"][1]["error"]
            .as_str()
            .unwrap()
            .contains("PNG")
    );
    assert_eq!(json["steps"][0]["old"], 0);
    assert_eq!(json["steps"][0]["new"], 2);
}

#[test]
fn the_command_reads_every_committed_version_from_git() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_AUTHOR_NAME", "Desk")
            .env("GIT_AUTHOR_EMAIL", "desk@example.com")
            .env("GIT_COMMITTER_NAME", "Desk")
            .env("GIT_COMMITTER_EMAIL", "desk@example.com")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    let (texts, _) = generated(3, 3);
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(dir.path().join("story.txt"), text).unwrap();
        git(&["add", "story.txt"]);
        git(&["commit", "-q", "-m", &format!("Edit number {}", i + 1)]);
    }
    let out = redline(
        &["timeline", "--git", "story.txt", "--format", "json"],
        dir.path(),
    );
    let json = json_of(&out, 1);
    let versions = json["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 3);
    assert!(
        versions[0]["label"]
            .as_str()
            .unwrap()
            .ends_with("Edit number 1")
    );
    assert!(versions[2]["time"].as_str().is_some());
    // A file git does not track is a clear error.
    std::fs::write(dir.path().join("loose.txt"), "x").unwrap();
    let out = redline(&["timeline", "--git", "loose.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no committed version"));
}

#[test]
fn the_html_timeline_is_a_page_whose_only_markup_is_its_own() {
    let texts = [
        "The mayor said <script>alert(1)</script> the budget rose 5%.\n".to_owned(),
        "The mayor said <img src=x onerror=alert(2)> the budget rose 7%.\n".to_owned(),
    ];
    let mut timeline = timeline_of(&texts);
    timeline.versions[1].label = "<b>v2</b> & more".to_owned();
    let page = redline::export::timeline_html(&timeline);
    const TAGS: &[&str] = &[
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "table", "tr",
        "th", "td", "ul", "li",
    ];
    for (i, _) in page.match_indices('<') {
        let tag = page[i + 1..].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        let context: String = page[i..].chars().take(40).collect();
        assert!(TAGS.contains(&name.as_str()), "markup leaked: {context}");
    }
    assert!(page.contains("&lt;b&gt;v2&lt;/b&gt; &amp; more"));
    assert!(page.contains("facts changed without a correction or update note"));

    // The command takes the format from the output file's extension.
    let dir = tempfile::tempdir().unwrap();
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(dir.path().join(format!("v{i}.txt")), text).unwrap();
    }
    let out = redline(
        &["timeline", "v0.txt", "v1.txt", "--output", "t.html"],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("t.html")).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>"));
}

#[test]
fn facts_are_followed_across_the_versions() {
    let texts: Vec<String> = [
        "The council approved 12 new roads on Monday.\n\nThe mayor welcomed it.\n",
        "The council approved 14 new roads on Monday.\n\nThe mayor said: \"This is a fine day for the city.\"\n",
        "The council approved new roads on Monday.\n\nThe mayor said: \"This is a great day for the city.\"\n",
        "The council approved 14 new roads on Monday.\n\nThe mayor said: \"This is a great day for the city.\"\n",
    ]
    .map(str::to_owned)
    .to_vec();
    let timeline = timeline_of(&texts);
    let number = timeline
        .facts
        .iter()
        .find(|f| f.facet == "Numbers and dates")
        .unwrap_or_else(|| panic!("{:#?}", timeline.facts));
    let events: Vec<(usize, &str, Option<&str>, Option<&str>)> = number
        .events
        .iter()
        .map(|e| (e.version, e.what.word(), e.old.as_deref(), e.new.as_deref()))
        .collect();
    assert_eq!(
        events,
        [
            (1, "changed", Some("12"), Some("14")),
            (2, "removed", Some("14"), None),
            (3, "restored", None, Some("14")),
        ],
        "{:#?}",
        timeline.facts
    );
    assert_eq!(
        number.describe(),
        "“12”: changed to “14” in v2; removed in v3; restored in v4"
    );
    // The quote: added in v2, reworded in v3, one history.
    let quotes: Vec<_> = timeline
        .facts
        .iter()
        .filter(|f| f.facet == "Quotes")
        .collect();
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    let whats: Vec<(usize, &str)> = quotes[0]
        .events
        .iter()
        .map(|e| (e.version, e.what.word()))
        .collect();
    assert_eq!(whats, [(1, "added"), (2, "changed")]);
    assert!(quotes[0].wording.contains("great day"), "{quotes:#?}");
    // Every format lists the facts' history.
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let path = dir.path().join(format!("v{}.txt", i + 1));
            std::fs::write(&path, t).unwrap();
            path.display().to_string()
        })
        .collect();
    let mut args = vec!["timeline", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let json = json_of(&redline(&args, dir.path()), 1);
    let facts = json["facts"].as_array().unwrap();
    let number = facts
        .iter()
        .find(|f| f["facet"] == "Numbers and dates")
        .unwrap();
    assert_eq!(number["events"][1]["what"], "removed");
    assert_eq!(number["wording"], "14");
    let mut args = vec!["timeline", "--format", "markdown"];
    args.extend(paths.iter().map(String::as_str));
    let out = redline(&args, dir.path());
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(
        markdown.contains("“12”: changed to “14” in v2; removed in v3; restored in v4"),
        "{markdown}"
    );
}

#[test]
fn facts_of_a_real_licence_series_are_followed_one_event_per_step() {
    // The GPL 1 → 2 → 3 and the Python licence 3.7 → 3.8 → 3.12 → 3.13: years, version and
    // section numbers change (GPL 2 renumbers its sections: 7 → 9 and 9 → 11 in one step).
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    let gpl = [
        "revisions/gpl-1.txt",
        "revisions/gpl-2.txt",
        "sources/gpl3.txt",
    ];
    let python = ["3.7.16", "3.8.18", "3.12.1", "3.13.0"]
        .map(|v| format!("revisions/python-license-{v}.txt"));
    let series = [gpl.map(str::to_owned).to_vec(), python.to_vec()];
    for files in series {
        let texts: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(corpus.join(f)).unwrap())
            .collect();
        facts_followed_one_event_per_step(&timeline_of(&texts));
    }
}

fn facts_followed_one_event_per_step(timeline: &Timeline) {
    assert!(timeline.facts.len() > 3, "{:#?}", timeline.facts);
    let mut chained = 0;
    for fact in &timeline.facts {
        let versions: Vec<usize> = fact.events.iter().map(|e| e.version).collect();
        assert!(
            versions.windows(2).all(|w| w[0] < w[1]),
            "two events in one step, or out of order: {fact:#?}"
        );
        // Each event takes the fact from where the one before left it.
        for pair in fact.events.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            let left = before.new.as_deref().or(before.old.as_deref());
            if let Some(found) = after.old.as_deref() {
                assert_eq!(
                    left.map(|w| w.to_lowercase()),
                    Some(found.to_lowercase()),
                    "{fact:#?}"
                );
                chained += 1;
            }
        }
    }
    assert!(
        chained > 0,
        "no fact followed over two steps: {:#?}",
        timeline.facts
    );
}

#[test]
fn a_timeline_stopped_before_it_ends_says_so() {
    let (texts, _) = generated(3, 8);
    let versions = |texts: &[String]| -> Vec<Version> {
        texts
            .iter()
            .map(|t| Version {
                label: String::new(),
                time: None,
                article: Ok(Arc::new(Article::from_text("v", t))),
            })
            .collect()
    };
    let stop = std::sync::atomic::AtomicBool::new(true);
    let options = CompareOptions::default();
    assert!(Timeline::new_until(versions(&texts), &options, &stop).is_err());
    let go = std::sync::atomic::AtomicBool::new(false);
    let timeline = Timeline::new_until(versions(&texts), &options, &go).unwrap();
    assert_eq!(timeline.steps.len(), 7);
}
