//! Measurable goals: a partnership's indicators (what is measured, in which
//! unit, from which baseline towards which target, where the figure comes
//! from, optionally a Kolada key figure and a split by women and men) and
//! their measured values over time, one per date (`indicators`,
//! `indicator_values`, migration 0013).
//!
//! An indicator measures one goal of the charter, named by the goal's
//! position (`partnership_goals.position`), or the partnership as a whole
//! (no position). When the charter's goals are edited, each indicator
//! follows its goal by the goal's text (`indicator_goals`).
//!
//! An indicator's name is unique in its partnership (`name_taken`, case
//! aside). Numbers are finite and within `INDICATOR_VALUE_MAX` of zero;
//! women's and men's figures are given only for an indicator split by gender
//! (`not_by_gender`), and the split is not turned off while a value has them
//! (`in_use` on `byGender`). Indicators are records of their own when records
//! travel; their values are part of the indicator's record.
//!
//! Uses the kernel and the store; it reads the charter's goals itself
//! rather than through `partnership`.

use crate::kernel::limits::{
    self, INDICATOR_TEXT_MAX_CHARS, INDICATOR_UNIT_MAX_CHARS, INDICATOR_VALUE_MAX,
    MAX_INDICATORS_PER_PARTNERSHIP, MAX_VALUES_PER_INDICATOR,
};
use crate::kernel::validate;
use crate::kernel::values::{ById, IndicatorId, PartnershipId};
use crate::{Error, ErrorCode, Result, Workspace, store::db};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqliteExecutor};
use ts_rs::TS;

/// One measured value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorValue {
    pub measured_on: NaiveDate,
    pub value: f64,
    pub women: Option<f64>,
    pub men: Option<f64>,
    pub note: String,
}

/// An indicator with its values by date.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    pub id: IndicatorId,
    pub partnership_id: PartnershipId,
    /// The charter goal it measures; none for the partnership as a whole.
    pub goal_position: Option<u32>,
    /// That goal's text, for display.
    pub goal: Option<String>,
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub baseline_date: Option<NaiveDate>,
    pub target: Option<f64>,
    pub target_date: Option<NaiveDate>,
    pub source: String,
    /// A Kolada key figure such as `N00945`.
    pub kolada_id: Option<String>,
    pub by_gender: bool,
    #[sqlx(skip)]
    pub values: Vec<IndicatorValue>,
}

/// What the indicator form sends. Dates are text, so that a badly written
/// one gets its own message; an empty Kolada id means none.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IndicatorDraft {
    pub goal_position: Option<u32>,
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub baseline_date: Option<String>,
    pub target: Option<f64>,
    pub target_date: Option<String>,
    pub source: String,
    pub kolada_id: String,
    pub by_gender: bool,
}

impl IndicatorDraft {
    /// A draft with only a name, for the partnership as a whole.
    pub fn new(name: &str) -> Self {
        Self {
            goal_position: None,
            name: name.to_owned(),
            unit: String::new(),
            baseline: None,
            baseline_date: None,
            target: None,
            target_date: None,
            source: String::new(),
            kolada_id: String::new(),
            by_gender: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateIndicator {
    pub partnership_id: PartnershipId,
    pub draft: IndicatorDraft,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateIndicator {
    pub id: IndicatorId,
    pub draft: IndicatorDraft,
}

/// A value measured on a date; a value already there on that date is replaced.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetIndicatorValue {
    pub indicator_id: IndicatorId,
    pub measured_on: String,
    pub value: f64,
    pub women: Option<f64>,
    pub men: Option<f64>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeleteIndicatorValue {
    pub indicator_id: IndicatorId,
    pub measured_on: String,
}

/// A draft that passed every rule.
struct Valid {
    goal_position: Option<u32>,
    name: String,
    unit: String,
    baseline: Option<f64>,
    baseline_date: Option<NaiveDate>,
    target: Option<f64>,
    target_date: Option<NaiveDate>,
    source: String,
    kolada_id: Option<String>,
    by_gender: bool,
}

/// A finite number within `INDICATOR_VALUE_MAX` of zero (`invalid_number`).
fn number(value: Option<f64>, field: &str) -> Result<Option<f64>> {
    match value {
        Some(v) if !v.is_finite() || v.abs() > INDICATOR_VALUE_MAX => {
            Err(Error::at(ErrorCode::InvalidNumber, field, "not a finite number in range"))
        }
        // -0.0 is shown as "-0"; it is 0.
        v => Ok(v.map(|v| if v == 0.0 { 0.0 } else { v })),
    }
}

/// A Kolada key figure's id (`invalid_code`), upper-cased; empty means none.
/// Kolada (the Council for the Promotion of Municipal Analysis' database,
/// api.kolada.se) names its key figures ("KPI") by a capital letter and five
/// digits: `N` for most, `U` for the quality and open comparisons ones, as in
/// N00945 and U00405.
fn kolada_id(text: &str) -> Result<Option<String>> {
    let id = text.trim().to_ascii_uppercase();
    if id.is_empty() {
        return Ok(None);
    }
    let b = id.as_bytes();
    if b.len() != 6 || !b[0].is_ascii_uppercase() || !b[1..].iter().all(u8::is_ascii_digit) {
        return Err(Error::at(ErrorCode::InvalidCode, "koladaId", "not a Kolada id like N00945"));
    }
    Ok(Some(id))
}

fn validate(d: IndicatorDraft) -> Result<Valid> {
    let name = validate::name(&d.name, "name")?;
    let unit = validate::text(d.unit.trim().to_owned(), "unit", INDICATOR_UNIT_MAX_CHARS)?;
    let source = validate::text(d.source.trim().to_owned(), "source", INDICATOR_TEXT_MAX_CHARS)?;
    Ok(Valid {
        goal_position: d.goal_position,
        name,
        unit,
        baseline: number(d.baseline, "baseline")?,
        baseline_date: validate::date(d.baseline_date.as_deref(), "baselineDate")?,
        target: number(d.target, "target")?,
        target_date: validate::date(d.target_date.as_deref(), "targetDate")?,
        source,
        kolada_id: kolada_id(&d.kolada_id)?,
        by_gender: d.by_gender,
    })
}

macro_rules! columns {
    () => {
        "i.id, i.partnership_id, i.goal_position, g.goal, i.name, i.unit, i.baseline, \
         i.baseline_date, i.target, i.target_date, i.source, i.kolada_id, \
         i.by_gender != 0 AS by_gender \
         FROM indicators i LEFT JOIN partnership_goals g \
         ON g.partnership_id = i.partnership_id AND g.position = i.goal_position"
    };
}

async fn values_of<'e>(
    ex: impl SqliteExecutor<'e>,
    id: IndicatorId,
) -> Result<Vec<IndicatorValue>> {
    Ok(sqlx::query_as(
        "SELECT measured_on, value, women, men, note FROM indicator_values \
         WHERE indicator_id = ? ORDER BY measured_on",
    )
    .bind(id)
    .fetch_all(ex)
    .await?)
}

/// One indicator with its values.
pub async fn get(conn: &mut SqliteConnection, id: IndicatorId) -> Result<Indicator> {
    let sql = concat!("SELECT ", columns!(), " WHERE i.id = ?");
    let found: Option<Indicator> = sqlx::query_as(sql).bind(id).fetch_optional(&mut *conn).await?;
    let mut indicator = found.ok_or_else(|| not_found(id))?;
    indicator.values = values_of(&mut *conn, id).await?;
    Ok(indicator)
}

/// A partnership's indicators, by goal (the partnership as a whole first)
/// and name, each with its values by date.
pub async fn of_partnership(
    conn: &mut SqliteConnection,
    id: PartnershipId,
) -> Result<Vec<Indicator>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " WHERE i.partnership_id = ? ORDER BY i.goal_position IS NOT NULL, i.goal_position, \
         i.name COLLATE NOCASE, i.id"
    );
    let mut indicators: Vec<Indicator> = sqlx::query_as(sql).bind(id).fetch_all(&mut *conn).await?;
    // Every value of the partnership in one query, handed to its indicator.
    #[derive(sqlx::FromRow)]
    struct Row {
        indicator_id: IndicatorId,
        #[sqlx(flatten)]
        value: IndicatorValue,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT v.indicator_id, v.measured_on, v.value, v.women, v.men, v.note \
         FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id \
         WHERE i.partnership_id = ? ORDER BY v.indicator_id, v.measured_on",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut values: std::collections::HashMap<IndicatorId, Vec<IndicatorValue>> =
        std::collections::HashMap::new();
    for row in rows {
        values.entry(row.indicator_id).or_default().push(row.value);
    }
    for indicator in &mut indicators {
        indicator.values = values.remove(&indicator.id).unwrap_or_default();
    }
    Ok(indicators)
}

async fn partnership_exists(conn: &mut SqliteConnection, id: PartnershipId) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM partnerships WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    found.map(|_| ()).ok_or_else(|| Error::new(ErrorCode::NotFound, "no such partnership"))
}

/// The goal must be one of the charter's (`unknown_goal` on `goalPosition`),
/// and the name free in the partnership (`name_taken` on `name`).
async fn check(
    conn: &mut SqliteConnection,
    partnership: PartnershipId,
    v: &Valid,
    except: Option<IndicatorId>,
) -> Result<()> {
    if let Some(position) = v.goal_position {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM partnership_goals WHERE partnership_id = ? AND position = ?",
        )
        .bind(partnership)
        .bind(position)
        .fetch_optional(&mut *conn)
        .await?;
        if found.is_none() {
            return Err(Error::at(ErrorCode::UnknownGoal, "goalPosition", "no such goal"));
        }
    }
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM indicators WHERE partnership_id = ? AND lower(name) = lower(?) \
         AND (? IS NULL OR id <> ?)",
    )
    .bind(partnership)
    .bind(&v.name)
    .bind(except)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Err(Error::at(ErrorCode::NameTaken, "name", "an indicator has that name"));
    }
    Ok(())
}

fn not_found(id: IndicatorId) -> Error {
    Error::new(ErrorCode::NotFound, format!("indicator {id} does not exist"))
}

async fn count(conn: &mut SqliteConnection, sql: &'static str, id: i64) -> Result<usize> {
    let n: i64 = sqlx::query_scalar(sql).bind(id).fetch_one(&mut *conn).await?;
    Ok(n as usize)
}

/// What a coordinator can do with a partnership's measurable goals.
impl Workspace {
    pub async fn indicators(&self, input: ById<PartnershipId>) -> Result<Vec<Indicator>> {
        let mut conn = self.pool().acquire().await?;
        partnership_exists(&mut conn, input.id).await?;
        of_partnership(&mut conn, input.id).await
    }

    pub async fn create_indicator(&self, input: CreateIndicator) -> Result<Indicator> {
        let v = validate(input.draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        partnership_exists(&mut tx, input.partnership_id).await?;
        let sql = "SELECT count(*) FROM indicators WHERE partnership_id = ?";
        let n = count(&mut tx, sql, input.partnership_id.0).await?;
        limits::count(n + 1, "partnershipId", MAX_INDICATORS_PER_PARTNERSHIP)?;
        check(&mut tx, input.partnership_id, &v, None).await?;
        let id: IndicatorId = sqlx::query_scalar(
            "INSERT INTO indicators (partnership_id, goal_position, name, unit, baseline, \
             baseline_date, target, target_date, source, kolada_id, by_gender, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(input.partnership_id)
        .bind(v.goal_position)
        .bind(&v.name)
        .bind(&v.unit)
        .bind(v.baseline)
        .bind(v.baseline_date)
        .bind(v.target)
        .bind(v.target_date)
        .bind(&v.source)
        .bind(&v.kolada_id)
        .bind(v.by_gender)
        .bind(self.clock().timestamp())
        .fetch_one(&mut *tx)
        .await?;
        let indicator = get(&mut tx, id).await?;
        tx.commit().await?;
        Ok(indicator)
    }

    pub async fn update_indicator(&self, input: UpdateIndicator) -> Result<Indicator> {
        let v = validate(input.draft)?;
        let mut tx = db::begin_write(self.pool()).await?;
        let before = get(&mut tx, input.id).await?;
        check(&mut tx, before.partnership_id, &v, Some(input.id)).await?;
        if !v.by_gender && before.values.iter().any(|x| x.women.is_some() || x.men.is_some()) {
            let message = "values have women's and men's figures";
            return Err(Error::at(ErrorCode::InUse, "byGender", message));
        }
        sqlx::query(
            "UPDATE indicators SET goal_position = ?, name = ?, unit = ?, baseline = ?, \
             baseline_date = ?, target = ?, target_date = ?, source = ?, kolada_id = ?, \
             by_gender = ? WHERE id = ?",
        )
        .bind(v.goal_position)
        .bind(&v.name)
        .bind(&v.unit)
        .bind(v.baseline)
        .bind(v.baseline_date)
        .bind(v.target)
        .bind(v.target_date)
        .bind(&v.source)
        .bind(&v.kolada_id)
        .bind(v.by_gender)
        .bind(input.id)
        .execute(&mut *tx)
        .await?;
        let indicator = get(&mut tx, input.id).await?;
        tx.commit().await?;
        Ok(indicator)
    }

    /// Deletes an indicator and its values.
    pub async fn delete_indicator(&self, input: ById<IndicatorId>) -> Result<()> {
        let mut tx = db::begin_write(self.pool()).await?;
        let deleted = sqlx::query("DELETE FROM indicators WHERE id = ?")
            .bind(input.id)
            .execute(&mut *tx)
            .await?;
        if deleted.rows_affected() == 0 {
            return Err(not_found(input.id));
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records the value measured on a date, replacing one already there.
    pub async fn set_indicator_value(&self, input: SetIndicatorValue) -> Result<Indicator> {
        let measured_on = validate::date(Some(&input.measured_on), "measuredOn")?
            .ok_or_else(|| Error::at(ErrorCode::DateRequired, "measuredOn", "no date"))?;
        let value = number(Some(input.value), "value")?.unwrap_or_default();
        let women = number(input.women, "women")?;
        let men = number(input.men, "men")?;
        let note = validate::text(input.note.trim().to_owned(), "note", INDICATOR_TEXT_MAX_CHARS)?;
        let mut tx = db::begin_write(self.pool()).await?;
        let indicator = get(&mut tx, input.indicator_id).await?;
        if !indicator.by_gender {
            for (figure, field) in [(women, "women"), (men, "men")] {
                if figure.is_some() {
                    let message = "the indicator is not split by gender";
                    return Err(Error::at(ErrorCode::NotByGender, field, message));
                }
            }
        }
        if !indicator.values.iter().any(|x| x.measured_on == measured_on) {
            let n = indicator.values.len() + 1;
            limits::count(n, "measuredOn", MAX_VALUES_PER_INDICATOR)?;
        }
        // An upsert, not INSERT OR REPLACE: the row is updated in place, so
        // its record's version moves once.
        sqlx::query(
            "INSERT INTO indicator_values (indicator_id, measured_on, value, women, men, note) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (indicator_id, measured_on) DO UPDATE SET \
             value = excluded.value, women = excluded.women, men = excluded.men, \
             note = excluded.note",
        )
        .bind(input.indicator_id)
        .bind(measured_on)
        .bind(value)
        .bind(women)
        .bind(men)
        .bind(&note)
        .execute(&mut *tx)
        .await?;
        let indicator = get(&mut tx, input.indicator_id).await?;
        tx.commit().await?;
        Ok(indicator)
    }

    /// Removes the value measured on a date (`not_found` when there is none).
    pub async fn delete_indicator_value(&self, input: DeleteIndicatorValue) -> Result<Indicator> {
        let measured_on = validate::date(Some(&input.measured_on), "measuredOn")?
            .ok_or_else(|| Error::at(ErrorCode::DateRequired, "measuredOn", "no date"))?;
        let mut tx = db::begin_write(self.pool()).await?;
        get(&mut tx, input.indicator_id).await?;
        let deleted =
            sqlx::query("DELETE FROM indicator_values WHERE indicator_id = ? AND measured_on = ?")
                .bind(input.indicator_id)
                .bind(measured_on)
                .execute(&mut *tx)
                .await?;
        if deleted.rows_affected() == 0 {
            return Err(Error::new(ErrorCode::NotFound, "no value on that date"));
        }
        let indicator = get(&mut tx, input.indicator_id).await?;
        tx.commit().await?;
        Ok(indicator)
    }
}
