//! `samlar-server-migrate`: applies the shared workspace's schema
//! (`migrations-server/`) to a PostgreSQL server, for an operator who
//! would rather not wait for the first administrator's app to do it. Run it
//! as the database's owner (the first administrator's role).
//!
//! It reads libpq's environment variables: PGHOST, PGPORT (5432),
//! PGDATABASE (the user's name), PGUSER, PGPASSWORD, PGSSLMODE
//! (`verify-full` by default; `disable` only to this computer). It prints
//! the schema version before and after; a schema newer than this Samlär's
//! is refused. Exit status 0 when the schema is up to date, 1 on an error
//! (its code on standard error), 2 on a bad setting.

use samlar::shared::{ServerSettings, Tls, server};
use std::process::ExitCode;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The settings and password from the environment, or what is wrong.
fn settings() -> Result<(ServerSettings, String), String> {
    let user = var("PGUSER").or_else(|| var("USER")).ok_or("PGUSER saknas / PGUSER is not set")?;
    let port = match var("PGPORT") {
        None => 5432,
        Some(p) => p.trim().parse().map_err(|_| format!("PGPORT: {p}?"))?,
    };
    let tls = match var("PGSSLMODE").as_deref().map(str::trim) {
        None | Some("verify-full") => Tls::VerifyFull,
        Some("disable") => Tls::Disable,
        Some(other) => {
            return Err(format!(
                "PGSSLMODE={other}: bara verify-full eller disable / only verify-full or disable"
            ));
        }
    };
    let password = var("PGPASSWORD").ok_or("PGPASSWORD saknas / PGPASSWORD is not set")?;
    let settings = ServerSettings {
        host: var("PGHOST").unwrap_or_else(|| "localhost".to_owned()),
        port,
        database: var("PGDATABASE").unwrap_or_else(|| user.clone()),
        user,
        tls,
    };
    Ok((settings, password))
}

fn shown(version: Option<i64>) -> String {
    version.map_or_else(|| "0".to_owned(), |v| v.to_string())
}

fn failed(err: samlar::Error) -> ExitCode {
    let code = serde_json::to_value(err.code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    eprintln!("samlar-server-migrate: {code}: {}", err.message);
    ExitCode::from(1)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (settings, password) = match settings() {
        Ok(found) => found,
        Err(why) => {
            eprintln!("samlar-server-migrate: {why}");
            return ExitCode::from(2);
        }
    };
    let settings = match settings.checked() {
        Ok(s) => s,
        Err(err) => return failed(err),
    };
    let mut conn = match server::connect(&settings, &password).await {
        Ok(conn) => conn,
        Err(err) => return failed(err),
    };
    let known = server::server_schema_version();
    let before = match server::schema_version(&mut conn).await {
        Ok(v) => v,
        Err(err) => return failed(err),
    };
    if before.is_some_and(|v| v > known) {
        return failed(samlar::Error::new(
            samlar::ErrorCode::ServerSchemaNewer,
            format!("server schema {}, this Samlär knows {known}: update Samlär", shown(before)),
        ));
    }
    if let Err(err) = server::migrate(&mut conn).await {
        return failed(err);
    }
    let after = match server::schema_version(&mut conn).await {
        Ok(v) => v,
        Err(err) => return failed(err),
    };
    println!("Serverns schema / server schema: {} → {}", shown(before), shown(after));
    ExitCode::SUCCESS
}
