//! Reporting at national scale (issue #17), derived from what is already
//! written so that the random streams of the other steps stay as they were:
//! two indicators per partnership (one for its first goal, one for the
//! partnership as a whole, the second split by women and men) with a value
//! every half year from the partnership's start to the generated "today".

use super::today;
use samlar::Result;
use sqlx::SqliteConnection;

/// When the rows were written: the generated record's "today".
const NOW: &str = "2026-06-15T10:00:00.000Z";

pub async fn write_reporting(conn: &mut SqliteConnection) -> Result<()> {
    let today = today().to_string();
    // ?1 is always NOW, ?2 the generated "today".
    let statements: [&str; 3] = [
        "INSERT INTO indicators (partnership_id, goal_position, name, unit, baseline, \
             baseline_date, target, target_date, source, kolada_id, by_gender, created_at) \
             SELECT p.id, (SELECT min(position) FROM partnership_goals g \
               WHERE g.partnership_id = p.id), \
             'Andel medarbetare som upplever förbättring', 'procent', 40 + p.id % 20, \
             coalesce(p.start_date, '2024-01-01'), 75, coalesce(p.end_date, '2028-12-31'), \
             'Medarbetarenkät', NULL, 0, ?1 FROM partnerships p",
        "INSERT INTO indicators (partnership_id, goal_position, name, unit, baseline, \
             baseline_date, target, target_date, source, kolada_id, by_gender, created_at) \
             SELECT p.id, NULL, 'Sjukfrånvaro bland kommunalt anställda', 'procent', \
             7.5 + (p.id % 10) / 10.0, coalesce(p.start_date, '2024-01-01'), 6.0, \
             coalesce(p.end_date, '2028-12-31'), 'Kolada', 'N00090', 1, ?1 \
             FROM partnerships p",
        "INSERT INTO indicator_values (indicator_id, measured_on, value, women, men, note) \
             SELECT i.id, date(i.baseline_date, '+' || (6 * s.value) || ' months'), \
               round(i.baseline + (i.target - i.baseline) * s.value / 12.0, 1), \
               CASE WHEN i.by_gender = 1 THEN round(i.baseline + 0.4 - s.value / 20.0, 1) END, \
               CASE WHEN i.by_gender = 1 THEN round(i.baseline - 0.6 - s.value / 25.0, 1) END, \
               '' \
             FROM indicators i, json_each('[1, 2, 3, 4, 5, 6, 7, 8]') s \
             WHERE date(i.baseline_date, '+' || (6 * s.value) || ' months') <= ?2",
    ];
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .bind(NOW)
            .bind(&today)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
