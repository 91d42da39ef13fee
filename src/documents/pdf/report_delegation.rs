//! The partnership report's delegations (issue #17, point 3): attendance by
//! organisational level per meeting and in total, then each participating
//! organisation's delegation by level with the expected levels it lacks
//! written out ("Saknar: Politiker"), and how many organisations lack one.
//! The rules of who counts are in `meetings::delegation`.

use super::Words;
use super::layout::Block;
use super::{column, number_column};
use crate::documents::messages;
use crate::kernel::period::Period;
use crate::kernel::values::{OrganisationLevel, PartnershipId};
use crate::meetings::delegation::{self, LEVELS, LevelCounts};
use crate::{Result, Workspace};

/// "Politiker 3, Strateg eller nyckelperson 2, Ej angiven 1": the levels
/// with people, in a text cell (a column per level leaves a header such as
/// "nyckelperson" too narrow to print unbroken on A4), each count kept on
/// its label's line by a no-break space; "–" for none.
fn counts_text(w: Words, c: &LevelCounts) -> String {
    let named = LEVELS.iter().map(|l| (w.label("personLevel", *l), c.of(*l)));
    let parts: Vec<String> = named
        .chain(std::iter::once((w.t("pdf.levelNotStated"), c.not_stated)))
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!("{label}\u{a0}{n}"))
        .collect();
    if parts.is_empty() { "–".to_owned() } else { parts.join(", ") }
}

fn levels_text(w: Words, levels: &[OrganisationLevel]) -> String {
    levels.iter().map(|l| w.label("personLevel", *l)).collect::<Vec<_>>().join(", ")
}

/// The report's delegation blocks for the period.
pub(super) async fn delegations(
    ws: &Workspace,
    w: Words,
    id: PartnershipId,
    period: Period,
) -> Result<Vec<Block>> {
    let by_level = delegation::by_level(ws.pool(), id, None, period).await?;
    let mut blocks = vec![Block::Heading(w.t("pdf.attendanceByLevel"))];
    if by_level.meetings.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noMeetings")));
    } else {
        let columns = vec![
            column(w.t("pdf.meeting"), 3.0),
            column(w.t("pdf.byLevel"), 5.0),
            number_column(w.t("pdf.total")),
        ];
        let mut rows: Vec<Vec<String>> = by_level
            .meetings
            .iter()
            .map(|m| {
                let name = format!("{} {}", m.date, w.meeting_name(m.kind, m.number, &m.title));
                vec![name, counts_text(w, &m.attended), m.attended.total.to_string()]
            })
            .collect();
        let t = &by_level.total;
        rows.push(vec![w.t("pdf.total"), counts_text(w, t), t.total.to_string()]);
        blocks.push(Block::Muted(w.t("pdf.attendanceByLevelNote")));
        blocks.push(Block::Table { columns, rows });
    }

    let d = delegation::of_period(ws.pool(), id, period).await?;
    blocks.push(Block::Heading(w.t("pdf.delegations")));
    blocks.push(Block::Paragraph(if d.expected.levels.is_empty() {
        w.t("pdf.noExpectedLevels")
    } else {
        w.fill("pdf.expectedLevels", &[("levels", &levels_text(w, &d.expected.levels))])
    }));
    if d.organisations.is_empty() {
        blocks.push(Block::Muted(w.t("pdf.noParticipatingOrganisations")));
        return Ok(blocks);
    }
    let columns = vec![
        column(w.t("pdf.organisation"), 2.6),
        column(w.t("pdf.delegationPeople"), 4.0),
        column(w.t("pdf.delegationLacks"), 2.6),
    ];
    let rows = d
        .organisations
        .iter()
        .map(|o| {
            let lacks = if o.missing.is_empty() {
                String::new()
            } else {
                w.fill("pdf.lacks", &[("levels", &levels_text(w, &o.missing))])
            };
            vec![o.organisation_name.clone(), counts_text(w, &o.counts), lacks]
        })
        .collect();
    blocks.push(Block::Table { columns, rows });
    if !d.expected.levels.is_empty() {
        blocks.push(Block::Paragraph(if d.lacking == 0 {
            w.t("pdf.noneLacking")
        } else {
            messages::plural(w.0, "pdf.lacking", d.lacking.unsigned_abs())
        }));
    }
    Ok(blocks)
}
