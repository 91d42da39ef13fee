//! Joining a shared workspace refuses what would mix two records or leak
//! one: TLS off to another computer, a wrong password, a push by anyone but
//! the administrator, a database with records starting from the workspace,
//! a second database pushed to it, and a server schema newer than the app.
//! Leaving keeps the local copy.

use crate::common::{TestWorkspace, draft};
use crate::postgres::{ADMIN, ADMIN_PASSWORD, TestServer};
use crate::shared_workspace::{B, B_PASSWORD, count, join};
use samlar::ErrorCode;
use samlar::shared::join::JoinStart;
use samlar::shared::{ServerSettings, Tls};

#[tokio::test]
async fn joining_refuses_what_would_mix_or_leak() {
    let server = TestServer::start();
    server.create_member(B, B_PASSWORD);
    let a = TestWorkspace::new().await;
    a.ws.create_partnership(draft("Nätverket")).await.unwrap();

    // TLS may be off only to this computer.
    let far = ServerSettings { host: "db.region.example".into(), ..server.settings(ADMIN) };
    let err =
        a.ws.join_shared_workspace(join(&far, ADMIN_PASSWORD, JoinStart::PushThisDatabase))
            .await
            .unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TlsRequired, Some("tls")));
    let far = ServerSettings { tls: Tls::VerifyFull, ..far };
    assert!(far.checked().is_ok());

    // A wrong password, at its field.
    let err = a
        .ws
        .join_shared_workspace(join(&server.settings(ADMIN), "fel", JoinStart::PushThisDatabase))
        .await
        .unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::ServerLoginRefused, Some("password")));

    // Only the administrator pushes a database; nothing is left joined.
    let err = a
        .ws
        .join_shared_workspace(join(&server.settings(B), B_PASSWORD, JoinStart::PushThisDatabase))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ServerNotSetUp, "the schema is not there yet for B: {err:?}");
    assert!(a.ws.sync_status().await.unwrap().server.is_none());

    a.ws.join_shared_workspace(join(
        &server.settings(ADMIN),
        ADMIN_PASSWORD,
        JoinStart::PushThisDatabase,
    ))
    .await
    .unwrap();
    // A database with records cannot start from the workspace, and a
    // second database cannot be pushed to it.
    let other = TestWorkspace::new().await;
    other.ws.create_partnership(draft("Annat")).await.unwrap();
    let err = other
        .ws
        .join_shared_workspace(join(&server.settings(B), B_PASSWORD, JoinStart::StartFromShared))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::DatabaseNotEmpty);
    let err = other
        .ws
        .join_shared_workspace(join(
            &server.settings(ADMIN),
            ADMIN_PASSWORD,
            JoinStart::PushThisDatabase,
        ))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::WorkspaceNotEmpty);
    assert!(other.ws.sync_status().await.unwrap().server.is_none());

    // A server schema newer than this Samlär is refused, in words.
    server.superuser_sql(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (999, 'from the future', true, '\\x00', 0)",
    );
    let err = a.ws.sync_now(ADMIN_PASSWORD).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::ServerSchemaNewer);
    assert_eq!(
        a.ws.sync_status().await.unwrap().last_error.as_deref(),
        Some("server_schema_newer")
    );

    // Leaving keeps the local copy.
    a.ws.leave_shared_workspace().await.unwrap();
    assert!(a.ws.sync_status().await.unwrap().server.is_none());
    assert_eq!(count(&a, "SELECT count(*) FROM partnerships").await, 1);
}
