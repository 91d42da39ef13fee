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
