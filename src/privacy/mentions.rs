//! Where a person's name or e-mail address is written in free text: meeting
//! notes, reflections, decisions, improvement actions and the like. Erasing a
//! person removes their record and every link to it, but Samlär cannot know
//! whether "Anna" in a note is that Anna; so the places are listed for the
//! coordinator to read and edit, before erasure (and in the person's export).
//!
//! `PLACES` names every column of free text a coordinator writes;
//! `tests/core/privacy.rs` fails when a TEXT column of the schema is neither
//! here nor named there as not free text, so a new column cannot be missed.
//!
//! How the places are found, and why: most free text (notes, reflections,
//! agenda, decisions, good examples, actions, follow-ups) is in the search
//! index, so the index finds the meetings whose text holds the name as a
//! phrase, and only those meetings' rows are read. A scan of every column
//! with `instr` took 3.4 s on the national dataset (debug build). The few
//! columns not indexed (partnerships' charter, goals, meetings' titles and
//! venues, pairings' notes) are scanned with `instr` per spelling of the
//! needle in the row's columns joined and lower-cased (`lower()` folds only
//! ASCII, so the lower- and upper-case spellings are both tried: `ÅSA`,
//! `åsa`).
//! Every candidate is then checked in Rust with full Unicode
//! case folding, and its excerpt taken there.

use crate::kernel::values::{MeetingId, NamedRef, PairingId, PartnershipId};
pub use crate::pages::meeting::MeetingRef;
use crate::search;
use crate::{Result, Workspace};
use serde::Serialize;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use std::collections::BTreeSet;
use ts_rs::TS;

/// A column of free text, named as the interface names the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextPlace {
    PartnershipPurpose,
    PartnershipSharedProblem,
    PartnershipDelimitation,
    PartnershipFundingSource,
    PartnershipRegion,
    PartnershipMandateNotes,
    PartnershipPowerBalanceNotes,
    PartnershipMissingPartnersNotes,
    PartnershipCarryHomeNotes,
    Goal,
    GoalEffect,
    MeetingTitle,
    MeetingVenue,
    MeetingVenueAddress,
    MeetingAccessibilityNotes,
    MeetingStudied,
    MeetingLearned,
    MeetingNotes,
    ReflectionBest,
    ReflectionLearn,
    ReflectionDevelop,
    AgendaTitle,
    AgendaNotes,
    Decision,
    GoodExampleTitle,
    GoodExampleDescription,
    GoodExampleTags,
    Action,
    FollowUpNote,
    PairingNotes,
    PairingEndReason,
    /// Why a meeting's approved minutes were unlocked.
    UnlockReason,
    /// The name an attached file had on the computer it came from.
    AttachmentName,
    GroupName,
    GroupPurpose,
    /// Where an indicator's figures come from.
    IndicatorSource,
    /// A note on one measured value of an indicator.
    IndicatorValueNote,
}

/// One place where the name or address is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Mention {
    pub place: TextPlace,
    pub partnership: NamedRef<PartnershipId>,
    pub meeting: Option<MeetingRef>,
    pub pairing_id: Option<PairingId>,
    /// The words around the first occurrence, at most `EXCERPT_CHARS` on each side.
    pub excerpt: String,
}

/// How many characters of context an excerpt keeps on each side of the match.
const EXCERPT_CHARS: usize = 40;

/// A table with free text, how to reach its partnership (and meeting or
/// pairing), and its columns of free text.
struct Source {
    /// `FROM …` with the aliases `p` (partnership) and, where there is one,
    /// `m` (meeting) and `q` (pairing).
    from: &'static str,
    has_meeting: bool,
    has_pairing: bool,
    /// Every column is in the search index under the meeting `m`: only the
    /// meetings the index finds are read.
    indexed: bool,
    columns: &'static [(&'static str, TextPlace)],
}

/// Every column of free text, by table. The table and column names are the
/// schema's (`"table.column"` is what the schema test compares).
const PLACES: &[Source] = &[
    Source {
        from: "partnerships p",
        has_meeting: false,
        has_pairing: false,
        indexed: false,
        columns: &[
            ("p.purpose", TextPlace::PartnershipPurpose),
            ("p.shared_problem", TextPlace::PartnershipSharedProblem),
            ("p.delimitation", TextPlace::PartnershipDelimitation),
            ("p.funding_source", TextPlace::PartnershipFundingSource),
            ("p.region", TextPlace::PartnershipRegion),
            ("p.mandate_notes", TextPlace::PartnershipMandateNotes),
            ("p.power_balance_notes", TextPlace::PartnershipPowerBalanceNotes),
            ("p.missing_partners_notes", TextPlace::PartnershipMissingPartnersNotes),
            ("p.carry_home_notes", TextPlace::PartnershipCarryHomeNotes),
        ],
    },
    Source {
        from: "partnership_goals g JOIN partnerships p ON p.id = g.partnership_id",
        has_meeting: false,
        has_pairing: false,
        indexed: false,
        columns: &[("g.goal", TextPlace::Goal), ("g.expected_effect", TextPlace::GoalEffect)],
    },
    Source {
        from: "indicators i JOIN partnerships p ON p.id = i.partnership_id",
        has_meeting: false,
        has_pairing: false,
        indexed: false,
        columns: &[("i.source", TextPlace::IndicatorSource)],
    },
    Source {
        from: "indicator_values v JOIN indicators i ON i.id = v.indicator_id \
               JOIN partnerships p ON p.id = i.partnership_id",
        has_meeting: false,
        has_pairing: false,
        indexed: false,
        columns: &[("v.note", TextPlace::IndicatorValueNote)],
    },
    Source {
        from: "meetings m JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: false,
        columns: &[
            ("m.title", TextPlace::MeetingTitle),
            ("m.venue_name", TextPlace::MeetingVenue),
            ("m.venue_address", TextPlace::MeetingVenueAddress),
            ("m.accessibility_notes", TextPlace::MeetingAccessibilityNotes),
        ],
    },
    Source {
        from: "meetings m JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: true,
        columns: &[
            ("m.studied", TextPlace::MeetingStudied),
            ("m.learned", TextPlace::MeetingLearned),
            ("m.notes", TextPlace::MeetingNotes),
            ("m.reflection_best", TextPlace::ReflectionBest),
            ("m.reflection_learn", TextPlace::ReflectionLearn),
            ("m.reflection_develop", TextPlace::ReflectionDevelop),
        ],
    },
    Source {
        from: "agenda_items a JOIN meetings m ON m.id = a.meeting_id \
               JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: true,
        columns: &[("a.title", TextPlace::AgendaTitle), ("a.notes", TextPlace::AgendaNotes)],
    },
    Source {
        from: "decisions d JOIN meetings m ON m.id = d.meeting_id \
               JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: true,
        columns: &[("d.text", TextPlace::Decision)],
    },
    Source {
        from: "good_examples e JOIN meetings m ON m.id = e.meeting_id \
               JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: true,
        columns: &[
            ("e.title", TextPlace::GoodExampleTitle),
            ("e.description", TextPlace::GoodExampleDescription),
            ("e.tags", TextPlace::GoodExampleTags),
        ],
    },
    Source {
        from: "actions x JOIN meetings m ON m.id = x.meeting_id \
               JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: true,
        columns: &[("x.description", TextPlace::Action)],
    },
    Source {
        from: "action_followups f JOIN meetings m ON m.id = f.meeting_id \
               JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: true,
        columns: &[("f.note", TextPlace::FollowUpNote)],
    },
    Source {
        from: "meeting_approvals j JOIN meetings m ON m.id = j.meeting_id \
               JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: false,
        columns: &[("j.reason", TextPlace::UnlockReason)],
    },
    Source {
        from: "group_reflections r JOIN meetings m ON m.id = r.meeting_id \
               JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: true,
        columns: &[
            ("r.reflection_best", TextPlace::ReflectionBest),
            ("r.reflection_learn", TextPlace::ReflectionLearn),
            ("r.reflection_develop", TextPlace::ReflectionDevelop),
        ],
    },
    Source {
        from: "attachments b JOIN meetings m ON m.id = b.meeting_id \
               JOIN partnerships p ON p.id = m.partnership_id",
        has_meeting: true,
        has_pairing: false,
        indexed: false,
        columns: &[("b.file_name", TextPlace::AttachmentName)],
    },
    Source {
        from: "partnership_groups g JOIN partnerships p ON p.id = g.partnership_id",
        has_meeting: false,
        has_pairing: false,
        indexed: false,
        columns: &[("g.name", TextPlace::GroupName), ("g.purpose", TextPlace::GroupPurpose)],
    },
    Source {
        from: "pairings q JOIN partnerships p ON p.id = q.partnership_id",
        has_meeting: false,
        has_pairing: true,
        indexed: false,
        columns: &[
            ("q.notes", TextPlace::PairingNotes),
            ("q.end_reason", TextPlace::PairingEndReason),
        ],
    },
];

/// Every `table.column` of free text that is searched, for the schema test.
pub fn searched_columns() -> Vec<String> {
    PLACES
        .iter()
        .flat_map(|s| {
            let table = s.from.split(' ').next().unwrap_or_default();
            s.columns.iter().map(move |(column, _)| {
                let name = column.split_once('.').map_or(*column, |(_, c)| c);
                format!("{table}.{name}")
            })
        })
        .collect()
}

/// Where one of `needles` (a name, an address) occurs, case-insensitively,
/// in the free text, in the order of `PLACES` and then of the rows.
pub async fn find(conn: &mut SqliteConnection, needles: &[&str]) -> Result<Vec<Mention>> {
    let needles: Vec<&str> = needles.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).collect();
    // compared with SQLite's lower(), which folds ASCII only: ÅSA and åsa are two
    let spellings: BTreeSet<String> = needles
        .iter()
        .flat_map(|n| [n.to_lowercase(), n.to_uppercase().to_ascii_lowercase()])
        .collect();
    let mut meetings = BTreeSet::new();
    for needle in &needles {
        meetings.extend(search::meetings_with_phrase(conn, needle).await?);
    }
    let meetings = format!(
        "[{}]",
        meetings.iter().map(|m: &MeetingId| m.0.to_string()).collect::<Vec<_>>().join(",")
    );
    let mut found = Vec::new();
    for source in PLACES {
        if spellings.is_empty() || (source.indexed && meetings == "[]") {
            continue;
        }
        let mut query = sqlx::query(sqlx::AssertSqlSafe(select(source, spellings.len())));
        if source.indexed {
            query = query.bind(&meetings);
        } else {
            for s in &spellings {
                query = query.bind(s);
            }
        }
        for row in query.fetch_all(&mut *conn).await? {
            for (i, (_, place)) in source.columns.iter().enumerate() {
                let text: String = row.try_get(8 + i)?;
                if let Some(excerpt) = needles.iter().find_map(|n| excerpt(&text, n)) {
                    found.push(mention(&row, *place, excerpt)?);
                }
            }
        }
    }
    Ok(found)
}

fn mention(row: &SqliteRow, place: TextPlace, excerpt: String) -> Result<Mention> {
    let meeting = match row.try_get::<Option<MeetingId>, _>(2)? {
        Some(id) => Some(MeetingRef {
            id,
            kind: row.try_get(3)?,
            number: row.try_get(4)?,
            title: row.try_get(5)?,
            date: row.try_get(6)?,
        }),
        None => None,
    };
    Ok(Mention {
        place,
        partnership: NamedRef { id: row.try_get(0)?, name: row.try_get(1)? },
        meeting,
        pairing_id: row.try_get(7)?,
        excerpt,
    })
}

/// The query for one source: the owners, then the columns; for an indexed
/// source the rows of the meetings in `?1` (a JSON array), else the rows
/// where some column holds some spelling.
fn select(source: &Source, spellings: usize) -> String {
    let meeting = if source.has_meeting {
        "m.id, m.kind, m.number, m.title, m.date"
    } else {
        "NULL, NULL, NULL, NULL, NULL"
    };
    let pairing = if source.has_pairing { "q.id" } else { "NULL" };
    let columns: Vec<&str> = source.columns.iter().map(|(c, _)| *c).collect();
    let order = if source.has_meeting { "m.date, m.id" } else { "p.id" };
    let owners = format!("p.id, p.name, {meeting}, {pairing}, {}", columns.join(", "));
    if source.indexed {
        return format!(
            "SELECT {owners} FROM {} WHERE m.id IN (SELECT value FROM json_each(?1)) \
             ORDER BY p.name_key, {order}",
            source.from
        );
    }
    // The row's columns as one lower-cased text, made once per row (a
    // subquery with LIMIT is not flattened into the outer query, which would
    // make it again for every spelling): a scan of the meetings' titles and
    // venues took 36 ms with instr(lower(…)) per column and spelling, 24 ms so
    // (national dataset).
    let joined: Vec<String> = columns.iter().map(|c| format!("coalesce({c}, '')")).collect();
    let tests: Vec<String> = (1..=spellings).map(|i| format!("instr(hay, ?{i}) > 0")).collect();
    let outer: Vec<String> = (0..8 + columns.len()).map(|i| format!("c{i}")).collect();
    let inner: Vec<String> =
        owners.split(", ").enumerate().map(|(i, c)| format!("{c} AS c{i}")).collect();
    format!(
        "SELECT {} FROM (SELECT {}, lower({}) AS hay, p.name_key AS k0, {} FROM {} LIMIT -1) \
         WHERE {} ORDER BY k0, {}",
        outer.join(", "),
        inner.join(", "),
        joined.join(" || char(31) || "),
        if source.has_meeting { "m.date AS m_date, m.id AS m_id" } else { "p.id AS p_id" },
        source.from,
        tests.join(" OR "),
        if source.has_meeting { "m_date, m_id" } else { "p_id" },
    )
}

/// The words around the first case-insensitive occurrence of `needle` in
/// `text`, or `None` when there is none.
pub fn excerpt(text: &str, needle: &str) -> Option<String> {
    let (start, end) = find_folded(text, needle)?;
    let before: String = {
        let mut chars: Vec<char> = text[..start].chars().rev().take(EXCERPT_CHARS).collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    let after: String = text[end..].chars().take(EXCERPT_CHARS).collect();
    let lead = if before.len() < start { "…" } else { "" };
    let tail = if end + after.len() < text.len() { "…" } else { "" };
    let joined = format!("{lead}{before}{}{after}{tail}", &text[start..end]);
    Some(joined.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The byte range in `text` of the first occurrence of `needle`, compared
/// with Unicode lower case, char by char (so the range is on char boundaries
/// of the original text even where lower-casing changes a char's length).
fn find_folded(text: &str, needle: &str) -> Option<(usize, usize)> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return None;
    }
    // each lower-cased char with the byte offset of the original char it came from
    let folded: Vec<(char, usize)> =
        text.char_indices().flat_map(|(i, c)| c.to_lowercase().map(move |l| (l, i))).collect();
    let at = folded
        .windows(needle.len())
        .position(|w| w.iter().map(|(c, _)| *c).eq(needle.iter().copied()))?;
    let start = folded[at].1;
    let last = folded[at + needle.len() - 1].1;
    let end = last + text[last..].chars().next().map_or(0, char::len_utf8);
    Some((start, end))
}

impl Workspace {
    /// Where a name or address is written in free text (for the erasure
    /// dialog and the person's export).
    pub async fn mentions_of(&self, needles: &[&str]) -> Result<Vec<Mention>> {
        find(&mut *self.pool().acquire().await?, needles).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_keeps_the_original_case_and_trims_long_text() {
        let text = format!("{} sade ÅSA ÖBERG att det går bra {}", "a".repeat(60), "b".repeat(60));
        let e = excerpt(&text, "Åsa Öberg").unwrap();
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.contains("sade ÅSA ÖBERG att"), "{e}");
        assert_eq!(excerpt("Inget namn här", "Åsa Öberg"), None);
    }

    #[test]
    fn folding_that_changes_length_keeps_char_boundaries() {
        // 'İ' lower-cases to two chars
        let text = "İstanbul och Åsa";
        let at = text.find("Åsa").unwrap();
        assert_eq!(find_folded(text, "åsa"), Some((at, text.len())));
        assert_eq!(excerpt("İİ Åsa", "åsa").as_deref(), Some("İİ Åsa"));
    }
}
