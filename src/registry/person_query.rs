//! The query of the people list, one for the window's pages, CSV export
//! and import alike: the filters (any part of the name, title or e-mail
//! address; an organisation; a partnership's member organisations; a level)
//! and the sort, with the SQL of both, written once here.

use crate::kernel::values::{OrganisationId, OrganisationLevel, PartnershipId};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PersonSort {
    Name,
    Organisation,
    Level,
}

impl PersonSort {
    pub(super) fn key(self) -> &'static str {
        match self {
            PersonSort::Name => "name",
            PersonSort::Organisation => "organisation",
            PersonSort::Level => "level",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersonQuery {
    /// Any part of the name, title or e-mail address.
    pub search: String,
    pub organisation_id: Option<OrganisationId>,
    /// People of the organisations that are members of this partnership.
    pub partnership_id: Option<PartnershipId>,
    pub level: Option<OrganisationLevel>,
    pub sort: PersonSort,
}

impl PersonQuery {
    pub fn all() -> Self {
        Self {
            search: String::new(),
            organisation_id: None,
            partnership_id: None,
            level: None,
            sort: PersonSort::Name,
        }
    }
}

/// The sort keys of a person in the list, by the query's sort (`?5`): the
/// level's rank or whether the person has no organisation, then the
/// organisation's name, then the person's (the cursor of `kernel::page`).
macro_rules! sort_keys {
    () => {
        "CASE ?5 WHEN 'organisation' THEN o.name_key IS NULL \
              WHEN 'level' THEN CASE p.level WHEN 'politician' THEN 1 \
                   WHEN 'senior_manager' THEN 2 WHEN 'strategist' THEN 3 \
                   WHEN 'operational' THEN 4 ELSE 5 END ELSE 0 END AS k_rank, \
         CASE ?5 WHEN 'organisation' THEN coalesce(o.name_key, '') ELSE '' END AS k_group, \
         p.name_key AS k_key"
    };
}

/// The people the query finds: `?1` … `?4` (the sort is `?5`).
macro_rules! filters {
    () => {
        " WHERE (p.name_key LIKE ?1 ESCAPE '\\' OR lower(p.title) LIKE ?1 ESCAPE '\\' \
                OR p.email_key LIKE ?1 ESCAPE '\\') \
         AND (?2 IS NULL OR p.organisation_id = ?2) \
         AND (?3 IS NULL OR p.organisation_id IN \
              (SELECT organisation_id FROM memberships WHERE partnership_id = ?3)) \
         AND (?4 IS NULL OR p.level = ?4)"
    };
}
pub(super) use filters;

pub(super) use sort_keys;
