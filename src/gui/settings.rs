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
    /// Recent comparisons, newest first, as (old, new) file paths.
    pub recent: Vec<(PathBuf, PathBuf)>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            font_size: DEFAULT_FONT_SIZE,
            options: CompareOptions::default(),
            show_change_list: true,
            hide_unchanged: false,
            recent: Vec::new(),
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
        settings
    }

    /// Writes the settings.
    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// Puts a comparison of two files at the top of the recent list.
    pub fn remember(&mut self, old: PathBuf, new: PathBuf) {
        let pair = (old, new);
        self.recent.retain(|p| p != &pair);
        self.recent.insert(0, pair);
        self.recent.truncate(MAX_RECENT);
    }

    /// The most recent comparison whose files both still exist.
    pub fn last_existing(&self) -> Option<(PathBuf, PathBuf)> {
        self.recent
            .first()
            .filter(|(old, new)| old.is_file() && new.is_file())
            .cloned()
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
        assert_eq!(settings.recent.len(), MAX_RECENT);
        assert_eq!(settings.recent[0], ("old5".into(), "new5".into()));
        assert_eq!(
            settings
                .recent
                .iter()
                .filter(|p| p.0 == Path::new("old5"))
                .count(),
            1
        );
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
        assert_eq!(settings.last_existing(), Some((old, new)));
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
