//! The columns of a file and the values in its cells: which column is which
//! by its Swedish or English name (the export's own headers and the names
//! people commonly use), and reading a label in either language, an
//! identifier or a yes/no. Knows nothing of what is stored. Uses the
//! import's `types`, the message files and the languages.

use super::types::ImportKind;
use crate::documents::messages;
use crate::store::settings::Language;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Column {
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
pub(super) struct Columns {
    index: HashMap<Column, usize>,
    headers: Vec<String>,
    pub(super) ignored: Vec<String>,
}

impl Columns {
    pub(super) fn map(kind: ImportKind, headers: &[String]) -> Columns {
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
    pub(super) fn used(&self) -> Vec<String> {
        let mut used: Vec<usize> = self.index.values().copied().collect();
        used.sort_unstable();
        used.into_iter().map(|i| self.headers[i].clone()).collect()
    }

    pub(super) fn has(&self, column: Column) -> bool {
        self.index.contains_key(&column)
    }

    pub(super) fn header(&self, column: Column) -> Option<String> {
        self.index.get(&column).map(|&i| self.headers[i].clone())
    }

    pub(super) fn cell<'a>(&self, cells: &'a [String], column: Column) -> &'a str {
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
pub(super) fn parse_label<T: DeserializeOwned>(
    text: &str,
    prefix: &str,
    extra: &[(&str, &str)],
) -> Option<T> {
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

pub(super) const KIND_NAMES: &[(&str, &str)] = &[
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
pub(super) const ROLE_NAMES: &[(&str, &str)] = &[
    ("samarbetspartner", "cooperation_partner"),
    ("samverkanspartner", "cooperation_partner"),
    ("deltagande aktör", "participant"),
    ("transnationell samverkanspartner", "transnational_partner"),
];
pub(super) const LEVEL_NAMES: &[(&str, &str)] =
    &[("hela", "whole"), ("internt", "internal"), ("intern", "internal")];
pub(super) const PERSON_LEVEL_NAMES: &[(&str, &str)] = &[
    ("chef", "senior_manager"),
    ("ledning", "senior_manager"),
    ("strateg", "strategist"),
    ("nyckelperson", "strategist"),
    ("key person", "strategist"),
    ("operativ", "operational"),
];
pub(super) const GENDER_NAMES: &[(&str, &str)] = &[
    ("k", "woman"),
    ("kvinnor", "woman"),
    ("female", "woman"),
    ("f", "woman"),
    ("m", "man"),
    ("male", "man"),
    ("vill ej ange", "not_stated"),
    ("okänt", "not_stated"),
];

pub(super) fn parse_yes_no(text: &str) -> Option<bool> {
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
