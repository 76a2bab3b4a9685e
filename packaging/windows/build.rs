//! Build script: on Windows targets, embeds the icon and version information in redline.exe.
//! Other targets need nothing from it.

fn main() {
    println!("cargo:rerun-if-changed=packaging/windows/build.rs");
    println!("cargo:rerun-if-changed=assets/icons/redline.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icons/redline.ico")
        .set(
            "FileDescription",
            "Redline: see what changed between two versions of an article",
        )
        .set("ProductName", "Redline")
        .set("CompanyName", "The Redline developers")
        .set("LegalCopyright", "© 2026 The Redline developers")
        .set("OriginalFilename", "redline.exe");
    if let Err(e) = res.compile() {
        // A missing resource compiler should not stop a developer build; releases check the icon.
        println!("cargo:warning=could not embed the Windows icon and version info: {e}");
    }
}
