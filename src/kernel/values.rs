//! The shared words of the domain: value types that records of several rooms
//! name, kept here so that no room has to reach into another for them. This
//! module is a leaf: it uses nothing of the crate.
//!
//! What belongs here: a type that two or more rooms use (an organisation's
//! kind, a person's gender, a meeting's kind, a reference with a name for
//! display, the id of every kind of record). A type only one room uses stays
//! in that room.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Defines the id of one kind of record: a newtype of the row's `INTEGER`
/// id, so that an id of one kind of record cannot be passed where another's
/// is wanted. It crosses IPC as a plain number (serde transparent, a
/// TypeScript alias of `number`) and binds and decodes as an `INTEGER`
/// (sqlx transparent).
macro_rules! record_ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
            sqlx::Type,
        )]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(#[ts(type = "number")] pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

record_ids! {
    /// A partnership's id (`partnerships.id`).
    PartnershipId;
    /// An organisation's id (`organisations.id`).
    OrganisationId;
    /// A person's id (`people.id`).
    PersonId;
    /// A membership's id (`memberships.id`).
    MembershipId;
    /// A meeting's id (`meetings.id`).
    MeetingId;
    /// An improvement action's id (`actions.id`).
    ActionId;
    /// A mentor pairing's id (`pairings.id`).
    PairingId;
    /// A venue's id in the register of venues (`venues.id`).
    VenueId;
    /// A person's role in a partnership, for a period (`partnership_roles.id`).
    PartnershipRoleId;
    /// A group inside a partnership (`partnership_groups.id`).
    GroupId;
    /// A measurable goal's indicator (`indicators.id`).
    IndicatorId;
}

/// The input of a command that takes one record by its id, such as
/// `ById<MeetingId>`: `{ "id": 5 }` on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ById<T> {
    pub id: T,
}

/// A record named by another (a partnership, an organisation or a person),
/// with its name for display; `I` is the kind of id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct NamedRef<I> {
    pub id: I,
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

/// How a meeting is held: in one place, online only, or both. A meeting
/// made before the mode was kept has none (not stated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
pub enum MeetingMode {
    OnSite,
    Digital,
    Hybrid,
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
