// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's DMA-BUF renderer doubles the web process's memory (≈ 220 MB
    // against ≈ 115 MB, measured in docs/benchmarks.md) and is a known source
    // of blank windows; use the other renderer unless the user chose one.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        // SAFETY: the first statement of `main`, before any other thread exists.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
        }
    }
    factdesk_desktop::run()
}
