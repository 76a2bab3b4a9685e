//! The application: owns the state, draws the panels, and applies the actions they return.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::actions::{self, Action, SHORTCUT_LIST};
use super::background::{Background, Event, Waited};
use super::change_list::ChangeList;
use super::dialogs::{self, Picked};
use super::facts::{FactCheck, FactStatus};
use super::find::Find;
use super::jobs::{Input, Request, Source};
use super::layout::{RowLayout, Style};
use super::palette::Palette;
use super::panes::{self, PaneInput};
use super::review::Reviewing;
use super::screenshot::{Screenshooter, ScreenshotOutcome};
use super::session::Session;
use super::settings::Settings;
use super::view::View;
use super::{Opening, StartOptions, header, overview, status, toolbar};
use crate::compare::{Comparison, Side};
use crate::document::{DEFAULT_MAX_BYTES, LoadOptions};
use crate::review::{Review, Store};
use crate::watch::FileEvent;

mod apply;

/// How long to wait for clipboard text after asking for it.
const PASTE_WAIT: Duration = Duration::from_millis(1500);

/// What the first screen says above the sample, so that a newcomer knows it is not their file
/// and how to open their own.
pub const WELCOME: &str = "This is a sample: two versions of one news story. Open your own with \
File > Open old… and Open new…, or drop two files on the window. F1 lists the keyboard shortcuts.";

/// The Redline window's state. Drawing returns [`Action`]s; [`Self::apply`] carries them out.
pub struct RedlineApp {
    session: Session,
    view: View,
    layout: RowLayout,
    find: Find,
    change_list: ChangeList,
    fact_check: FactCheck,
    settings: Settings,
    /// How files are read: the size limit, raised when the reader opens a larger file anyway.
    load: LoadOptions,
    /// Loading, comparing, the fact check, exports, the review, dialogs, the file watcher.
    background: Background,
    /// Whether the reader stopped the shown comparison's fact check before it ended.
    facts_stopped: bool,
    /// Whether starting a new comparison stopped the shown one's fact check (it starts again if
    /// the shown comparison stays).
    facts_interrupted: bool,
    screenshot: Option<Screenshooter>,
    /// The context drawn into, once known; background threads use it to ask for a repaint.
    ctx: Arc<Mutex<Option<egui::Context>>>,
    /// Whether the theme and input options have been given to the context.
    configured: bool,
}

impl RedlineApp {
    /// The app as eframe creates it: settings from storage, then the files to open.
    pub fn from_creation(
        cc: &eframe::CreationContext<'_>,
        start: StartOptions,
        outcome: Arc<Mutex<Option<ScreenshotOutcome>>>,
    ) -> Self {
        let mut settings = if start.screenshot.is_some() {
            // A screenshot must not depend on what the last user left behind.
            Settings::default()
        } else {
            Settings::load(cc.storage)
        };
        if let Some(theme) = start.theme {
            settings.theme = theme;
        }
        // A screenshot neither reads nor writes the reader's reviews.
        let store = start
            .screenshot
            .is_none()
            .then(Store::default_location)
            .flatten();
        let mut app = Self::new(settings, start, outcome);
        app.background.reviewing = Reviewing::new(store);
        app.bind(&cc.egui_ctx);
        app
    }

    /// The app with default settings (for tests): `files`, or the sample when `None`.
    pub fn with_files(files: Option<(PathBuf, PathBuf)>) -> Self {
        Self::opening(match files {
            Some((old, new)) => Opening::Pair(old, new),
            // Default settings remember no last comparison: this is the sample.
            None => Opening::Last,
        })
    }

    /// The app keeping its reviews in `store` (tests; by default they stay in the window).
    pub fn with_review_store(mut self, store: Store) -> Self {
        self.background.reviewing = Reviewing::new(Some(store));
        self
    }

    /// The app with default settings (for tests), opening `files`.
    pub fn opening(files: Opening) -> Self {
        Self::starting(StartOptions {
            files,
            ..StartOptions::default()
        })
    }

    /// The app with default settings (for tests), started with `start`.
    pub fn starting(start: StartOptions) -> Self {
        Self::new(Settings::default(), start, Arc::default())
    }

    fn new(
        settings: Settings,
        start: StartOptions,
        outcome: Arc<Mutex<Option<ScreenshotOutcome>>>,
    ) -> Self {
        let load = LoadOptions {
            max_bytes: start.max_file_size.unwrap_or(DEFAULT_MAX_BYTES),
        };
        // A screenshot of no files is of the sample, whatever the last user compared.
        let last = match start.screenshot {
            None => settings.last_existing(),
            Some(_) => None,
        };
        let (old, new) = match (start.files, last) {
            (Opening::Pair(old, new), _) | (Opening::Last, Some((old, new))) => (
                Input::Load(Source::File(old)),
                Input::Load(Source::File(new)),
            ),
            (Opening::Old(old), _) => (Input::Load(Source::File(old)), Input::Missing),
            (Opening::Last, None) => (
                Input::Load(Source::SampleOld),
                Input::Load(Source::SampleNew),
            ),
            (Opening::Versions(paths), _) => {
                let mut app = Self::empty(settings, start.screenshot, outcome, load);
                app.apply(Action::OpenVersions(paths));
                return app;
            }
        };
        let mut app = Self::empty(settings, start.screenshot, outcome, load);
        let options = app.settings.options;
        app.start(Request {
            old,
            new,
            options,
            reread: None,
        });
        app
    }

    /// The app showing nothing yet.
    fn empty(
        settings: Settings,
        screenshot: Option<super::ScreenshotRequest>,
        outcome: Arc<Mutex<Option<ScreenshotOutcome>>>,
        load: LoadOptions,
    ) -> Self {
        Self {
            session: Session::default(),
            view: View::default(),
            layout: RowLayout::default(),
            find: Find::default(),
            change_list: ChangeList::default(),
            fact_check: FactCheck::default(),
            background: Background::new(Reviewing::new(None)),
            facts_stopped: false,
            facts_interrupted: false,
            screenshot: screenshot.map(|request| Screenshooter::new(request, outcome)),
            ctx: Arc::default(),
            configured: false,
            settings,
            load,
        }
    }

    /// Remembers the context to draw into and gives it the theme and input options.
    fn bind(&mut self, ctx: &egui::Context) {
        if self.configured {
            return;
        }
        self.configured = true;
        if let Ok(mut slot) = self.ctx.lock() {
            *slot = Some(ctx.clone());
        }
        for (theme, dark) in [(egui::Theme::Dark, true), (egui::Theme::Light, false)] {
            ctx.set_visuals_of(theme, super::palette::visuals(dark));
        }
        ctx.set_theme(self.settings.theme.preference());
        // Ctrl +/−/0 size the panes' text, not the whole interface.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
    }

    /// Runs `f` with the context, if one is bound yet.
    fn with_ctx(&self, f: impl FnOnce(&egui::Context)) {
        if let Ok(slot) = self.ctx.lock()
            && let Some(ctx) = slot.as_ref()
        {
            f(ctx);
        }
    }

    /// A function background threads call to get the window repainted.
    fn waker(&self) -> impl Fn() + Send + Sync + 'static {
        let slot = Arc::clone(&self.ctx);
        move || {
            if let Ok(slot) = slot.lock()
                && let Some(ctx) = slot.as_ref()
            {
                ctx.request_repaint();
            }
        }
    }

    // ----- for tests and the screenshot mode -------------------------------------------------

    /// Blocks until the background work (but for dialogs and the file watcher) has finished
    /// and its results are taken in; returns `false` if some is still running after `timeout`.
    pub fn wait_for_jobs(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            match self.background.wait_next(deadline) {
                Waited::Event(event) => {
                    if let Some(action) = self.take(*event) {
                        self.apply(action);
                    }
                }
                Waited::Idle => return true,
                Waited::TimedOut => return false,
            }
        }
    }

    /// Whether a load, comparison, fact check, export, review read or glyph check is running.
    pub fn is_busy(&self) -> bool {
        self.background.is_busy()
    }

    /// Whether a load or comparison (the work Cancel stops) is running.
    pub fn is_comparing(&self) -> bool {
        self.background.job.is_some()
    }

    /// The comparison shown.
    pub fn comparison(&self) -> Option<&Arc<Comparison>> {
        self.session.comparison()
    }

    /// The load error shown over one pane, as the reader sees it.
    pub fn error(&self, side: Side) -> Option<String> {
        self.session
            .side(side)
            .error
            .as_ref()
            .map(|e| e.to_string())
    }

    /// The most a file may weigh to be opened in this window: the default, unless the reader
    /// chose to open a larger one.
    pub fn max_file_size(&self) -> u64 {
        self.load.max_bytes
    }

    /// The name shown over one pane.
    pub fn name(&self, side: Side) -> Option<&str> {
        let article = self.session.side(side).article.as_ref()?;
        Some(article.source.name.as_str())
    }

    /// The open versions' labels, when several versions are open and read.
    pub fn version_labels(&self) -> Vec<String> {
        let timeline = self
            .session
            .versions
            .as_ref()
            .and_then(|v| v.timeline.as_ref());
        timeline.map_or_else(Vec::new, |t| {
            t.versions.iter().map(|v| v.label.clone()).collect()
        })
    }

    /// The pair of versions the panes show (old, new; by index), when several are open.
    pub fn version_pair(&self) -> Option<(usize, usize)> {
        self.session.versions.as_ref()?.pair
    }

    /// What the panes' tooltip says of the sentence at `offset` (bytes) of a paragraph of one
    /// side, when several versions are open: its history across them.
    pub fn sentence_history(&self, side: Side, paragraph: usize, offset: usize) -> Option<String> {
        let versions = self.session.versions.as_ref()?;
        let [old, new] = versions.shown_in(self.session.comparison()?)?;
        let version = match side {
            Side::Old => old,
            Side::New => new,
        };
        let history = versions
            .timeline
            .as_ref()?
            .sentence_history(version, paragraph, offset)?;
        Some(super::versions::Versions::describe(history))
    }

    /// The change walked to.
    pub fn current_change(&self) -> Option<usize> {
        self.view.current_change
    }

    /// How far the panes are scrolled, in points.
    pub fn scroll_offset(&self) -> f32 {
        self.view.scroll_offset
    }

    /// The review of the comparison shown, once read.
    pub fn review(&self) -> Option<&Review> {
        self.background.reviewing.review(self.session.generation())
    }

    /// The words highlighted for the fact last clicked: row, pane and text.
    pub fn spotlit(&self) -> Vec<(usize, Side, String)> {
        let Some(c) = self.session.comparison() else {
            return Vec::new();
        };
        self.find
            .spotlit()
            .iter()
            .filter_map(|h| {
                let row = c.rows.get(h.row)?;
                let text = c.text(h.side, row.paragraphs(h.side));
                Some((h.row, h.side, text.get(h.range.clone())?.to_owned()))
            })
            .collect()
    }

    /// The number of find matches and the current one.
    pub fn find_matches(&self) -> (usize, Option<usize>) {
        (self.find.hits().len(), self.find.current())
    }

    /// The message bar's text.
    pub fn notice(&self) -> Option<&str> {
        self.view.notice.as_deref()
    }

    /// The change list panel's width, as it will be remembered.
    pub fn change_list_width(&self) -> f32 {
        self.settings.change_list_width
    }

    /// The panes' text size in points.
    pub fn font_size(&self) -> f32 {
        self.settings.font_size
    }

    /// Whether the panes show one inline column rather than two panes.
    pub fn is_inline(&self) -> bool {
        self.view.inline
    }

    /// The compare options in use.
    pub fn options(&self) -> crate::compare::CompareOptions {
        self.settings.options
    }

    // ----- the frame -------------------------------------------------------------------------

    /// Draws the whole window and applies what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.bind(&ctx);
        let mut finished = Vec::new();
        for event in self.background.poll() {
            finished.extend(self.take(event));
        }
        if let Some(notice) = self.background.glyphs.notice(&ctx) {
            self.add_notice(notice);
            self.view.frames_since_change = 0;
        }
        let mut actions = actions::shortcuts(&ctx);
        actions.extend(finished);
        actions.extend(self.input_actions(&ctx));
        self.find.refresh(
            self.session.comparison().map(|c| c.as_ref()),
            self.session.generation(),
        );
        actions.extend(self.draw(ui));
        for action in actions {
            self.apply(action);
        }
        if self.view.focus_note || self.view.focus_change {
            // The focus moves in the next frame: draw it now, before the reader types on.
            ctx.request_repaint();
        }
        if self.session.comparison().is_some() && self.background.job.is_none() {
            self.view.frames_since_change = self.view.frames_since_change.saturating_add(1);
        }
        let busy = self.is_busy();
        if let Some(shooter) = &mut self.screenshot {
            // The picture waits for the fact-check list too, so it is the same every time.
            let settled = if !busy {
                self.view.frames_since_change
            } else {
                0
            };
            let failure = (self.background.job.is_none()
                && self.background.timeline.is_none()
                && self.session.comparison().is_none())
            .then(|| {
                [Side::Old, Side::New]
                    .iter()
                    .find_map(|&s| self.session.side(s).error.as_ref().map(|e| e.to_string()))
                    .unwrap_or_else(|| "nothing to show".to_owned())
            });
            shooter.tick(
                &ctx,
                settled,
                failure.as_deref(),
                self.view.notice.as_deref(),
            );
        }
        if busy || self.background.dialogs.is_open() || self.view.paste_target.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn draw(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let mut actions = Vec::new();
        let palette = Palette::of(ui.visuals().dark_mode);
        let has_changes = self
            .session
            .comparison()
            .is_some_and(|c| !c.changes.is_empty());
        egui::Panel::top("redline-toolbar").show(ui, |ui| {
            let state = toolbar::ToolbarState {
                settings: &self.settings,
                has_changes,
                find_open: self.find.open,
                has_versions: self.session.versions.is_some(),
            };
            actions.extend(toolbar::menu_bar(ui, &state));
            actions.extend(toolbar::toolbar(ui, &state));
            if self.find.open {
                actions.extend(self.find.ui(ui));
            }
            if self.session.is_sample() && !self.view.welcome_dismissed && self.screenshot.is_none()
            {
                ui.horizontal_wrapped(|ui| {
                    ui.label(WELCOME);
                    if ui.button("Got it").clicked() {
                        actions.push(Action::DismissWelcome);
                    }
                });
            }
            if let Some(versions) = &self.session.versions {
                ui.separator();
                actions.extend(super::strip::show(ui, versions, palette));
            }
            if let Some(notice) = &self.view.notice {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(notice).color(palette.deleted_ink));
                    if ui.button("Dismiss").clicked() {
                        actions.push(Action::DismissNotice);
                    }
                });
            }
        });
        if self.view.shortcuts_open {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .show(ui.ctx(), |ui| {
                    egui::Grid::new("redline-shortcuts")
                        .striped(true)
                        .show(ui, |ui| {
                            for (keys, what) in SHORTCUT_LIST {
                                ui.label(egui::RichText::new(keys).strong());
                                ui.label(what);
                                ui.end_row();
                            }
                        });
                });
            if !open {
                actions.push(Action::ToggleShortcuts);
            }
        }
        egui::Panel::bottom("redline-status").show(ui, |ui| {
            actions.extend(status::show(
                ui,
                &self.session,
                self.background.job.as_ref(),
                self.view.current_change,
                self.background.reviewing.review(self.session.generation()),
            ));
        });
        let comparison = self.session.comparison().cloned();
        if let Some(c) = &comparison
            && self.settings.show_change_list
        {
            let panel = egui::Panel::left("redline-change-list")
                .resizable(true)
                .default_size(self.settings.change_list_width)
                .show(ui, |ui| {
                    if !self.session.is_one_sided() {
                        let facts = self.session.facts().map(|f| f.as_ref());
                        let generation = self.session.generation();
                        let status =
                            if self.background.facts.is_some() || self.background.job.is_some() {
                                FactStatus::Checking {
                                    stoppable: self.background.facts.is_some(),
                                }
                            } else if self.facts_stopped {
                                FactStatus::Stopped
                            } else {
                                FactStatus::Failed
                            };
                        actions.extend(self.fact_check.ui(ui, facts, status, generation));
                        ui.separator();
                    }
                    let generation = self.session.generation();
                    actions.extend(self.change_list.ui(
                        ui,
                        c,
                        generation,
                        self.view.current_change,
                        self.session.is_one_sided(),
                        self.background.reviewing.review(generation),
                        self.view.review_filter,
                    ));
                });
            self.settings.change_list_width = panel.response.rect.width();
        }
        if let Some(c) = &comparison {
            let frame = egui::Frame::new()
                .fill(ui.visuals().panel_fill)
                .inner_margin(egui::Margin::symmetric(2, 4));
            egui::Panel::right("redline-overview")
                .resizable(false)
                .frame(frame)
                .exact_size(overview::WIDTH + 4.0)
                .show(ui, |ui| {
                    actions.extend(overview::show(ui, c, &self.layout, &self.view, palette));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let dropping = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
            actions.extend(header::show(ui, &self.session, palette, dropping));
            ui.separator();
            if let Some(c) = comparison.as_ref().filter(|c| !c.changes.is_empty())
                && !self.session.is_one_sided()
            {
                let review = self.background.reviewing.review(self.session.generation());
                let focus = super::review_bar::Focus {
                    note: std::mem::take(&mut self.view.focus_note),
                    change: std::mem::take(&mut self.view.focus_change),
                };
                actions.extend(super::review_bar::show(
                    ui,
                    c,
                    review,
                    self.view.current_change,
                    focus,
                ));
                ui.separator();
            } else {
                // No bar to take the focus: the requests lapse rather than wait for one.
                self.view.focus_note = false;
                self.view.focus_change = false;
            }
            match &comparison {
                Some(c) => actions.extend(self.draw_panes(ui, c, palette)),
                None => {
                    ui.centered_and_justified(|ui| {
                        ui.label(if self.background.job.is_some() {
                            "Loading…"
                        } else {
                            "Open or drop two files to compare them."
                        });
                    });
                }
            }
        });
        actions
    }

    fn draw_panes(
        &mut self,
        ui: &mut egui::Ui,
        c: &Arc<Comparison>,
        palette: Palette,
    ) -> Vec<Action> {
        let inline = self.settings.layout.is_inline(ui.available_width());
        self.view.inline = inline;
        let pane = if inline {
            panes::column_width(ui)
        } else {
            panes::pane_width(ui)
        };
        let style = Style {
            pane_width: pane,
            font_size: self.settings.font_size,
            text: ui.visuals().text_color(),
            palette,
            find: self.find.generation(),
            inline,
            ages: self.settings.age_colouring && self.session.versions.is_some(),
        };
        let ages = self
            .session
            .versions
            .as_ref()
            .filter(|_| style.ages)
            .and_then(|v| super::versions::Ages::of(v, c));
        self.layout.set_ages(ages);
        self.layout.prepare(
            ui.ctx(),
            c,
            self.session.generation(),
            self.settings.hide_unchanged,
            style,
            &self.find,
        );
        panes::show(
            ui,
            PaneInput {
                comparison: c,
                layout: &mut self.layout,
                view: &mut self.view,
                find: &self.find,
                palette,
                pane,
                inline,
                versions: self.session.versions.as_ref(),
            },
        )
    }

    /// Dropped files and clipboard text that arrived this frame.
    fn input_actions(&mut self, ctx: &egui::Context) -> Vec<Action> {
        let mut actions = Vec::new();
        let (dropped, pointer, pasted) = ctx.input(|i| {
            let pasted = i.events.iter().find_map(|e| match e {
                egui::Event::Paste(text) => Some(text.clone()),
                _ => None,
            });
            let paths: Vec<PathBuf> = i
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect();
            (paths, i.pointer.latest_pos(), pasted)
        });
        match dropped.as_slice() {
            [] => {}
            [one] => {
                let side = match (pointer, self.view.split_x) {
                    (Some(p), Some(x)) if p.x < x => Side::Old,
                    (Some(_), Some(_)) => Side::New,
                    _ if self.session.side(Side::Old).article.is_none() => Side::Old,
                    _ => Side::New,
                };
                actions.push(Action::OpenFile(side, one.clone()));
            }
            [old, new] => actions.push(Action::OpenPair(old.clone(), new.clone())),
            _ => actions.push(Action::OpenVersions(dialogs::versions_in_order(dropped))),
        }
        if let Some((side, since)) = self.view.paste_target {
            if let Some(text) = pasted {
                self.view.paste_target = None;
                actions.push(Action::LoadText(side, text));
            } else if since.elapsed() > PASTE_WAIT {
                self.view.paste_target = None;
                self.view.notice = Some("The clipboard holds no text to paste.".to_owned());
            }
        }
        actions
    }

    /// Adds to what the message bar says (a load's notice and a review's come from different
    /// work at about the same time: neither hides the other).
    fn add_notice(&mut self, notice: String) {
        self.view.notice = Some(match self.view.notice.take() {
            Some(earlier) if earlier != notice => format!("{earlier} {notice}"),
            _ => notice,
        });
    }

    /// Takes in what a piece of background work finished; returns what it asks the window to
    /// do next (open the file picked, read a file that changed again).
    fn take(&mut self, event: Event) -> Option<Action> {
        match event {
            Event::Compared(result) => self.finish_job(result),
            Event::Facts { generation, facts } => self.finish_facts(generation, facts),
            Event::Exported(outcome) => self.finish_export(outcome),
            Event::Notice(message) => self.add_notice(message),
            Event::Timeline(timeline) => self.finish_timeline(timeline),
            Event::Picked(Picked::File(side, path)) => return Some(Action::OpenFile(side, path)),
            Event::Picked(Picked::Versions(paths)) => return Some(Action::OpenVersions(paths)),
            Event::Picked(Picked::Cancelled) => {}
            Event::Picked(Picked::Unavailable) => {
                self.view.notice = Some(dialogs::UNAVAILABLE.to_owned());
            }
            // One version changed: the whole timeline is read again.
            Event::File(FileEvent::Changed(_)) if self.session.versions.is_some() => {
                return Some(Action::Reload);
            }
            Event::File(FileEvent::Changed(side)) => return Some(Action::ReloadSide(side)),
            Event::File(FileEvent::Gone(side)) => return Some(Action::FileGone(side)),
        }
        None
    }
}

impl eframe::App for RedlineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            self.settings.save(storage);
        }
    }

    fn persist_egui_memory(&self) -> bool {
        // Scroll positions of an old comparison mean nothing for the next one.
        false
    }
}
