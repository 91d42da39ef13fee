//! The throw-away PostgreSQL server of the shared workspace's tests
//! (`tests/support/postgres.rs`) and the operator's `samlar-server-migrate`,
//! run against it.

use crate::postgres::{ADMIN, ADMIN_PASSWORD, TestServer};
use std::process::Command;

#[tokio::test]
async fn a_member_connects_and_the_server_survives_a_crash() {
    let mut server = TestServer::start();
    server.create_member("mentor_anna", "anna's pw");

    let mut conn = server.connect_as("mentor_anna", "anna's pw").await;
    let (user, member): (String, bool) =
        sqlx::query_as("SELECT current_user::text, pg_has_role('samlar_member', 'MEMBER')")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!((user.as_str(), member), ("mentor_anna", true));

    // Passwords are checked, and only members may connect to the database.
    assert!(server.try_connect_as("mentor_anna", "wrong").await.is_err());
    server.superuser_sql("CREATE ROLE outsider LOGIN PASSWORD 'pw'");
    assert!(server.try_connect_as("outsider", "pw").await.is_err());

    server.kill9();
    assert!(sqlx::query("SELECT 1").execute(&mut conn).await.is_err(), "connection survived");
    server.restart();
    let mut again = server.connect_as("mentor_anna", "anna's pw").await;
    let one: i32 = sqlx::query_scalar("SELECT 1").fetch_one(&mut again).await.unwrap();
    assert_eq!(one, 1);
    let admin = samlar::shared::server::connect(&server.settings(ADMIN), ADMIN_PASSWORD).await;
    assert!(admin.is_ok(), "{:?}", admin.err());
}

fn migrate(server: &TestServer, user: &str, password: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samlar-server-migrate"))
        .env_clear()
        .env("PGHOST", "127.0.0.1")
        .env("PGPORT", server.port().to_string())
        .env("PGDATABASE", "samlar")
        .env("PGUSER", user)
        .env("PGPASSWORD", password)
        .env("PGSSLMODE", "disable")
        .output()
        .unwrap()
}

#[test]
fn samlar_server_migrate_applies_the_schema_once() {
    let server = TestServer::start();
    let known = samlar::shared::server::server_schema_version();

    let first = migrate(&server, ADMIN, ADMIN_PASSWORD);
    let said = String::from_utf8_lossy(&first.stdout).into_owned();
    assert!(first.status.success(), "{said}{}", String::from_utf8_lossy(&first.stderr));
    assert!(said.contains(&format!("→ {known}")), "{said}");
    let versions = server.superuser_sql("SELECT version FROM _sqlx_migrations ORDER BY version");
    assert_eq!(versions.lines().next(), Some("1"));
    assert_eq!(versions.lines().count() as i64, known);
    assert_eq!(server.superuser_sql("SELECT to_regclass('samlar.records') IS NOT NULL"), "t");

    // Again: nothing to do, and nothing fails.
    let second = migrate(&server, ADMIN, ADMIN_PASSWORD);
    let said = String::from_utf8_lossy(&second.stdout).into_owned();
    assert!(second.status.success(), "{said}{}", String::from_utf8_lossy(&second.stderr));
    assert!(said.contains(&format!("{known} → {known}")), "{said}");
    assert_eq!(server.superuser_sql("SELECT count(*) FROM _sqlx_migrations"), known.to_string());
}

#[test]
fn samlar_server_migrate_refuses_what_it_should() {
    let server = TestServer::start();
    // A wrong password.
    let out = migrate(&server, ADMIN, "wrong");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("server_login_refused"));
    // A member who does not own the database cannot create the schema.
    server.create_member("coordinator_bo", "bo-pw");
    let out = migrate(&server, "coordinator_bo", "bo-pw");
    assert!(!out.status.success());
    assert!(server.superuser_sql("SELECT to_regclass('samlar.records') IS NULL") == "t");
    // TLS off to another computer.
    let out = Command::new(env!("CARGO_BIN_EXE_samlar-server-migrate"))
        .env_clear()
        .env("PGHOST", "db.example.org")
        .env("PGUSER", ADMIN)
        .env("PGPASSWORD", ADMIN_PASSWORD)
        .env("PGSSLMODE", "disable")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("tls_required"));
    // A schema newer than this Samlär's.
    assert!(migrate(&server, ADMIN, ADMIN_PASSWORD).status.success());
    server.superuser_sql(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'from the future', true, '\\x00', 0)",
    );
    let out = migrate(&server, ADMIN, ADMIN_PASSWORD);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("server_schema_newer"));
}
