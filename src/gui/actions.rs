//! Intents: what the drawing code asks for. [`super::RedlineApp::apply`] carries them out after
//! the frame is drawn, in one place, so no widget changes state behind another's back.

use std::path::PathBuf;

use super::change_list::Filter;
use super::settings::{Layout, ThemeChoice};
use crate::compare::{CompareOptions, Side};
use crate::review::Status;

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show the file dialog for one side.
    OpenDialog(Side),
    /// Load a file into one side.
    OpenFile(Side, PathBuf),
    /// Load a file that was refused as too large into one side, raising the window's size
    /// limit to its size.
    OpenLarger {
        /// The side it is for.
        side: Side,
        /// The file.
        path: PathBuf,
        /// Its size in bytes, the new limit.
        size: u64,
    },
    /// Load two files as old and new.
    OpenPair(PathBuf, PathBuf),
    /// Show the file dialog for several versions of one article.
    OpenVersionsDialog,
    /// Open files as versions of one article, oldest first: the version strip appears and the
    /// panes show the latest step.
    OpenVersions(Vec<PathBuf>),
    /// Show two of the open versions (old, new; by index) in the panes.
    ShowVersions(usize, usize),
    /// Show the step after (`true`) or before the one shown (Alt+Right / Alt+Left).
    StepVersions(bool),
    /// Ask the system for the clipboard's text, to load it into one side.
    PasteAs(Side),
    /// Load text (from the clipboard) into one side.
    LoadText(Side, String),
    /// Save the change summary through the save dialog.
    ExportSummary,
    /// Save the change summary to this file (its extension picks the format), without a dialog.
    ExportSummaryTo(PathBuf),
    /// Put the change summary (Markdown) on the clipboard.
    CopySummary,
    /// Exchange old and new.
    Swap,
    /// Read both files again.
    Reload,
    /// Read one side's file again (it changed on disk).
    ReloadSide(Side),
    /// Read one side's file again in this encoding (the detected one was wrong).
    ReopenWithEncoding(Side, &'static encoding_rs::Encoding),
    /// One side's file was deleted or moved away.
    FileGone(Side),
    /// Stop the running load or comparison.
    Cancel,
    /// Stop the running fact check.
    StopFactCheck,
    /// Start the fact check again after it was stopped.
    CheckFacts,
    /// Compare again with these options.
    SetOptions(CompareOptions),
    /// Go to the next change.
    NextChange,
    /// Go to the previous change.
    PreviousChange,
    /// Go to a change by its index in [`crate::compare::Comparison::changes`].
    GoToChange(usize),
    /// Give a change (by index) this review status.
    MarkChange(usize, Status),
    /// Set a change's review note.
    SetNote(usize, String),
    /// Mark the current change reviewed (a flagged one stays flagged) and go to the next one to
    /// review; with no current change, go to the first one to review.
    ReviewAndNext,
    /// Flag the current change and put the keyboard in its note.
    FlagCurrent,
    /// Show all changes in the change list, those to review, or the flagged ones.
    SetReviewFilter(Filter),
    /// Scroll so a row of [`crate::compare::Comparison::rows`] is in view.
    GoToRow(usize),
    /// Scroll to the row that shows a paragraph (0-based) of one side.
    GoToParagraph(Side, usize),
    /// Go to a fact (a quote, number, name …) and highlight its words: the old wording in the
    /// old paragraph (0-based) it is in, the new wording in the new one.
    ShowFact {
        /// The old wording and its paragraph, for a removed or changed fact.
        old: Option<(usize, String)>,
        /// The new wording and its paragraph, for an added or changed fact.
        new: Option<(usize, String)>,
    },
    /// Scroll the panes to this offset from the top, in points (clamped to the document).
    ScrollTo(f32),
    /// Scroll the panes by this many points (down when positive).
    ScrollBy(f32),
    /// Scroll by this many screens (Page Up / Page Down).
    ScrollPages(f32),
    /// Show or hide the change list.
    ToggleChangeList,
    /// Show two panes, one inline column, or whichever fits.
    SetLayout(Layout),
    /// Switch between the inline column and two panes (Ctrl+I).
    ToggleInline,
    /// Fold unchanged paragraphs away, or show them.
    SetHideUnchanged(bool),
    /// Shade each sentence by the version that introduced it (with several versions open).
    SetAgeColouring(bool),
    /// Show the hidden unchanged paragraphs around this row, where they are.
    OpenHiddenRun(usize),
    /// Make the text bigger (+1), smaller (−1), or the default size (0).
    FontSize(i8),
    /// Change the theme.
    SetTheme(ThemeChoice),
    /// Open the find bar and focus it.
    OpenFind,
    /// Close the find bar.
    CloseFind,
    /// Search for this text.
    FindQuery(String),
    /// Go to the next match.
    FindNext,
    /// Go to the previous match.
    FindPrevious,
    /// Open a comparison from File → Recent.
    OpenRecent(usize),
    /// Open a set of versions from File → Recent.
    OpenRecentVersions(usize),
    /// Hide the message bar.
    DismissNotice,
    /// Hide the line that says the sample is a sample.
    DismissWelcome,
    /// Open or close the keyboard shortcuts window.
    ToggleShortcuts,
    /// Close the window.
    Quit,
}

/// The keys [`shortcuts`] and the find bar bind, as the F1 window lists them: change one,
/// change the other.
pub const SHORTCUT_LIST: [(&str, &str); 23] = [
    ("F8 or Alt+Down", "Next change"),
    ("Shift+F8 or Alt+Up", "Previous change"),
    (
        "Space",
        "Mark the change reviewed, go to the next to review",
    ),
    ("Shift+Space", "Flag the change and write a note"),
    ("Ctrl+F", "Find in both panes"),
    ("Enter / Shift+Enter in find", "Next / previous match"),
    ("Esc in find", "Close find"),
    ("Ctrl+O", "Open the old version"),
    ("Ctrl+Shift+O", "Open the new version"),
    ("Ctrl+Alt+O", "Open several versions of one article"),
    (
        "Alt+Right / Alt+Left",
        "With several versions: the next / previous step",
    ),
    ("F5", "Read both files again"),
    ("Ctrl+E", "Export the change summary"),
    ("Ctrl+C", "Copy the text selected in a pane"),
    ("Ctrl+I", "Inline view / side by side"),
    ("Ctrl++ / Ctrl+−", "Bigger / smaller text"),
    ("Ctrl+0", "Default text size"),
    ("Page Down / Page Up", "Scroll a screen down / up"),
    ("Down / Up", "Scroll a line"),
    ("Home / End", "Go to the start / end"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
    (
        "Drop files on the window",
        "Two files: compare them; three or more: versions; one on a pane: open it there",
    ),
];

/// What the keyboard asks for this frame (shortcuts work wherever the focus is).
///
/// egui ignores extra Shift and Alt when matching, so the longer chords are checked first.
pub fn shortcuts(ctx: &egui::Context) -> Vec<Action> {
    use egui::{Key, Modifiers};
    let mut out = Vec::new();
    ctx.input_mut(|input| {
        let mut take = |modifiers: Modifiers, key: Key, action: Action| {
            if input.consume_key(modifiers, key) {
                out.push(action);
            }
        };
        take(Modifiers::ALT, Key::ArrowDown, Action::NextChange);
        take(Modifiers::ALT, Key::ArrowUp, Action::PreviousChange);
        take(Modifiers::SHIFT, Key::F8, Action::PreviousChange);
        take(Modifiers::NONE, Key::F8, Action::NextChange);
        take(Modifiers::COMMAND, Key::F, Action::OpenFind);
        take(Modifiers::COMMAND, Key::Plus, Action::FontSize(1));
        take(Modifiers::COMMAND, Key::Equals, Action::FontSize(1));
        take(Modifiers::COMMAND, Key::Minus, Action::FontSize(-1));
        take(Modifiers::COMMAND, Key::Num0, Action::FontSize(0));
        take(
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::O,
            Action::OpenDialog(Side::New),
        );
        take(
            Modifiers::COMMAND | Modifiers::ALT,
            Key::O,
            Action::OpenVersionsDialog,
        );
        take(Modifiers::COMMAND, Key::O, Action::OpenDialog(Side::Old));
        take(Modifiers::ALT, Key::ArrowRight, Action::StepVersions(true));
        take(Modifiers::ALT, Key::ArrowLeft, Action::StepVersions(false));
        take(Modifiers::NONE, Key::F5, Action::Reload);
        take(Modifiers::COMMAND, Key::E, Action::ExportSummary);
        take(Modifiers::COMMAND, Key::Q, Action::Quit);
        take(Modifiers::NONE, Key::F1, Action::ToggleShortcuts);
        take(Modifiers::COMMAND, Key::I, Action::ToggleInline);
    });
    // Plain keys scroll the panes and review changes when nothing has the keyboard, or only the
    // node naming the current change (moving to a change focuses it, for screen readers). A
    // focused button, check box or text field keeps its Space and arrows.
    let focused = ctx.memory(|m| m.focused());
    let change_name = ctx.data(|d| d.get_temp::<egui::Id>(change_name_key()));
    if focused.is_none() || focused == change_name {
        ctx.input_mut(|input| {
            // Before plain Space, which would match Shift+Space too.
            if input.consume_key(Modifiers::SHIFT, Key::Space) {
                out.push(Action::FlagCurrent);
            }
            let mut take = |key: Key, action: Action| {
                if input.consume_key(Modifiers::NONE, key) {
                    out.push(action);
                }
            };
            take(Key::PageDown, Action::ScrollPages(1.0));
            take(Key::PageUp, Action::ScrollPages(-1.0));
            take(Key::Space, Action::ReviewAndNext);
            take(Key::ArrowDown, Action::ScrollBy(LINE_STEP));
            take(Key::ArrowUp, Action::ScrollBy(-LINE_STEP));
            take(Key::Home, Action::ScrollTo(0.0));
            take(Key::End, Action::ScrollTo(f32::INFINITY));
        });
    }
    out
}

/// Where the window keeps the id of the node naming the current change ([`shortcuts`] lets
/// plain keys through while it has the focus).
pub fn change_name_key() -> egui::Id {
    egui::Id::unique("redline-change-name")
}

/// The id of the current change's note field, which Shift+Space gives the keyboard.
pub fn note_id() -> egui::Id {
    egui::Id::unique("redline-review-note")
}

/// How far the arrow keys scroll, in points.
const LINE_STEP: f32 = 40.0;
