//! The `redline` binary: parses the command line and hands over to the window or a command.

// Release builds on Windows are GUI programs: no console window opens behind Redline. (Their
// `summary` output then goes only to a file or a pipe; see the README.)
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// The system allocator with a limit that only the PDF reader's child process sets: within it,
/// a PDF whose streams inflate past the limit ends the child, not Redline.
#[global_allocator]
static ALLOCATOR: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    if let Some(cli::Command::PdfText(reader)) = &args.command {
        let limit = usize::try_from(reader.memory_limit).unwrap_or(usize::MAX);
        if ALLOCATOR.set_limit(limit).is_err() {
            eprintln!("redline: the memory limit is below what is already in use");
            return ExitCode::from(2);
        }
        return redline::document::serve_pdf_reader();
    }
    // PDFs are read by Redline itself in a child process, bounded in memory and time.
    if let Ok(program) = std::env::current_exe() {
        redline::document::read_pdfs_in_child(program);
    }
    match &args.command {
        Some(cli::Command::Summary(summary)) => cli::summary(summary),
        Some(cli::Command::Timeline(timeline)) => cli::timeline(timeline),
        Some(cli::Command::PdfText(_)) | None => open_window(&args),
    }
}

#[cfg(feature = "gui")]
fn open_window(args: &cli::Cli) -> ExitCode {
    use redline::gui::{Opening, ScreenshotRequest, StartOptions, ThemeChoice};
    // REDLINE_THEME=light|dark picks the theme for one run, e.g. for documentation screenshots.
    let theme = match std::env::var("REDLINE_THEME").as_deref() {
        Ok("light") => Some(ThemeChoice::Light),
        Ok("dark") => Some(ThemeChoice::Dark),
        Ok("system") => Some(ThemeChoice::System),
        _ => None,
    };
    let start = StartOptions {
        theme,
        files: match (args.old.clone(), args.new.clone()) {
            (Some(old), Some(new)) if !args.later.is_empty() => {
                Opening::Versions([vec![old, new], args.later.clone()].concat())
            }
            (Some(old), Some(new)) => Opening::Pair(old, new),
            (Some(old), None) => Opening::Old(old),
            _ => Opening::Last,
        },
        screenshot: args.screenshot.clone().map(|path| ScreenshotRequest {
            path,
            size: args.size,
        }),
        max_file_size: args
            .max_file_size
            .map(|mib| mib.saturating_mul(1024 * 1024)),
    };
    match redline::gui::run(start) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("redline: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_window(_args: &cli::Cli) -> ExitCode {
    eprintln!(
        "redline: this build has no window (built without the `gui` feature); use `redline summary OLD NEW`"
    );
    ExitCode::from(2)
}
