//! The server of a shared workspace: how it is reached and its schema.
//!
//! TLS with the certificate and host name verified (libpq's
//! `sslmode=verify-full`) is the default and is required for any server but
//! this computer. The trust roots are the system's (rustls with the native
//! root store), where an organisation's own certificate authority is
//! installed. The password is never stored here: the shell keeps it in the
//! system's credential store, or asks.
//!
//! Each sync opens one connection and closes it: a sync every few seconds
//! costs a TLS handshake on a local network, and a server restarted or a
//! laptop moved between networks needs no reconnect logic.

use crate::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgConnectOptions, PgSslMode};
use sqlx::{Connection, PgConnection};
use std::time::Duration;
use ts_rs::TS;

/// The server's own migrations (`migrations-server/`), embedded. Forward-only.
pub static SERVER_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations-server");

/// The newest server schema this Samlär knows.
pub fn server_schema_version() -> i64 {
    SERVER_MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// How long to wait for the server before calling it unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// TLS to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Tls {
    /// Encrypted, with the server's certificate and name verified.
    VerifyFull,
    /// Not encrypted: only to a server on this computer.
    Disable,
}

impl Tls {
    pub fn as_str(self) -> &'static str {
        match self {
            Tls::VerifyFull => "verify-full",
            Tls::Disable => "disable",
        }
    }

    pub fn parse(text: &str) -> Tls {
        if text == "disable" { Tls::Disable } else { Tls::VerifyFull }
    }
}

/// Where the shared workspace is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub tls: Tls,
}

/// The longest host, database or user name accepted.
pub const MAX_NAME_CHARS: usize = crate::kernel::limits::SERVER_NAME_MAX_CHARS;

/// Whether `host` is this computer.
pub fn is_local(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1") || host.starts_with('/')
}

impl ServerSettings {
    /// Checks the settings, each error at its field.
    pub fn checked(&self) -> Result<ServerSettings> {
        let trimmed = ServerSettings {
            host: self.host.trim().to_owned(),
            port: self.port,
            database: self.database.trim().to_owned(),
            user: self.user.trim().to_owned(),
            tls: self.tls,
        };
        for (field, value) in
            [("host", &trimmed.host), ("database", &trimmed.database), ("user", &trimmed.user)]
        {
            if value.is_empty() {
                return Err(Error::at(ErrorCode::NameRequired, field, "required"));
            }
            if value.chars().count() > MAX_NAME_CHARS {
                return Err(Error::at(ErrorCode::NameTooLong, field, "too long"));
            }
        }
        if trimmed.port == 0 {
            return Err(Error::at(ErrorCode::InvalidNumber, "port", "port 0"));
        }
        if trimmed.tls == Tls::Disable && !is_local(&trimmed.host) {
            return Err(Error::at(ErrorCode::TlsRequired, "tls", "TLS off to another computer"));
        }
        Ok(trimmed)
    }

    fn options(&self, password: &str) -> PgConnectOptions {
        let ssl = match self.tls {
            Tls::VerifyFull => PgSslMode::VerifyFull,
            Tls::Disable => PgSslMode::Disable,
        };
        PgConnectOptions::new()
            .host(&self.host)
            .port(self.port)
            .database(&self.database)
            .username(&self.user)
            .password(password)
            .ssl_mode(ssl)
            .application_name("Samlär")
    }
}

/// Connects to the server as the user, or says why not in a code a person
/// can act on.
pub async fn connect(settings: &ServerSettings, password: &str) -> Result<PgConnection> {
    let options = settings.options(password);
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await {
        Err(_) => Err(Error::new(ErrorCode::ServerUnreachable, "connect timed out")),
        Ok(Err(err)) => Err(connect_error(err)),
        Ok(Ok(conn)) => Ok(conn),
    }
}

fn connect_error(err: sqlx::Error) -> Error {
    match &err {
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("28P01" | "28000") => {
                Error::at(ErrorCode::ServerLoginRefused, "password", "login refused")
            }
            Some("3D000") => Error::at(ErrorCode::ServerNotSetUp, "database", "no such database"),
            _ => server_error(err),
        },
        sqlx::Error::Tls(_) => Error::at(ErrorCode::ServerNotTrusted, "tls", err.to_string()),
        _ => Error::new(ErrorCode::ServerUnreachable, err.to_string()),
    }
}

/// An error from the server after connecting: a lost connection is
/// `server_unreachable` (the sync is tried again later), a refusal by
/// row-level security or privileges is the server's.
pub fn server_error(err: sqlx::Error) -> Error {
    match &err {
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("42501") => Error::new(ErrorCode::NotAdministrator, db.message().to_owned()),
            // Connection exceptions and a server shutting down or crashing.
            Some(code) if code.starts_with("08") || code.starts_with("57") => {
                Error::new(ErrorCode::ServerUnreachable, db.message().to_owned())
            }
            _ => Error::new(ErrorCode::ServerError, db.message().to_owned()),
        },
        sqlx::Error::RowNotFound => Error::new(ErrorCode::NotFound, "no such row on the server"),
        _ => Error::new(ErrorCode::ServerUnreachable, err.to_string()),
    }
}

/// The server's schema version, `None` when it has none.
pub async fn schema_version(conn: &mut PgConnection) -> Result<Option<i64>> {
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&mut *conn)
        .await
        .map_err(server_error)?;
    if !exists {
        return Ok(None);
    }
    let version: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut *conn)
            .await
            .map_err(server_error)?;
    Ok(version)
}

/// Checks the server's schema against this Samlär: newer is refused; older
/// or missing is brought up to date when `may_migrate` (the administrator
/// joining), else refused with `server_not_set_up`.
pub async fn ensure_schema(conn: &mut PgConnection, may_migrate: bool) -> Result<()> {
    let known = server_schema_version();
    match schema_version(conn).await? {
        Some(v) if v > known => Err(Error::new(
            ErrorCode::ServerSchemaNewer,
            format!("server schema {v}, newer than {known}"),
        )),
        Some(v) if v == known => Ok(()),
        _ if may_migrate => migrate(conn).await,
        _ => Err(Error::new(ErrorCode::ServerNotSetUp, "no or an older schema")),
    }
}

/// Applies the server migrations (also `samlar-server-migrate`).
pub async fn migrate(conn: &mut PgConnection) -> Result<()> {
    SERVER_MIGRATOR.run(&mut *conn).await.map_err(|err| match err {
        sqlx::migrate::MigrateError::Execute(e) => match server_error(e) {
            e if e.code == ErrorCode::NotAdministrator => {
                Error::new(ErrorCode::ServerNotSetUp, e.message)
            }
            e => e,
        },
        other => Error::new(ErrorCode::ServerError, other.to_string()),
    })
}
