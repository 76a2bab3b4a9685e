//! Preferences remembered between runs (eframe storage), and the recent comparisons.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::compare::CompareOptions;

/// The storage key of [`Settings`].
pub const STORAGE_KEY: &str = "redline.settings";

/// How many comparisons File → Recent lists.
pub const MAX_RECENT: usize = 10;

/// The text size a new window starts with, and Ctrl+0 returns to.
pub const DEFAULT_FONT_SIZE: f32 = 15.0;
/// The smallest and largest text sizes Ctrl +/− reach.
pub const FONT_SIZES: std::ops::RangeInclusive<f32> = 9.0..=32.0;

/// Light, dark, or whatever the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    /// What egui calls it.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Two panes side by side, one inline column, or whichever fits the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Layout {
    /// Inline below [`INLINE_BELOW`] points of width, side by side above.
    #[default]
    Automatic,
    /// Always two panes.
    SideBySide,
    /// Always one column, tracked-changes style.
    Inline,
}

/// Below this width of the panes' area, the automatic layout is inline: two panes of less than
/// about 45 characters each read worse than one column.
pub const INLINE_BELOW: f32 = 760.0;

impl Layout {
    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Automatic => "Automatic (inline when narrow)",
            Self::SideBySide => "Side by side",
            Self::Inline => "Inline",
        }
    }

    /// Whether a panes' area this wide shows one column.
    pub fn is_inline(self, width: f32) -> bool {
        match self {
            Self::Automatic => width < INLINE_BELOW,
            Self::SideBySide => false,
            Self::Inline => true,
        }
    }
}

/// Everything the window remembers. Unknown or missing fields fall back to defaults, so an
/// older settings file never stops the window from opening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The theme.
    pub theme: ThemeChoice,
    /// Text size of the panes, in points.
    pub font_size: f32,
    /// The engine's options.
    pub options: CompareOptions,
    /// Whether the change list panel is shown.
    pub show_change_list: bool,
    /// Whether unchanged paragraphs are folded away (one paragraph of context kept).
    pub hide_unchanged: bool,
    /// Whether, with several versions open, each sentence is shaded by the version that
    /// introduced it.
    pub age_colouring: bool,
    /// Recent comparisons, newest first, as (old, new) absolute file paths.
    pub recent: Vec<(PathBuf, PathBuf)>,
    /// Recent sets of versions opened together, newest first, each as absolute file paths,
    /// oldest version first.
    pub recent_versions: Vec<Vec<PathBuf>>,
    /// Width of the change list panel, in points, as the reader last left it.
    pub change_list_width: f32,
    /// Two panes or one column.
    pub layout: Layout,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            font_size: DEFAULT_FONT_SIZE,
            options: CompareOptions::default(),
            show_change_list: true,
            hide_unchanged: false,
            age_colouring: false,
            recent: Vec::new(),
            recent_versions: Vec::new(),
            change_list_width: DEFAULT_CHANGE_LIST_WIDTH,
            layout: Layout::Automatic,
        }
    }
}

impl Settings {
    /// Reads the settings, falling back to defaults for anything unreadable.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        let mut settings: Self = storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        settings.font_size = clamp_font(settings.font_size);
        settings.change_list_width = clamp_change_list_width(settings.change_list_width);
        settings
    }

    /// Writes the settings.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// Puts a comparison of two files at the top of the recent list. The paths are stored
    /// absolute and canonical: the window may next be started from another folder (a desktop
    /// menu starts it in the home folder).
    pub fn remember(&mut self, old: PathBuf, new: PathBuf) {
        let pair = (absolute(old), absolute(new));
        self.recent.retain(|p| p != &pair);
        self.recent.insert(0, pair);
        self.recent.truncate(MAX_RECENT);
    }

    /// Puts a set of versions at the top of the recent list.
    pub fn remember_versions(&mut self, paths: &[PathBuf]) {
        let set: Vec<PathBuf> = paths.iter().cloned().map(absolute).collect();
        self.recent_versions.retain(|s| s != &set);
        self.recent_versions.insert(0, set);
        self.recent_versions.truncate(MAX_RECENT);
    }

    /// The most recent comparison whose files both still exist.
    pub fn last_existing(&self) -> Option<(PathBuf, PathBuf)> {
        self.recent
            .first()
            .filter(|(old, new)| old.is_file() && new.is_file())
            .cloned()
    }
}

/// `path` made absolute and canonical (links and `..` resolved), or as absolute as can be
/// worked out when it no longer exists.
fn absolute(path: PathBuf) -> PathBuf {
    std::fs::canonicalize(&path)
        .or_else(|_| std::path::absolute(&path))
        .unwrap_or(path)
}

/// The change list's width when the window has none remembered, and the range it is kept in
/// (a settings file from elsewhere may hold anything).
pub const DEFAULT_CHANGE_LIST_WIDTH: f32 = 280.0;
const CHANGE_LIST_WIDTHS: std::ops::RangeInclusive<f32> = 120.0..=1200.0;

/// Keeps a remembered change list width within [`CHANGE_LIST_WIDTHS`], replacing nonsense with
/// the default.
fn clamp_change_list_width(width: f32) -> f32 {
    if width.is_finite() {
        width.clamp(*CHANGE_LIST_WIDTHS.start(), *CHANGE_LIST_WIDTHS.end())
    } else {
        DEFAULT_CHANGE_LIST_WIDTH
    }
}

/// Keeps a font size within [`FONT_SIZES`], replacing nonsense with the default.
pub fn clamp_font(size: f32) -> f32 {
    if size.is_finite() {
        size.clamp(*FONT_SIZES.start(), *FONT_SIZES.end())
    } else {
        DEFAULT_FONT_SIZE
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn recent_comparisons_are_newest_first_without_duplicates() {
        let mut settings = Settings::default();
        for n in 0..MAX_RECENT + 3 {
            settings.remember(format!("old{n}").into(), format!("new{n}").into());
        }
        settings.remember("old5".into(), "new5".into());
        let old5 = std::path::absolute("old5").unwrap();
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.recent[0].0, old5);
        assert_eq!(settings.recent.iter().filter(|p| p.0 == old5).count(), 1);
    }

    #[test]
    fn recent_paths_are_stored_absolute_and_canonical() {
        // Opened as "sub/../a.txt" from one folder, the pair must still open from another.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        let mut settings = Settings::default();
        settings.remember(
            dir.path().join("sub").join("..").join("a.txt"),
            Path::new("no-such-file.txt").to_path_buf(),
        );
        let (old, new) = &settings.recent[0];
        assert_eq!(
            old,
            &std::fs::canonicalize(dir.path().join("a.txt")).unwrap()
        );
        // A file gone since keeps an absolute path, which File → Recent reports as missing.
        assert!(new.is_absolute(), "{new:?}");
        assert!(new.ends_with("no-such-file.txt"));
    }

    #[test]
    fn the_change_list_width_is_remembered_within_reason() {
        let settings = Settings {
            change_list_width: 432.0,
            ..Settings::default()
        };
        let text = serde_json::to_string(&settings).unwrap();
        assert_eq!(
            serde_json::from_str::<Settings>(&text)
                .unwrap()
                .change_list_width,
            432.0
        );
        for (stored, kept) in [
            (5.0, 120.0),
            (1e9, 1200.0),
            (f32::NAN, DEFAULT_CHANGE_LIST_WIDTH),
        ] {
            assert_eq!(clamp_change_list_width(stored), kept);
        }
    }

    #[test]
    fn the_last_comparison_reopens_only_if_both_files_exist() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&old, "a").unwrap();
        let mut settings = Settings::default();
        settings.remember(old.clone(), new.clone());
        assert_eq!(settings.last_existing(), None);
        std::fs::write(&new, "b").unwrap();
        settings.remember(old.clone(), new.clone());
        let canonical = |p| std::fs::canonicalize(p).unwrap();
        assert_eq!(
            settings.last_existing(),
            Some((canonical(&old), canonical(&new)))
        );
    }

    #[test]
    fn settings_survive_a_round_trip_and_tolerate_missing_fields() {
        let mut settings = Settings {
            theme: ThemeChoice::Dark,
            font_size: 20.0,
            ..Settings::default()
        };
        settings.options.ignore_case = true;
        let text = serde_json::to_string(&settings).unwrap();
        assert_eq!(serde_json::from_str::<Settings>(&text).unwrap(), settings);
        let partial: Settings = serde_json::from_str(r#"{"font_size": 99.0}"#).unwrap();
        assert_eq!(partial.theme, ThemeChoice::System);
        assert_eq!(clamp_font(partial.font_size), *FONT_SIZES.end());
    }
}
