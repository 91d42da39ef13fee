//! Which records travel and how each kind is stored: one table of specs
//! says, per kind, which columns travel as they are, which refer to other
//! records (and travel as their UUIDs), which lists inside a record live in
//! tables of their own, and what identifies a record made on both sides
//! without knowing of the other. Reading and writing (`record`, `writing`)
//! are SQL generated from it, so that a new column is one line here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The kinds of record that travel, parents before children: a record's
/// references point only to kinds earlier in `Kind::ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Organisation,
    Person,
    Venue,
    Partnership,
    Group,
    Indicator,
    Membership,
    Pairing,
    Meeting,
    Action,
    FollowUp,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Organisation,
        Kind::Person,
        Kind::Venue,
        Kind::Partnership,
        Kind::Group,
        Kind::Indicator,
        Kind::Membership,
        Kind::Pairing,
        Kind::Meeting,
        Kind::Action,
        Kind::FollowUp,
    ];

    /// The name in `records.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::Person => "person",
            Kind::Venue => "venue",
            Kind::Partnership => "partnership",
            Kind::Group => "group",
            Kind::Indicator => "indicator",
            Kind::Membership => "membership",
            Kind::Pairing => "pairing",
            Kind::Meeting => "meeting",
            Kind::Action => "action",
            Kind::FollowUp => "follow_up",
        }
    }

    pub fn spec(self) -> &'static Spec {
        SPECS.iter().find(|s| s.kind == self).expect("every kind has a spec")
    }
}

/// How one kind is stored.
pub struct Spec {
    pub kind: Kind,
    pub table: &'static str,
    /// Columns that travel as they are.
    pub fields: &'static [&'static str],
    /// Columns that refer to another record, travelling as its UUID.
    pub refs: &'static [(&'static str, Kind)],
    pub parts: &'static [Part],
    /// Fields that identify the record here when its UUID is new here (the
    /// same municipality code, e-mail address, partnership name …): both
    /// sides made it without knowing of the other.
    pub natural_key: &'static [&'static str],
    /// An SQL expression over the row `t` that names the record for people.
    pub label: &'static str,
}

/// A list inside a record, kept in a table of its own.
pub struct Part {
    pub name: &'static str,
    pub table: &'static str,
    /// The column that points to the record.
    pub parent: &'static str,
    pub fields: &'static [&'static str],
    pub refs: &'static [(&'static str, Kind)],
    pub order_by: &'static str,
}

/// Fields too sensitive to travel unless the sender chose to include them.
pub const SENSITIVE: &[(Kind, &str)] = &[(Kind::Person, "accessibility_needs")];

pub static SPECS: &[Spec] = &[
    Spec {
        kind: Kind::Organisation,
        table: "organisations",
        fields: &["name", "kind", "code", "county", "employees", "archived_at", "created_at"],
        refs: &[],
        parts: &[],
        natural_key: &["code"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Person,
        table: "people",
        fields: &[
            "name",
            "title",
            "level",
            "email",
            "phone",
            "gender",
            "has_mandate",
            "accessibility_needs",
            "created_at",
        ],
        refs: &[("organisation_id", Kind::Organisation)],
        parts: &[Part {
            name: "competences",
            table: "person_competences",
            parent: "person_id",
            fields: &["competence"],
            refs: &[],
            order_by: "competence",
        }],
        natural_key: &["email"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Venue,
        table: "venues",
        fields: &[
            "name",
            "address",
            "step_free_entrance",
            "no_thresholds",
            "lift",
            "accessible_toilet",
            "hearing_loop",
            "accessible_seating",
            "accessibility_notes",
            "notes",
            "archived_at",
            "created_at",
        ],
        refs: &[("organisation_id", Kind::Organisation)],
        parts: &[],
        natural_key: &["name"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Partnership,
        table: "partnerships",
        fields: &[
            "name",
            "kind",
            "purpose",
            "start_date",
            "end_date",
            "archived_at",
            "created_at",
            "shared_problem",
            "delimitation",
            "phase",
            "funding_source",
            "budget_sek",
            "granted_sek",
            "region",
            "mandate_notes",
            "power_balance_notes",
            "missing_partners_notes",
            "carry_home_notes",
            "expected_levels",
        ],
        refs: &[("project_owner_id", Kind::Organisation), ("contact_person_id", Kind::Person)],
        parts: &[
            Part {
                name: "goals",
                table: "partnership_goals",
                parent: "partnership_id",
                fields: &["position", "goal", "expected_effect"],
                refs: &[],
                order_by: "position",
            },
            Part {
                name: "roles",
                table: "partnership_roles",
                parent: "partnership_id",
                fields: &["role", "start_date", "end_date"],
                refs: &[("person_id", Kind::Person)],
                order_by: "role, person_id, start_date",
            },
        ],
        natural_key: &["name"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Group,
        table: "partnership_groups",
        fields: &["kind", "name", "purpose", "created_at"],
        refs: &[("partnership_id", Kind::Partnership)],
        parts: &[Part {
            name: "members",
            table: "group_members",
            parent: "group_id",
            fields: &[],
            refs: &[("person_id", Kind::Person)],
            order_by: "person_id",
        }],
        natural_key: &["partnership_id", "name"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Indicator,
        table: "indicators",
        fields: &[
            "goal_position",
            "name",
            "unit",
            "baseline",
            "baseline_date",
            "target",
            "target_date",
            "source",
            "kolada_id",
            "by_gender",
            "created_at",
        ],
        refs: &[("partnership_id", Kind::Partnership)],
        parts: &[Part {
            name: "values",
            table: "indicator_values",
            parent: "indicator_id",
            fields: &["measured_on", "value", "women", "men", "note"],
            refs: &[],
            order_by: "measured_on",
        }],
        natural_key: &["partnership_id", "name"],
        label: "t.name",
    },
    Spec {
        kind: Kind::Membership,
        table: "memberships",
        fields: &[
            "role",
            "country",
            "network_level",
            "cluster",
            "created_at",
            "completed_on",
            "mentor_capacity",
        ],
        refs: &[("partnership_id", Kind::Partnership), ("organisation_id", Kind::Organisation)],
        parts: &[],
        natural_key: &["partnership_id", "organisation_id", "role"],
        label: "(SELECT name FROM organisations WHERE id = t.organisation_id)",
    },
    Spec {
        kind: Kind::Pairing,
        table: "pairings",
        fields: &["start_date", "end_date", "status", "end_reason", "notes", "created_at"],
        refs: &[
            ("partnership_id", Kind::Partnership),
            ("mentor_organisation_id", Kind::Organisation),
        ],
        parts: &[
            Part {
                name: "participants",
                table: "pairing_participants",
                parent: "pairing_id",
                fields: &["position"],
                refs: &[("organisation_id", Kind::Organisation)],
                order_by: "position",
            },
            Part {
                name: "contacts",
                table: "pairing_contacts",
                parent: "pairing_id",
                fields: &["side"],
                refs: &[("person_id", Kind::Person)],
                order_by: "side, person_id",
            },
        ],
        natural_key: &[],
        // "Umeå kommun → Vännäs kommun, Bjurholms kommun": mentor → participants.
        label: "(SELECT name FROM organisations WHERE id = t.mentor_organisation_id) || ' → ' || \
                coalesce((SELECT group_concat(o.name, ', ') FROM (SELECT o.name FROM \
                pairing_participants p JOIN organisations o ON o.id = p.organisation_id \
                WHERE p.pairing_id = t.id ORDER BY p.position) o), '')",
    },
    Spec {
        kind: Kind::Meeting,
        table: "meetings",
        fields: &[
            "kind",
            "number",
            "title",
            "date",
            "start_time",
            "end_time",
            "venue_name",
            "venue_address",
            "online_link",
            "mode",
            "step_free_entrance",
            "no_thresholds",
            "lift",
            "accessible_toilet",
            "hearing_loop",
            "accessible_seating",
            "accessibility_notes",
            "studied",
            "learned",
            "notes",
            "reflection_best",
            "reflection_learn",
            "reflection_develop",
            "extra_women",
            "extra_men",
            "extra_other",
            "extra_not_stated",
            "created_at",
            "calendar_sequence",
        ],
        refs: &[
            ("partnership_id", Kind::Partnership),
            ("host_organisation_id", Kind::Organisation),
            ("pairing_id", Kind::Pairing),
            ("venue_id", Kind::Venue),
        ],
        parts: &[
            Part {
                name: "visitors",
                table: "meeting_visitors",
                parent: "meeting_id",
                fields: &[],
                refs: &[("organisation_id", Kind::Organisation)],
                order_by: "organisation_id",
            },
            Part {
                name: "agenda",
                table: "agenda_items",
                parent: "meeting_id",
                fields: &["position", "title", "notes"],
                refs: &[
                    ("presenter_organisation_id", Kind::Organisation),
                    ("presenter_person_id", Kind::Person),
                ],
                order_by: "position",
            },
            Part {
                name: "attendance",
                table: "attendance",
                parent: "meeting_id",
                fields: &["status"],
                refs: &[("person_id", Kind::Person)],
                order_by: "person_id",
            },
            Part {
                name: "decisions",
                table: "decisions",
                parent: "meeting_id",
                fields: &["position", "text"],
                refs: &[],
                order_by: "position",
            },
            Part {
                name: "good_examples",
                table: "good_examples",
                parent: "meeting_id",
                fields: &["position", "title", "description", "tags"],
                refs: &[("organisation_id", Kind::Organisation)],
                order_by: "position",
            },
            Part {
                name: "group_reflections",
                table: "group_reflections",
                parent: "meeting_id",
                fields: &["reflection_best", "reflection_learn", "reflection_develop"],
                refs: &[("group_id", Kind::Group)],
                order_by: "group_id",
            },
            Part {
                name: "approvals",
                table: "meeting_approvals",
                parent: "meeting_id",
                fields: &["event", "on_date", "reason", "recorded_at"],
                refs: &[("person_id", Kind::Person), ("second_person_id", Kind::Person)],
                order_by: "recorded_at, id",
            },
        ],
        natural_key: &["partnership_id", "kind", "number"],
        label: "t.date || CASE WHEN t.title = '' THEN '' ELSE ' ' || t.title END",
    },
    Spec {
        kind: Kind::Action,
        table: "actions",
        fields: &["description", "due_date", "agreed_status", "status", "created_at"],
        refs: &[
            ("partnership_id", Kind::Partnership),
            ("meeting_id", Kind::Meeting),
            ("organisation_id", Kind::Organisation),
            ("responsible_person_id", Kind::Person),
        ],
        parts: &[],
        natural_key: &[],
        label: "t.description",
    },
    Spec {
        kind: Kind::FollowUp,
        table: "action_followups",
        fields: &["status", "note", "recorded_at"],
        refs: &[("action_id", Kind::Action), ("meeting_id", Kind::Meeting)],
        parts: &[],
        natural_key: &["action_id", "meeting_id"],
        label: "(SELECT description FROM actions WHERE id = t.action_id)",
    },
];
