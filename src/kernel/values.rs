//! The shared words of the domain: value types that records of several rooms
//! name, kept here so that no room has to reach into another for them. This
//! module is a leaf: it uses nothing of the crate.
//!
//! What belongs here: a type that two or more rooms use (an organisation's
//! kind, a person's gender, a meeting's kind, a reference with a name for
//! display). A type only one room uses stays in that room.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An organisation or person named by the charter, with its name for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct NamedRef {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum MeetingKind {
    Startup,
    Learning,
    ResultsConference,
    Coordinator,
    Strategist,
    StudyVisit,
    MentorSession,
    Workshop,
    Other,
}

/// Used only for statistics of women and men.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Gender {
    Woman,
    Man,
    Other,
    #[default]
    NotStated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum ContactSide {
    Mentor,
    Participant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum OrganisationKind {
    Municipality,
    Region,
    CountyCouncil,
    University,
    Authority,
    Union,
    Association,
    Company,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum Role {
    ProjectOwner,
    Participant,
    CooperationPartner,
    Mentor,
    TransnationalPartner,
}

/// The organisational level a person speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum OrganisationLevel {
    Politician,
    SeniorManager,
    Strategist,
    Operational,
}
