//! A throw-away PostgreSQL server for tests of the shared workspace, made
//! from the binaries of Debian's `postgresql` package (`scripts/setup --test`
//! installs it): `initdb` in a temporary folder, listening on a free port of
//! 127.0.0.1 only, its unix socket inside that folder, passwords checked
//! with scram-sha-256 for every connection over TCP, fsync off for speed.
//!
//! After start it is set up as the README's operations note tells an
//! operator to: the role `samlar_member`, the first administrator
//! `samlar_admin` (password [`ADMIN_PASSWORD`]) owning the database
//! `samlar`, which only members may connect to. The schema is not applied:
//! that is the administrator's app's (or `samlar-server-migrate`'s) job.
//!
//! PostgreSQL refuses to run as root (CI runs as root): then the server runs
//! as Debian's `postgres` user (else `nobody`) through `runuser`, with the
//! temporary folder given to that user. Dropping the server stops it and
//! removes the folder.
//!
//! Include it from a test crate with
//! `#[path = "../support/postgres.rs"] mod postgres;`. It needs std,
//! tempfile, sqlx (postgres) and tokio only.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The database the server is set up with.
pub const DATABASE: &str = "samlar";
/// The first administrator's login role, the owner of [`DATABASE`].
pub const ADMIN: &str = "samlar_admin";
/// The first administrator's password.
pub const ADMIN_PASSWORD: &str = "admin-pw";

/// The superuser made by initdb (reached through the unix socket).
const SUPERUSER: &str = "postgres";

/// A running PostgreSQL server, stopped and removed when dropped.
pub struct TestServer {
    /// The temporary folder: `data/` (the cluster), `socket/`, `server.log`.
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    /// The unprivileged user the server runs as when this process is root.
    run_as: Option<String>,
    running: bool,
}

impl TestServer {
    /// Makes, starts and sets up a new server. Panics, saying what is
    /// missing, when PostgreSQL is not installed.
    pub fn start() -> TestServer {
        let bin = find_bin();
        let run_as = unprivileged_user();
        let dir = tempfile::Builder::new().prefix("samlar-pg-").tempdir().expect("a temp folder");
        std::fs::create_dir(dir.path().join("socket")).expect("socket folder");
        if let Some((_, uid, gid)) = &run_as {
            for path in [dir.path().to_path_buf(), dir.path().join("socket")] {
                std::os::unix::fs::chown(&path, Some(*uid), Some(*gid))
                    .unwrap_or_else(|e| panic!("chown {}: {e}", path.display()));
            }
        }
        let mut server = TestServer {
            dir,
            bin,
            port: 0,
            run_as: run_as.map(|(name, _, _)| name),
            running: false,
        };
        server.initdb();
        // A free port is taken between finding it and the server binding it
        // only by a race with another process: then try another.
        let mut attempts = 0;
        loop {
            server.port = free_port();
            match server.pg_ctl_start() {
                Ok(()) => break,
                Err(log) if attempts < 4 && log.contains("could not bind") => attempts += 1,
                Err(log) => panic!("PostgreSQL did not start:\n{log}"),
            }
        }
        server.running = true;
        server.psql(
            "postgres",
            &format!(
                "CREATE ROLE samlar_member NOLOGIN;\n\
                 CREATE ROLE {ADMIN} LOGIN PASSWORD '{ADMIN_PASSWORD}';\n\
                 CREATE DATABASE {DATABASE} OWNER {ADMIN};\n\
                 REVOKE ALL ON DATABASE {DATABASE} FROM PUBLIC;\n\
                 GRANT CONNECT ON DATABASE {DATABASE} TO samlar_member;\n"
            ),
        );
        server
    }

    /// Makes a person's login role, a member of `samlar_member`.
    pub fn create_member(&self, role: &str, password: &str) {
        self.superuser_sql(&format!(
            "CREATE ROLE {} LOGIN PASSWORD {} IN ROLE samlar_member",
            ident(role),
            literal(password)
        ));
    }

    /// The port on 127.0.0.1 the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Settings that reach this server's database as `user`, without TLS
    /// (the server is on this computer).
    pub fn settings(&self, user: &str) -> samlar::shared::ServerSettings {
        samlar::shared::ServerSettings {
            host: "127.0.0.1".to_owned(),
            port: self.port,
            database: DATABASE.to_owned(),
            user: user.to_owned(),
            tls: samlar::shared::Tls::Disable,
        }
    }

    /// Runs SQL (one or more statements, each in its own transaction) as the
    /// superuser in the database `samlar`, and returns what it printed:
    /// rows one a line, columns separated by `|`, trimmed. Panics on an
    /// error. Blocking (psql), so it may be called from async tests too.
    pub fn superuser_sql(&self, sql: &str) -> String {
        self.psql(DATABASE, sql)
    }

    /// Connects to the database `samlar` as `role` over TCP with its
    /// password, as the app does (without TLS). Panics when refused.
    pub async fn connect_as(&self, role: &str, password: &str) -> sqlx::PgConnection {
        self.try_connect_as(role, password)
            .await
            .unwrap_or_else(|e| panic!("connect as {role}: {e}"))
    }

    /// [`connect_as`](Self::connect_as), for a test that expects a refusal.
    pub async fn try_connect_as(
        &self,
        role: &str,
        password: &str,
    ) -> Result<sqlx::PgConnection, sqlx::Error> {
        use sqlx::Connection;
        let options = sqlx::postgres::PgConnectOptions::new()
            .host("127.0.0.1")
            .port(self.port)
            .database(DATABASE)
            .username(role)
            .password(password)
            .ssl_mode(sqlx::postgres::PgSslMode::Disable);
        sqlx::PgConnection::connect_with(&options).await
    }

    /// Kills the server with SIGKILL, as a crash or a pulled plug would:
    /// every connection breaks, nothing is shut down cleanly.
    pub fn kill9(&mut self) {
        let pid_file = self.data().join("postmaster.pid");
        let pid = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|text| text.lines().next().map(|l| l.trim().to_owned()))
            .unwrap_or_else(|| panic!("no {}: is the server running?", pid_file.display()));
        let out =
            self.as_server_user(&self.bin.join("pg_ctl")).args(["kill", "KILL", &pid]).output();
        check("pg_ctl kill", out);
        // Wait until it is gone: its pid file stays, its port closes.
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
            assert!(Instant::now() < deadline, "PostgreSQL still listens after SIGKILL");
            std::thread::sleep(Duration::from_millis(20));
        }
        self.running = false;
    }

    /// Starts the server again on the same data folder and port (after
    /// [`kill9`](Self::kill9) it recovers from its log first), and waits
    /// until it accepts connections.
    pub fn restart(&mut self) {
        if self.running {
            self.stop();
        }
        // After a SIGKILL the killed server's backends may hold its shared
        // memory a moment longer: PostgreSQL refuses to start until they go.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match self.pg_ctl_start() {
                Ok(()) => break,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(200))
                }
                Err(log) => panic!("PostgreSQL did not start again:\n{log}"),
            }
        }
        self.running = true;
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    /// A command run as the user the server runs as.
    fn as_server_user(&self, program: &Path) -> Command {
        let mut command = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(program);
                c
            }
            None => Command::new(program),
        };
        command.current_dir(self.dir.path()).stdin(Stdio::null());
        command
    }

    fn initdb(&self) {
        let pwfile = self.dir.path().join("superuser-password");
        std::fs::write(&pwfile, "superuser-pw\n").expect("password file");
        if self.run_as.is_some() {
            let meta = std::fs::metadata(self.dir.path()).expect("temp folder");
            use std::os::unix::fs::MetadataExt;
            std::os::unix::fs::chown(&pwfile, Some(meta.uid()), Some(meta.gid())).expect("chown");
        }
        let out = self
            .as_server_user(&self.bin.join("initdb"))
            .arg("-D")
            .arg(self.data())
            .args(["-U", SUPERUSER, "-E", "UTF8", "--locale=C", "--no-sync"])
            .args(["--auth-local=trust", "--auth-host=scram-sha-256"])
            .arg(format!("--pwfile={}", pwfile.display()))
            .output();
        check("initdb", out);
        let conf = format!(
            "\n# samlar tests\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n\
             shared_buffers = 16MB\nmax_connections = 40\n",
            self.dir.path().join("socket").display()
        );
        let conf_path = self.data().join("postgresql.conf");
        let mut text = std::fs::read_to_string(&conf_path).expect("postgresql.conf");
        text.push_str(&conf);
        std::fs::write(&conf_path, text).expect("postgresql.conf written");
    }

    /// `pg_ctl start`, waiting until the server accepts connections; the
    /// server's log on failure.
    fn pg_ctl_start(&self) -> Result<(), String> {
        let out = self
            .as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.log())
            .args(["-o", &format!("-p {}", self.port), "-w", "-t", "30", "start"])
            .output()
            .unwrap_or_else(|e| panic!("pg_ctl: {e}"));
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{}{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                std::fs::read_to_string(self.log()).unwrap_or_default()
            ))
        }
    }

    fn stop(&mut self) {
        let _ = self
            .as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        self.running = false;
    }

    /// Runs SQL through psql as the superuser over the unix socket.
    fn psql(&self, database: &str, sql: &str) -> String {
        use std::io::Write;
        let mut child = Command::new(tool(&self.bin, "psql"))
            .arg("-h")
            .arg(self.dir.path().join("socket"))
            .args(["-p", &self.port.to_string(), "-U", SUPERUSER, "-d", database])
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"])
            .env_remove("PGPASSWORD")
            .env_remove("PGSERVICE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("psql: {e}"));
        child.stdin.take().expect("stdin").write_all(sql.as_bytes()).expect("SQL to psql");
        let out = check(&format!("psql: {sql}"), child.wait_with_output());
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // After kill9 without restart, a stop finds no server: harmless.
        self.stop();
    }
}

/// The folder of the newest PostgreSQL's server binaries.
fn find_bin() -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return bin;
    }
    let in_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
    });
    in_path.unwrap_or_else(|| {
        panic!(
            "PostgreSQL is not installed: no initdb and pg_ctl under /usr/lib/postgresql/*/bin \
             nor in PATH. Install Debian's `postgresql` package (scripts/setup --test does)."
        )
    })
}

/// A tool of the server's folder, else from PATH.
fn tool(bin: &Path, name: &str) -> PathBuf {
    let local = bin.join(name);
    if local.is_file() { local } else { PathBuf::from(name) }
}

/// When this process is root: the user to run the server as, with its uid
/// and gid (Debian's `postgres`, else `nobody`).
fn unprivileged_user() -> Option<(String, u32, u32)> {
    use std::os::unix::fs::MetadataExt;
    // /proc/self belongs to the process's effective user.
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).ok()?;
    if uid != 0 {
        return None;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").expect("/etc/passwd");
    for name in ["postgres", "nobody"] {
        for line in passwd.lines() {
            let fields: Vec<&str> = line.split(':').collect();
            if fields.len() > 3 && fields[0] == name {
                let uid = fields[2].parse().expect("uid");
                let gid = fields[3].parse().expect("gid");
                return Some((name.to_owned(), uid, gid));
            }
        }
    }
    panic!("running as root, and neither a `postgres` nor a `nobody` user to run PostgreSQL as")
}

fn free_port() -> u16 {
    // A port once given to a server of this process is never given again:
    // a server killed by a test and started again on its port must find it
    // free, not taken by another test's server started in between.
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    loop {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("a free port");
        let port = listener.local_addr().expect("its address").port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

fn check(what: &str, out: std::io::Result<Output>) -> Output {
    let out = out.unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// An SQL identifier, quoted.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// An SQL string literal.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
