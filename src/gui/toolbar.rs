//! The menu bar and the toolbar under it.

use super::actions::Action;
use super::settings::{Layout, Settings, ThemeChoice};
use crate::compare::{CompareOptions, Side};

/// What the toolbar needs to know besides the settings.
pub struct ToolbarState<'a> {
    /// The remembered preferences (options, theme, panels, recent files).
    pub settings: &'a Settings,
    /// Whether a comparison is shown (navigation needs one).
    pub has_changes: bool,
    /// Whether the find bar is open.
    pub find_open: bool,
    /// Whether several versions are open (sentences can then be coloured by age).
    pub has_versions: bool,
}

/// Draws the menus.
pub fn menu_bar(ui: &mut egui::Ui, state: &ToolbarState<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, state, &mut actions));
        ui.menu_button("View", |ui| view_menu(ui, state, &mut actions));
        ui.menu_button("Compare", |ui| {
            if let Some(options) = options_menu(ui, state.settings.options) {
                actions.push(Action::SetOptions(options));
            }
        });
    });
    actions
}

/// The label of the buttons and menu items that open the old version; the empty pane names it.
pub const OPEN_OLD: &str = "Open old…";
/// The label of the buttons and menu items that open the new version.
pub const OPEN_NEW: &str = "Open new…";
/// The label of the menu item that opens several versions of one article.
pub const OPEN_VERSIONS: &str = "Open versions…";

fn file_menu(ui: &mut egui::Ui, state: &ToolbarState<'_>, actions: &mut Vec<Action>) {
    let items = [
        (OPEN_OLD, "Ctrl+O", Action::OpenDialog(Side::Old)),
        (OPEN_NEW, "Ctrl+Shift+O", Action::OpenDialog(Side::New)),
        (OPEN_VERSIONS, "Ctrl+Alt+O", Action::OpenVersionsDialog),
        ("Paste as old", "", Action::PasteAs(Side::Old)),
        ("Paste as new", "", Action::PasteAs(Side::New)),
        ("Export summary…", "Ctrl+E", Action::ExportSummary),
        ("Copy summary", "", Action::CopySummary),
        ("Swap sides", "", Action::Swap),
        ("Reload", "F5", Action::Reload),
    ];
    for (label, shortcut, action) in items {
        let button = egui::Button::new(label).shortcut_text(shortcut);
        if ui.add(button).clicked() {
            actions.push(action);
        }
    }
    ui.separator();
    ui.menu_button("Recent", |ui| {
        if state.settings.recent.is_empty() && state.settings.recent_versions.is_empty() {
            ui.label("No recent comparisons");
        }
        let name = |p: &std::path::Path| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        for (n, (old, new)) in state.settings.recent.iter().enumerate() {
            let label = format!("{} » {}", name(old), name(new));
            let hover = format!("{}\n{}", old.display(), new.display());
            if ui.button(label).on_hover_text(hover).clicked() {
                actions.push(Action::OpenRecent(n));
            }
        }
        if !state.settings.recent_versions.is_empty() {
            ui.separator();
        }
        for (n, set) in state.settings.recent_versions.iter().enumerate() {
            let (Some(first), Some(last)) = (set.first(), set.last()) else {
                continue;
            };
            let label = format!("{} … {} ({} versions)", name(first), name(last), set.len());
            let hover: Vec<String> = set.iter().map(|p| p.display().to_string()).collect();
            if ui.button(label).on_hover_text(hover.join("\n")).clicked() {
                actions.push(Action::OpenRecentVersions(n));
            }
        }
    });
    ui.separator();
    if ui
        .add(egui::Button::new("Quit").shortcut_text("Ctrl+Q"))
        .clicked()
    {
        actions.push(Action::Quit);
    }
}

fn view_menu(ui: &mut egui::Ui, state: &ToolbarState<'_>, actions: &mut Vec<Action>) {
    let s = state.settings;
    let shortcuts = egui::Button::new("Keyboard shortcuts").shortcut_text("F1");
    if ui.add(shortcuts).clicked() {
        actions.push(Action::ToggleShortcuts);
    }
    ui.separator();
    let mut list = s.show_change_list;
    if ui.checkbox(&mut list, "Change list").changed() {
        actions.push(Action::ToggleChangeList);
    }
    let mut hide = s.hide_unchanged;
    if ui
        .checkbox(&mut hide, "Hide unchanged paragraphs")
        .changed()
    {
        actions.push(Action::SetHideUnchanged(hide));
    }
    let mut ages = s.age_colouring;
    let age_box = ui
        .add_enabled(
            state.has_versions,
            egui::Checkbox::new(&mut ages, "Colour sentences by age"),
        )
        .on_hover_text(
            "With several versions open: the newer the version that introduced a sentence, the \
             deeper its shade",
        )
        .on_disabled_hover_text(
            "Open several versions of one article to colour their sentences by age",
        );
    if age_box.changed() {
        actions.push(Action::SetAgeColouring(ages));
    }
    ui.separator();
    for layout in [Layout::Automatic, Layout::SideBySide, Layout::Inline] {
        if ui.radio(s.layout == layout, layout.label()).clicked() {
            actions.push(Action::SetLayout(layout));
        }
    }
    ui.separator();
    for (label, shortcut, step) in [
        ("Bigger text", "Ctrl++", 1),
        ("Smaller text", "Ctrl+−", -1),
        ("Default text size", "Ctrl+0", 0),
    ] {
        if ui
            .add(egui::Button::new(label).shortcut_text(shortcut))
            .clicked()
        {
            actions.push(Action::FontSize(step));
        }
    }
    ui.separator();
    for theme in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
        if ui.radio(s.theme == theme, theme.label()).clicked() {
            actions.push(Action::SetTheme(theme));
        }
    }
    ui.separator();
    if ui
        .add(egui::Button::new("Find…").shortcut_text("Ctrl+F"))
        .clicked()
    {
        actions.push(Action::OpenFind);
    }
}

/// The four engine options as checkboxes; returns the new options if one was toggled.
fn options_menu(ui: &mut egui::Ui, current: CompareOptions) -> Option<CompareOptions> {
    let mut options = current;
    ui.checkbox(&mut options.ignore_case, "Ignore letter case");
    ui.checkbox(
        &mut options.fold_quotes,
        "Ignore typographic quotes and dashes",
    );
    ui.checkbox(
        &mut options.fold_compat,
        "Ignore Unicode compatibility forms",
    );
    ui.checkbox(&mut options.ignore_punctuation, "Ignore punctuation");
    (options != current).then_some(options)
}

/// Draws the toolbar row.
pub fn toolbar(ui: &mut egui::Ui, state: &ToolbarState<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        let mut button = |ui: &mut egui::Ui, label: &str, hover: &str, action: Action| {
            if ui.button(label).on_hover_text(hover).clicked() {
                actions.push(action);
            }
        };
        button(
            ui,
            OPEN_OLD,
            "Choose the old version (Ctrl+O)",
            Action::OpenDialog(Side::Old),
        );
        button(
            ui,
            OPEN_NEW,
            "Choose the new version (Ctrl+Shift+O)",
            Action::OpenDialog(Side::New),
        );
        button(ui, "Swap", "Exchange old and new", Action::Swap);
        button(
            ui,
            "Export summary…",
            "Save the change summary as Markdown, HTML, JSON or text (Ctrl+E)",
            Action::ExportSummary,
        );
        button(ui, "Reload", "Read both files again (F5)", Action::Reload);
        ui.separator();
        ui.add_enabled_ui(state.has_changes, |ui| {
            if ui
                .button("Previous change")
                .on_hover_text("Alt+Up or Shift+F8")
                .clicked()
            {
                actions.push(Action::PreviousChange);
            }
            if ui
                .button("Next change")
                .on_hover_text("Alt+Down or F8")
                .clicked()
            {
                actions.push(Action::NextChange);
            }
        });
        ui.separator();
        let s = state.settings;
        if ui
            .selectable_label(s.show_change_list, "Change list")
            .on_hover_text("Show or hide the numbered list of changes")
            .clicked()
        {
            actions.push(Action::ToggleChangeList);
        }
        if ui
            .selectable_label(s.hide_unchanged, "Hide unchanged")
            .on_hover_text("Show only changed paragraphs, with one paragraph of context")
            .clicked()
        {
            actions.push(Action::SetHideUnchanged(!s.hide_unchanged));
        }
        if ui
            .selectable_label(state.find_open, "Find")
            .on_hover_text("Search both panes (Ctrl+F)")
            .clicked()
        {
            actions.push(if state.find_open {
                Action::CloseFind
            } else {
                Action::OpenFind
            });
        }
    });
    actions
}
