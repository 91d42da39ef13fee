// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    paint_on_the_cpu();
    samlar_app::run();
}

/// WebKitGTK paints pages with Skia on the GPU when it finds OpenGL. For
/// Samlär's pages (text, tables, forms) that buys nothing, and on machines
/// without a real GPU driver (an old laptop, a virtual desktop, Mesa's software
/// rasteriser) every new kind of shape compiles shaders first: measured under
/// Xvfb, CPU painting made the first list appear 65 ms sooner and the app
/// 50 MB smaller (BENCHMARKS.md, start-up steps). Compositing and scrolling
/// still use the GPU. A value the user set is kept.
fn paint_on_the_cpu() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_SKIA_ENABLE_CPU_RENDERING").is_none() {
        // SAFETY: first thing in main, before any other thread exists.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")
        };
    }
}
