//! The benchmark suite: times every read command the interface calls for
//! lists, detail pages and statistics, full-text search, the autosave of a
//! meeting, CSV import, the partnership report PDF, and measures the size of
//! the database — on a copy of a data file, never the file itself.
//!
//! Each command is called as the IPC layer calls it: the core function, then
//! `serde_json::to_vec` of its reply (the reply crosses IPC as JSON). Three
//! warm-up calls, then `runs` timed calls; the table gives the median and the
//! 95th percentile (nearest rank) and the size of the JSON reply.

use crate::generate::{self, BoxError};
use base64::Engine;
use samlar::Workspace;
use samlar::documents::import::{ImportKind, ImportRequest};
use samlar::documents::pdf::{PdfDocument, PdfRequest};
use samlar::meetings::meeting::{MeetingDraft, MeetingId, ProposeCycle, UpdateMeeting};
use samlar::meetings::statistics::StatisticsScope;
use samlar::pairings::pairing::{MentorSuggestionQuery, PairingId};
use samlar::registry::organisation::{OrganisationId, OrganisationQuery};
use samlar::registry::partnership::{
    PartnershipId, PartnershipQuery, PartnershipSort, PartnershipStatus,
};
use samlar::registry::person::{PersonId, PersonQuery};
use samlar::search::SearchQuery;
use serde::Serialize;
use sqlx::SqlitePool;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every command the table has a row for; the smoke test checks them all.
pub const COMMANDS: &[&str] = &[
    "list_partnerships",
    "get_partnership",
    "list_organisations",
    "get_organisation",
    "organisation_memberships",
    "organisation_dependents",
    "organisation_actions",
    "organisation_lineage",
    "list_people",
    "get_person",
    "list_meetings",
    "get_meeting",
    "get_statistics",
    "round_pairings",
    "get_pairing",
    "mentor_suggestions",
    "propose_cycle",
    "get_settings",
    "search",
    "update_meeting",
    "apply_import",
    "preview_import",
    "export_pdf",
    "database size",
];

pub const COMMAND_P95_MS: f64 = 50.0;
pub const SEARCH_P95_MS: f64 = 15.0;
pub const IMPORT_MS: f64 = 1000.0;
pub const PDF_MS: f64 = 500.0;
pub const PDF_KB: f64 = 300.0;

#[derive(Debug, Clone)]
pub struct Options {
    pub warmups: usize,
    pub runs: usize,
    pub import_rows: usize,
    pub import_runs: usize,
    pub pdf_runs: usize,
    /// Print each row as it is measured.
    pub progress: bool,
    /// Only the rows whose command and subject contain this text.
    pub only: Option<String>,
}

impl Options {
    pub fn full() -> Self {
        Options {
            warmups: 3,
            runs: 50,
            import_rows: 10_000,
            import_runs: 5,
            pdf_runs: 10,
            progress: true,
            only: None,
        }
    }

    pub fn quick() -> Self {
        Options { runs: 3, import_runs: 1, pdf_runs: 1, ..Options::full() }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The 95th percentile under this many milliseconds.
    P95(f64),
    /// The median under this many milliseconds.
    Median(f64),
    /// The median under this many milliseconds and the file under this many KB.
    File(f64, f64),
    /// A figure to record, no target.
    None,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub command: String,
    /// What it was called with, e.g. "the biggest partnership".
    pub subject: String,
    /// None when it could not be measured.
    pub median_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    /// The JSON reply, or the file for a PDF or the database.
    pub kb: Option<f64>,
    pub target: Target,
    pub note: String,
}

impl Row {
    pub fn met(&self) -> Option<bool> {
        match self.target {
            Target::P95(ms) => self.p95_ms.map(|p| p < ms),
            Target::Median(ms) => self.median_ms.map(|m| m < ms),
            Target::File(ms, kb) => {
                Some(self.median_ms? < ms && self.kb.is_some_and(|size| size < kb))
            }
            Target::None => None,
        }
    }

    fn target_text(&self) -> String {
        match self.target {
            Target::P95(ms) => format!("p95 < {ms:.0} ms"),
            Target::Median(ms) => format!("median < {ms:.0} ms"),
            Target::File(ms, kb) => format!("< {ms:.0} ms, < {kb:.0} KB"),
            Target::None => "—".to_owned(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub data: PathBuf,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

fn ms(x: Option<f64>) -> String {
    match x {
        Some(x) if x < 10.0 => format!("{x:.2}"),
        Some(x) => format!("{x:.1}"),
        None => "—".to_owned(),
    }
}

impl Report {
    /// The table in markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| command | median ms | p95 ms | JSON KB | target | met |\n\
             | --- | ---: | ---: | ---: | --- | --- |\n",
        );
        for r in &self.rows {
            let command = if r.subject.is_empty() {
                r.command.clone()
            } else {
                format!("{} ({})", r.command, r.subject)
            };
            let met = match r.met() {
                Some(true) => "yes".to_owned(),
                Some(false) => "MISSED".to_owned(),
                None if r.note.is_empty() => "—".to_owned(),
                None => r.note.clone(),
            };
            let kb = r.kb.map_or("—".to_owned(), |kb| format!("{kb:.1}"));
            out.push_str(&format!(
                "| {command} | {} | {} | {kb} | {} | {met} |\n",
                ms(r.median_ms),
                ms(r.p95_ms),
                r.target_text()
            ));
        }
        for note in &self.notes {
            out.push_str(&format!("\n{note}"));
        }
        out.push('\n');
        out
    }

    pub fn missed(&self) -> Vec<&Row> {
        self.rows.iter().filter(|r| r.met() == Some(false)).collect()
    }
}

/// The median and the 95th percentile (nearest rank), in milliseconds.
pub fn percentiles(times: &[Duration]) -> (f64, f64) {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let rank = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    (rank(0.5), rank(0.95))
}

struct Bench<'a> {
    opts: &'a Options,
    rows: Vec<Row>,
}

impl Bench<'_> {
    fn wanted(&self, command: &str, subject: &str) -> bool {
        self.opts.only.as_ref().is_none_or(|o| format!("{command} {subject}").contains(o.as_str()))
    }

    fn push(&mut self, row: Row) {
        if self.opts.progress {
            let met = match row.met() {
                Some(true) => "",
                Some(false) => "  MISSED",
                None => "",
            };
            eprintln!(
                "  {:<58} {:>9} {:>9} ms {:>9} KB{met}",
                format!("{} {}", row.command, row.subject).chars().take(58).collect::<String>(),
                ms(row.median_ms),
                ms(row.p95_ms),
                row.kb.map_or("—".to_owned(), |kb| format!("{kb:.1}")),
            );
        }
        self.rows.push(row);
    }

    /// Times a command: the call and the JSON of its reply, as IPC does.
    async fn time<T, F, Fut>(
        &mut self,
        command: &str,
        subject: &str,
        target: Target,
        mut call: F,
    ) -> Result<(), BoxError>
    where
        T: Serialize,
        F: FnMut() -> Fut,
        Fut: Future<Output = samlar::Result<T>>,
    {
        if !self.wanted(command, subject) {
            return Ok(());
        }
        let mut size = 0;
        for _ in 0..self.opts.warmups {
            size = serde_json::to_vec(&call().await?)?.len();
        }
        let mut times = Vec::with_capacity(self.opts.runs);
        for _ in 0..self.opts.runs.max(1) {
            let started = Instant::now();
            let reply = call().await?;
            let json = serde_json::to_vec(&reply)?;
            times.push(started.elapsed());
            size = json.len();
        }
        let (median, p95) = percentiles(&times);
        self.push(Row {
            command: command.to_owned(),
            subject: subject.to_owned(),
            median_ms: Some(median),
            p95_ms: Some(p95),
            kb: Some(size as f64 / 1024.0),
            target,
            note: String::new(),
        });
        Ok(())
    }
}

// ------------------------------------------------------------ subjects

/// What each command is called with: the heaviest case of its kind.
#[derive(Debug, Clone, Default)]
pub struct Subjects {
    pub biggest_partnership: i64,
    pub busiest_partnership: i64,
    pub busiest_organisation: i64,
    pub most_actions_organisation: i64,
    pub lineage_organisation: i64,
    pub lineage_depth: usize,
    pub person: i64,
    pub most_attended_meeting: i64,
    pub most_followed_meeting: i64,
    pub follow_ups: usize,
    pub round: i64,
    pub active_round: i64,
    pub active_round_participant: Option<i64>,
    pub pairing: i64,
    pub autosave_meeting: i64,
}

async fn scalar(pool: &SqlitePool, sql: &'static str) -> Result<i64, BoxError> {
    let v: Option<i64> = sqlx::query_scalar(sql).fetch_optional(pool).await?;
    Ok(v.unwrap_or(0))
}

fn depth(steps: &[samlar::pairings::pairing::LineageStep]) -> usize {
    steps.iter().map(|s| 1 + depth(&s.next)).max().unwrap_or(0)
}

pub async fn subjects(ws: &Workspace) -> Result<Subjects, BoxError> {
    let pool = ws.pool();
    let mut s = Subjects {
        biggest_partnership: scalar(
            pool,
            "SELECT m.partnership_id FROM memberships m JOIN people p \
             ON p.organisation_id = m.organisation_id GROUP BY m.partnership_id \
             ORDER BY count(DISTINCT p.id) DESC, m.partnership_id LIMIT 1",
        )
        .await?,
        busiest_partnership: scalar(
            pool,
            "SELECT partnership_id FROM meetings GROUP BY partnership_id \
             ORDER BY count(*) DESC, partnership_id LIMIT 1",
        )
        .await?,
        busiest_organisation: scalar(
            pool,
            "SELECT organisation_id FROM memberships GROUP BY organisation_id \
             ORDER BY count(*) DESC, organisation_id LIMIT 1",
        )
        .await?,
        most_actions_organisation: scalar(
            pool,
            "SELECT organisation_id FROM actions WHERE organisation_id IS NOT NULL \
             GROUP BY organisation_id ORDER BY count(*) DESC, organisation_id LIMIT 1",
        )
        .await?,
        person: scalar(
            pool,
            "SELECT person_id FROM attendance GROUP BY person_id \
             ORDER BY count(*) DESC, person_id LIMIT 1",
        )
        .await?,
        most_attended_meeting: scalar(
            pool,
            "SELECT meeting_id FROM attendance GROUP BY meeting_id \
             ORDER BY count(*) DESC, meeting_id LIMIT 1",
        )
        .await?,
        round: scalar(
            pool,
            "SELECT partnership_id FROM pairings GROUP BY partnership_id \
             ORDER BY count(*) DESC, partnership_id LIMIT 1",
        )
        .await?,
        active_round: scalar(
            pool,
            "SELECT id FROM partnerships WHERE kind = 'model_municipality_round' \
             ORDER BY start_date DESC, id DESC LIMIT 1",
        )
        .await?,
        pairing: scalar(
            pool,
            "SELECT pairing_id FROM meetings WHERE pairing_id IS NOT NULL \
             GROUP BY pairing_id ORDER BY count(*) DESC, pairing_id LIMIT 1",
        )
        .await?,
        ..Subjects::default()
    };
    s.active_round_participant = sqlx::query_scalar(
        "SELECT organisation_id FROM memberships WHERE partnership_id = ? \
         AND role = 'participant' ORDER BY id LIMIT 1",
    )
    .bind(s.active_round)
    .fetch_optional(pool)
    .await?;
    // The meeting page with the longest follow-up list: among the meetings
    // where most follow-ups were recorded and the latest held meetings of
    // the partnerships with most actions.
    let candidates: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM (SELECT meeting_id AS id FROM action_followups GROUP BY meeting_id \
           ORDER BY count(*) DESC, meeting_id LIMIT 5) \
         UNION SELECT (SELECT m.id FROM meetings m WHERE m.partnership_id = a.partnership_id \
           AND m.date <= '2026-06-15' ORDER BY m.date DESC, m.id DESC LIMIT 1) \
           FROM (SELECT partnership_id FROM actions GROUP BY partnership_id \
                 ORDER BY count(*) DESC LIMIT 3) a",
    )
    .fetch_all(pool)
    .await?;
    for id in candidates {
        let detail = ws.meeting(MeetingId { id }).await?;
        if detail.follow_ups.len() >= s.follow_ups || s.most_followed_meeting == 0 {
            s.follow_ups = detail.follow_ups.len();
            s.most_followed_meeting = id;
        }
    }
    // The autosave: the richest record of the busiest partnership.
    s.autosave_meeting = sqlx::query_scalar(
        "SELECT id FROM meetings WHERE partnership_id = ? \
         ORDER BY length(notes) + length(reflection_best) DESC, id LIMIT 1",
    )
    .bind(s.busiest_partnership)
    .fetch_optional(pool)
    .await?
    .unwrap_or(s.most_attended_meeting);
    // The longest lineage, up and down, among organisations with pairings.
    let in_pairings: Vec<i64> = sqlx::query_scalar(
        "SELECT mentor_organisation_id FROM pairings \
         UNION SELECT organisation_id FROM pairing_participants ORDER BY 1",
    )
    .fetch_all(pool)
    .await?;
    s.lineage_organisation = s.busiest_organisation;
    for id in in_pairings {
        let lineage = ws.lineage(OrganisationId { id }).await?;
        let d = depth(&lineage.mentored_by) + depth(&lineage.mentored);
        if d > s.lineage_depth {
            s.lineage_depth = d;
            s.lineage_organisation = id;
        }
    }
    Ok(s)
}

// ------------------------------------------------------------ the suite

fn draft_of(detail: &samlar::pages::meeting::MeetingDetail) -> MeetingDraft {
    let m = &detail.meeting;
    MeetingDraft {
        kind: m.kind,
        number: m.number,
        title: m.title.clone(),
        date: m.date.to_string(),
        start_time: m.start_time.clone().unwrap_or_default(),
        end_time: m.end_time.clone().unwrap_or_default(),
        venue_name: m.venue_name.clone(),
        venue_address: m.venue_address.clone(),
        step_free_entrance: m.step_free_entrance,
        no_thresholds: m.no_thresholds,
        lift: m.lift,
        accessible_toilet: m.accessible_toilet,
        hearing_loop: m.hearing_loop,
        accessible_seating: m.accessible_seating,
        accessibility_notes: m.accessibility_notes.clone(),
        host_organisation_id: m.host_organisation_id,
        visitor_ids: detail.visitors.iter().map(|v| v.id).collect(),
        studied: m.studied.clone(),
        learned: m.learned.clone(),
        notes: m.notes.clone(),
        reflection_best: m.reflection_best.clone(),
        reflection_learn: m.reflection_learn.clone(),
        reflection_develop: m.reflection_develop.clone(),
        extra_women: m.extra_women,
        extra_men: m.extra_men,
        extra_other: m.extra_other,
        extra_not_stated: m.extra_not_stated,
        pairing_id: m.pairing_id,
    }
}

/// Typical searches: a common word, a prefix, two and three words, a rare
/// word, and one within a partnership.
pub const SEARCHES: &[&str] =
    &["jämställdhet", "förbätt", "uppföljning nämnd", "välfärd medborgare kvinnor", "hörslinga"];

async fn commands(b: &mut Bench<'_>, ws: &Workspace, s: &Subjects) -> Result<(), BoxError> {
    let p95 = Target::P95(COMMAND_P95_MS);
    let active = PartnershipQuery {
        status: PartnershipStatus::Active,
        sort: PartnershipSort::Newest,
        ..PartnershipQuery::all()
    };
    b.time("list_partnerships", "active, newest first", p95.clone(), || {
        ws.partnerships(active.clone())
    })
    .await?;
    let searched = PartnershipQuery { search: "nätverk".into(), ..active.clone() };
    b.time("list_partnerships", "search \"nätverk\"", p95.clone(), || {
        ws.partnerships(searched.clone())
    })
    .await?;
    let by_name = PartnershipQuery { sort: PartnershipSort::Name, ..PartnershipQuery::all() };
    b.time("list_partnerships", "all, by name", p95.clone(), || ws.partnerships(by_name.clone()))
        .await?;
    let id = PartnershipId { id: s.biggest_partnership };
    b.time("get_partnership", "most people", p95.clone(), || ws.partnership(id)).await?;

    let orgs = OrganisationQuery::all();
    b.time("list_organisations", "all", p95.clone(), || ws.organisations(orgs.clone())).await?;
    let orgs_search = OrganisationQuery { search: "berg".into(), ..OrganisationQuery::all() };
    b.time("list_organisations", "search \"berg\"", p95.clone(), || {
        ws.organisations(orgs_search.clone())
    })
    .await?;
    let org = OrganisationId { id: s.busiest_organisation };
    b.time("get_organisation", "most memberships", p95.clone(), || ws.organisation(org)).await?;
    b.time("organisation_memberships", "most memberships", p95.clone(), || {
        ws.organisation_memberships(org)
    })
    .await?;
    b.time("organisation_dependents", "most memberships", p95.clone(), || {
        ws.organisation_dependents(org)
    })
    .await?;
    let acting = OrganisationId { id: s.most_actions_organisation };
    b.time("organisation_actions", "most actions", p95.clone(), || ws.organisation_actions(acting))
        .await?;
    let lineage = OrganisationId { id: s.lineage_organisation };
    let subject = format!("longest lineage, {} steps", s.lineage_depth);
    b.time("organisation_lineage", &subject, p95.clone(), || ws.lineage(lineage)).await?;

    let people = PersonQuery::all();
    b.time("list_people", "all", p95.clone(), || ws.people(people.clone())).await?;
    let people_search = PersonQuery { search: "anna".into(), ..PersonQuery::all() };
    b.time("list_people", "search \"anna\"", p95.clone(), || ws.people(people_search.clone()))
        .await?;
    let of_org = PersonQuery { organisation_id: Some(org.id), ..PersonQuery::all() };
    b.time("list_people", "one organisation", p95.clone(), || ws.people(of_org.clone())).await?;
    let person = PersonId { id: s.person };
    b.time("get_person", "most attendance", p95.clone(), || ws.person(person)).await?;

    let busiest = PartnershipId { id: s.busiest_partnership };
    b.time("list_meetings", "most meetings", p95.clone(), || ws.meetings(busiest)).await?;
    let attended = MeetingId { id: s.most_attended_meeting };
    b.time("get_meeting", "most attendance", p95.clone(), || ws.meeting(attended)).await?;
    let followed = MeetingId { id: s.most_followed_meeting };
    let subject = format!("most follow-ups, {}", s.follow_ups);
    b.time("get_meeting", &subject, p95.clone(), || ws.meeting(followed)).await?;
    let scope = StatisticsScope { partnership_id: s.busiest_partnership, meeting_id: None };
    b.time("get_statistics", "most meetings", p95.clone(), || ws.statistics(scope)).await?;
    let partnership_of_meeting: i64 =
        sqlx::query_scalar("SELECT partnership_id FROM meetings WHERE id = ?")
            .bind(s.most_attended_meeting)
            .fetch_one(ws.pool())
            .await?;
    let one = StatisticsScope {
        partnership_id: partnership_of_meeting,
        meeting_id: Some(s.most_attended_meeting),
    };
    b.time("get_statistics", "one meeting", p95.clone(), || ws.statistics(one)).await?;

    let round = PartnershipId { id: s.round };
    b.time("round_pairings", "most pairings", p95.clone(), || ws.round_pairings(round)).await?;
    let pairing = PairingId { id: s.pairing };
    b.time("get_pairing", "most sessions", p95.clone(), || ws.pairing(pairing)).await?;
    let suggest = MentorSuggestionQuery {
        partnership_id: s.active_round,
        participant_ids: s.active_round_participant.into_iter().collect(),
    };
    b.time("mentor_suggestions", "latest round", p95.clone(), || {
        ws.mentor_suggestions(suggest.clone())
    })
    .await?;
    let cycle =
        ProposeCycle { partnership_id: s.active_round, start_date: generate::today().to_string() };
    b.time("propose_cycle", "", p95.clone(), || ws.propose_cycle(cycle.clone())).await?;
    b.time("get_settings", "", p95.clone(), || ws.settings()).await?;

    for text in SEARCHES {
        let q = SearchQuery { text: (*text).into(), partnership_id: None };
        b.time("search", &format!("\"{text}\""), Target::P95(SEARCH_P95_MS), || {
            ws.search(q.clone())
        })
        .await?;
    }
    let q =
        SearchQuery { text: "jämställdhet".into(), partnership_id: Some(s.busiest_partnership) };
    b.time("search", "\"jämställdhet\" in one partnership", Target::P95(SEARCH_P95_MS), || {
        ws.search(q.clone())
    })
    .await?;

    // The autosave: each call changes the notes, as typing does.
    let detail = ws.meeting(MeetingId { id: s.autosave_meeting }).await?;
    let draft = draft_of(&detail);
    let mut typed = 0usize;
    b.time("update_meeting", "autosave of the richest record", p95, || {
        typed += 1;
        let mut d = draft.clone();
        d.notes.push_str(&" ord".repeat(typed % 7 + 1));
        ws.update_meeting(UpdateMeeting { id: s.autosave_meeting, draft: d })
    })
    .await?;
    Ok(())
}

// ------------------------------------------------------------ import

fn request(kind: ImportKind, csv: &str) -> ImportRequest {
    let content_base64 = base64::engine::general_purpose::STANDARD.encode(csv);
    ImportRequest { kind, partnership_id: None, content_base64 }
}

/// The files of benches/import.rs: organisations, and people in them.
pub fn organisations_csv(rows: usize) -> String {
    let mut csv = String::from("Namn;Typ;Län;Antal anställda\n");
    for i in 0..rows {
        csv.push_str(&format!("Förening nummer {i};Förening;Län {};{}\n", i % 21, i * 3));
    }
    csv
}

pub fn people_csv(rows: usize) -> String {
    let mut csv = String::from("Namn;Organisation;Titel;Nivå;E-post;Kön;Mandat;Kompetenser\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Person Exempel {i};Förening nummer {};Strateg;Strateg;person{i}@example.com;{};Ja;\
             Jämställdhet, Kvalitetsutveckling\n",
            i % rows,
            if i % 2 == 0 { "Kvinna" } else { "Man" }
        ));
    }
    csv
}

async fn import(b: &mut Bench<'_>, dir: &Path) -> Result<(), BoxError> {
    let rows = b.opts.import_rows;
    let (orgs, people) = (organisations_csv(rows), people_csv(rows));
    for (command, kind, apply) in [
        ("apply_import", ImportKind::Organisations, true),
        ("preview_import", ImportKind::People, false),
        ("apply_import", ImportKind::People, true),
    ] {
        let who = if kind == ImportKind::People { "people" } else { "organisations" };
        if !b.wanted(command, who) {
            continue;
        }
        let mut times = Vec::new();
        let mut size = 0;
        for run in 0..b.opts.import_runs.max(1) {
            let path = dir.join(format!("import-{command}-{kind:?}-{run}.sqlite3"));
            let ws = Workspace::open(&path, generate::clock()).await?;
            if kind == ImportKind::People {
                ws.apply_import(request(ImportKind::Organisations, &orgs)).await?;
            }
            let csv = if kind == ImportKind::People { &people } else { &orgs };
            let req = request(kind, csv);
            let started = Instant::now();
            size = if apply {
                serde_json::to_vec(&ws.apply_import(req).await?)?.len()
            } else {
                serde_json::to_vec(&ws.preview_import(req).await?)?.len()
            };
            times.push(started.elapsed());
            ws.close().await;
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        if b.opts.progress {
            let each: Vec<String> =
                times.iter().map(|t| format!("{:.0}", t.as_secs_f64() * 1e3)).collect();
            eprintln!("  {command} {who}: {} ms", each.join(", "));
        }
        let (median, p95) = percentiles(&times);
        b.push(Row {
            command: command.to_owned(),
            subject: format!("{rows} {who}, fresh file, {} runs", times.len()),
            median_ms: Some(median),
            p95_ms: Some(p95),
            kb: Some(size as f64 / 1024.0),
            target: Target::Median(IMPORT_MS),
            note: String::new(),
        });
    }
    Ok(())
}

// ------------------------------------------------------------ PDF

/// Pages of a PDF: `pdfinfo` if it is installed, else the page objects.
pub fn pdf_pages(bytes: &[u8], dir: &Path) -> usize {
    let path = dir.join("report.pdf");
    if std::fs::write(&path, bytes).is_ok()
        && let Ok(out) = std::process::Command::new("pdfinfo").arg(&path).output()
        && out.status.success()
        && let Some(n) = String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:").and_then(|n| n.trim().parse().ok()))
    {
        return n;
    }
    let mut pages = 0;
    for pattern in [&b"/Type /Page"[..], &b"/Type/Page"[..]] {
        pages += bytes
            .windows(pattern.len() + 1)
            .filter(|w| w.starts_with(pattern) && !w[pattern.len()].is_ascii_alphabetic())
            .count();
    }
    pages
}

async fn report_pdf(ws: &Workspace, id: i64) -> samlar::Result<Vec<u8>> {
    let request = PdfRequest {
        document: PdfDocument::PartnershipReport { partnership_id: id },
        archival: false,
        open: false,
    };
    Ok(ws.pdf(request).await?.bytes)
}

async fn pdf(b: &mut Bench<'_>, ws: &Workspace, dir: &Path) -> Result<(), BoxError> {
    if !b.wanted("export_pdf", "partnership report") {
        return Ok(());
    }
    // Partnerships by how much their report has to say; the one whose
    // report comes closest to 50 pages is timed.
    let candidates: Vec<i64> = sqlx::query_scalar(
        "SELECT p.id FROM partnerships p ORDER BY \
         (SELECT count(*) FROM meetings m WHERE m.partnership_id = p.id) + \
         (SELECT count(*) FROM actions a WHERE a.partnership_id = p.id) / 4 DESC, p.id",
    )
    .fetch_all(ws.pool())
    .await?;
    let mut best: Option<(i64, usize)> = None;
    let mut largest: Option<(i64, usize)> = None;
    let mut sizes = Vec::new();
    for id in candidates {
        let bytes = match report_pdf(ws, id).await {
            Ok(bytes) => bytes,
            Err(e) => {
                b.push(Row {
                    command: "export_pdf".into(),
                    subject: "partnership report".into(),
                    median_ms: None,
                    p95_ms: None,
                    kb: None,
                    target: Target::None,
                    note: format!("not available yet ({})", e.message),
                });
                return Ok(());
            }
        };
        let pages = pdf_pages(&bytes, dir);
        sizes.push(format!("{id}: {pages}"));
        let better = best.is_none_or(|(_, p)| pages.abs_diff(50) < p.abs_diff(50));
        if better {
            best = Some((id, pages));
        }
        if largest.is_none_or(|(_, p)| pages > p) {
            largest = Some((id, pages));
        }
    }
    if b.opts.progress {
        eprintln!("  report pages by partnership: {}", sizes.join(", "));
    }
    let Some((id, pages)) = best else { return Ok(()) };
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..b.opts.pdf_runs.max(1) {
        let started = Instant::now();
        size = report_pdf(ws, id).await?.len();
        times.push(started.elapsed());
    }
    let (median, p95) = percentiles(&times);
    b.push(Row {
        command: "export_pdf".into(),
        subject: format!("partnership report, {pages} pages, PDF size in KB"),
        median_ms: Some(median),
        p95_ms: Some(p95),
        kb: Some(size as f64 / 1024.0),
        target: Target::File(PDF_MS, PDF_KB),
        note: String::new(),
    });
    // The largest report there is, once, as a figure.
    if let Some((id, pages)) = largest.filter(|(l, _)| *l != id) {
        let started = Instant::now();
        let size = report_pdf(ws, id).await?.len();
        let ms = started.elapsed().as_secs_f64() * 1e3;
        b.push(Row {
            command: "export_pdf".into(),
            subject: format!("largest partnership report, {pages} pages, one run, PDF size in KB"),
            median_ms: Some(ms),
            p95_ms: Some(ms),
            kb: Some(size as f64 / 1024.0),
            target: Target::None,
            note: String::new(),
        });
    }
    Ok(())
}

// ------------------------------------------------------------ running

fn file_kb(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1024.0)
}

/// Copies the data file to a temporary directory and runs the suite there.
pub async fn run(data: &Path, opts: &Options) -> Result<Report, BoxError> {
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join("bench.sqlite3");
    std::fs::copy(data, &copy)?;
    let wal = PathBuf::from(format!("{}-wal", data.display()));
    if wal.exists() {
        std::fs::copy(&wal, dir.path().join("bench.sqlite3-wal"))?;
    }
    let ws = Workspace::open(&copy, generate::clock()).await?;
    let mut conn = ws.pool().acquire().await?;
    let counts = generate::table_counts(&mut conn).await?;
    drop(conn);
    let mut notes = vec![format!(
        "Dataset {}: {}.",
        data.display(),
        counts.iter().map(|(t, n)| format!("{n} {t}")).collect::<Vec<_>>().join(", ")
    )];
    if opts.progress {
        eprintln!("choosing the heaviest cases …");
    }
    let started = Instant::now();
    let s = subjects(&ws).await?;
    if opts.progress {
        eprintln!("  ({:.1} s) {s:?}", started.elapsed().as_secs_f64());
    }
    let mut b = Bench { opts, rows: Vec::new() };
    commands(&mut b, &ws, &s).await?;
    import(&mut b, dir.path()).await?;
    pdf(&mut b, &ws, dir.path()).await?;

    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(ws.pool()).await?;
    ws.close().await;
    let size = file_kb(&copy) + file_kb(&dir.path().join("bench.sqlite3-wal"));
    b.push(Row {
        command: "database size".into(),
        subject: "on disk, after wal_checkpoint(TRUNCATE), KB".into(),
        median_ms: None,
        p95_ms: None,
        kb: Some(size),
        target: Target::None,
        note: format!("{:.1} MB", size / 1024.0),
    });
    notes.push(format!(
        "Times are the core call plus serde_json::to_vec of its reply, as the IPC layer does; \
         {} warm-up calls, then {} runs (import {}, PDF {}); p95 is the nearest-rank 95th \
         percentile.",
        opts.warmups, opts.runs, opts.import_runs, opts.pdf_runs
    ));
    Ok(Report { data: data.to_owned(), rows: b.rows, notes })
}
