//! Statistics per activity to Excel, for a partnership and a reporting
//! period: one row per meeting of the period (date, kind, number, title, and
//! those who attended as women, men, other and not stated, with their total),
//! then a total row whose first cell says so. The figures are those of the
//! statistics page and the partnership report (`meetings::statistics`, one
//! rule); the rules of the file are those of every list (`sheet`): `;`, a
//! byte-order mark, ISO dates, formulas neutralised.

use super::export_lists::PeriodList;
use super::messages::{label, text};
use super::sheet::Sheet;
use crate::kernel::period::Period;
use crate::meetings::statistics::{self, GenderCounts};
use crate::store::settings::Language;
use crate::{Result, Workspace};

fn counts(c: &GenderCounts) -> [String; 5] {
    [c.women, c.men, c.other, c.not_stated, c.total].map(|n| n.to_string())
}

pub(super) async fn activity_statistics(
    ws: &Workspace,
    l: Language,
    list: PeriodList,
) -> Result<Vec<u8>> {
    let period = Period::check(list.from.as_deref(), list.to.as_deref())?;
    let stats = statistics::of_period(ws.pool(), list.partnership_id, None, period).await?;
    let h = |key: &str| text(l, &format!("csv.activity.{key}"));
    let mut sheet = Sheet::new(&[
        h("date"),
        h("kind"),
        h("number"),
        h("title"),
        h("women"),
        h("men"),
        h("other"),
        h("notStated"),
        h("total"),
    ])?;
    for a in &stats.activities {
        let meeting = [
            a.date.to_string(),
            label(l, "meetingKind", a.kind).to_owned(),
            a.number.map(|n| n.to_string()).unwrap_or_default(),
            a.title.clone(),
        ];
        sheet.row(meeting.into_iter().chain(counts(&a.attended)))?;
    }
    let total = [h("totalRow").to_owned(), String::new(), String::new(), String::new()];
    sheet.row(total.into_iter().chain(counts(&stats.total)))?;
    sheet.finish()
}
