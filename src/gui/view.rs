//! How the window shows the comparison: scroll position, current change, transient messages.
//! Nothing here is about the files themselves (that is [`super::session`]).

use std::time::Instant;

use crate::compare::Side;

/// Where the panes should scroll to next frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScrollTarget {
    /// An exact offset from the top.
    Offset(f32),
    /// A row of the comparison, brought into view (not moved if already fully visible).
    Row(usize),
}

/// The on-screen state of the window.
#[derive(Debug, Default)]
pub struct View {
    /// The change walked to, as an index into the comparison's changes.
    pub current_change: Option<usize>,
    /// The scroll offset of the panes, as of the last frame.
    pub scroll_offset: f32,
    /// The height of the visible part of the panes, as of the last frame.
    pub viewport_height: f32,
    /// Where to scroll next frame.
    pub scroll_target: Option<ScrollTarget>,
    /// Whether the last frame showed the inline column rather than two panes.
    pub inline: bool,
    /// The x coordinate between the panes, to tell which pane a file was dropped on.
    pub split_x: Option<f32>,
    /// The pane the last press in the panes began in: text selection stays in it.
    pub selecting: Option<Side>,
    /// Which changes the change list shows: all, those to review, the flagged ones.
    pub review_filter: super::change_list::Filter,
    /// Whether the line saying the sample is a sample was dismissed.
    pub welcome_dismissed: bool,
    /// Whether the current change's note field should take the keyboard next frame.
    pub focus_note: bool,
    /// Whether the node naming the current change should take the focus next frame, so that
    /// a screen reader says where the reader arrived (egui has no live regions).
    pub focus_change: bool,
    /// Whether the keyboard shortcuts window is open (F1).
    pub shortcuts_open: bool,
    /// A message for the user (e.g. the file dialog could not open), with a dismiss button.
    pub notice: Option<String>,
    /// The side waiting for clipboard text, since when.
    pub paste_target: Option<(Side, Instant)>,
    /// Frames drawn since the comparison last changed (the screenshot waits for a few).
    pub frames_since_change: u32,
}
