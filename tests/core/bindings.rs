//! The TypeScript types in `ui/src/lib/bindings/` are generated from the Rust
//! types that cross IPC: every command's input and output, and every type
//! they use. This test fails when the files are stale; run it with
//! `SAMLAR_WRITE_BINDINGS=1` to regenerate them, and commit the result.

use samlar::documents::calendar::{CalendarRequest, SavedCalendar};
use samlar::documents::demo::DemoResult;
use samlar::documents::export::{ExportRequest, SavedFile};
use samlar::documents::import::{ImportPreview, ImportRequest, ImportResult};
use samlar::documents::logo::{LogoOwner, Logos, SetLogo};
use samlar::documents::minutes_mail::{MinutesEmailRequest, SavedMinutesEmail};
use samlar::documents::package_file::{OpenPackage, PackageFile};
use samlar::documents::pdf::PdfRequest;
use samlar::exchange::installation::{Installation, SetInstallationName};
use samlar::exchange::merge::{Applied, Preview};
use samlar::exchange::package::MakePackage;
use samlar::kernel::page::Names;
use samlar::kernel::values::{
    ActionId, ById, MeetingId, MembershipId, OrganisationId, PairingId, PartnershipId, PersonId,
};
use samlar::meetings::action::{CreateAction, UpdateAction};
use samlar::meetings::agenda_template::{
    AgendaChoices, AgendaTemplate, AgendaTemplateId, ApplyAgenda, CreateMeetingWithAgenda,
    ListAgendaTemplates, SaveAgendaAsTemplate, TemplateDraft, UpdateAgendaTemplate,
};
use samlar::meetings::approval::{ApproveMeeting, MeetingApproval, UnlockMeeting};
use samlar::meetings::attachment::{AddAttachment, Attachment, AttachmentId};
use samlar::meetings::attendance::{AttendanceRow, SetAttendance};
use samlar::meetings::cycle::PlannedMeeting;
use samlar::meetings::delegation::{
    AttendanceByLevel, DelegationScope, Delegations, ExpectedLevels, LevelScope, SetExpectedLevels,
};
use samlar::meetings::follow_up::{ActionWithHistory, FollowUp, RecordFollowUp};
use samlar::meetings::good_example_library::{GoodExampleFilter, GoodExampleLibrary};
use samlar::meetings::group_reflection::{GroupReflection, SetGroupReflection};
use samlar::meetings::meeting::{
    CreateMeeting, MeetingSummary, MeetingsPage, MeetingsRequest, ProposeCycle, SaveCycle,
    UpdateMeeting,
};
use samlar::meetings::overview::{Overview, OverviewScope};
use samlar::meetings::sections::{GoodExample, SetAgenda, SetDecisions, SetGoodExamples};
use samlar::meetings::statistics::{Statistics, StatisticsScope};
use samlar::pages::about::About;
use samlar::pages::meeting::MeetingDetail;
use samlar::pages::pairing::PairingDetail;
use samlar::pages::partnership::PartnershipDetail;
use samlar::pages::start::StartView;
use samlar::pairings::lineage::Lineage;
use samlar::pairings::pairing::{Pairing, PairingDraft, UpdatePairing};
use samlar::pairings::round::{RoundPairings, SetMentorCapacity, SetRoundCompletion};
use samlar::pairings::suggestions::{MentorCandidate, MentorSuggestionQuery};
use samlar::privacy::access::PersonExport;
use samlar::privacy::erasure::ErasurePreview;
use samlar::registry::groups::{CreateGroup, Group, SetGroupMembers, UpdateGroup};
use samlar::registry::indicators::{
    CreateIndicator, DeleteIndicatorValue, Indicator, SetIndicatorValue, UpdateIndicator,
};
use samlar::registry::membership::{Membership, MembershipDraft, UpdateMembership};
use samlar::registry::organisation::{
    Organisation, OrganisationDependents, OrganisationDraft, OrganisationNamesQuery,
    OrganisationQuery, OrganisationsPage, OrganisationsRequest, SetOrganisationArchived,
    UpdateOrganisation,
};
use samlar::registry::partnership::{
    Partnership, PartnershipDraft, PartnershipQuery, PartnershipSummary, SetArchived,
    UpdatePartnership,
};
use samlar::registry::person::{Person, PersonDraft, PersonQuery, PersonSummary, UpdatePerson};
use samlar::registry::person_list::{PeoplePage, PeopleRequest};
use samlar::registry::roles::{EndRole, RoleAssignment, RoleDraft};
use samlar::registry::venue::{SetVenueArchived, UpdateVenue, Venue, VenueDraft, VenueQuery};
use samlar::search::{SearchHit, SearchQuery};
use samlar::shared::conflicts::ResolveSyncConflict;
use samlar::shared::join::{JoinSharedWorkspace, JoinStart};
use samlar::shared::members::{
    GrantScope, SetSharedMember, SharedMember, SharedMembers, SharedScope,
};
use samlar::shared::status::{SyncReport, SyncStatus};
use samlar::shared::{ServerSettings, Tls};
use samlar::store::backup::BackupInfo;
use samlar::store::opening::StartupProblem;
use samlar::store::session::{BackupOutcome, RestoreRequest};
use samlar::store::settings::{SetLanguage, Settings};
use samlar::{Error, ErrorCode};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::{Config, TS, TypeVisitor};

/// Collects a type's file and, recursively, the files of the types it uses.
struct Collect {
    cfg: Config,
    files: BTreeMap<String, String>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        let Some(path) = T::output_path() else { return };
        let file = path.display().to_string();
        if self.files.contains_key(&file) {
            return;
        }
        self.files.insert(file, T::export_to_string(&self.cfg).expect("export"));
        T::visit_dependencies(self);
    }
}

fn generated() -> BTreeMap<String, String> {
    let mut c = Collect { cfg: Config::new(), files: BTreeMap::new() };
    // Record ids (each a number), and the input of a command that takes one
    // record by its id
    c.visit::<PartnershipId>();
    c.visit::<OrganisationId>();
    c.visit::<PersonId>();
    c.visit::<MembershipId>();
    c.visit::<MeetingId>();
    c.visit::<ActionId>();
    c.visit::<PairingId>();
    // Partnerships
    c.visit::<StartView>();
    c.visit::<PartnershipQuery>();
    c.visit::<PartnershipSummary>();
    c.visit::<ById<PartnershipId>>();
    c.visit::<PartnershipDetail>();
    c.visit::<PartnershipDraft>();
    c.visit::<UpdatePartnership>();
    c.visit::<SetArchived>();
    c.visit::<Partnership>();
    // Organisations and memberships
    c.visit::<OrganisationsRequest>();
    c.visit::<OrganisationsPage>();
    c.visit::<OrganisationNamesQuery>();
    c.visit::<Names<OrganisationId>>();
    c.visit::<OrganisationQuery>();
    c.visit::<Organisation>();
    c.visit::<ById<OrganisationId>>();
    c.visit::<OrganisationDraft>();
    c.visit::<UpdateOrganisation>();
    c.visit::<SetOrganisationArchived>();
    c.visit::<OrganisationDependents>();
    c.visit::<Membership>();
    c.visit::<MembershipDraft>();
    c.visit::<UpdateMembership>();
    c.visit::<ById<MembershipId>>();
    // People's roles in partnerships and the groups inside them
    c.visit::<RoleDraft>();
    c.visit::<EndRole>();
    c.visit::<RoleAssignment>();
    c.visit::<ById<samlar::kernel::values::PartnershipRoleId>>();
    c.visit::<CreateGroup>();
    c.visit::<UpdateGroup>();
    c.visit::<SetGroupMembers>();
    c.visit::<Group>();
    c.visit::<ById<samlar::kernel::values::GroupId>>();
    c.visit::<SetGroupReflection>();
    c.visit::<GroupReflection>();
    c.visit::<CreateIndicator>();
    c.visit::<UpdateIndicator>();
    c.visit::<Indicator>();
    c.visit::<ById<samlar::kernel::values::IndicatorId>>();
    c.visit::<SetIndicatorValue>();
    c.visit::<DeleteIndicatorValue>();
    // The register of venues
    c.visit::<VenueQuery>();
    c.visit::<Venue>();
    c.visit::<ById<samlar::kernel::values::VenueId>>();
    c.visit::<VenueDraft>();
    c.visit::<UpdateVenue>();
    c.visit::<SetVenueArchived>();
    // People
    c.visit::<PeopleRequest>();
    c.visit::<PeoplePage>();
    c.visit::<Names<PersonId>>();
    c.visit::<PersonQuery>();
    c.visit::<PersonSummary>();
    c.visit::<ById<PersonId>>();
    c.visit::<Person>();
    c.visit::<PersonDraft>();
    c.visit::<UpdatePerson>();
    c.visit::<PersonExport>();
    c.visit::<ErasurePreview>();
    // Meetings, the learning cycle and improvement work
    c.visit::<MeetingsRequest>();
    c.visit::<MeetingsPage>();
    c.visit::<MeetingSummary>();
    c.visit::<CreateMeeting>();
    c.visit::<UpdateMeeting>();
    c.visit::<ById<MeetingId>>();
    c.visit::<MeetingDetail>();
    c.visit::<ProposeCycle>();
    c.visit::<PlannedMeeting>();
    c.visit::<SaveCycle>();
    c.visit::<SetAgenda>();
    c.visit::<CreateMeetingWithAgenda>();
    c.visit::<AgendaTemplate>();
    c.visit::<TemplateDraft>();
    c.visit::<UpdateAgendaTemplate>();
    c.visit::<ListAgendaTemplates>();
    c.visit::<SaveAgendaAsTemplate>();
    c.visit::<ApplyAgenda>();
    c.visit::<AgendaChoices>();
    c.visit::<ById<AgendaTemplateId>>();
    c.visit::<Attachment>();
    c.visit::<AddAttachment>();
    c.visit::<LogoOwner>();
    c.visit::<SetLogo>();
    c.visit::<Logos>();
    c.visit::<ById<AttachmentId>>();
    c.visit::<SetDecisions>();
    c.visit::<SetGoodExamples>();
    c.visit::<GoodExample>();
    c.visit::<SetAttendance>();
    c.visit::<AttendanceRow>();
    c.visit::<CreateAction>();
    c.visit::<UpdateAction>();
    c.visit::<ById<ActionId>>();
    c.visit::<RecordFollowUp>();
    c.visit::<ApproveMeeting>();
    c.visit::<UnlockMeeting>();
    c.visit::<MeetingApproval>();
    c.visit::<FollowUp>();
    c.visit::<ActionWithHistory>();
    c.visit::<PairingDraft>();
    c.visit::<UpdatePairing>();
    c.visit::<ById<PairingId>>();
    c.visit::<Pairing>();
    c.visit::<PairingDetail>();
    c.visit::<RoundPairings>();
    c.visit::<SetMentorCapacity>();
    c.visit::<SetRoundCompletion>();
    c.visit::<MentorSuggestionQuery>();
    c.visit::<MentorCandidate>();
    c.visit::<Lineage>();
    c.visit::<StatisticsScope>();
    c.visit::<Statistics>();
    c.visit::<OverviewScope>();
    c.visit::<Overview>();
    c.visit::<LevelScope>();
    c.visit::<AttendanceByLevel>();
    c.visit::<ExpectedLevels>();
    c.visit::<SetExpectedLevels>();
    c.visit::<DelegationScope>();
    c.visit::<Delegations>();
    c.visit::<SearchQuery>();
    c.visit::<SearchHit>();
    c.visit::<GoodExampleFilter>();
    c.visit::<GoodExampleLibrary>();
    // Files, demo data and settings
    c.visit::<ImportRequest>();
    c.visit::<ImportPreview>();
    c.visit::<ImportResult>();
    c.visit::<ExportRequest>();
    c.visit::<PdfRequest>();
    c.visit::<SavedFile>();
    c.visit::<MinutesEmailRequest>();
    c.visit::<SavedMinutesEmail>();
    c.visit::<CalendarRequest>();
    c.visit::<SavedCalendar>();
    c.visit::<DemoResult>();
    c.visit::<Settings>();
    c.visit::<SetLanguage>();
    // Exchange packages and this installation's name
    c.visit::<Installation>();
    c.visit::<SetInstallationName>();
    c.visit::<MakePackage>();
    c.visit::<PackageFile>();
    c.visit::<Preview>();
    c.visit::<OpenPackage>();
    c.visit::<Applied>();
    // The shared workspace, synced through a PostgreSQL server
    c.visit::<ServerSettings>();
    c.visit::<Tls>();
    c.visit::<SyncStatus>();
    c.visit::<SyncReport>();
    c.visit::<JoinStart>();
    c.visit::<JoinSharedWorkspace>();
    c.visit::<ResolveSyncConflict>();
    c.visit::<SharedScope>();
    c.visit::<SharedMember>();
    c.visit::<SharedMembers>();
    c.visit::<GrantScope>();
    c.visit::<SetSharedMember>();
    // Safekeeping: backups, restore, the start-up error page, About
    c.visit::<BackupInfo>();
    c.visit::<BackupOutcome>();
    c.visit::<RestoreRequest>();
    c.visit::<StartupProblem>();
    c.visit::<About>();
    // Errors
    c.visit::<ErrorCode>();
    c.visit::<Error>();
    c.files
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    let expected = generated();
    if std::env::var_os("SAMLAR_WRITE_BINDINGS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (file, text) in &expected {
            std::fs::write(dir.join(file), text).unwrap();
        }
    }
    let mut committed = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("ui/src/lib/bindings exists") {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        committed.insert(file, std::fs::read_to_string(&path).unwrap());
    }
    let stale: Vec<_> = expected
        .iter()
        .filter(|(file, text)| committed.get(*file) != Some(*text))
        .map(|(file, _)| file.clone())
        .chain(committed.keys().filter(|f| !expected.contains_key(*f)).cloned())
        .collect();
    assert!(
        stale.is_empty(),
        "stale TypeScript bindings {stale:?}: run `SAMLAR_WRITE_BINDINGS=1 cargo test --test core bindings` and commit"
    );
}
