//! Driving the release app window, shared by `samlar-window` (start-up and
//! memory) and `samlar-journeys` (what a person waits for in the window): an
//! Xvfb display of our own, tauri-driver on free ports, process groups
//! stopped with SIGTERM, a WebDriver session on the app with a data folder,
//! and waiting for an element.

use crate::generate::BoxError;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::Capabilities;
use thirtyfour::prelude::*;

/// An Xvfb display of our own, stopped when dropped.
pub struct Display {
    number: u32,
    server: Child,
}

impl Display {
    /// Starts Xvfb on a display numbered after this process (1280×800).
    pub fn start() -> Result<Display, BoxError> {
        let number = 150 + std::process::id() % 100;
        let server = Command::new("Xvfb")
            .args([format!(":{number}"), "-screen".into(), "0".into(), "1280x800x24".into()])
            .args(["-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        if !wait_until(Duration::from_secs(10), || socket.exists()) {
            return Err("Xvfb did not start".into());
        }
        Ok(Display { number, server })
    }

    /// The value for `DISPLAY`.
    pub fn name(&self) -> String {
        format!(":{}", self.number)
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Polls `ready` every 20 ms until it is true (true) or `limit` has passed (false).
pub fn wait_until(limit: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// The command line's `--key value` pairs, as both window benchmarks take them.
pub struct Options(std::collections::HashMap<String, String>);

impl Options {
    pub fn from_args() -> Result<Options, BoxError> {
        let mut map = std::collections::HashMap::new();
        let mut it = std::env::args().skip(1);
        while let Some(key) = it.next() {
            let value = it.next().ok_or(format!("{key} needs a value"))?;
            map.insert(key, value);
        }
        Ok(Options(map))
    }

    /// A path that must be given and exist.
    pub fn path(&self, key: &str) -> Result<PathBuf, BoxError> {
        Ok(std::fs::canonicalize(self.0.get(key).ok_or(format!("{key} is required"))?)?)
    }

    /// A count, `default` when not given.
    pub fn count(&self, key: &str, default: usize) -> Result<usize, BoxError> {
        Ok(self.0.get(key).map(|v| v.parse()).transpose()?.unwrap_or(default))
    }

    /// The value as given, if it was.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }
}

/// A TCP port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Ends a process group we started (SIGTERM, then SIGKILL).
pub fn stop_group(child: &mut Child) {
    let group = child.id().to_string();
    let _ = Command::new("kill").args(["-s", "TERM", "--", &format!("-{group}")]).status();
    if !wait_until(Duration::from_secs(3), || child.try_wait().ok().flatten().is_some()) {
        let _ = Command::new("kill").args(["-s", "KILL", "--", &format!("-{group}")]).status();
        let _ = child.wait();
    }
}

/// A data folder in `dir` holding a copy of the data file `data` (and of its
/// `-wal` file, if there is one), named as the app expects.
pub fn data_folder(dir: &Path, data: &Path) -> Result<PathBuf, BoxError> {
    std::fs::create_dir_all(dir)?;
    std::fs::copy(data, dir.join("samlar.sqlite3"))?;
    let wal = PathBuf::from(format!("{}-wal", data.display()));
    if wal.exists() {
        std::fs::copy(&wal, dir.join("samlar.sqlite3-wal"))?;
    }
    Ok(dir.to_owned())
}

/// tauri-driver in its own process group on free ports, stopped when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts tauri-driver on `display` and waits until both it and the
    /// native driver (WebKitWebDriver) accept connections.
    pub fn start(display: &Display) -> Result<Driver, BoxError> {
        let (port, native) = (free_port(), free_port());
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DISPLAY", display.name())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()?;
        let up = |p: u16| TcpStream::connect(("127.0.0.1", p)).is_ok();
        if !wait_until(Duration::from_secs(20), || up(port) && up(native)) {
            return Err("tauri-driver did not start".into());
        }
        Ok(Driver { child, port })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        stop_group(&mut self.child);
    }
}

/// A WebDriver session on `binary`, started with `--data-dir data_dir`.
pub async fn session(
    driver: &Driver,
    binary: &Path,
    data_dir: &Path,
) -> Result<WebDriver, BoxError> {
    let mut caps = Capabilities::new();
    let options = serde_json::json!({
        "application": binary,
        "args": ["--data-dir", data_dir.to_str().ok_or("the data folder is not UTF-8")?],
    });
    caps.set("tauri:options", options)?;
    caps.set("browserName", "wry")?;
    Ok(WebDriver::new(format!("http://127.0.0.1:{}", driver.port), caps).await?)
}

/// The first element `by` finds, polled every 100 ms for up to 30 s.
pub async fn wait_for(app: &WebDriver, by: By) -> Result<WebElement, BoxError> {
    let start = Instant::now();
    loop {
        if let Ok(el) = app.find(by.clone()).await {
            return Ok(el);
        }
        if start.elapsed() > Duration::from_secs(30) {
            return Err(format!("not found: {by:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
