//! Attendance statistics read from the tallies of migration 0006 agree with a
//! count of the attendance rows themselves — the queries the statistics ran
//! before the tallies, kept here as the oracle — after deletions that cascade,
//! and for a file whose data predates the migration. `statistics_walk` runs
//! the oracle after long random sequences of changes.

use crate::common::{TestWorkspace, draft, municipality};
use crate::derived::check_tallies;
use samlar::kernel::values::{
    ById, Gender, MeetingId, MeetingKind, OrganisationId, PartnershipId, PersonId,
};
use samlar::meetings::attendance::{AttendanceEntry, AttendanceStatus, SetAttendance};
use samlar::meetings::draft::MeetingDraft;
use samlar::meetings::meeting::CreateMeeting;
use samlar::meetings::statistics::{
    ActivityCounts, GenderCounts, OrganisationAttendance, Statistics, StatisticsScope,
};
use samlar::registry::person::PersonDraft;
use sqlx::SqlitePool;

#[derive(sqlx::FromRow)]
struct OracleActivity {
    meeting_id: MeetingId,
    kind: MeetingKind,
    number: Option<i64>,
    title: String,
    date: chrono::NaiveDate,
    #[sqlx(flatten)]
    attended: GenderCounts,
}

/// The statistics counted from the raw tables, as `Workspace::statistics`
/// did before the tallies.
async fn oracle(pool: &SqlitePool, scope: StatisticsScope) -> Statistics {
    let rows: Vec<OracleActivity> = sqlx::query_as(
        "SELECT m.id AS meeting_id, m.kind, m.number, m.title, m.date, \
         m.extra_women + count(CASE p.gender WHEN 'woman' THEN 1 END) AS women, \
         m.extra_men + count(CASE p.gender WHEN 'man' THEN 1 END) AS men, \
         m.extra_other + count(CASE p.gender WHEN 'other' THEN 1 END) AS other, \
         m.extra_not_stated + count(CASE p.gender WHEN 'not_stated' THEN 1 END) AS not_stated, \
         m.extra_women + m.extra_men + m.extra_other + m.extra_not_stated + count(p.id) AS total \
         FROM meetings m \
         LEFT JOIN attendance a ON a.meeting_id = m.id AND a.status = 'attended' \
         LEFT JOIN people p ON p.id = a.person_id \
         WHERE m.partnership_id = ?1 AND (?2 IS NULL OR m.id = ?2) \
         AND (?3 IS NULL OR m.date >= ?3) AND (?4 IS NULL OR m.date <= ?4) \
         GROUP BY m.id ORDER BY m.date, m.id",
    )
    .bind(scope.partnership_id)
    .bind(scope.meeting_id)
    .bind(&scope.from)
    .bind(&scope.to)
    .fetch_all(pool)
    .await
    .unwrap();
    let organisations: Vec<OrganisationAttendance> = sqlx::query_as(
        "SELECT p.organisation_id, o.name AS organisation_name, \
         count(CASE a.status WHEN 'invited' THEN 1 END) AS invited, \
         count(CASE a.status WHEN 'attended' THEN 1 END) AS attended, \
         count(CASE a.status WHEN 'absent' THEN 1 END) AS absent, \
         count(DISTINCT CASE a.status WHEN 'attended' THEN a.meeting_id END) AS meetings_attended \
         FROM attendance a JOIN meetings m ON m.id = a.meeting_id \
         JOIN people p ON p.id = a.person_id LEFT JOIN organisations o ON o.id = p.organisation_id \
         WHERE m.partnership_id = ?1 AND (?2 IS NULL OR m.id = ?2) \
         AND (?3 IS NULL OR m.date >= ?3) AND (?4 IS NULL OR m.date <= ?4) \
         GROUP BY p.organisation_id ORDER BY o.name_key IS NULL, o.name_key",
    )
    .bind(scope.partnership_id)
    .bind(scope.meeting_id)
    .bind(&scope.from)
    .bind(&scope.to)
    .fetch_all(pool)
    .await
    .unwrap();
    let mut total = GenderCounts::default();
    let activities = rows
        .into_iter()
        .map(|r| {
            total.women += r.attended.women;
            total.men += r.attended.men;
            total.other += r.attended.other;
            total.not_stated += r.attended.not_stated;
            total.total += r.attended.total;
            ActivityCounts {
                meeting_id: r.meeting_id,
                kind: r.kind,
                number: r.number,
                title: r.title,
                date: r.date,
                attended: r.attended,
            }
        })
        .collect();
    Statistics { activities, organisations, total }
}

/// The JSON the app gets for every partnership, every one-meeting scope
/// (including a meeting asked for under the wrong partnership) and the
/// periods up to and from each meeting's day is the oracle's, byte for byte; returns how many scopes were compared.
pub(crate) async fn check_all(ws: &samlar::Workspace, context: &str) -> usize {
    let pool = ws.pool();
    let partnerships: Vec<PartnershipId> =
        sqlx::query_scalar("SELECT id FROM partnerships ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap();
    let meetings: Vec<(MeetingId, PartnershipId, String)> =
        sqlx::query_as("SELECT id, partnership_id, date FROM meetings ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap();
    let mut scopes: Vec<StatisticsScope> =
        partnerships.iter().map(|&p| StatisticsScope::partnership(p)).collect();
    for (m, p, date) in &meetings {
        scopes.push(StatisticsScope { meeting_id: Some(*m), ..StatisticsScope::partnership(*p) });
        // Reporting periods ending and starting on the meeting's day, which
        // add up the per-meeting tallies instead of the partnership's.
        let day = Some(date.clone());
        scopes.push(StatisticsScope { to: day.clone(), ..StatisticsScope::partnership(*p) });
        scopes.push(StatisticsScope { from: day, ..StatisticsScope::partnership(*p) });
    }
    let meetings: Vec<(MeetingId, PartnershipId)> =
        meetings.into_iter().map(|(m, p, _)| (m, p)).collect();
    if let (Some(&(m, p)), Some(&other)) = (
        meetings.first(),
        partnerships.iter().find(|&&q| Some(&q) != meetings.first().map(|x| &x.1)),
    ) {
        assert_ne!(p, other);
        scopes.push(StatisticsScope { meeting_id: Some(m), ..StatisticsScope::partnership(other) });
    }
    for scope in &scopes {
        let got = serde_json::to_string(&ws.statistics(scope.clone()).await.unwrap()).unwrap();
        let want = serde_json::to_string(&oracle(pool, scope.clone()).await).unwrap();
        assert_eq!(got, want, "{context}: {scope:?}");
    }
    check_tallies(pool, context).await;
    scopes.len()
}

#[tokio::test]
async fn deleting_a_person_a_meeting_or_a_partnership_takes_their_counts_along() {
    let t = TestWorkspace::new().await;
    let p = t.ws.create_partnership(draft("CLN")).await.unwrap().id;
    let ume = t.ws.create_organisation(municipality("Umeå kommun", "2480")).await.unwrap().id;
    let person = |name: &str, gender| PersonDraft { gender, ..PersonDraft::new(name, Some(ume)) };
    let a = t.ws.create_person(person("A", Gender::Woman)).await.unwrap().summary.id;
    let b = t.ws.create_person(person("B", Gender::Man)).await.unwrap().summary.id;
    let meeting = |on: &str| CreateMeeting {
        partnership_id: p,
        draft: MeetingDraft::new(MeetingKind::Workshop, on),
    };
    let m1 = t.ws.create_meeting(meeting("2027-01-18")).await.unwrap().id;
    let m2 = t.ws.create_meeting(meeting("2027-02-18")).await.unwrap().id;
    for m in [m1, m2] {
        let entries = [a, b]
            .map(|person_id| AttendanceEntry { person_id, status: AttendanceStatus::Attended });
        t.ws.set_attendance(SetAttendance { meeting_id: m, entries: entries.to_vec() })
            .await
            .unwrap();
    }
    let all = StatisticsScope::partnership(p);
    let stats = t.ws.statistics(all.clone()).await.unwrap();
    assert_eq!((stats.total.women, stats.total.men), (2, 2));
    assert_eq!((stats.organisations[0].attended, stats.organisations[0].meetings_attended), (4, 2));

    t.ws.delete_person(ById { id: b }).await.unwrap();
    let stats = t.ws.statistics(all.clone()).await.unwrap();
    // erased, his attendance stays as anonymous headcounts (privacy::erasure),
    // outside any organisation
    assert_eq!((stats.total.women, stats.total.men), (2, 2), "the figures do not change");
    assert_eq!(stats.organisations[0].attended, 2);
    check_all(&t.ws, "person deleted").await;

    t.ws.delete_meeting(ById { id: m1 }).await.unwrap();
    let stats = t.ws.statistics(all.clone()).await.unwrap();
    assert_eq!(stats.total.women, 1);
    assert_eq!((stats.organisations[0].attended, stats.organisations[0].meetings_attended), (1, 1));
    check_all(&t.ws, "meeting deleted").await;

    // the app archives partnerships; a deletion cascades all the same
    sqlx::query("DELETE FROM partnerships WHERE id = ?")
        .bind(p)
        .execute(t.ws.pool())
        .await
        .unwrap();
    for table in ["attendance_tally", "attendance_tally_meeting", "attendance_tally_partnership"] {
        let sql = format!("SELECT count(*) FROM {table}");
        let n: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(t.ws.pool()).await.unwrap();
        assert_eq!(n, 0, "{table} emptied with the partnership");
    }
}

/// A file whose attendance was recorded before migration 0006 gets its
/// tallies filled by the migration, and they follow changes from then on.
#[tokio::test]
async fn migration_0006_counts_the_attendance_already_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, path) = crate::common::database_before(dir.path(), "0006").await;
    let now = "2026-11-01T09:00:00.000Z";
    for sql in [
        "INSERT INTO partnerships (id, name, name_key, kind, created_at, updated_at) VALUES \
         (1, 'Nätverket', 'nätverket', 'benchlearning', ?1, ?1), \
         (2, 'CLN', 'cln', 'benchlearning', ?1, ?1)",
        "INSERT INTO organisations (id, name, name_key, kind, created_at, updated_at) VALUES \
         (1, 'Umeå kommun', 'umeå kommun', 'municipality', ?1, ?1), \
         (2, 'Region Västerbotten', 'region västerbotten', 'region', ?1, ?1)",
        "INSERT INTO people (id, name, name_key, organisation_id, gender, created_at, updated_at) \
         VALUES (1, 'A', 'a', 1, 'woman', ?1, ?1), (2, 'B', 'b', 1, 'man', ?1, ?1), \
         (3, 'C', 'c', 2, 'other', ?1, ?1), (4, 'D', 'd', NULL, 'not_stated', ?1, ?1)",
        "INSERT INTO meetings (id, partnership_id, kind, date, extra_women, created_at, updated_at) \
         VALUES (7, 1, 'workshop', '2026-10-01', 2, ?1, ?1), \
         (8, 1, 'workshop', '2026-09-01', 0, ?1, ?1), \
         (9, 1, 'workshop', '2026-10-01', 0, ?1, ?1), \
         (10, 2, 'workshop', '2026-10-01', 1, ?1, ?1)",
        "INSERT INTO attendance (meeting_id, person_id, status) VALUES \
         (7, 1, 'attended'), (7, 2, 'attended'), (7, 3, 'absent'), (7, 4, 'attended'), \
         (8, 1, 'invited'), (8, 3, 'invited'), \
         (10, 2, 'attended'), (10, 4, 'absent')",
    ] {
        sqlx::query(sql).bind(now).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let clock =
        std::sync::Arc::new(samlar::FixedClock::new("2026-11-23T09:00:00Z".parse().unwrap()));
    let ws = samlar::Workspace::open(&path, clock).await.unwrap();
    let stats = ws.statistics(StatisticsScope::partnership(PartnershipId(1))).await.unwrap();
    let per: Vec<_> = stats.activities.iter().map(|a| (a.meeting_id, a.attended.total)).collect();
    let m = MeetingId;
    assert_eq!(per, [(m(8), 0), (m(7), 5), (m(9), 0)], "every meeting, by date and id");
    let orgs: Vec<_> = stats
        .organisations
        .iter()
        .map(|o| (o.organisation_id, o.invited, o.attended, o.absent, o.meetings_attended))
        .collect();
    let o = |id| Some(OrganisationId(id));
    assert_eq!(orgs, [(o(2), 1, 0, 1, 0), (o(1), 1, 2, 0, 1), (None, 0, 1, 0, 1)]);
    check_all(&ws, "after migration 0006").await;

    sqlx::query("UPDATE people SET organisation_id = 2, gender = 'woman' WHERE id = 2")
        .execute(ws.pool())
        .await
        .unwrap();
    ws.delete_person(ById { id: PersonId(4) }).await.unwrap();
    check_all(&ws, "after changes").await;
}
