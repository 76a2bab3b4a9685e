//! The window: two panes aligned row by row, changed words coloured.
//!
//! The window only *reads* a [`Comparison`](crate::compare::Comparison); loading and comparing
//! run on a background thread ([`jobs`]). Drawing code never changes state directly: it returns
//! [`Action`]s that [`RedlineApp`] applies in one place after the frame is drawn.
//!
//! State is split the way a reader thinks about it:
//! - [`session`]: what the files say (the two articles, their errors, the comparison), and the
//!   [`versions`] opened together, of which the two sides show a pair;
//! - [`view`]: how the window shows it (scroll position, current change, messages), with the
//!   remembered preferences in [`settings`];
//! - [`layout`]: per-row text layouts, cached and laid out only when visible.
//!
//! One file per part of the window: [`toolbar`], [`header`], [`panes`] (rows and gutter),
//! [`strip`] (the versions), [`overview`], [`change_list`] and [`facts`] (the left panel),
//! [`find`], [`status`],
//! [`review_bar`] (marking the current change); and per kind of background work: [`jobs`] (load,
//! compare, fact-check), [`versions`] (reading several versions), [`dialogs`] (file dialog), [`reload`] (files changed on disk),
//! [`export`] (the change summary), [`review`] (reading and saving review marks), [`screenshot`]
//! (`--screenshot`).
//!
//! `REDLINE_THEME=light|dark|system` overrides the remembered theme for one run (the binary reads
//! it; handy for documentation screenshots).

mod actions;
mod app;
mod background;
mod bidi;
mod bidi_copy;
mod change_list;
mod dialogs;
mod export;
mod facts;
mod find;
mod folding;
mod glyphs;
mod header;
mod highlight;
mod icon;
mod inline;
mod jobs;
mod layout;
mod overview;
mod palette;
mod panes;
mod reload;
mod review;
mod review_bar;
mod screenshot;
mod session;
mod settings;
mod status;
mod strip;
mod task;
mod toolbar;
mod versions;
mod view;
mod visual_galley;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub use actions::Action;
pub use app::RedlineApp;
pub use change_list::Filter as ReviewFilter;
pub use jobs::Source;
pub use palette::Palette;
pub use screenshot::{ScreenshotOutcome, ScreenshotRequest};
pub use settings::ThemeChoice;

/// The files the window opens with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Opening {
    /// The last comparison if its files still exist, else the sample.
    #[default]
    Last,
    /// One file, as the old version; the new one is picked or dropped in the window.
    Old(PathBuf),
    /// Two files to compare (old, new).
    Pair(PathBuf, PathBuf),
    /// Three or more versions of one article, oldest first.
    Versions(Vec<PathBuf>),
}

/// What the window opens with.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// The files to open.
    pub files: Opening,
    /// Take a screenshot once the comparison is shown, save it and close.
    pub screenshot: Option<ScreenshotRequest>,
    /// A theme that overrides the remembered one for this run.
    pub theme: Option<ThemeChoice>,
    /// The largest file to open, in bytes, if not the default
    /// ([`crate::document::DEFAULT_MAX_BYTES`]).
    pub max_file_size: Option<u64>,
}

/// The application's name: window title and the folder eframe keeps its settings in.
pub const APP_NAME: &str = "Redline";

/// The application id: the desktop entry's and AppStream's name (packaging/linux), the window's
/// app id on Wayland and its class on X11, so the desktop matches the window with its icon.
pub const APP_ID: &str = "app.redline.Redline";

/// Opens the window and returns when it is closed.
///
/// Prefers the wgpu renderer and falls back to OpenGL (glow) if wgpu cannot start, so the window
/// also opens on machines with only software OpenGL. In screenshot mode, the result says whether
/// the picture was saved.
pub fn run(start: StartOptions) -> Result<(), String> {
    let outcome: Arc<Mutex<Option<ScreenshotOutcome>>> = Arc::default();
    let wants_screenshot = start.screenshot.is_some();
    let mut errors = Vec::new();
    for renderer in [eframe::Renderer::Wgpu, eframe::Renderer::Glow] {
        let options = native_options(&start, renderer);
        let start = start.clone();
        let slot = Arc::clone(&outcome);
        let result = eframe::run_native(
            APP_NAME,
            options,
            Box::new(move |cc| Ok(Box::new(RedlineApp::from_creation(cc, start, slot)))),
        );
        if wants_screenshot {
            let _ = std::fs::remove_dir_all(screenshot_storage());
        }
        match result {
            Ok(()) => return screenshot::finish(wants_screenshot, &outcome),
            Err(e) => {
                eprintln!("redline: the {renderer:?} renderer could not start: {e}");
                errors.push(format!("{renderer:?}: {e}"));
            }
        }
    }
    Err(format!(
        "could not open a window with either renderer ({})",
        errors.join("; ")
    ))
}

fn native_options(start: &StartOptions, renderer: eframe::Renderer) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(APP_NAME)
        // The desktop entry's name (packaging/linux), so the desktop shows Redline's icon.
        .with_app_id(APP_ID)
        .with_min_inner_size([480.0, 320.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let screenshot = start.screenshot.as_ref();
    viewport = match screenshot {
        Some(shot) => viewport
            .with_inner_size([shot.size.0 as f32, shot.size.1 as f32])
            .with_resizable(false),
        None => viewport.with_inner_size([1280.0, 800.0]),
    };
    eframe::NativeOptions {
        viewport,
        renderer,
        // The screenshot shows the requested size, not the size the user last left.
        persist_window: screenshot.is_none(),
        persistence_path: screenshot.map(|_| screenshot_storage()),
        ..Default::default()
    }
}

/// Where a screenshot run keeps eframe's storage: a fresh place, so the user's remembered window
/// size and settings neither change the picture nor get overwritten by it.
fn screenshot_storage() -> PathBuf {
    std::env::temp_dir().join(format!("redline-screenshot-{}", std::process::id()))
}
