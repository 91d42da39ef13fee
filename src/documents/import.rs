//! Import of organisations (optionally as members of a partnership) and of
//! people from the CSV files coordinators already keep in Excel: `;`, `,` or
//! tab separated, UTF-8 with or without byte-order mark, UTF-16 or
//! Windows-1252, with Swedish or English column names.
//!
//! An import is planned first: every row is read, checked with the same rules
//! as the forms and matched against what is stored (organisations by code,
//! then name; people by e-mail, then name within their organisation). The
//! preview shows that plan and every problem; applying plans again inside one
//! write transaction and writes all of it or nothing. Importing the same file
//! twice changes nothing the second time, and an empty cell never erases a
//! stored value.

use crate::kernel::values::OrganisationKind;
use crate::kernel::values::Role;
use crate::kernel::values::{Gender, OrganisationLevel};
use crate::registry::membership::{self, MembershipDraft, NetworkLevel};
use crate::registry::organisation::{self, OrganisationDraft, ValidOrganisation};
use crate::registry::person::{self, PersonDraft, ValidPerson};
use crate::store::settings::Language;
use crate::{
    Error, ErrorCode, Result, Workspace, documents::messages, kernel::validate, store::db,
};
use base64::Engine;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use sqlx::SqliteConnection;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use ts_rs::TS;

pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
const PREVIEW_ROWS: usize = 500;
const PREVIEW_PROBLEMS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Organisations,
    People,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportRequest {
    pub kind: ImportKind,
    /// For organisations: also make them members of this partnership.
    #[ts(type = "number | null")]
    pub partnership_id: Option<i64>,
    /// The file's bytes, base64-encoded.
    pub content_base64: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Windows1252,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Separator {
    Semicolon,
    Comma,
    Tab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    Create,
    Update,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    /// The row number Excel shows (the header is row 1).
    #[ts(type = "number")]
    pub row: u64,
    pub action: ImportAction,
    pub name: String,
    /// The code or e-mail address it was matched by, if any.
    pub key: String,
    pub membership: Option<ImportAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    #[ts(type = "number")]
    pub row: u64,
    /// The column as the file names it; none for a problem of the whole row.
    pub column: Option<String>,
    pub code: ErrorCode,
    pub value: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportCounts {
    #[ts(type = "number")]
    pub create: u64,
    #[ts(type = "number")]
    pub update: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
}

impl ImportCounts {
    fn add(&mut self, action: ImportAction) {
        match action {
            ImportAction::Create => self.create += 1,
            ImportAction::Update => self.update += 1,
            ImportAction::Unchanged => self.unchanged += 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub encoding: Encoding,
    pub separator: Separator,
    /// Columns read, as the file names them.
    pub columns: Vec<String>,
    /// Columns this import does not use.
    pub ignored_columns: Vec<String>,
    #[ts(type = "number")]
    pub total_rows: u64,
    /// The first 500 rows.
    pub rows: Vec<ImportRow>,
    /// The first 1000 problems; the import can go ahead only without any.
    pub problems: Vec<ImportProblem>,
    #[ts(type = "number")]
    pub problem_count: u64,
    pub counts: ImportCounts,
    pub membership_counts: ImportCounts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportResult {
    pub counts: ImportCounts,
    pub membership_counts: ImportCounts,
}

// ---------------------------------------------------------------- reading

/// The file as text rows.
struct Table {
    encoding: Encoding,
    separator: Separator,
    headers: Vec<String>,
    /// (row number, cells)
    rows: Vec<(u64, Vec<String>)>,
}

fn file_error(message: &str) -> Error {
    Error::new(ErrorCode::InvalidFile, message)
}

fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8Bom);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes); // the BOM picks LE or BE
        return (text.into_owned(), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

/// The separator that splits the header line into the most cells, counted
/// outside quotes; a semicolon wins a tie, as in Swedish Excel.
fn detect_separator(text: &str) -> Separator {
    let header = text.lines().next().unwrap_or_default();
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if counts[0] == best {
        Separator::Semicolon
    } else if counts[2] == best {
        Separator::Tab
    } else {
        Separator::Comma
    }
}

/// Undoes an export's guard against formulas: `'=x` was `=x`.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

fn read_table(bytes: &[u8]) -> Result<Table> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(file_error("file over 20 MB"));
    }
    let (text, encoding) = decode(bytes);
    let separator = detect_separator(&text);
    let delimiter = match separator {
        Separator::Semicolon => b';',
        Separator::Comma => b',',
        Separator::Tab => b'\t',
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_owned()).collect(),
        Some(Err(e)) => return Err(file_error(&e.to_string())),
        None => return Err(file_error("empty file")),
    };
    if headers.iter().all(String::is_empty) {
        return Err(file_error("no header row"));
    }
    let mut rows = Vec::new();
    // Excel shows one row per record, even one with line breaks inside a
    // cell; the header is row 1.
    for (line, record) in (2..).zip(records) {
        let record = record.map_err(|e| file_error(&e.to_string()))?;
        let cells: Vec<String> = record.iter().map(|c| unneutralise(c.trim()).to_owned()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(Table { encoding, separator, headers, rows })
}

// ---------------------------------------------------------------- columns

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Name,
    Kind,
    Code,
    County,
    Employees,
    Role,
    Country,
    NetworkLevel,
    Cluster,
    Organisation,
    OrganisationCode,
    Title,
    Level,
    Email,
    Phone,
    Gender,
    Mandate,
    Competences,
    AccessibilityNeeds,
}

/// Lower case, letters and digits only: `E-post` and `e post` are one name.
fn normalise(header: &str) -> String {
    header.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The names a column may have: the export's own headers in both languages
/// (from the message files) and the names people commonly use.
fn column_names(kind: ImportKind) -> Vec<(Column, Vec<String>)> {
    let header = |key: &str, extra: &[&str]| {
        let mut names: Vec<String> = [Language::Sv, Language::En]
            .into_iter()
            .map(|l| normalise(messages::text(l, &format!("csv.{key}"))))
            .collect();
        names.extend(extra.iter().map(|e| normalise(e)));
        names
    };
    match kind {
        ImportKind::Organisations => vec![
            (
                Column::Name,
                header("organisation.name", &["organisation", "organisationsnamn", "organization"]),
            ),
            (Column::Kind, header("organisation.kind", &["organisationstyp", "kind"])),
            (
                Column::Code,
                header("organisation.code", &["kod", "regionkod", "code", "kommunnummer"]),
            ),
            (Column::County, header("organisation.county", &["region", "län/region"])),
            (
                Column::Employees,
                header("organisation.employees", &["antal anställda", "number of employees"]),
            ),
            (Column::Role, header("membership.role", &[])),
            (Column::Country, header("membership.country", &[])),
            (Column::NetworkLevel, header("membership.networkLevel", &["nivå", "level"])),
            (Column::Cluster, header("membership.cluster", &[])),
        ],
        ImportKind::People => vec![
            (Column::Name, header("person.name", &["för- och efternamn", "full name", "person"])),
            (
                Column::Organisation,
                header(
                    "person.organisation",
                    &["organization", "arbetsgivare", "kommun", "employer"],
                ),
            ),
            (
                Column::OrganisationCode,
                header("organisation.code", &["kod", "organisationskod", "code"]),
            ),
            (Column::Title, header("person.title", &["befattning", "yrkestitel", "job title"])),
            (
                Column::Level,
                header("person.level", &["organisatorisk nivå", "organisational level"]),
            ),
            (
                Column::Email,
                header("person.email", &["epost", "e-postadress", "mejl", "mail", "e-mail"]),
            ),
            (
                Column::Phone,
                header("person.phone", &["telefonnummer", "mobil", "mobilnummer", "telephone"]),
            ),
            (Column::Gender, header("person.gender", &["sex"])),
            (Column::Mandate, header("person.mandate", &["mandat att starta förbättringsarbete"])),
            (Column::Competences, header("person.competences", &["kompetens", "skills"])),
            (
                Column::AccessibilityNeeds,
                header("person.accessibilityNeeds", &["tillgänglighet", "accessibility"]),
            ),
        ],
    }
}

/// Which column of the file is which; the first of two alike wins.
struct Columns {
    index: HashMap<Column, usize>,
    headers: Vec<String>,
    ignored: Vec<String>,
}

impl Columns {
    fn map(kind: ImportKind, headers: &[String]) -> Columns {
        let names = column_names(kind);
        let (mut index, mut ignored) = (HashMap::new(), Vec::new());
        for (i, header) in headers.iter().enumerate() {
            let n = normalise(header);
            match names.iter().find(|(_, alts)| alts.contains(&n)) {
                Some((column, _)) => {
                    index.entry(*column).or_insert(i);
                }
                None if !header.is_empty() => ignored.push(header.clone()),
                None => {}
            }
        }
        Columns { index, headers: headers.to_vec(), ignored }
    }

    /// The columns read, in the file's order.
    fn used(&self) -> Vec<String> {
        let mut used: Vec<usize> = self.index.values().copied().collect();
        used.sort_unstable();
        used.into_iter().map(|i| self.headers[i].clone()).collect()
    }

    fn has(&self, column: Column) -> bool {
        self.index.contains_key(&column)
    }

    fn header(&self, column: Column) -> Option<String> {
        self.index.get(&column).map(|&i| self.headers[i].clone())
    }

    fn cell<'a>(&self, cells: &'a [String], column: Column) -> &'a str {
        self.index.get(&column).and_then(|&i| cells.get(i)).map_or("", String::as_str)
    }
}

/// The values of `prefix.*` with their labels and identifiers normalised, in
/// the order `messages::labels_of` gives them. Computed once per prefix: it
/// used to be a walk over the whole message catalogue (some 1,700 texts)
/// for every cell read, a third of a 10,000-row import's time.
fn normalised_labels(prefix: &str) -> Arc<Vec<(String, String, String)>> {
    type Cache = Mutex<HashMap<String, Arc<Vec<(String, String, String)>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(prefix.to_owned())
        .or_insert_with(|| {
            let labels = messages::labels_of(prefix).into_iter();
            Arc::new(labels.map(|(v, l)| (normalise(l), normalise(&v), v)).collect())
        })
        .clone()
}

/// Reads a value by its label in either language, its identifier, or one of
/// the `extra` names people use.
fn parse_label<T: DeserializeOwned>(text: &str, prefix: &str, extra: &[(&str, &str)]) -> Option<T> {
    let n = normalise(text);
    let value = normalised_labels(prefix)
        .iter()
        .find(|(label, value, _)| *label == n || *value == n)
        .map(|(_, _, value)| value.clone())
        .or_else(|| {
            extra.iter().find(|(name, _)| normalise(name) == n).map(|(_, v)| (*v).to_owned())
        })?;
    serde_json::from_value(serde_json::Value::String(value)).ok()
}

const KIND_NAMES: &[(&str, &str)] = &[
    ("universitet", "university"),
    ("högskola", "university"),
    ("förening", "association"),
    ("förbund", "association"),
    ("intresseorganisation", "association"),
    ("fack", "union"),
    ("bolag", "company"),
    ("annat", "other"),
    ("övrigt", "other"),
];
const ROLE_NAMES: &[(&str, &str)] = &[
    ("samarbetspartner", "cooperation_partner"),
    ("samverkanspartner", "cooperation_partner"),
    ("deltagande aktör", "participant"),
    ("transnationell samverkanspartner", "transnational_partner"),
];
const LEVEL_NAMES: &[(&str, &str)] =
    &[("hela", "whole"), ("internt", "internal"), ("intern", "internal")];
const PERSON_LEVEL_NAMES: &[(&str, &str)] = &[
    ("chef", "senior_manager"),
    ("ledning", "senior_manager"),
    ("strateg", "strategist"),
    ("nyckelperson", "strategist"),
    ("key person", "strategist"),
    ("operativ", "operational"),
];
const GENDER_NAMES: &[(&str, &str)] = &[
    ("k", "woman"),
    ("kvinnor", "woman"),
    ("female", "woman"),
    ("f", "woman"),
    ("m", "man"),
    ("male", "man"),
    ("vill ej ange", "not_stated"),
    ("okänt", "not_stated"),
];

fn parse_yes_no(text: &str) -> Option<bool> {
    let n = normalise(text);
    let yes = [
        normalise(messages::text(Language::Sv, "csv.yes")),
        normalise(messages::text(Language::En, "csv.yes")),
    ];
    let no = [
        normalise(messages::text(Language::Sv, "csv.no")),
        normalise(messages::text(Language::En, "csv.no")),
    ];
    if n.is_empty() || no.contains(&n) || ["n", "0", "false"].contains(&n.as_str()) {
        Some(false)
    } else if yes.contains(&n) || ["j", "y", "x", "1", "true"].contains(&n.as_str()) {
        Some(true)
    } else {
        None
    }
}

// ---------------------------------------------------------------- planning

/// One row's part of the plan.
enum Step {
    Organisation {
        existing: Option<i64>,
        valid: ValidOrganisation,
        membership: Option<MembershipStep>,
    },
    Person {
        existing: Option<i64>,
        valid: ValidPerson,
    },
}

struct MembershipStep {
    existing: Option<i64>,
    draft: MembershipDraft,
    action: ImportAction,
}

struct Plan {
    table: Table,
    columns: Columns,
    rows: Vec<ImportRow>,
    steps: Vec<Step>,
    problems: Vec<ImportProblem>,
    counts: ImportCounts,
    membership_counts: ImportCounts,
}

/// Collects the problems of one row.
struct RowCheck<'a> {
    row: u64,
    columns: &'a Columns,
    cells: &'a [String],
    problems: Vec<ImportProblem>,
}

impl RowCheck<'_> {
    fn problem(&mut self, column: Option<Column>, code: ErrorCode) {
        let (header, value) = match column {
            Some(c) => (self.columns.header(c), self.columns.cell(self.cells, c).to_owned()),
            None => (None, String::new()),
        };
        self.problems.push(ImportProblem { row: self.row, column: header, code, value });
    }

    /// An error from a form rule, placed at the column of the field it names.
    fn error(&mut self, err: Error, field_columns: &[(&str, Column)]) {
        let column = err
            .field
            .as_deref()
            .and_then(|f| field_columns.iter().find(|(name, _)| *name == f))
            .map(|(_, c)| *c);
        self.problem(column, err.code);
    }

    fn label<T: DeserializeOwned>(
        &mut self,
        column: Column,
        prefix: &str,
        extra: &[(&str, &str)],
    ) -> Option<T> {
        let text = self.columns.cell(self.cells, column);
        if text.is_empty() {
            return None;
        }
        let value = parse_label(text, prefix, extra);
        if value.is_none() {
            self.problem(Some(column), ErrorCode::UnknownValue);
        }
        value
    }
}

/// What is stored, read once when an import is planned: the file is matched
/// against it row by row in memory. Looking each row up with its own queries
/// took several round trips to the database thread per row, which made a
/// 10,000-row import slow and its time swing with the machine's load.
#[derive(Default)]
struct Known {
    organisation_by_code: HashMap<String, i64>,
    /// By lower-cased name, the lowest id (as `organisation::find_match`).
    organisation_by_name: HashMap<String, i64>,
    organisations: HashMap<i64, ValidOrganisation>,
    person_by_email: HashMap<String, i64>,
    /// By lower-cased name and organisation, the lowest id (as `person::find_match`).
    person_by_name: HashMap<(String, Option<i64>), i64>,
    /// Stored people as drafts give them; read at the first match.
    people: Option<HashMap<i64, ValidPerson>>,
    /// The memberships of the partnership imported into, by organisation.
    memberships: HashMap<i64, Vec<membership::Membership>>,
}

impl Known {
    async fn load(
        conn: &mut SqliteConnection,
        kind: ImportKind,
        partnership_id: Option<i64>,
    ) -> Result<Known> {
        let mut known = Known::default();
        type OrganisationRow =
            (i64, String, String, OrganisationKind, Option<String>, String, Option<i64>);
        let organisations: Vec<OrganisationRow> = sqlx::query_as(
            "SELECT id, name, name_key, kind, code, county, employees FROM organisations ORDER BY id",
        )
        .fetch_all(&mut *conn)
        .await?;
        for (id, name, name_key, kind, code, county, employees) in organisations {
            if let Some(code) = &code {
                known.organisation_by_code.insert(code.clone(), id);
            }
            known.organisation_by_name.entry(name_key).or_insert(id);
            known
                .organisations
                .insert(id, ValidOrganisation { name, kind, code, county, employees });
        }
        if kind == ImportKind::People {
            let people: Vec<(i64, Option<String>, String, Option<i64>)> = sqlx::query_as(
                "SELECT id, email_key, name_key, organisation_id FROM people ORDER BY id",
            )
            .fetch_all(&mut *conn)
            .await?;
            for (id, email_key, name_key, organisation_id) in people {
                if let Some(email_key) = email_key {
                    known.person_by_email.insert(email_key, id);
                }
                known.person_by_name.entry((name_key, organisation_id)).or_insert(id);
            }
        }
        if let Some(pid) = partnership_id {
            for m in membership::of_partnership(&mut *conn, pid).await? {
                known.memberships.entry(m.organisation_id).or_default().push(m);
            }
        }
        Ok(known)
    }

    /// As `organisation::find_match`: by code, then by name.
    fn organisation(&self, code: Option<&str>, name: &str) -> Option<i64> {
        code.and_then(|c| self.organisation_by_code.get(c))
            .or_else(|| self.organisation_by_name.get(&validate::search_key(name)))
            .copied()
    }

    /// As `person::find_match`: by e-mail address, then by name within the organisation.
    fn person(&self, email: Option<&str>, name: &str, organisation_id: Option<i64>) -> Option<i64> {
        email
            .and_then(|e| self.person_by_email.get(&validate::search_key(e)))
            .or_else(|| self.person_by_name.get(&(validate::search_key(name), organisation_id)))
            .copied()
    }

    /// As `person::stored`, for all people at once.
    async fn stored_person(&mut self, conn: &mut SqliteConnection, id: i64) -> Result<ValidPerson> {
        if self.people.is_none() {
            let needs: HashMap<i64, String> =
                sqlx::query_as("SELECT id, accessibility_needs FROM people")
                    .fetch_all(&mut *conn)
                    .await?
                    .into_iter()
                    .collect();
            let summaries = person::list(&mut *conn, &person::PersonQuery::all()).await?;
            let people = summaries.into_iter().map(|s| {
                let accessibility_needs = needs.get(&s.id).cloned().unwrap_or_default();
                (s.id, ValidPerson::stored(s, accessibility_needs))
            });
            self.people = Some(people.collect());
        }
        match self.people.as_ref().and_then(|p| p.get(&id)) {
            Some(p) => Ok(p.clone()),
            None => person::stored(conn, id).await,
        }
    }

    /// As `membership::find_match` in the partnership imported into.
    fn membership(&self, organisation_id: i64, role: Role) -> Option<membership::Membership> {
        self.memberships.get(&organisation_id)?.iter().find(|m| m.role == role).cloned()
    }
}

/// An empty cell keeps what is stored; a filled one replaces it.
fn keep<T: Clone>(file: Option<T>, stored: &Option<T>) -> Option<T> {
    file.or_else(|| stored.clone())
}

fn keep_text(file: String, stored: &str) -> String {
    if file.is_empty() { stored.to_owned() } else { file }
}

async fn plan(conn: &mut SqliteConnection, request: &ImportRequest) -> Result<Plan> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(request.content_base64.trim())
        .map_err(|_| Error::new(ErrorCode::InvalidInput, "content is not base64"))?;
    let mut table = read_table(&bytes)?;
    let rows = std::mem::take(&mut table.rows);
    let columns = Columns::map(request.kind, &table.headers);
    if let Some(id) = request.partnership_id
        && !crate::registry::partnership::exists(&mut *conn, id).await?
    {
        return Err(Error::at(ErrorCode::NotFound, "partnershipId", "no such partnership"));
    }
    let mut plan = Plan {
        rows: Vec::new(),
        steps: Vec::new(),
        problems: Vec::new(),
        counts: ImportCounts::default(),
        membership_counts: ImportCounts::default(),
        columns,
        table,
    };
    if !plan.columns.has(Column::Name) {
        plan.problems.push(ImportProblem {
            row: 1,
            column: None,
            code: ErrorCode::MissingColumn,
            value: String::new(),
        });
        plan.table.rows = rows;
        return Ok(plan);
    }
    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut known = Known::load(conn, request.kind, request.partnership_id).await?;
    for (row, cells) in &rows {
        let mut check = RowCheck { row: *row, columns: &plan.columns, cells, problems: Vec::new() };
        if cells.len() > plan.table.headers.len()
            && cells[plan.table.headers.len()..].iter().any(|c| !c.is_empty())
        {
            check.problem(None, ErrorCode::TooManyCells);
        }
        let planned = match request.kind {
            ImportKind::Organisations => {
                plan_organisation(&known, &mut check, request.partnership_id, &mut seen_keys)?
            }
            ImportKind::People => plan_person(conn, &mut known, &mut check, &mut seen_keys).await?,
        };
        let problems_in_row = !check.problems.is_empty();
        plan.problems.append(&mut check.problems);
        if let (Some((step, import_row)), false) = (planned, problems_in_row) {
            plan.counts.add(import_row.action);
            if let Some(action) = import_row.membership {
                plan.membership_counts.add(action);
            }
            plan.rows.push(import_row);
            plan.steps.push(step);
        }
    }
    plan.table.rows = rows;
    Ok(plan)
}

fn plan_organisation(
    known: &Known,
    check: &mut RowCheck<'_>,
    partnership_id: Option<i64>,
    seen: &mut HashSet<String>,
) -> Result<Option<(Step, ImportRow)>> {
    let cols = check.columns;
    let code_text = cols.cell(check.cells, Column::Code);
    let kind: Option<OrganisationKind> = check.label(Column::Kind, "organisationKind", KIND_NAMES);
    let draft = OrganisationDraft {
        name: cols.cell(check.cells, Column::Name).to_owned(),
        kind: kind.unwrap_or(if code_text.starts_with("00") {
            OrganisationKind::Region
        } else if !code_text.is_empty() {
            OrganisationKind::Municipality
        } else {
            OrganisationKind::Other
        }),
        code: code_text.to_owned(),
        county: cols.cell(check.cells, Column::County).to_owned(),
        employees: cols.cell(check.cells, Column::Employees).to_owned(),
    };
    let fields = [
        ("name", Column::Name),
        ("code", Column::Code),
        ("county", Column::County),
        ("employees", Column::Employees),
    ];
    let file = match organisation::validate(&draft) {
        Ok(v) => v,
        Err(err) => {
            check.error(err, &fields);
            return Ok(None);
        }
    };
    let key = file.code.clone().unwrap_or_else(|| validate::search_key(&file.name));
    if !seen.insert(format!("o:{key}")) {
        let column = if file.code.is_some() { Column::Code } else { Column::Name };
        check.problem(Some(column), ErrorCode::DuplicateInFile);
        return Ok(None);
    }
    let existing = known.organisation(file.code.as_deref(), &file.name);
    let (valid, action) = match existing {
        None => (file, ImportAction::Create),
        Some(id) => {
            let stored = known.organisations.get(&id).cloned().ok_or_else(|| {
                Error::new(ErrorCode::Storage, format!("organisation {id} vanished"))
            })?;
            let merged = ValidOrganisation {
                name: file.name,
                kind: if kind.is_some() { file.kind } else { stored.kind },
                code: keep(file.code, &stored.code),
                county: keep_text(file.county, &stored.county),
                employees: keep(file.employees, &stored.employees),
            };
            let action =
                if merged == stored { ImportAction::Unchanged } else { ImportAction::Update };
            (merged, action)
        }
    };
    let membership = match partnership_id {
        Some(pid) => plan_membership(known, check, pid, existing),
        None => None,
    };
    if !check.problems.is_empty() {
        return Ok(None);
    }
    let row = ImportRow {
        row: check.row,
        action,
        name: valid.name.clone(),
        key: valid.code.clone().unwrap_or_default(),
        membership: membership.as_ref().map(|m| m.action),
    };
    Ok(Some((Step::Organisation { existing, valid, membership }, row)))
}

fn plan_membership(
    known: &Known,
    check: &mut RowCheck<'_>,
    partnership_id: i64,
    organisation_id: Option<i64>,
) -> Option<MembershipStep> {
    let role: Role = check.label(Column::Role, "role", ROLE_NAMES).unwrap_or(Role::Participant);
    let cluster = check.columns.cell(check.cells, Column::Cluster).to_owned();
    let level: NetworkLevel = check
        .label(Column::NetworkLevel, "networkLevel", LEVEL_NAMES)
        .unwrap_or(if cluster.is_empty() { NetworkLevel::Whole } else { NetworkLevel::Cluster });
    let draft = MembershipDraft {
        partnership_id,
        organisation_id: organisation_id.unwrap_or(0),
        role,
        country: check.columns.cell(check.cells, Column::Country).to_owned(),
        network_level: level,
        cluster,
    };
    let fields = [("country", Column::Country), ("cluster", Column::Cluster)];
    let draft = match membership::validate(draft) {
        Ok(d) => d,
        Err(err) => {
            check.error(err, &fields);
            return None;
        }
    };
    let stored = match organisation_id {
        Some(oid) => known.membership(oid, role),
        None => None,
    };
    let (existing, action) = match stored {
        None => (None, ImportAction::Create),
        Some(m) => {
            let same = m.network_level == draft.network_level
                && m.cluster == draft.cluster
                && m.country == draft.country;
            (Some(m.id), if same { ImportAction::Unchanged } else { ImportAction::Update })
        }
    };
    Some(MembershipStep { existing, draft, action })
}

async fn plan_person(
    conn: &mut SqliteConnection,
    known: &mut Known,
    check: &mut RowCheck<'_>,
    seen: &mut HashSet<String>,
) -> Result<Option<(Step, ImportRow)>> {
    let cols = check.columns;
    let org_name = cols.cell(check.cells, Column::Organisation);
    let org_code =
        validate::municipality_code(cols.cell(check.cells, Column::OrganisationCode), "code")
            .ok()
            .flatten();
    let organisation_id = if org_name.is_empty() && org_code.is_none() {
        None
    } else {
        let found = known.organisation(org_code.as_deref(), org_name);
        if found.is_none() {
            let column =
                if org_name.is_empty() { Column::OrganisationCode } else { Column::Organisation };
            check.problem(Some(column), ErrorCode::UnknownOrganisation);
        }
        found
    };
    let level: Option<OrganisationLevel> =
        check.label(Column::Level, "personLevel", PERSON_LEVEL_NAMES);
    let gender: Option<Gender> = check.label(Column::Gender, "gender", GENDER_NAMES);
    let mandate_text = cols.cell(check.cells, Column::Mandate);
    let has_mandate = parse_yes_no(mandate_text);
    if has_mandate.is_none() {
        check.problem(Some(Column::Mandate), ErrorCode::UnknownValue);
    }
    let competences: Vec<String> = cols
        .cell(check.cells, Column::Competences)
        .split([',', '|'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| parse_label::<String>(c, "competence", &[]).unwrap_or_else(|| c.to_owned()))
        .collect();
    let draft = PersonDraft {
        name: cols.cell(check.cells, Column::Name).to_owned(),
        organisation_id,
        title: cols.cell(check.cells, Column::Title).to_owned(),
        level,
        email: cols.cell(check.cells, Column::Email).to_owned(),
        phone: cols.cell(check.cells, Column::Phone).to_owned(),
        gender: gender.unwrap_or_default(),
        has_mandate: has_mandate.unwrap_or(false),
        competences,
        accessibility_needs: cols.cell(check.cells, Column::AccessibilityNeeds).to_owned(),
    };
    let fields = [
        ("name", Column::Name),
        ("title", Column::Title),
        ("email", Column::Email),
        ("phone", Column::Phone),
        ("competences", Column::Competences),
        ("accessibilityNeeds", Column::AccessibilityNeeds),
    ];
    let file = match person::validate(&draft) {
        Ok(v) => v,
        Err(err) => {
            check.error(err, &fields);
            return Ok(None);
        }
    };
    if !check.problems.is_empty() {
        return Ok(None);
    }
    let key = match &file.email {
        Some(email) => format!("e:{}", validate::search_key(email)),
        None => format!("n:{}:{:?}", validate::search_key(&file.name), file.organisation_id),
    };
    if !seen.insert(key) {
        let column = if file.email.is_some() { Column::Email } else { Column::Name };
        check.problem(Some(column), ErrorCode::DuplicateInFile);
        return Ok(None);
    }
    let existing = known.person(file.email.as_deref(), &file.name, file.organisation_id);
    let (valid, action) = match existing {
        None => (file, ImportAction::Create),
        Some(id) => {
            let stored = known.stored_person(conn, id).await?;
            let has = |c: Column| cols.has(c) && !cols.cell(check.cells, c).is_empty();
            let merged = ValidPerson {
                name: file.name,
                organisation_id: keep(file.organisation_id, &stored.organisation_id),
                title: keep_text(file.title, &stored.title),
                level: keep(file.level, &stored.level),
                email: keep(file.email, &stored.email),
                phone: keep_text(file.phone, &stored.phone),
                gender: if has(Column::Gender) { file.gender } else { stored.gender },
                has_mandate: if has(Column::Mandate) {
                    file.has_mandate
                } else {
                    stored.has_mandate
                },
                competences: if file.competences.is_empty() {
                    stored.competences.clone()
                } else {
                    file.competences
                },
                accessibility_needs: keep_text(
                    file.accessibility_needs,
                    &stored.accessibility_needs,
                ),
            };
            let sorted = |v: &ValidPerson| {
                let mut v = v.clone();
                v.competences.sort();
                v
            };
            let action = if sorted(&merged) == sorted(&stored) {
                ImportAction::Unchanged
            } else {
                ImportAction::Update
            };
            (merged, action)
        }
    };
    let row = ImportRow {
        row: check.row,
        action,
        name: valid.name.clone(),
        key: valid.email.clone().unwrap_or_default(),
        membership: None,
    };
    Ok(Some((Step::Person { existing, valid }, row)))
}

// ---------------------------------------------------------------- applying

/// Writes new people with one statement for them all and one for their
/// competences: `person::insert_valid` per row took five statements, each a
/// round trip to the database thread (see `Known`). The plan found their
/// organisations in this same transaction, so they exist.
async fn insert_people(
    conn: &mut SqliteConnection,
    people: &[ValidPerson],
    now: &str,
) -> Result<()> {
    if people.is_empty() {
        return Ok(());
    }
    let first: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) + 1 FROM people")
        .fetch_one(&mut *conn)
        .await?;
    let mut rows = Vec::with_capacity(people.len());
    let mut competences = Vec::new();
    for (id, v) in (first..).zip(people) {
        rows.push(serde_json::json!([
            id,
            v.name,
            validate::search_key(&v.name),
            v.organisation_id,
            v.title,
            v.level,
            v.email,
            v.email.as_deref().map(validate::search_key),
            v.phone,
            v.gender,
            v.has_mandate,
            v.accessibility_needs,
        ]));
        competences.extend(v.competences.iter().map(|c| serde_json::json!([id, c])));
    }
    sqlx::query(
        "INSERT INTO people (id, name, name_key, organisation_id, title, level, email, email_key, \
         phone, gender, has_mandate, accessibility_needs, created_at, updated_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, \
         value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, ?2, ?2 \
         FROM json_each(?1) ORDER BY key",
    )
    .bind(serde_json::Value::Array(rows).to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO person_competences (person_id, competence) \
         SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
    )
    .bind(serde_json::Value::Array(competences).to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn apply_steps(conn: &mut SqliteConnection, steps: Vec<Step>, now: &str) -> Result<()> {
    let mut new_people = Vec::new();
    for step in steps {
        match step {
            Step::Organisation { existing, valid, membership } => {
                let id = match existing {
                    Some(id) => {
                        organisation::update_valid(conn, id, &valid, now).await?;
                        id
                    }
                    None => organisation::insert_valid(conn, &valid, now).await?,
                };
                if let Some(m) = membership {
                    let draft = MembershipDraft { organisation_id: id, ..m.draft };
                    match (m.existing, m.action) {
                        (_, ImportAction::Unchanged) => {}
                        (Some(mid), _) => membership::update_valid(conn, mid, &draft).await?,
                        (None, _) => {
                            membership::insert_valid(conn, &draft, now).await?;
                        }
                    }
                }
            }
            Step::Person { existing, valid } => match existing {
                Some(id) => person::update_valid(conn, id, &valid, now).await?,
                None => new_people.push(valid),
            },
        }
    }
    insert_people(conn, &new_people, now).await
}

/// What a coordinator can do with a CSV file.
impl Workspace {
    /// Reads and checks the file and says what importing it would do; writes nothing.
    pub async fn preview_import(&self, request: ImportRequest) -> Result<ImportPreview> {
        // One read transaction: a consistent snapshot, and far fewer
        // round trips than a transaction per statement.
        let mut tx = self.pool().begin().await?;
        let plan = plan(&mut tx, &request).await?;
        tx.rollback().await?;
        Ok(ImportPreview {
            encoding: plan.table.encoding,
            separator: plan.table.separator,
            columns: plan.columns.used(),
            ignored_columns: plan.columns.ignored.clone(),
            total_rows: plan.table.rows.len() as u64,
            problem_count: plan.problems.len() as u64,
            rows: plan.rows.into_iter().take(PREVIEW_ROWS).collect(),
            problems: plan.problems.into_iter().take(PREVIEW_PROBLEMS).collect(),
            counts: plan.counts,
            membership_counts: plan.membership_counts,
        })
    }

    /// Imports the whole file in one transaction, or nothing if any row has a problem.
    pub async fn apply_import(&self, request: ImportRequest) -> Result<ImportResult> {
        let mut tx = db::begin_write(self.pool()).await?;
        let plan = plan(&mut tx, &request).await?;
        if !plan.problems.is_empty() {
            let message = format!("{} problems", plan.problems.len());
            return Err(Error::new(ErrorCode::InvalidFile, message));
        }
        let result =
            ImportResult { counts: plan.counts, membership_counts: plan.membership_counts };
        apply_steps(&mut tx, plan.steps, &self.clock().timestamp()).await?;
        tx.commit().await?;
        Ok(result)
    }
}
