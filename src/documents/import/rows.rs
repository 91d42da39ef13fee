//! Planning one row: reading its cells into a draft, checking it with the
//! same rules as the forms, matching it with what is stored and merging the
//! two (an empty cell keeps what is stored), into the step that would write
//! it and the line the preview shows, or into the row's problems. Uses the
//! import's `types`, `columns` and `known`, and the registry's records.

use super::columns::{
    Column, Columns, GENDER_NAMES, KIND_NAMES, LEVEL_NAMES, PERSON_LEVEL_NAMES, ROLE_NAMES,
    parse_label, parse_yes_no,
};
use super::known::Known;
use super::types::{ImportAction, ImportProblem, ImportRow};
use crate::kernel::validate;
use crate::kernel::values::{
    Gender, MembershipId, OrganisationId, OrganisationKind, OrganisationLevel, PartnershipId,
    PersonId, Role,
};
use crate::registry::membership::{self, MembershipDraft, NetworkLevel};
use crate::registry::organisation::{self, OrganisationDraft, ValidOrganisation};
use crate::registry::person::{self, PersonDraft, ValidPerson};
use crate::{Error, ErrorCode, Result};
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;
use std::collections::HashSet;

/// One row's part of the plan: what to write.
pub(super) enum Step {
    Organisation {
        existing: Option<OrganisationId>,
        valid: ValidOrganisation,
        membership: Option<MembershipStep>,
    },
    Person {
        existing: Option<PersonId>,
        valid: ValidPerson,
    },
}

pub(super) struct MembershipStep {
    pub(super) existing: Option<MembershipId>,
    pub(super) draft: MembershipDraft,
    pub(super) action: ImportAction,
}

/// Collects the problems of one row.
pub(super) struct RowCheck<'a> {
    row: u64,
    columns: &'a Columns,
    cells: &'a [String],
    pub(super) problems: Vec<ImportProblem>,
}

impl<'a> RowCheck<'a> {
    pub(super) fn new(row: u64, columns: &'a Columns, cells: &'a [String]) -> Self {
        RowCheck { row, columns, cells, problems: Vec::new() }
    }

    pub(super) fn problem(&mut self, column: Option<Column>, code: ErrorCode) {
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

/// An empty cell keeps what is stored; a filled one replaces it.
fn keep<T: Clone>(file: Option<T>, stored: &Option<T>) -> Option<T> {
    file.or_else(|| stored.clone())
}

fn keep_text(file: String, stored: &str) -> String {
    if file.is_empty() { stored.to_owned() } else { file }
}

/// Plans a row of organisations, and its membership of the partnership
/// imported into.
pub(super) fn plan_organisation(
    known: &Known,
    check: &mut RowCheck<'_>,
    partnership_id: Option<PartnershipId>,
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
            let stored = known.stored_organisation(id)?;
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

/// Plans an organisation's membership of the partnership imported into.
fn plan_membership(
    known: &Known,
    check: &mut RowCheck<'_>,
    partnership_id: PartnershipId,
    organisation_id: Option<OrganisationId>,
) -> Option<MembershipStep> {
    let role: Role = check.label(Column::Role, "role", ROLE_NAMES).unwrap_or(Role::Participant);
    let cluster = check.columns.cell(check.cells, Column::Cluster).to_owned();
    let level: NetworkLevel = check
        .label(Column::NetworkLevel, "networkLevel", LEVEL_NAMES)
        .unwrap_or(if cluster.is_empty() { NetworkLevel::Whole } else { NetworkLevel::Cluster });
    let draft = MembershipDraft {
        partnership_id,
        // A new organisation has no id yet: `apply_steps` sets it once written.
        organisation_id: organisation_id.unwrap_or(OrganisationId(0)),
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
        Some(oid) => known.membership(partnership_id, oid, role),
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

/// Plans a row of people.
pub(super) async fn plan_person(
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
