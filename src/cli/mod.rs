//! The command line: argument definitions and the headless `summary` command.

mod timeline;

pub use timeline::{TimelineArgs, timeline};

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use redline::compare::{CompareOptions, Comparer};
use redline::document::{DEFAULT_MAX_BYTES, LoadOptions};
use redline::export::{Format, write_atomically};
use redline::review::{Review, Store};
use redline::summary::ChangeSummary;
use redline::text::Article;

/// Redline: see what changed between two versions of an article.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The old version to open in the window. Given alone, the new version is then opened or
    /// dropped in the window.
    pub old: Option<PathBuf>,
    /// The new version to open in the window.
    pub new: Option<PathBuf>,
    /// Later versions of the same article: with three or more files the window opens them as
    /// versions, oldest first, with a strip to step through them.
    #[arg(value_name = "LATER")]
    pub later: Vec<PathBuf>,

    /// Open the window, wait until the comparison is shown, save a PNG of it to FILE and exit.
    #[arg(long, value_name = "FILE")]
    pub screenshot: Option<PathBuf>,
    /// Window size for --screenshot, as WIDTHxHEIGHT.
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Refuse files larger than this many MiB in the window (default 256; a refused file can
    /// still be opened from its message).
    #[arg(long, value_name = "MIB")]
    pub max_file_size: Option<u64>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a summary of the changes from OLD to NEW.
    ///
    /// Exits 0 when the texts are the same (after the chosen options), 1 when they differ and 2 on
    /// error, like diff.
    Summary(SummaryArgs),
    /// Summarise many versions of one article: what each version changed, every sentence's
    /// history, and the versions that changed facts without a correction or update note.
    ///
    /// Exits 0 when every version reads the same as the one before, 1 when any differs and 2 on
    /// error.
    Timeline(TimelineArgs),
    /// Redline's own PDF reader, run by Redline in a child process: a PDF on standard input,
    /// its text as JSON on standard output.
    #[command(name = "pdf-text", hide = true)]
    PdfText(PdfTextArgs),
}

/// Arguments of the hidden `redline pdf-text`.
#[derive(Debug, Args)]
pub struct PdfTextArgs {
    /// Allocations past this many bytes end the process.
    #[arg(long, value_name = "BYTES")]
    pub memory_limit: u64,
}

/// Arguments of `redline summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// The old version.
    pub old: PathBuf,
    /// The new version.
    pub new: PathBuf,
    /// Output format; by default taken from the --output file's extension (.md, .html, .json,
    /// .txt, .docx), else markdown. docx is a Word redline: the new version with every change a
    /// tracked revision and the fact-check findings as comments (it needs --output).
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Who the Word redline's revisions and comments are by.
    #[arg(long, value_name = "NAME", default_value = "Redline")]
    pub author: String,
    /// Write the summary to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave out the review (changes marked reviewed or flagged in the window, with notes),
    /// which is otherwise included when this pair of versions has one.
    #[arg(long)]
    pub no_review: bool,
    #[command(flatten)]
    pub compare: CompareArgs,
}

/// Compare and load options of `redline summary` (the window has its own, in its Compare menu).
#[derive(Debug, Args, Clone)]
pub struct CompareArgs {
    /// Treat upper and lower case as the same.
    #[arg(long)]
    pub ignore_case: bool,
    /// Count typographic quotes and dashes (’ vs ', “ vs ", — vs --) as differences.
    #[arg(long)]
    pub exact_quotes: bool,
    /// Fold Unicode compatibility forms (ﬁ = fi, full-width letters = plain ones).
    #[arg(long)]
    pub fold_compat: bool,
    /// Do not compare punctuation at all.
    #[arg(long)]
    pub ignore_punctuation: bool,
    /// Refuse files larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_MAX_BYTES / (1024 * 1024))]
    pub max_file_size: u64,
}

impl CompareArgs {
    /// The engine's options as chosen on the command line.
    pub fn options(&self) -> CompareOptions {
        CompareOptions {
            ignore_case: self.ignore_case,
            fold_quotes: !self.exact_quotes,
            fold_compat: self.fold_compat,
            ignore_punctuation: self.ignore_punctuation,
        }
    }

    /// How files are loaded.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            max_bytes: self.max_file_size.saturating_mul(1024 * 1024),
        }
    }
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let parse = || {
        let (w, h) = text.split_once(['x', 'X'])?;
        Some((w.trim().parse().ok()?, h.trim().parse().ok()?))
    };
    match parse() {
        Some((w, h)) if (200..=8192).contains(&w) && (200..=8192).contains(&h) => Ok((w, h)),
        _ => Err(format!(
            "expected WIDTHxHEIGHT between 200x200 and 8192x8192, e.g. 1280x800, not '{text}'"
        )),
    }
}

/// Runs `redline summary`; returns the exit code (0 same, 1 different, 2 error).
pub fn summary(args: &SummaryArgs) -> ExitCode {
    match try_summary(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("redline: {message}");
            ExitCode::from(2)
        }
    }
}

/// The review the window keeps for this pair of versions, if it has one. One that cannot be read
/// is reported and left out: the summary is still worth having.
fn stored_review(comparison: &redline::compare::Comparison) -> Option<Review> {
    let store = Store::default_location()?;
    // The pair's key hashes both texts: not worth it when nothing was ever reviewed.
    if store.is_empty() {
        return None;
    }
    let pair = redline::review::pair_key(&comparison.old, &comparison.new);
    match store.load(&pair) {
        Ok(stored) if stored.marks.is_empty() => None,
        Ok(stored) => Some(Review::with_pair(pair, comparison, stored)),
        Err(e) => {
            eprintln!("redline: {e}; the summary is written without the review");
            None
        }
    }
}

/// Writes a summary to standard output. A closed pipe (`redline summary … | head`) is not an
/// error worth reporting.
fn print(text: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("could not write to standard output: {e}")),
    }
}

/// Returns whether the texts are the same, or the message to print.
fn try_summary(args: &SummaryArgs) -> Result<bool, String> {
    let (old, new) = Article::load_pair(&args.old, &args.new, &args.compare.load_options());
    let (old, new) = (
        old.map_err(|e| e.to_string())?.shared(),
        new.map_err(|e| e.to_string())?.shared(),
    );
    let comparison = match Comparer::new(args.compare.options()).run(old, new) {
        Ok(c) => c,
        Err(cancelled) => return Err(cancelled.to_string()),
    };
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_extension))
        .unwrap_or_default();
    if format == Format::Docx && args.output.is_none() {
        return Err("a Word redline is a file: give it a name with --output FILE.docx".to_owned());
    }
    let mut summary = ChangeSummary::new(&comparison).with_author(args.author.clone());
    if !args.no_review
        && let Some(review) = stored_review(&comparison)
    {
        summary = summary.with_review(review);
    }
    let text = format.render(&summary).map_err(|e| e.to_string())?;
    match &args.output {
        Some(path) => {
            write_atomically(path, &text, &[&args.old, &args.new]).map_err(|e| e.to_string())?
        }
        None => print(&text)?,
    }
    let identical = comparison.is_identical();
    // The process ends next: handing tens of thousands of paragraphs back to the allocator one
    // by one would only delay the exit.
    std::mem::forget(comparison);
    Ok(identical)
}
