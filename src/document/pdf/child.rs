//! Reading a PDF in a child process: Redline runs itself as `redline pdf-text`, writes the PDF
//! to its standard input and reads the text back as JSON from its standard output. The child
//! has a memory limit (set by the binary's allocator, [`memory_limit`]) and a deadline; a PDF
//! that exceeds either, or crashes the engine, ends the child with a message, and the window
//! or the command that asked goes on.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use super::{Extracted, Unreadable};

/// The hidden command that makes Redline a PDF reader for its parent.
pub const CHILD_COMMAND: &str = "pdf-text";

/// The child's memory limit for a file size limit: twice that limit and 256 MiB for the
/// engine and the layout. A real PDF's text needs far less; a compressed stream that inflates
/// to gigabytes needs more.
pub fn memory_limit(max_bytes: u64) -> u64 {
    max_bytes
        .saturating_mul(2)
        .saturating_add(256 * 1024 * 1024)
}

/// How long a PDF of `len` bytes may take: 20 seconds and 2 more per MiB, several times what
/// the slowest real PDF took here.
fn deadline(len: usize) -> Duration {
    Duration::from_secs(20 + 2 * (len as u64).div_ceil(1024 * 1024))
}

/// Reads a PDF by running `program pdf-text` on it.
pub(super) fn extract_in(
    program: &Path,
    bytes: Vec<u8>,
    max_bytes: u64,
) -> Result<Extracted, Unreadable> {
    let limit = memory_limit(max_bytes);
    let allowed = deadline(bytes.len());
    let mut command = Command::new(program);
    command
        .arg(CHILD_COMMAND)
        .arg("--memory-limit")
        .arg(limit.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(windows)]
    {
        // No console window flashes up behind the window while a PDF is read.
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    let mut child = command.spawn().map_err(|e| {
        Unreadable::Reader(format!("{} could not be started: {e}", program.display()))
    })?;
    let (Some(mut stdin), Some(mut stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err(Unreadable::Reader(
            "its pipes could not be opened".to_owned(),
        ));
    };
    // The child reads all of its input before it writes, but the three pipes are still served
    // by their own threads so that no full pipe can stall either side.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&bytes);
    });
    let reader = std::thread::spawn(move || {
        let mut answer = Vec::new();
        let _ = stdout.read_to_end(&mut answer);
        answer
    });
    let complaints = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.take(64 * 1024).read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > allowed => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Unreadable::TimedOut(allowed.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                let _ = child.kill();
                return Err(Unreadable::Reader(e.to_string()));
            }
        }
    };
    let _ = writer.join();
    let answer = reader.join().unwrap_or_default();
    let complaints = complaints.join().unwrap_or_default();
    if !status.success() {
        if complaints.contains("memory allocation of") {
            return Err(Unreadable::OutOfMemory(limit));
        }
        return Err(Unreadable::Damaged(format!(
            "the PDF reader stopped on it ({})",
            complaints
                .lines()
                .find(|line| !line.trim().is_empty())
                .unwrap_or(&status.to_string())
                .trim()
        )));
    }
    serde_json::from_slice::<Result<Extracted, Unreadable>>(&answer)
        .map_err(|e| Unreadable::Reader(format!("its answer could not be read: {e}")))?
}

/// The child's side: reads a PDF from standard input and writes its text, or why it cannot
/// be read, as JSON to standard output. The binary has set the memory limit before.
pub fn serve() -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("redline {CHILD_COMMAND}: could not read standard input: {e}");
        return ExitCode::from(2);
    }
    let outcome = super::extract_here(bytes);
    let written = serde_json::to_writer(std::io::stdout().lock(), &outcome);
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("redline {CHILD_COMMAND}: could not write the answer: {e}");
            ExitCode::from(2)
        }
    }
}
