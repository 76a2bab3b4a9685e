//! `--screenshot FILE.png`: wait until the comparison is on screen, capture it, save it, close.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::ColorImage;

/// What to capture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenshotRequest {
    /// Where to save the PNG.
    pub path: PathBuf,
    /// The window's inner size in points.
    pub size: (u32, u32),
}

/// How the screenshot went: the file written, or why not.
pub type ScreenshotOutcome = Result<PathBuf, String>;

/// Give up if nothing could be captured in this time.
const TIMEOUT: Duration = Duration::from_secs(120);
/// Frames to draw with the comparison before capturing, so layouts have settled.
const SETTLE_FRAMES: u32 = 3;

/// The screenshot in progress.
pub struct Screenshooter {
    request: ScreenshotRequest,
    outcome: Arc<Mutex<Option<ScreenshotOutcome>>>,
    image: Arc<Mutex<Option<Arc<ColorImage>>>>,
    requested: bool,
    started: Instant,
}

impl Screenshooter {
    /// Starts waiting; the outcome is left in `outcome` for the caller of the window.
    pub fn new(request: ScreenshotRequest, outcome: Arc<Mutex<Option<ScreenshotOutcome>>>) -> Self {
        Self {
            request,
            outcome,
            image: Arc::default(),
            requested: false,
            started: Instant::now(),
        }
    }

    /// Called every frame; `settled_frames` counts frames drawn since the comparison appeared
    /// (0 while none is shown). Closes the window when done. The notice shown in the picture,
    /// if any, is printed too, so that scripts see it.
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        settled_frames: u32,
        failure: Option<&str>,
        notice: Option<&str>,
    ) {
        if let Some(message) = failure {
            return self.finish(ctx, Err(message.to_owned()));
        }
        let image = self.image.lock().ok().and_then(|mut slot| slot.take());
        if let Some(image) = image {
            if let Some(notice) = notice {
                eprintln!("redline: the window says: {notice}");
            }
            let result = save_png(&image, &self.request.path).map(|()| self.request.path.clone());
            return self.finish(ctx, result);
        }
        if self.started.elapsed() > TIMEOUT {
            return self.finish(ctx, Err("timed out waiting for the comparison".to_owned()));
        }
        if !self.requested && settled_frames >= SETTLE_FRAMES {
            self.requested = true;
            let slot = Arc::clone(&self.image);
            let waker = ctx.clone();
            ctx.request_screenshot(move |image| {
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some(image);
                }
                waker.request_repaint();
            });
        }
        // Keep frames coming until the capture arrives.
        ctx.request_repaint_after(Duration::from_millis(50));
    }

    fn finish(&mut self, ctx: &egui::Context, result: ScreenshotOutcome) {
        if let Ok(mut slot) = self.outcome.lock()
            && slot.is_none()
        {
            *slot = Some(result);
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// Turns the result of the window's run into the program's result.
pub fn finish(wanted: bool, outcome: &Mutex<Option<ScreenshotOutcome>>) -> Result<(), String> {
    if !wanted {
        return Ok(());
    }
    match outcome.lock().map(|mut o| o.take()) {
        Ok(Some(Ok(path))) => {
            eprintln!("redline: saved {}", path.display());
            Ok(())
        }
        Ok(Some(Err(message))) => Err(format!("could not take the screenshot: {message}")),
        _ => Err("the window closed before the screenshot was taken".to_owned()),
    }
}

/// Writes an RGBA PNG.
pub fn save_png(image: &ColorImage, path: &Path) -> Result<(), String> {
    let [width, height] = image.size;
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut encoder = png::Encoder::new(
        std::io::BufWriter::new(file),
        u32::try_from(width).map_err(|e| e.to_string())?,
        u32::try_from(height).map_err(|e| e.to_string())?,
    );
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|p| p.to_srgba_unmultiplied())
        .collect();
    writer
        .write_image_data(&bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    writer
        .finish()
        .map_err(|e| format!("{}: {e}", path.display()))
}
