//! Indicators follow their goal when a partnership's charter goals are
//! edited: an indicator names its goal by position (`indicators.goal_position`),
//! and positions change when goals are added, removed or reordered. The rule
//! is by the goal's text: an indicator moves to the new position of the goal
//! with its goal's text, and measures the partnership as a whole when that
//! text is gone (a goal reworded is another goal). `partnership`'s
//! `save_goals` calls `follow_goals` in the transaction that replaces the
//! goals, before it does.
//!
//! Uses the kernel and the store only, so that `partnership` may use it.

use crate::Result;
use crate::kernel::values::PartnershipId;
use sqlx::SqliteConnection;

/// Moves the indicators of a partnership whose goals are about to be
/// replaced by `goals` (their texts, in their new order): each follows the
/// goal with its goal's text (the one at the same position when the text is
/// there twice), or measures the partnership as a whole when that text is
/// gone. Call inside the write that replaces the goals, before it does.
pub async fn follow_goals<'g>(
    conn: &mut SqliteConnection,
    id: PartnershipId,
    goals: impl IntoIterator<Item = &'g str>,
) -> Result<()> {
    let goals: Vec<&str> = goals.into_iter().collect();
    let old: Vec<(i64, String)> = sqlx::query_as(
        "SELECT position, goal FROM partnership_goals WHERE partnership_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let used: Vec<Option<i64>> = sqlx::query_scalar(
        "SELECT DISTINCT goal_position FROM indicators WHERE partnership_id = ?",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let moves: Vec<(i64, Option<i64>)> = used
        .into_iter()
        .flatten()
        .map(|from| {
            let text = old.iter().find(|(p, _)| *p == from).map(|(_, g)| g.as_str());
            let same_place = goals.get(from as usize).filter(|g| Some(**g) == text);
            let to = match (text, same_place) {
                (_, Some(_)) => Some(from),
                (Some(text), None) => goals.iter().position(|g| *g == text).map(|p| p as i64),
                (None, None) => None,
            };
            (from, to)
        })
        .filter(|(from, to)| Some(*from) != *to)
        .collect();
    // Every move is made from the positions as they were: first aside
    // (negative positions are not allowed, so the offset is past any goal),
    // then to the new place.
    const ASIDE: i64 = 1_000_000;
    for (from, _) in &moves {
        sqlx::query(
            "UPDATE indicators SET goal_position = ? WHERE partnership_id = ? AND goal_position = ?",
        )
        .bind(from + ASIDE)
        .bind(id)
        .bind(from)
        .execute(&mut *conn)
        .await?;
    }
    for (from, to) in moves {
        sqlx::query(
            "UPDATE indicators SET goal_position = ? WHERE partnership_id = ? AND goal_position = ?",
        )
        .bind(to)
        .bind(id)
        .bind(from + ASIDE)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
