//! CSV files that Swedish Excel opens as they are: `;` between cells, UTF-8
//! with a byte-order mark, ISO dates, headers and values in the interface
//! language. A cell that Excel would read as a formula (starting with `=`,
//! `+`, `-` or `@`) is neutralised with a leading apostrophe. What is
//! exported can be imported again unchanged.

use crate::documents::activity_list;
use crate::documents::export_lists::{self, PeriodList};
use crate::documents::indicator_list;
use crate::documents::messages::{label, text};
use crate::documents::sheet::Sheet;
pub use crate::documents::sheet::neutralise;
use crate::kernel::values::{ById, PartnershipId, PersonId};
use crate::registry::membership;
use crate::registry::organisation::{self, OrganisationQuery};
use crate::registry::partnership::{self, PartnershipQuery};
use crate::registry::person::{self, PersonQuery};
use crate::store::settings::{self, Language};
use crate::{Error, ErrorCode, Result, Workspace};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(
    tag = "list",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum ExportRequest {
    Partnerships {
        query: PartnershipQuery,
    },
    Organisations {
        query: OrganisationQuery,
    },
    People {
        query: PersonQuery,
        /// Accessibility needs are left out unless asked for.
        include_sensitive: bool,
    },
    /// The organisations of one partnership with their roles.
    Members {
        partnership_id: PartnershipId,
    },
    /// A partnership's meetings in a period (`from`, `to`: `YYYY-MM-DD`,
    /// inclusive, either empty for open); see `export_lists`.
    Meetings {
        partnership_id: PartnershipId,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
    },
    /// Attendance person by meeting, for the meetings of a period.
    Attendance {
        partnership_id: PartnershipId,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
    },
    /// Improvement actions with their follow-ups, for a period.
    Actions {
        partnership_id: PartnershipId,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
    },
    /// The good examples of the meetings of a period.
    GoodExamples {
        partnership_id: PartnershipId,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
    },
    /// The indicators' values measured in a period; see `indicator_list`.
    IndicatorValues {
        partnership_id: PartnershipId,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
    },
    /// Women, men, other and not stated per meeting of a period, with a
    /// total row; see `activity_list`.
    ActivityStatistics {
        partnership_id: PartnershipId,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
    },
}

/// Where a file the user chose to save was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedFile {
    pub path: String,
}

/// A finished file and the name to suggest when saving it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A file name for `stem` without the characters file systems refuse,
/// with `extension`: "Sammanfattning A/B: 2027-03-15" → "Sammanfattning
/// A-B- 2027-03-15.pdf".
pub fn file_name(stem: &str, extension: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '-' } else { c })
        .collect();
    format!("{}.{extension}", cleaned.trim())
}

fn yes_no(language: Language, value: bool) -> String {
    text(language, if value { "csv.yes" } else { "csv.no" }).to_owned()
}

fn number(value: Option<i64>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

impl Workspace {
    /// Everything stored about one person as a JSON file, for a request
    /// under the GDPR.
    pub async fn person_export_file(&self, input: ById<PersonId>) -> Result<ExportFile> {
        let export = self.person_export(input).await?;
        let l = settings::load(self.pool()).await?.language;
        let bytes = serde_json::to_vec_pretty(&export)
            .map_err(|e| Error::new(ErrorCode::Storage, e.to_string()))?;
        let date = self.clock().now().date_naive();
        Ok(ExportFile {
            file_name: format!("{}-{date}.json", text(l, "export.file.person")),
            bytes,
        })
    }

    /// The CSV file for a list, in the language the interface is set to.
    pub async fn export_csv(&self, request: ExportRequest) -> Result<ExportFile> {
        let l = settings::load(self.pool()).await?.language;
        let h = |key: &str| text(l, &format!("csv.{key}"));
        let (name, bytes) = match request {
            ExportRequest::Partnerships { query } => {
                let mut sheet = Sheet::new(&[
                    h("partnership.name"),
                    h("partnership.kind"),
                    h("partnership.phase"),
                    h("partnership.startDate"),
                    h("partnership.endDate"),
                    h("partnership.region"),
                    h("partnership.organisations"),
                    h("partnership.archived"),
                ])?;
                for p in partnership::list(self.pool(), &query).await? {
                    sheet.row([
                        p.name,
                        label(l, "kind", p.kind).to_owned(),
                        label(l, "phase", p.phase).to_owned(),
                        p.start_date.map(|d| d.to_string()).unwrap_or_default(),
                        p.end_date.map(|d| d.to_string()).unwrap_or_default(),
                        p.region,
                        p.organisation_count.to_string(),
                        yes_no(l, p.archived),
                    ])?;
                }
                ("export.file.partnerships", sheet.finish()?)
            }
            ExportRequest::Organisations { query } => {
                let mut sheet = Sheet::new(&[
                    h("organisation.name"),
                    h("organisation.kind"),
                    h("organisation.code"),
                    h("organisation.county"),
                    h("organisation.employees"),
                    h("organisation.partnerships"),
                    h("organisation.people"),
                ])?;
                for o in organisation::list(self.pool(), &query).await? {
                    sheet.row([
                        o.name,
                        label(l, "organisationKind", o.kind).to_owned(),
                        o.code.unwrap_or_default(),
                        o.county,
                        number(o.employees),
                        o.partnership_count.to_string(),
                        o.people_count.to_string(),
                    ])?;
                }
                ("export.file.organisations", sheet.finish()?)
            }
            ExportRequest::People { query, include_sensitive } => {
                let mut headers = vec![
                    h("person.name"),
                    h("person.organisation"),
                    h("person.title"),
                    h("person.level"),
                    h("person.email"),
                    h("person.phone"),
                    h("person.gender"),
                    h("person.mandate"),
                    h("person.competences"),
                ];
                if include_sensitive {
                    headers.push(h("person.accessibilityNeeds"));
                }
                let mut sheet = Sheet::new(&headers)?;
                let mut needs: std::collections::HashMap<PersonId, String> = if include_sensitive {
                    sqlx::query_as("SELECT id, accessibility_needs FROM people")
                        .fetch_all(self.pool())
                        .await?
                        .into_iter()
                        .collect()
                } else {
                    Default::default()
                };
                for p in person::list(self.pool(), &query).await? {
                    let competences: Vec<&str> = p
                        .competences
                        .iter()
                        .map(|c| match c.as_str() {
                            person::GENDER_EQUALITY | person::QUALITY_DEVELOPMENT => {
                                text(l, &format!("competence.{c}"))
                            }
                            other => other,
                        })
                        .collect();
                    let mut cells = vec![
                        p.name,
                        p.organisation_name.unwrap_or_default(),
                        p.title,
                        p.level.map(|v| label(l, "personLevel", v).to_owned()).unwrap_or_default(),
                        p.email.unwrap_or_default(),
                        p.phone,
                        label(l, "gender", p.gender).to_owned(),
                        yes_no(l, p.has_mandate),
                        competences.join(", "),
                    ];
                    if include_sensitive {
                        cells.push(needs.remove(&p.id).unwrap_or_default());
                    }
                    sheet.row(cells)?;
                }
                ("export.file.people", sheet.finish()?)
            }
            ExportRequest::Members { partnership_id } => {
                partnership::get(self.pool(), partnership_id).await?;
                let mut sheet = Sheet::new(&[
                    h("organisation.name"),
                    h("organisation.kind"),
                    h("organisation.code"),
                    h("membership.role"),
                    h("membership.networkLevel"),
                    h("membership.cluster"),
                    h("membership.country"),
                ])?;
                for m in membership::of_partnership(self.pool(), partnership_id).await? {
                    sheet.row([
                        m.organisation_name,
                        label(l, "organisationKind", m.organisation_kind).to_owned(),
                        m.organisation_code.unwrap_or_default(),
                        label(l, "role", m.role).to_owned(),
                        label(l, "networkLevel", m.network_level).to_owned(),
                        m.cluster,
                        m.country,
                    ])?;
                }
                ("export.file.members", sheet.finish()?)
            }
            ExportRequest::Meetings { partnership_id, from, to } => {
                let list = PeriodList { partnership_id, from, to };
                ("export.file.meetings", export_lists::meetings(self, l, list).await?)
            }
            ExportRequest::Attendance { partnership_id, from, to } => {
                let list = PeriodList { partnership_id, from, to };
                ("export.file.attendance", export_lists::attendance(self, l, list).await?)
            }
            ExportRequest::Actions { partnership_id, from, to } => {
                let list = PeriodList { partnership_id, from, to };
                ("export.file.actions", export_lists::actions(self, l, list).await?)
            }
            ExportRequest::GoodExamples { partnership_id, from, to } => {
                let list = PeriodList { partnership_id, from, to };
                ("export.file.goodExamples", export_lists::good_examples(self, l, list).await?)
            }
            ExportRequest::IndicatorValues { partnership_id, from, to } => {
                let list = PeriodList { partnership_id, from, to };
                ("export.file.indicatorValues", indicator_list::values(self, l, list).await?)
            }
            ExportRequest::ActivityStatistics { partnership_id, from, to } => {
                let list = PeriodList { partnership_id, from, to };
                let bytes = activity_list::activity_statistics(self, l, list).await?;
                ("export.file.activityStatistics", bytes)
            }
        };
        let date = self.clock().now().date_naive();
        Ok(ExportFile { file_name: format!("{}-{date}.csv", text(l, name)), bytes })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_lose_what_file_systems_refuse() {
        let name = |stem, ext| super::file_name(stem, ext);
        assert_eq!(
            name("Lärandeträff 1: A/B 2027-03-15", "pdf"),
            "Lärandeträff 1- A-B 2027-03-15.pdf"
        );
        assert_eq!(
            name("Sammanfattning A/B: 2027-03-15", "eml"),
            "Sammanfattning A-B- 2027-03-15.eml"
        );
        assert_eq!(name(" Möte\t<x>|\"y\"? ", "ics"), "Möte--x---y--.ics");
    }
}
