//! Every text the core looks up exists in both message files, so no export
//! or report ever shows a bare key.

use samlar::documents::messages::{identifier, labels_of};
use samlar::kernel::values::{Gender, MeetingKind, OrganisationKind, OrganisationLevel, Role};
use samlar::meetings::action::ActionStatus;
use samlar::meetings::attendance::AttendanceStatus;
use samlar::registry::membership::NetworkLevel;
use samlar::registry::partnership::{PartnershipKind, Phase};
use serde::Serialize;

/// Each value must have a label under `prefix` in Swedish and in English.
fn labelled<T: Serialize + Copy>(prefix: &str, values: &[T]) {
    let labels = labels_of(prefix);
    for &value in values {
        let id = identifier(value);
        let texts: Vec<_> = labels.iter().filter(|(v, _)| *v == id).map(|(_, t)| *t).collect();
        assert_eq!(texts.len(), 2, "{prefix}.{id} needs a Swedish and an English text");
        assert!(texts.iter().all(|t| !t.trim().is_empty()), "{prefix}.{id} is empty");
    }
}

#[test]
fn every_enum_value_the_core_writes_out_has_both_labels() {
    use PartnershipKind as K;
    labelled(
        "kind",
        &[
            K::Benchlearning,
            K::ModelMunicipalityRound,
            K::DevelopmentPartnership,
            K::CommunityOfPractice,
            K::Other,
        ],
    );
    labelled(
        "phase",
        &[Phase::Planning, Phase::Mobilisation, Phase::Implementation, Phase::Closed],
    );
    use OrganisationKind as O;
    labelled(
        "organisationKind",
        &[
            O::Municipality,
            O::Region,
            O::CountyCouncil,
            O::University,
            O::Authority,
            O::Union,
            O::Association,
            O::Company,
            O::Other,
        ],
    );
    use Role as R;
    labelled(
        "role",
        &[
            R::ProjectOwner,
            R::Participant,
            R::CooperationPartner,
            R::Mentor,
            R::TransnationalPartner,
        ],
    );
    labelled("networkLevel", &[NetworkLevel::Whole, NetworkLevel::Cluster, NetworkLevel::Internal]);
    use OrganisationLevel as L;
    labelled("personLevel", &[L::Politician, L::SeniorManager, L::Strategist, L::Operational]);
    labelled("gender", &[Gender::Woman, Gender::Man, Gender::Other, Gender::NotStated]);
    use MeetingKind as M;
    labelled(
        "meetingKind",
        &[
            M::Startup,
            M::Learning,
            M::ResultsConference,
            M::Coordinator,
            M::Strategist,
            M::StudyVisit,
            M::MentorSession,
            M::Workshop,
            M::Other,
        ],
    );
    use ActionStatus as A;
    labelled("actionStatus", &[A::Planned, A::Ongoing, A::Done, A::Dropped]);
    use AttendanceStatus as S;
    labelled("attendanceStatus", &[S::Invited, S::Attended, S::Absent]);
    labelled("competence", &["gender_equality", "quality_development"]);
}

/// A count in a text the core writes takes the form the language's plural
/// rules choose (CLDR, as `Intl.PluralRules` in the interface).
#[test]
fn a_count_takes_the_plural_form_of_its_language() {
    use samlar::documents::messages::{plural, plural_form};
    use samlar::store::settings::Language::{En, Sv};
    assert_eq!(plural(Sv, "people.count", 1), "1 person");
    assert_eq!(plural(Sv, "people.count", 2), "2 personer");
    assert_eq!(plural(Sv, "people.count", 0), "0 personer");
    assert_eq!(plural(Sv, "meetings.openActions", 1), "1 öppen åtgärd");
    assert_eq!(plural(Sv, "meetings.openActions", 21), "21 öppna åtgärder");
    assert_eq!(plural(En, "people.count", 1), "1 person");
    assert_eq!(plural(En, "people.count", 2), "2 people");
    for language in [Sv, En] {
        assert_eq!(plural_form(language, 1), "one");
        for n in [0, 2, 11, 101, 1_000_000] {
            assert_eq!(plural_form(language, n), "other", "{n}");
        }
    }
}

/// The rule `ui/src/lib/messages.test.ts` states in full, as the core reads
/// the files: a message with `{count}` is an `_one`/`_other` pair in both
/// languages (except a tally after a label, "Möten ({count})").
#[test]
fn every_message_with_a_count_has_both_plural_forms() {
    use std::collections::HashMap;
    let parse = |text: &str| -> HashMap<String, String> { serde_json::from_str(text).unwrap() };
    let sv = parse(include_str!("../../ui/src/messages/sv.json"));
    let en = parse(include_str!("../../ui/src/messages/en.json"));
    for (name, file) in [("sv", &sv), ("en", &en)] {
        for (key, text) in file {
            let tally = text.ends_with(" ({count})") && text.matches('{').count() <= 2;
            if !text.contains("{count}") || tally {
                continue;
            }
            let base =
                key.strip_suffix("_one").or_else(|| key.strip_suffix("_other")).unwrap_or_else(
                    || panic!("{name} {key}: {text:?} has a count but no plural forms"),
                );
            for other in [&sv, &en] {
                for form in ["one", "other"] {
                    assert!(other.contains_key(&format!("{base}_{form}")), "{base}_{form}");
                }
            }
        }
    }
}
