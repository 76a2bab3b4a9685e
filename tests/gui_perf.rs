//! One frame's UI work on a 10 MB pair, headless. Ignored by default (it takes a while in a debug
//! build); run it with `cargo test --release --test gui_perf -- --ignored --nocapture`.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use egui::Vec2;
use egui_kittest::Harness;
use redline::gui::{Action, RedlineApp};

#[path = "support/fonts.rs"]
mod fonts;

/// About 10 MB of prose per side: the sample's words shuffled into paragraphs, with one in
/// thirty paragraphs edited, deleted or joined by a new one.
fn big_pair(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let words: Vec<&str> = redline::sample::OLD_TEXT.split_whitespace().collect();
    let mut seed: u64 = 7;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let (mut old, mut new) = (String::new(), String::new());
    let mut n = 0;
    while old.len() < 10_000_000 {
        let len = 30 + next(60);
        let paragraph: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
        let paragraph = paragraph.join(" ");
        old.push_str(&paragraph);
        old.push_str("\n\n");
        match next(100) {
            0..=2 => new.push_str(&paragraph.replacen(' ', " CHANGED ", 1)),
            3 => {}
            4 => {
                new.push_str(&paragraph);
                new.push_str(&format!("\n\nA brand new paragraph number {n}."));
            }
            _ => new.push_str(&paragraph),
        }
        new.push_str("\n\n");
        n += 1;
    }
    let (a, b) = (dir.join("big-old.txt"), dir.join("big-new.txt"));
    std::fs::write(&a, old).unwrap();
    std::fs::write(&b, new).unwrap();
    (a, b)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[test]
#[ignore = "slow in debug builds; run explicitly"]
fn frame_time_on_a_ten_megabyte_pair() {
    let dir = tempfile::tempdir().unwrap();
    let files = big_pair(dir.path());
    let app = RedlineApp::with_files(Some(files));
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 800.0))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut RedlineApp| app.show(ui), app);
    let job = Instant::now();
    assert!(harness.state_mut().wait_for_jobs(Duration::from_secs(300)));
    println!("loading, comparing and fact-checking: {:?}", job.elapsed());
    let first = Instant::now();
    harness.step();
    println!("first frame with the comparison: {:?}", first.elapsed());
    harness.run_steps(5);

    let mut steady = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        harness.step();
        steady.push(t.elapsed());
    }
    let mut scrolling = Vec::new();
    for i in 0..60 {
        // Jump through the whole document, then scroll by wheel-sized steps.
        let y = if i < 30 {
            i as f32 * 130_000.0
        } else {
            2_000_000.0 + (i - 30) as f32 * 120.0
        };
        harness.state_mut().apply(Action::ScrollTo(y));
        let t = Instant::now();
        harness.step();
        scrolling.push(t.elapsed());
        if i % 10 == 0 {
            println!("offset {:.0}", harness.state().scroll_offset());
        }
    }
    let mut resizing = Vec::new();
    for i in 0..20 {
        // Every width change lays the visible rows out again and re-estimates the rest.
        harness.set_size(Vec2::new(1200.0 - 10.0 * i as f32, 800.0));
        let t = Instant::now();
        harness.step();
        resizing.push(t.elapsed());
    }
    // Typing into the find bar, a letter at a time: each keystroke is a new query.
    harness.state_mut().apply(Action::OpenFind);
    harness.step();
    let mut type_in = |query: &str| {
        let mut times = Vec::new();
        for (end, _) in query.char_indices().skip(1).chain([(query.len(), ' ')]) {
            let t = Instant::now();
            harness
                .state_mut()
                .apply(Action::FindQuery(query[..end].to_owned()));
            harness.step();
            times.push(t.elapsed());
        }
        times
    };
    let typing = type_in("brand new paragraph");
    // An apostrophe also matches the typographic one: paragraphs with other characters are
    // folded one character at a time.
    let folding = type_in("Xi’s visit");
    let (steady, scrolling, resizing) = (median(steady), median(scrolling), median(resizing));
    println!("steady frame (median of 30): {steady:?}");
    println!("scrolling frame (median of 60): {scrolling:?}");
    println!("resizing frame (median of 20): {resizing:?}");
    for (what, times) in [
        ("find keystroke", typing),
        ("find keystroke, apostrophe", folding),
    ] {
        println!(
            "{what} (median of {}, slowest {:?}): {:?}",
            times.len(),
            times.iter().max().unwrap(),
            median(times.clone())
        );
    }
}

/// An article of `paragraphs` paragraphs of three to six of `sentences` each, and its new
/// version with one paragraph in ten changed.
fn article_pair(
    dir: &std::path::Path,
    name: &str,
    sentences: &[&str],
    paragraphs: usize,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for p in 0..paragraphs {
        let count = 3 + p % 4;
        let text: Vec<&str> = (0..count)
            .map(|k| sentences[(p * 7 + k * 13) % sentences.len()])
            .collect();
        let text = text.join(" ");
        new.push(if p % 10 == 0 {
            text.replacen(' ', " 2026 ", 1)
        } else {
            text.clone()
        });
        old.push(text);
    }
    let (a, b) = (
        dir.join(format!("{name}-old.txt")),
        dir.join(format!("{name}-new.txt")),
    );
    std::fs::write(&a, old.join("\n\n")).unwrap();
    std::fs::write(&b, new.join("\n\n")).unwrap();
    (a, b)
}

/// The first frame and a resizing frame of a 1,000-paragraph article (every row laid out at
/// once, the most layout work a frame does) in Hebrew and Arabic, whose lines are put in
/// drawn order, beside one in English of the same shape, which egui lays out alone.
#[test]
#[ignore = "slow in debug builds; run explicitly"]
fn frame_time_on_right_to_left_articles() {
    let dir = tempfile::tempdir().unwrap();
    let right_to_left: Vec<&str> = include_str!("fixtures/scripts/rtl-he.txt")
        .lines()
        .chain(include_str!("fixtures/scripts/rtl-ar.txt").lines())
        .collect();
    let english: Vec<&str> = redline::sample::OLD_TEXT
        .split_inclusive(". ")
        .filter(|s| s.len() > 20)
        .collect();
    for (name, sentences) in [("english", english), ("hebrew-arabic", right_to_left)] {
        let files = article_pair(dir.path(), name, &sentences, 1000);
        let app = RedlineApp::with_files(Some(files));
        let mut harness = Harness::builder()
            .with_size(Vec2::new(1200.0, 800.0))
            .with_max_steps(400)
            .with_context_setup(fonts::add_right_to_left_font)
            .build_ui_state(|ui, app: &mut RedlineApp| app.show(ui), app);
        assert!(harness.state_mut().wait_for_jobs(Duration::from_secs(300)));
        let first = Instant::now();
        harness.step();
        let first = first.elapsed();
        harness.run_steps(5);
        let mut resizing = Vec::new();
        for i in 0..10 {
            harness.set_size(Vec2::new(1200.0 - 10.0 * i as f32, 800.0));
            let t = Instant::now();
            harness.step();
            resizing.push(t.elapsed());
        }
        println!(
            "{name}: first frame {first:?}, resizing frame (median of 10) {:?}",
            median(resizing)
        );
    }
}
