//! The PDFs mentors print and public bodies archive: the summary of one
//! meeting, the summary of a mentor session, the partnership report, the
//! sign-in sheet of a meeting and the handbook of good examples. Each document is built as layout blocks from
//! the record, in the interface language, and rendered to bytes by a pure
//! function (`layout::render`).

mod handbook;
pub mod layout;
mod lessons;
mod report;
mod report_delegation;
mod report_indicators;
mod session;
mod sign_in;

pub use sign_in::WALK_IN_ROWS;

use crate::documents::export::{self, ExportFile};
use crate::documents::messages::{self, label};
use crate::kernel::period::Period;
use crate::kernel::values::{MeetingId, MeetingKind, PartnershipId};
use crate::meetings::good_example_library::GoodExampleFilter;
use crate::store::settings::{self, Language};
use crate::{Result, Workspace};
use chrono::NaiveDate;
use layout::{Block, DocumentSpec};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which document to make.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(tag = "document", rename_all = "snake_case", deny_unknown_fields)]
pub enum PdfDocument {
    /// The summary of one meeting; for a mentor session, the mentor session summary.
    #[serde(rename_all = "camelCase")]
    SessionSummary { meeting_id: MeetingId },
    /// The report of a partnership, for a reporting period (`from`, `to`:
    /// `YYYY-MM-DD`, inclusive, either empty for open; both empty for
    /// everything ever recorded).
    #[serde(rename_all = "camelCase")]
    PartnershipReport {
        partnership_id: PartnershipId,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        to: Option<String>,
    },
    /// The sign-in sheet (närvarolista) of one meeting, to print and sign.
    #[serde(rename_all = "camelCase")]
    SignInSheet { meeting_id: MeetingId },
    /// The handbook (exempelsamling) of the good examples the filter keeps,
    /// of every partnership, with a table of contents.
    #[serde(rename_all = "camelCase")]
    Handbook { filter: GoodExampleFilter },
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PdfRequest {
    pub document: PdfDocument,
    /// Make a PDF/A file for archiving.
    pub archival: bool,
    /// Open the saved file in the computer's PDF viewer.
    pub open: bool,
}

/// A document before rendering: its title (for the metadata and the file
/// name), the footer's name and the blocks.
struct Draft {
    title: String,
    file_stem: String,
    footer: String,
    blocks: Vec<Block>,
}

/// A table column of text, `width` its share of the line.
fn column(title: String, width: f32) -> layout::Column {
    layout::Column { title, width, align_right: false }
}

/// A table column of numbers, right-aligned.
fn number_column(title: String) -> layout::Column {
    layout::Column { title, width: 1.0, align_right: true }
}

/// The texts of one language, with the few formats every document uses.
#[derive(Clone, Copy)]
struct Words(Language);

impl Words {
    fn t(self, key: &str) -> String {
        messages::text(self.0, key).to_owned()
    }

    fn fill(self, key: &str, params: &[(&str, &str)]) -> String {
        messages::fill(messages::text(self.0, key), params)
    }

    fn label<T: Serialize>(self, prefix: &str, value: T) -> String {
        label(self.0, prefix, value).to_owned()
    }

    /// "Lärandeträff 2", "Uppstartsmöte", or the meeting's own title after it.
    fn meeting_name(self, kind: MeetingKind, number: Option<i64>, title: &str) -> String {
        let mut name = self.label("meetingKind", kind);
        if let Some(n) = number {
            name = format!("{name} {n}");
        }
        if !title.trim().is_empty() {
            name = format!("{name}: {}", title.trim());
        }
        name
    }

    fn date(self, date: Option<NaiveDate>) -> String {
        date.map(|d| d.to_string()).unwrap_or_else(|| self.t("pdf.none"))
    }

    /// Text, or a muted "none" line when it is empty.
    fn text_or(self, text: &str, empty_key: &str) -> Block {
        if text.trim().is_empty() {
            Block::Muted(self.t(empty_key))
        } else {
            Block::Paragraph(text.trim_end().to_owned())
        }
    }
}

impl Workspace {
    /// The logo in the header: the partnership's own, else the installation's.
    async fn logo_of(&self, document: &PdfDocument) -> Result<Option<layout::Logo>> {
        let meeting = |id: MeetingId| async move {
            let sql = "SELECT partnership_id FROM meetings WHERE id = ?";
            sqlx::query_scalar(sql).bind(id).fetch_optional(self.pool()).await
        };
        let partnership: Option<PartnershipId> = match *document {
            PdfDocument::SessionSummary { meeting_id } => meeting(meeting_id).await?,
            PdfDocument::SignInSheet { meeting_id } => meeting(meeting_id).await?,
            PdfDocument::PartnershipReport { partnership_id, .. } => Some(partnership_id),
            PdfDocument::Handbook { ref filter } => filter.partnership_id,
            #[allow(unreachable_patterns)]
            _ => None,
        };
        crate::documents::logo::for_documents(self.pool(), partnership).await
    }

    /// A PDF in the interface language, ready to save.
    pub async fn pdf(&self, request: PdfRequest) -> Result<ExportFile> {
        let words = Words(settings::load(self.pool()).await?.language);
        let today = self.clock().today();
        let draft = match request.document {
            PdfDocument::SessionSummary { meeting_id } => {
                let mut conn = self.pool().acquire().await?;
                session::summary(&mut conn, words, meeting_id, today).await?
            }
            PdfDocument::PartnershipReport { partnership_id, ref from, ref to } => {
                let period = Period::check(from.as_deref(), to.as_deref())?;
                report::report(self, words, partnership_id, period).await?
            }
            PdfDocument::SignInSheet { meeting_id } => {
                let mut conn = self.pool().acquire().await?;
                sign_in::sheet(&mut conn, words, meeting_id).await?
            }
            PdfDocument::Handbook { ref filter } => handbook::handbook(self, words, filter).await?,
        };
        let spec = DocumentSpec {
            title: draft.title,
            language: match words.0 {
                Language::Sv => "sv-SE",
                Language::En => "en-GB",
            }
            .to_owned(),
            author: String::new(),
            footer: draft.footer,
            printed: words.fill("pdf.printed", &[("date", &today.to_string())]),
            page_label: words.t("pdf.page"),
            archival: request.archival,
            created: self.clock().timestamp(),
            logo: self.logo_of(&request.document).await?,
        };
        // Rendering is pure computation: keep it off the async workers.
        let blocks = draft.blocks;
        let bytes = tokio::task::spawn_blocking(move || layout::render(&spec, &blocks))
            .await
            .map_err(|e| crate::Error::new(crate::ErrorCode::Storage, e.to_string()))?;
        Ok(ExportFile {
            file_name: export::file_name(&format!("{} {today}", draft.file_stem), "pdf"),
            bytes,
        })
    }
}
