//! The practice around the meetings (issue #18) at national scale, derived
//! from what is already written rather than drawn anew, so that the random
//! streams of the other steps stay as they were: a venue register of every
//! place meetings were held (each meeting chosen from it), how each meeting
//! was held, each partnership's coordinator and a steering group of five,
//! three reflection groups of up to eight per partnership, and the minutes
//! of every meeting older than two weeks approved by someone who attended.

use super::today;
use samlar::Result;
use sqlx::SqliteConnection;

/// When the rows were written: the generated record's "today".
const NOW: &str = "2026-06-15T10:00:00.000Z";

pub async fn write_practice(conn: &mut SqliteConnection) -> Result<()> {
    let approved_before = (today() - chrono::Duration::days(14)).to_string();
    // ?1 is always NOW, ?2 the last date approved.
    let statements: [&str; 8] = [
        "INSERT INTO venues (name, address, step_free_entrance, lift, hearing_loop, \
             created_at, updated_at) \
             SELECT venue_name, min(venue_address), 1, min(id) % 2, min(id) % 3 = 0, ?1, ?1 \
             FROM meetings WHERE venue_name <> '' GROUP BY venue_name",
        "UPDATE meetings SET venue_id = (SELECT v.id FROM venues v WHERE v.name = venue_name), \
             mode = CASE WHEN online_link <> '' THEN 'hybrid' ELSE 'on_site' END \
             WHERE venue_name <> ''",
        "UPDATE meetings SET mode = 'digital' WHERE venue_name = '' AND online_link <> ''",
        "INSERT INTO partnership_roles (partnership_id, person_id, role, start_date) \
             SELECT id, contact_person_id, 'coordinator', start_date FROM partnerships \
             WHERE contact_person_id IS NOT NULL",
        "INSERT INTO partnership_roles (partnership_id, person_id, role, start_date) \
             SELECT partnership_id, person_id, 'steering_group', start_date FROM ( \
               SELECT p.id AS partnership_id, x.id AS person_id, p.start_date, \
                 row_number() OVER (PARTITION BY p.id ORDER BY x.id) AS n \
               FROM partnerships p JOIN memberships m ON m.partnership_id = p.id \
               JOIN people x ON x.organisation_id = m.organisation_id \
               WHERE x.level = 'politician' OR x.level = 'senior_manager') \
             WHERE n <= 5",
        "INSERT INTO partnership_groups (partnership_id, kind, name, created_at, updated_at) \
             SELECT p.id, 'reflection_group', 'Reflektionsgrupp ' || g.value, ?1, ?1 \
             FROM partnerships p, json_each('[1, 2, 3]') g",
        "INSERT INTO group_members (group_id, person_id) \
             SELECT g.id, person_id FROM ( \
               SELECT p.id AS partnership_id, x.id AS person_id, \
                 row_number() OVER (PARTITION BY p.id ORDER BY x.id) AS n \
               FROM partnerships p JOIN memberships m ON m.partnership_id = p.id \
               JOIN people x ON x.organisation_id = m.organisation_id) c \
             JOIN partnership_groups g ON g.partnership_id = c.partnership_id \
               AND g.name = 'Reflektionsgrupp ' || (1 + (c.n - 1) % 3) \
             WHERE c.n <= 24",
        "INSERT INTO meeting_approvals (meeting_id, event, person_id, on_date, recorded_at) \
             SELECT m.id, 'approved', \
               (SELECT a.person_id FROM attendance a WHERE a.meeting_id = m.id \
                AND a.status = 'attended' ORDER BY a.person_id LIMIT 1), \
               min(date(m.date, '+7 days'), ?2), ?1 \
             FROM meetings m WHERE m.date < ?2 AND EXISTS (SELECT 1 FROM attendance a \
               WHERE a.meeting_id = m.id AND a.status = 'attended')",
    ];
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .bind(NOW)
            .bind(&approved_before)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
