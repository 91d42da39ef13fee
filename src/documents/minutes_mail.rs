//! The minutes by e-mail: a draft (`.eml`, RFC 5322 with MIME) addressed to
//! the people who attended a meeting and the contact people named for it,
//! with a short text in the interface language and the session summary PDF
//! attached. Samlär sends nothing and asks for no password: the draft is
//! saved like any export and opened in the user's mail program, which sends
//! it from the user's own account.
//!
//! The draft carries `X-Unsent: 1`, which makes Outlook and Thunderbird open
//! it as a message to edit and send rather than as a received one. It has no
//! `From:`: RFC 5322 asks one of a message that is sent, and the mail program
//! fills in the user's account when it sends the draft (an empty group is not
//! allowed in `From:`, and any address Samlär made up would be wrong).
//! `mail-builder` writes the headers: names with å, ä and ö as RFC 2047
//! encoded words, the PDF's file name as an RFC 2231 parameter, the body as
//! UTF-8 and the PDF as base64.

use crate::documents::export::{self, ExportFile};
use crate::documents::messages::{fill, label, text};
use crate::documents::pdf::{PdfDocument, PdfRequest};
use crate::kernel::values::{ById, MeetingId};
use crate::meetings::meeting;
use crate::store::settings::{self, Language};
use crate::{Result, Workspace};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the window asks for: the draft of one meeting's minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MinutesEmailRequest {
    pub meeting_id: MeetingId,
    /// Open the saved draft in the computer's mail program.
    pub open: bool,
}

/// Who the draft goes to: `recipients` addresses, and how many of the people
/// it should have gone to have no e-mail address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecipientCounts {
    pub recipients: u32,
    pub without_address: u32,
}

/// A draft ready to save, and who it is addressed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesEmail {
    pub file: ExportFile,
    pub counts: RecipientCounts,
}

/// Where the draft was saved, and who it is addressed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedMinutesEmail {
    pub path: String,
    pub counts: RecipientCounts,
}

/// A person the minutes are for: the people marked as attended, the
/// partnership's contact person and, for a mentor session, the contact
/// people of the pairing's organisations; each person once, in name order.
const RECIPIENTS: &str = "SELECT name, email FROM people WHERE id IN ( \
       SELECT person_id FROM attendance WHERE meeting_id = ?1 AND status = 'attended' \
       UNION SELECT contact_person_id FROM partnerships WHERE id = ?2 \
       UNION SELECT person_id FROM pairing_contacts WHERE pairing_id = ?3) \
     ORDER BY name_key, id";

/// The addresses to write, each once (compared without case), and how many
/// people had none.
fn addresses(people: Vec<(String, Option<String>)>) -> (Vec<(String, String)>, u32) {
    let mut seen = std::collections::HashSet::new();
    let mut to = Vec::new();
    let mut without = 0;
    for (name, email) in people {
        match email.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty()) {
            Some(email) => {
                if seen.insert(email.to_lowercase()) {
                    to.push((name.trim().to_owned(), email));
                }
            }
            None => without += 1,
        }
    }
    (to, without)
}

impl Workspace {
    /// The e-mail draft of a meeting's minutes, in the interface language,
    /// with the session summary PDF attached. A meeting nobody with an
    /// address is named for still makes a draft, without a `To:`, to be
    /// addressed in the mail program.
    pub async fn minutes_email(&self, input: ById<MeetingId>) -> Result<MinutesEmail> {
        let l: Language = settings::load(self.pool()).await?.language;
        let m = meeting::get(self.pool(), input.id).await?;
        let people: Vec<(String, Option<String>)> = sqlx::query_as(RECIPIENTS)
            .bind(m.id)
            .bind(m.partnership_id)
            .bind(m.pairing_id)
            .fetch_all(self.pool())
            .await?;
        let (to, without_address) = addresses(people);
        let pdf = self
            .pdf(PdfRequest {
                document: PdfDocument::SessionSummary { meeting_id: m.id },
                archival: false,
                open: false,
            })
            .await?;

        let name = if m.title.trim().is_empty() {
            let kind = label(l, "meetingKind", m.kind);
            m.number.map(|n| format!("{kind} {n}")).unwrap_or_else(|| kind.to_owned())
        } else {
            m.title.trim().to_owned()
        };
        let date = m.date.to_string();
        let params = [("title", name.as_str()), ("date", date.as_str())];
        let recipients = u32::try_from(to.len()).unwrap_or(u32::MAX);
        let mut mail = MessageBuilder::new();
        if !to.is_empty() {
            mail = mail.to(Address::new_list(to.into_iter().map(Address::from).collect()));
        }
        let mut bytes = Vec::with_capacity(pdf.bytes.len() * 4 / 3 + 4096);
        mail.subject(fill(text(l, "minutesMail.subject"), &params))
            .date(self.clock().now().timestamp())
            .header("X-Unsent", Raw::new("1"))
            .text_body(fill(text(l, "minutesMail.body"), &params).replace('\n', "\r\n"))
            .attachment("application/pdf", pdf.file_name, pdf.bytes)
            .serialize(&mut bytes);
        Ok(MinutesEmail {
            file: ExportFile {
                file_name: export::file_name(&fill(text(l, "minutesMail.file"), &params), "eml"),
                bytes,
            },
            counts: RecipientCounts { recipients, without_address },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::addresses;

    #[test]
    fn each_address_is_written_once_and_people_without_one_are_counted() {
        let people = vec![
            ("Åsa".to_owned(), Some("asa@example.se".to_owned())),
            ("Bo".to_owned(), None),
            ("Åsa igen".to_owned(), Some("ASA@example.se".to_owned())),
            ("Cia".to_owned(), Some("  ".to_owned())),
        ];
        let (to, without) = addresses(people);
        assert_eq!(to, vec![("Åsa".to_owned(), "asa@example.se".to_owned())]);
        assert_eq!(without, 2);
    }
}
