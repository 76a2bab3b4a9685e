//! Carrying out [`Action`]s, and taking in finished background jobs: the one place where the
//! window's state changes.

use std::time::Instant;

use super::RedlineApp;
use crate::compare::Cancelled;
use crate::compare::Side;
use crate::gui::actions::Action;
use crate::gui::background::Event;
use crate::gui::export::{self, ExportJob, Exported, Subject};
use crate::gui::jobs::{FactsJob, Job, Outcome, Request, Source};
use crate::gui::session::Session;
use crate::gui::settings::{DEFAULT_FONT_SIZE, clamp_font};
use crate::gui::task::Ended;
use crate::gui::versions::{TimelineJob, Versions};
use crate::gui::view::ScrollTarget;
use crate::review::Status;
use crate::summary::Facts;
use crate::timeline::Timeline;
use std::sync::Arc;

impl RedlineApp {
    pub(super) fn start(&mut self, request: Request) {
        // Replacing the job drops (and so cancels) the one running. The new comparison will
        // replace the facts being checked: that check stops too, leaving both cores to it, and
        // starts again should the comparison shown stay (the new one cancelled or failed).
        self.background.job = Some(Job::spawn(request, self.load, self.waker()));
        self.take_finished_facts();
        if self.background.facts.take().is_some() {
            self.facts_interrupted = true;
        }
    }

    /// Takes in the facts if the check ended since the frame began, so that stopping it now
    /// does not throw them away.
    fn take_finished_facts(&mut self) {
        if let Some(Event::Facts { generation, facts }) = self.background.poll_facts() {
            self.finish_facts(generation, facts);
        }
    }

    /// Starts the fact check of the shown comparison (not of one file shown alone).
    fn check_facts(&mut self) {
        self.facts_stopped = false;
        self.facts_interrupted = false;
        self.background.facts = self
            .session
            .comparison()
            .filter(|_| !self.session.is_one_sided())
            .map(|c| {
                let (c, generation) = (Arc::clone(c), self.session.generation());
                FactsJob::spawn(c, generation, self.waker())
            });
    }

    pub(super) fn finish_job(&mut self, result: Result<Outcome, String>) {
        self.background.job = None;
        let before = self.session.generation();
        match result {
            Ok(mut outcome) => {
                if let Some(reread) = outcome.reread.take() {
                    self.view.notice = Some(reread.notice());
                }
                self.session.apply(outcome);
            }
            Err(message) => self.session.failure = Some(message),
        }
        if self.session.generation() == before {
            // The comparison shown stays: finish its fact check if starting this job stopped it.
            if self.facts_interrupted && self.session.facts().is_none() {
                self.check_facts();
            }
            self.facts_interrupted = false;
        } else {
            self.view.frames_since_change = 0;
            // A change's number means another change in another comparison (a file read
            // again, another option): Space must not mark one the reader has not seen.
            self.view.current_change = None;
            self.check_facts();
            if let Some(c) = self
                .session
                .comparison()
                .filter(|_| !self.session.is_one_sided())
            {
                let (c, generation) = (Arc::clone(c), self.session.generation());
                let wake = self.waker();
                self.background.reviewing.start(c, generation, wake);
            }
            let shown: Vec<_> = [Side::Old, Side::New]
                .iter()
                .filter_map(|&s| self.session.side(s).article.clone())
                .collect();
            let wake = self.waker();
            self.background.glyphs.start(shown, wake);
            let paths = self.session.paths();
            if self.screenshot.is_none() {
                let wake = self.waker();
                self.background
                    .reload
                    .follow(self.session.watched_files(), wake);
            }
            // The recent list holds pairs of files; versions opened together are not one.
            if let [Some(old), Some(new)] = paths
                && !self.session.is_one_sided()
                && self.session.versions.is_none()
            {
                self.settings.remember(old, new);
            }
            let names: Vec<String> = [Side::Old, Side::New]
                .iter()
                .filter_map(|&s| self.session.side(s).article.as_ref())
                .map(|a| a.source.name.clone())
                .collect();
            let title = if names.is_empty() {
                crate::gui::APP_NAME.to_owned()
            } else {
                format!("{} - {}", names.join(" and "), crate::gui::APP_NAME)
            };
            self.with_ctx(|ctx| ctx.send_viewport_cmd(egui::ViewportCommand::Title(title)));
        }
    }

    /// Reads the open versions (again) and works out their timeline; the pair shown stays
    /// until it is ready.
    fn read_versions(&mut self) {
        if let Some(versions) = &mut self.session.versions {
            versions.timeline = None;
            let job =
                TimelineJob::spawn(versions.paths.clone(), self.settings.options, self.waker());
            self.background.timeline = Some(job);
        }
    }

    /// Compares the open versions again with the options now chosen, from the articles already
    /// read (a reading under way reads them with these options anyway).
    fn recompare_versions(&mut self) {
        let Some(versions) = &mut self.session.versions else {
            return;
        };
        let Some(timeline) = versions.timeline.take() else {
            return self.read_versions();
        };
        let job = TimelineJob::recompare(
            timeline.versions.clone(),
            self.settings.options,
            self.waker(),
        );
        self.background.timeline = Some(job);
    }

    /// Takes in the timeline of the open versions: the panes show the pair shown before, if it
    /// can still be read, else the latest step.
    pub(super) fn finish_timeline(&mut self, ended: Ended<Result<Timeline, Cancelled>>) {
        let Some(versions) = &mut self.session.versions else {
            return;
        };
        let timeline = match ended {
            Ended::Done(Ok(timeline)) => timeline,
            // Stopped because another reading replaced it: that one's result is the one.
            Ended::Done(Err(Cancelled)) => return,
            Ended::Failed(why) => {
                self.view.notice = Some(format!(
                    "Reading the versions failed with an internal error ({why}); the files are \
                     unchanged."
                ));
                self.session.versions = None;
                return;
            }
        };
        let readable = |i: usize| timeline.versions.get(i).is_some_and(|v| v.article.is_ok());
        let kept = versions
            .pair
            .filter(|&(old, new)| readable(old) && readable(new));
        let unreadable: Vec<String> = timeline
            .versions
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let message = v.article.as_ref().err()?;
                let message = message.trim_end_matches('.');
                Some(format!(
                    "{} ({}): {message}",
                    Versions::short_name(i),
                    v.label
                ))
            })
            .collect();
        versions.timeline = Some(Arc::new(timeline));
        let pair = kept.or_else(|| versions.default_pair());
        let paths = versions.paths.clone();
        self.settings.remember_versions(&paths);
        self.view.frames_since_change = 0;
        if !unreadable.is_empty() {
            self.add_notice(format!(
                "Left out of the timeline: {}.",
                unreadable.join("; ")
            ));
        }
        match pair {
            // Always compared again: the versions were read afresh.
            Some((old, new)) => self.compare_versions(old, new),
            None => {
                self.add_notice(
                    "Fewer than two of the versions could be read: there is nothing to compare."
                        .to_owned(),
                );
                self.leave_versions();
            }
        }
    }

    /// Takes in the facts of a finished fact check of the comparison of `generation` (dropped
    /// if that is no longer the one shown).
    pub(super) fn finish_facts(&mut self, generation: u64, facts: Ended<Result<Facts, Cancelled>>) {
        if let Ended::Done(Ok(facts)) = facts {
            self.session.set_facts(generation, facts);
            // The left panel changes: a screenshot waits for it to settle again.
            self.view.frames_since_change = 0;
        }
    }

    /// Reports a finished export, and puts a copied summary on the clipboard.
    pub(super) fn finish_export(&mut self, outcome: Result<Exported, String>) {
        self.background.export = None;
        if let Ok(Exported::Copied(text)) = &outcome {
            let text = text.clone();
            self.with_ctx(|ctx| ctx.copy_text(text));
        }
        if let Some(message) = export::notice(&outcome) {
            self.view.notice = Some(message);
        }
    }

    /// Starts an export of the comparison shown, unless one runs or there is nothing to export.
    fn export(&mut self, start: impl FnOnce(Subject, Box<dyn Fn() + Send>) -> ExportJob) {
        if self.background.export.is_some() {
            self.view.notice = Some("An export is already under way.".to_owned());
            return;
        }
        match self.session.comparison() {
            Some(c) if !self.session.is_one_sided() => {
                let subject = Subject {
                    comparison: Arc::clone(c),
                    facts: self.session.facts().cloned(),
                    review: self
                        .background
                        .reviewing
                        .review(self.session.generation())
                        .cloned(),
                };
                let job = start(subject, Box::new(self.waker()));
                self.background.export = Some(job);
            }
            _ => self.view.notice = Some("Open two files before exporting a summary.".to_owned()),
        }
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        let options = self.settings.options;
        match action {
            Action::OpenDialog(side) => {
                let wake = self.waker();
                self.background.dialogs.open(side, wake);
            }
            Action::OpenLarger { side, path, size } => {
                // For this window only: the limit guards against opening something huge by
                // mistake, and the reader has just said this one is meant.
                self.load.max_bytes = self.load.max_bytes.max(size);
                self.apply(Action::OpenFile(side, path));
            }
            Action::OpenFile(side, path) => {
                self.leave_versions();
                let request = self
                    .session
                    .replace_request(side, Source::File(path), options);
                self.start(request);
            }
            Action::OpenPair(old, new) => {
                self.leave_versions();
                self.view.current_change = None;
                self.view.scroll_target = Some(ScrollTarget::Offset(0.0));
                self.start(Session::load_request(
                    Source::File(old),
                    Source::File(new),
                    options,
                ));
            }
            Action::OpenVersionsDialog => {
                let wake = self.waker();
                self.background.dialogs.open_versions(wake);
            }
            Action::OpenVersions(mut paths) => match paths.len() {
                0 => {}
                1 => self.apply(Action::OpenFile(Side::Old, paths.remove(0))),
                2 => {
                    let new = paths.remove(1);
                    self.apply(Action::OpenPair(paths.remove(0), new));
                }
                _ => {
                    self.session.versions = Some(Versions::new(paths));
                    self.read_versions();
                }
            },
            Action::ShowVersions(old, new) => {
                let shown = self.session.versions.as_ref().and_then(|v| v.pair);
                // The pair already shown: nothing to do (the reader keeps their place).
                if shown != Some((old, new)) || self.background.job.is_some() {
                    self.compare_versions(old, new);
                }
            }
            Action::StepVersions(forward) => {
                let pair = self
                    .session
                    .versions
                    .as_ref()
                    .and_then(|v| v.stepped(forward));
                match pair {
                    Some((old, new)) => self.apply(Action::ShowVersions(old, new)),
                    None if self.session.versions.is_some() => {
                        self.view.notice = Some(if forward {
                            "This is the last step.".to_owned()
                        } else {
                            "This is the first step.".to_owned()
                        });
                    }
                    None => {}
                }
            }
            Action::OpenRecentVersions(n) => {
                if let Some(paths) = self.settings.recent_versions.get(n).cloned() {
                    self.apply(Action::OpenVersions(paths));
                }
            }
            Action::OpenRecent(n) => {
                if let Some((old, new)) = self.settings.recent.get(n).cloned() {
                    self.apply(Action::OpenPair(old, new));
                }
            }
            Action::PasteAs(side) => {
                self.view.paste_target = Some((side, Instant::now()));
                self.with_ctx(|ctx| ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste));
            }
            Action::LoadText(side, text) => {
                self.leave_versions();
                let name = match side {
                    Side::Old => "pasted text (old)",
                    Side::New => "pasted text (new)",
                };
                let source = Source::Pasted {
                    name: name.to_owned(),
                    text,
                };
                let request = self.session.replace_request(side, source, options);
                self.start(request);
            }
            Action::ExportSummary => self.export(ExportJob::save),
            Action::ExportSummaryTo(path) => {
                self.export(|c, wake| ExportJob::save_to(c, path, wake))
            }
            Action::CopySummary => self.export(ExportJob::copy),
            Action::Swap => {
                self.session.swap();
                self.view.current_change = None;
                self.start(self.session.recompare_request(options));
            }
            Action::Reload if self.session.versions.is_some() => self.read_versions(),
            Action::Reload => self.start(self.session.reload_request(options)),
            Action::ReloadSide(side) => {
                if let Some(source) = self.session.side(side).source.clone() {
                    let mut request = self.session.replace_request(side, source, options);
                    request.reread = self.session.side(side).article.clone().map(|a| (side, a));
                    self.start(request);
                }
            }
            Action::FileGone(side) => self.session.mark_gone(side),
            Action::ReopenWithEncoding(side, encoding) => {
                if let Some(path) = self
                    .session
                    .side(side)
                    .source
                    .as_ref()
                    .and_then(Source::path)
                {
                    let source = Source::FileAs(path.clone(), encoding);
                    self.leave_versions();
                    self.start(self.session.replace_request(side, source, options));
                }
            }
            Action::Cancel => {
                if let Some(job) = &self.background.job {
                    job.cancel();
                }
            }
            Action::StopFactCheck => {
                self.take_finished_facts();
                if self.background.facts.take().is_some() {
                    self.facts_stopped = true;
                }
            }
            Action::CheckFacts => {
                if self.background.facts.is_none() && self.session.facts().is_none() {
                    self.check_facts();
                }
            }
            Action::SetOptions(new) => {
                self.settings.options = new;
                // With versions open, every step's words and flags follow the new options too.
                if self.session.versions.is_some() {
                    self.recompare_versions();
                } else {
                    self.start(self.session.recompare_request(new));
                }
            }
            Action::NextChange => self.step_change(true),
            Action::PreviousChange => self.step_change(false),
            Action::GoToChange(n) => self.go_to_change(n),
            Action::MarkChange(n, status) => {
                self.background
                    .reviewing
                    .update(self.session.generation(), |r| r.set_status(n, status));
            }
            Action::SetNote(n, note) => {
                self.background
                    .reviewing
                    .update(self.session.generation(), |r| r.set_note(n, note));
            }
            Action::ReviewAndNext => self.review_and_next(),
            Action::FlagCurrent => {
                if let Some(n) = self.view.current_change {
                    self.apply(Action::MarkChange(n, Status::Flagged));
                    // At once, not next frame: what the reader types next is the note.
                    let note = crate::gui::actions::note_id();
                    self.with_ctx(|ctx| ctx.memory_mut(|m| m.request_focus(note)));
                    self.view.focus_note = true;
                }
            }
            Action::SetReviewFilter(filter) => self.view.review_filter = filter,
            Action::GoToRow(row) => {
                if let Some(c) = self.session.comparison() {
                    let r = c.rows.get(row);
                    self.view.current_change = r.and_then(|r| r.new_change.or(r.old_change));
                }
                self.view.scroll_target = Some(ScrollTarget::Row(row));
            }
            Action::GoToParagraph(side, p) => {
                let row = self
                    .session
                    .comparison()
                    .and_then(|c| c.rows.iter().position(|r| r.paragraphs(side).contains(&p)));
                if let Some(row) = row {
                    self.apply(Action::GoToRow(row));
                }
            }
            Action::ShowFact { old, new } => self.show_fact(old, new),
            Action::ScrollTo(y) => self.view.scroll_target = Some(ScrollTarget::Offset(y)),
            Action::ScrollBy(dy) => {
                let y = self.view.scroll_offset + dy;
                self.view.scroll_target = Some(ScrollTarget::Offset(y));
            }
            Action::ScrollPages(pages) => {
                // Keep a little of the last screen for context.
                let y = self.view.scroll_offset + pages * self.view.viewport_height * 0.9;
                self.view.scroll_target = Some(ScrollTarget::Offset(y));
            }
            Action::SetLayout(layout) => self.settings.layout = layout,
            Action::ToggleInline => {
                self.settings.layout = if self.view.inline {
                    crate::gui::settings::Layout::SideBySide
                } else {
                    crate::gui::settings::Layout::Inline
                };
            }
            Action::ToggleChangeList => {
                self.settings.show_change_list = !self.settings.show_change_list;
            }
            Action::SetHideUnchanged(hide) => {
                self.settings.hide_unchanged = hide;
                if let Some(n) = self.view.current_change {
                    self.go_to_change(n);
                }
            }
            Action::SetAgeColouring(on) => self.settings.age_colouring = on,
            Action::OpenHiddenRun(row) => {
                self.layout.open_run_at(row);
            }
            Action::FontSize(step) => {
                let size = self.settings.font_size;
                self.settings.font_size = match step {
                    0 => DEFAULT_FONT_SIZE,
                    s => clamp_font(size + f32::from(s)),
                };
            }
            Action::SetTheme(theme) => {
                self.settings.theme = theme;
                self.with_ctx(|ctx| ctx.set_theme(theme.preference()));
            }
            Action::OpenFind => {
                self.find.open = true;
                self.find.focus = true;
                self.find.set_query(self.find.query().to_owned());
            }
            Action::CloseFind => self.find.close(),
            Action::FindQuery(query) => {
                self.find.set_query(query);
                self.find.refresh(
                    self.session.comparison().map(|c| c.as_ref()),
                    self.session.generation(),
                );
                if let Some(row) = self
                    .find
                    .current()
                    .and_then(|i| self.find.hits().get(i))
                    .map(|h| h.row)
                {
                    self.show_row(row);
                }
            }
            Action::FindNext | Action::FindPrevious => {
                let forward = action == Action::FindNext;
                if let Some(row) = self.find.step(forward).map(|h| h.row) {
                    self.show_row(row);
                }
            }
            Action::DismissNotice => self.view.notice = None,
            Action::DismissWelcome => self.view.welcome_dismissed = true,
            Action::ToggleShortcuts => self.view.shortcuts_open = !self.view.shortcuts_open,
            Action::Quit => {
                self.with_ctx(|ctx| ctx.send_viewport_cmd(egui::ViewportCommand::Close))
            }
        }
    }

    /// Compares two of the open versions; the panes show them once compared.
    fn compare_versions(&mut self, old: usize, new: usize) {
        let options = self.settings.options;
        if let Some(request) = self.session.show_versions(old, new, options) {
            self.view.current_change = None;
            self.view.scroll_target = Some(ScrollTarget::Offset(0.0));
            self.start(request);
        }
    }

    /// Goes back to comparing two files: the version strip goes (a file opened or pasted into a
    /// side is not one of the versions).
    fn leave_versions(&mut self) {
        self.session.versions = None;
        self.background.timeline = None;
    }

    /// Scrolls a row into view, showing the run of unchanged paragraphs it is hidden in, if
    /// it is (the other runs stay hidden).
    fn show_row(&mut self, row: usize) {
        if self.settings.hide_unchanged {
            self.layout.open_run_at(row);
        }
        self.view.scroll_target = Some(ScrollTarget::Row(row));
    }

    /// Goes to a fact's row (its new paragraph's, else its old one's) and highlights its words
    /// on each side.
    fn show_fact(&mut self, old: Option<(usize, String)>, new: Option<(usize, String)>) {
        let Some(c) = self.session.comparison().cloned() else {
            return;
        };
        let mut places = Vec::new();
        for (side, place) in [(Side::Old, &old), (Side::New, &new)] {
            let row = place
                .as_ref()
                .and_then(|(p, _)| c.rows.iter().position(|r| r.paragraphs(side).contains(p)));
            if let (Some(row), Some((_, text))) = (row, place) {
                places.push((row, side, text.as_str()));
            }
        }
        self.find.spotlight(&c, self.session.generation(), &places);
        if let Some(&(row, _, _)) = places.last() {
            self.apply(Action::GoToRow(row));
            self.show_row(row);
        }
    }

    fn go_to_change(&mut self, n: usize) {
        let Some(change) = self.session.comparison().and_then(|c| c.changes.get(n)) else {
            return;
        };
        let row = change.old_row.min(change.new_row);
        self.view.current_change = Some(n);
        self.view.focus_change = true;
        self.view.scroll_target = Some(ScrollTarget::Row(row));
    }

    /// Space: the current change is reviewed, on to the next still to review.
    fn review_and_next(&mut self) {
        let generation = self.session.generation();
        let current = self.view.current_change;
        if let Some(n) = current {
            self.background.reviewing.update(generation, |r| {
                r.mark(n).status == Status::ToReview && r.set_status(n, Status::Reviewed)
            });
        }
        let Some(review) = self.background.reviewing.review(generation) else {
            // Not read yet (a moment after the comparison appears): walk on as F8 does.
            self.step_change(true);
            return;
        };
        // With no current change, from what is on screen: the first change to review at or
        // below the top.
        let from = current.or_else(|| self.first_change_on_screen()?.checked_sub(1));
        match review.next_to_review(from) {
            Some(next) => self.go_to_change(next),
            None if !review.marks().is_empty() => {
                self.view.notice = Some(format!(
                    "Every change is marked: {}",
                    review.counts().sentence()
                ));
            }
            None => {}
        }
    }

    /// The first change whose row is at or below the top of the panes.
    fn first_change_on_screen(&self) -> Option<usize> {
        let c = self.session.comparison()?;
        let top = self.view.scroll_offset;
        c.changes.iter().position(|ch| {
            let row = ch.old_row.min(ch.new_row);
            self.layout
                .item_of_row(row)
                .is_some_and(|item| self.layout.top(item) >= top - 1.0)
        })
    }

    fn step_change(&mut self, forward: bool) {
        let Some(c) = self.session.comparison() else {
            return;
        };
        let count = c.changes.len();
        if count == 0 {
            return;
        }
        let next = match self.view.current_change {
            Some(i) if forward => (i + 1).min(count - 1),
            Some(i) => i.saturating_sub(1),
            // Start from what is on screen.
            None => match (self.first_change_on_screen(), forward) {
                (Some(i), true) => i,
                (Some(i), false) => i.saturating_sub(1),
                (None, _) => count - 1,
            },
        };
        self.go_to_change(next);
    }
}
