//! `redline timeline`: many versions of one article, from files, a folder or git's history.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::SystemTime;

use clap::Args;

use redline::document::{Document, LoadOptions};
use redline::export::{
    Format, timeline_html, timeline_json, timeline_markdown, timeline_text, write_atomically,
};
use redline::text::Article;
use redline::timeline::{Timeline, Version};

use super::CompareArgs;

/// Arguments of `redline timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The versions, oldest first; or one folder, whose files are the versions in order of
    /// modification time.
    pub versions: Vec<PathBuf>,
    /// Take every committed version of FILE from its git history, oldest first.
    #[arg(long, value_name = "FILE", conflicts_with = "versions")]
    pub git: Option<PathBuf>,
    /// Order a folder's files by name instead of by modification time.
    #[arg(long)]
    pub by_name: bool,
    /// Output format: markdown, html, json or text; by default taken from the --output file's
    /// extension, else markdown.
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Write the timeline to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub compare: CompareArgs,
}

/// Runs `redline timeline`; returns the exit code (0 all the same, 1 any differ, 2 error).
pub fn timeline(args: &TimelineArgs) -> ExitCode {
    match try_timeline(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("redline: {message}");
            ExitCode::from(2)
        }
    }
}

/// Returns whether every version reads the same as the one before, or the message to print.
fn try_timeline(args: &TimelineArgs) -> Result<bool, String> {
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_extension))
        .unwrap_or_default();
    let render: fn(&Timeline) -> String = match format {
        Format::Markdown => timeline_markdown,
        Format::Text => timeline_text,
        Format::Html => timeline_html,
        Format::Json => |t| timeline_json(t, SystemTime::now()),
        Format::Docx => {
            return Err(
                "a timeline is written as markdown, html, json or text, not as a Word redline: \
                 make one for a pair of versions with redline summary OLD NEW --output FILE.docx"
                    .to_owned(),
            );
        }
    };
    let options = args.compare.load_options();
    let versions = match (&args.git, args.versions.as_slice()) {
        (Some(file), _) => from_git(file, &options)?,
        (None, [folder]) if folder.is_dir() => from_folder(folder, args.by_name, &options)?,
        (None, paths) => paths.iter().map(|p| Version::read(p, &options)).collect(),
    };
    if versions.len() < 2 {
        return Err(format!(
            "a timeline needs at least two versions, and {} {} given: name the files, one folder \
             holding them, or --git FILE",
            versions.len(),
            if versions.len() == 1 { "was" } else { "were" }
        ));
    }
    for (i, version) in versions.iter().enumerate() {
        if let Err(message) = &version.article {
            eprintln!("redline: version {} left out: {message}", i + 1);
        }
    }
    if versions.iter().filter(|v| v.article.is_ok()).count() < 2 {
        return Err("fewer than two of the versions could be read".to_owned());
    }
    let timeline = Timeline::new(versions, &args.compare.options());
    let text = render(&timeline);
    match &args.output {
        Some(path) => {
            let inputs: Vec<&Path> = args.versions.iter().map(PathBuf::as_path).collect();
            write_atomically(path, text.as_bytes(), &inputs).map_err(|e| e.to_string())?;
        }
        None => super::print(text.as_bytes())?,
    }
    Ok(timeline.is_unchanged())
}

/// The files of a folder (not its subfolders or hidden files), by modification time or name.
fn from_folder(
    folder: &Path,
    by_name: bool,
    options: &LoadOptions,
) -> Result<Vec<Version>, String> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| format!("cannot read the folder {}: {e}", folder.display()))?;
    let mut files: Vec<(SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            let modified = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (modified, e.path())
        })
        .collect();
    if by_name {
        files.sort_by(|a, b| a.1.cmp(&b.1));
    } else {
        files.sort();
    }
    Ok(files
        .iter()
        .map(|(_, p)| Version::read(p, options))
        .collect())
}

/// Every committed version of a file, oldest first, through the `git` command.
fn from_git(file: &Path, options: &LoadOptions) -> Result<Vec<Version>, String> {
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = file
        .file_name()
        .ok_or_else(|| format!("{} is not a file", file.display()))?;
    let git = |args: &[&std::ffi::OsStr]| {
        let output = Command::new("git")
            .arg("-C")
            .arg(folder)
            .args(args)
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "--git needs the git command, which is not installed or not on the PATH"
                        .to_owned()
                }
                _ => format!("could not run git: {e}"),
            })?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(format!(
                "git could not read the history of {}: {}",
                file.display(),
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    };
    let log = git(&[
        "log".as_ref(),
        "--reverse".as_ref(),
        "--format=%H%x09%cI%x09%s".as_ref(),
        "--".as_ref(),
        name,
    ])?;
    let log = String::from_utf8_lossy(&log);
    let mut versions = Vec::new();
    for line in log.lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(hash), Some(date), subject) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let mut spec = std::ffi::OsString::from(format!("{hash}:./"));
        spec.push(name);
        let label = format!(
            "{} {}",
            &hash[..hash.len().min(8)],
            subject.unwrap_or_default()
        );
        let article = git(&["show".as_ref(), spec.as_os_str()]).and_then(|bytes| {
            let document = Document::from_bytes_with(&name.to_string_lossy(), bytes, options, None)
                .map_err(|e| e.to_string())?;
            Ok(Arc::new(Article::from_document(document)))
        });
        versions.push(Version {
            label,
            time: Some(date.to_owned()),
            article,
        });
    }
    if versions.is_empty() {
        return Err(format!(
            "git has no committed version of {} (is it tracked?)",
            file.display()
        ));
    }
    Ok(versions)
}
