// Typed wrapper around the Tauri commands of the Samlär core.
// Every function rejects with a UiError (never anything else; see errors.ts).
// Long because it is one flat list: each command's types (`Commands`) and its
// wrapper (`api`), one entry per command of src-tauri/src/command_names.rs.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import type { About } from './bindings/About';
import type { Cursor } from './bindings/Cursor';
import type { NamedRef } from './bindings/NamedRef';
import type { Names } from './bindings/Names';
import type { OrganisationNamesQuery } from './bindings/OrganisationNamesQuery';
import type { Page } from './bindings/Page';
import type { PageRequest } from './bindings/PageRequest';
import type { Applied } from './bindings/Applied';
import type { ErasurePreview } from './bindings/ErasurePreview';
import type { Action } from './bindings/Action';
import type { ActionDraft } from './bindings/ActionDraft';
import type { ActionId } from './bindings/ActionId';
import type { ActionStatus } from './bindings/ActionStatus';
import type { ActionWithHistory } from './bindings/ActionWithHistory';
import type { AddAttachment } from './bindings/AddAttachment';
import type { LogoOwner } from './bindings/LogoOwner';
import type { Logos } from './bindings/Logos';
import type { SetLogo } from './bindings/SetLogo';
import type { AgendaChoices } from './bindings/AgendaChoices';
import type { AgendaFrom } from './bindings/AgendaFrom';
import type { AgendaItem } from './bindings/AgendaItem';
import type { AgendaTemplate } from './bindings/AgendaTemplate';
import type { AgendaTemplateId } from './bindings/AgendaTemplateId';
import type { ApplyAgenda } from './bindings/ApplyAgenda';
import type { Attachment } from './bindings/Attachment';
import type { AttachmentId } from './bindings/AttachmentId';
import type { CreateMeetingWithAgenda } from './bindings/CreateMeetingWithAgenda';
import type { ListAgendaTemplates } from './bindings/ListAgendaTemplates';
import type { SaveAgendaAsTemplate } from './bindings/SaveAgendaAsTemplate';
import type { TemplateDraft } from './bindings/TemplateDraft';
import type { UpdateAgendaTemplate } from './bindings/UpdateAgendaTemplate';
import type { ApproveMeeting } from './bindings/ApproveMeeting';
import type { AttendanceEntry } from './bindings/AttendanceEntry';
import type { AttendanceRow } from './bindings/AttendanceRow';
import type { BackupInfo } from './bindings/BackupInfo';
import type { BackupOutcome } from './bindings/BackupOutcome';
import type { ById } from './bindings/ById';
import type { CreateAction } from './bindings/CreateAction';
import type { CreateMeeting } from './bindings/CreateMeeting';
import type { DemoResult } from './bindings/DemoResult';
import type { ExportRequest } from './bindings/ExportRequest';
import type { FollowUp } from './bindings/FollowUp';
import type { GoodExample } from './bindings/GoodExample';
import type { CreateGroup } from './bindings/CreateGroup';
import type { EndRole } from './bindings/EndRole';
import type { Group } from './bindings/Group';
import type { GroupDraft } from './bindings/GroupDraft';
import type { GroupId } from './bindings/GroupId';
import type { GroupReflection } from './bindings/GroupReflection';
import type { PartnershipRoleId } from './bindings/PartnershipRoleId';
import type { RoleAssignment } from './bindings/RoleAssignment';
import type { RoleDraft } from './bindings/RoleDraft';
import type { SetGroupMembers } from './bindings/SetGroupMembers';
import type { SetGroupReflection } from './bindings/SetGroupReflection';
import type { UpdateGroup } from './bindings/UpdateGroup';
import type { CreateIndicator } from './bindings/CreateIndicator';
import type { DeleteIndicatorValue } from './bindings/DeleteIndicatorValue';
import type { Indicator } from './bindings/Indicator';
import type { IndicatorDraft } from './bindings/IndicatorDraft';
import type { IndicatorId } from './bindings/IndicatorId';
import type { SetIndicatorValue } from './bindings/SetIndicatorValue';
import type { UpdateIndicator } from './bindings/UpdateIndicator';
import type { ImportPreview } from './bindings/ImportPreview';
import type { ImportRequest } from './bindings/ImportRequest';
import type { ImportResult } from './bindings/ImportResult';
import type { Installation } from './bindings/Installation';
import type { Language } from './bindings/Language';
import type { MakePackage } from './bindings/MakePackage';
import type { Lineage } from './bindings/Lineage';
import type { Meeting } from './bindings/Meeting';
import type { MeetingApproval } from './bindings/MeetingApproval';
import type { MeetingDetail } from './bindings/MeetingDetail';
import type { MeetingDraft } from './bindings/MeetingDraft';
import type { MeetingId } from './bindings/MeetingId';
import type { MeetingSummary } from './bindings/MeetingSummary';
import type { Membership } from './bindings/Membership';
import type { MembershipDraft } from './bindings/MembershipDraft';
import type { MembershipId } from './bindings/MembershipId';
import type { MentorCandidate } from './bindings/MentorCandidate';
import type { MentorSuggestionQuery } from './bindings/MentorSuggestionQuery';
import type { Organisation } from './bindings/Organisation';
import type { OrganisationDependents } from './bindings/OrganisationDependents';
import type { OrganisationDraft } from './bindings/OrganisationDraft';
import type { OrganisationId } from './bindings/OrganisationId';
import type { OrganisationQuery } from './bindings/OrganisationQuery';
import type { OpenPackage } from './bindings/OpenPackage';
import type { SetVenueArchived } from './bindings/SetVenueArchived';
import type { UpdateVenue } from './bindings/UpdateVenue';
import type { Venue } from './bindings/Venue';
import type { VenueDraft } from './bindings/VenueDraft';
import type { VenueId } from './bindings/VenueId';
import type { VenueQuery } from './bindings/VenueQuery';
import type { PackageFile } from './bindings/PackageFile';
import type { Pairing } from './bindings/Pairing';
import type { PairingDetail } from './bindings/PairingDetail';
import type { PairingDraft } from './bindings/PairingDraft';
import type { PairingId } from './bindings/PairingId';
import type { Partnership } from './bindings/Partnership';
import type { PartnershipDetail } from './bindings/PartnershipDetail';
import type { PartnershipDraft } from './bindings/PartnershipDraft';
import type { PartnershipId } from './bindings/PartnershipId';
import type { PartnershipQuery } from './bindings/PartnershipQuery';
import type { PartnershipSummary } from './bindings/PartnershipSummary';
import type { PdfRequest } from './bindings/PdfRequest';
import type { MinutesEmailRequest } from './bindings/MinutesEmailRequest';
import type { CalendarRequest } from './bindings/CalendarRequest';
import type { SavedCalendar } from './bindings/SavedCalendar';
import type { SavedMinutesEmail } from './bindings/SavedMinutesEmail';
import type { Person } from './bindings/Person';
import type { PersonDraft } from './bindings/PersonDraft';
import type { PersonId } from './bindings/PersonId';
import type { PersonQuery } from './bindings/PersonQuery';
import type { PersonSummary } from './bindings/PersonSummary';
import type { PlannedMeeting } from './bindings/PlannedMeeting';
import type { Preview } from './bindings/Preview';
import type { ProposeCycle } from './bindings/ProposeCycle';
import type { RecordFollowUp } from './bindings/RecordFollowUp';
import type { RestoreRequest } from './bindings/RestoreRequest';
import type { RoundPairings } from './bindings/RoundPairings';
import type { SaveCycle } from './bindings/SaveCycle';
import type { SavedFile } from './bindings/SavedFile';
import type { SearchHit } from './bindings/SearchHit';
import type { SearchQuery } from './bindings/SearchQuery';
import type { GoodExampleFilter } from './bindings/GoodExampleFilter';
import type { GoodExampleLibrary } from './bindings/GoodExampleLibrary';
import type { SetAgenda } from './bindings/SetAgenda';
import type { SetArchived } from './bindings/SetArchived';
import type { SetAttendance } from './bindings/SetAttendance';
import type { SetDecisions } from './bindings/SetDecisions';
import type { SetGoodExamples } from './bindings/SetGoodExamples';
import type { SetInstallationName } from './bindings/SetInstallationName';
import type { SetLanguage } from './bindings/SetLanguage';
import type { SetMentorCapacity } from './bindings/SetMentorCapacity';
import type { SetOrganisationArchived } from './bindings/SetOrganisationArchived';
import type { SetRoundCompletion } from './bindings/SetRoundCompletion';
import type { Settings } from './bindings/Settings';
import type { StartView } from './bindings/StartView';
import type { Statistics } from './bindings/Statistics';
import type { StatisticsScope } from './bindings/StatisticsScope';
import type { Overview } from './bindings/Overview';
import type { OverviewScope } from './bindings/OverviewScope';
import type { AttendanceByLevel } from './bindings/AttendanceByLevel';
import type { DelegationScope } from './bindings/DelegationScope';
import type { Delegations } from './bindings/Delegations';
import type { ExpectedLevels } from './bindings/ExpectedLevels';
import type { LevelScope } from './bindings/LevelScope';
import type { OrganisationLevel } from './bindings/OrganisationLevel';
import type { SetExpectedLevels } from './bindings/SetExpectedLevels';
import type { UnlockMeeting } from './bindings/UnlockMeeting';
import type { UpdateAction } from './bindings/UpdateAction';
import type { UpdateMeeting } from './bindings/UpdateMeeting';
import type { UpdateMembership } from './bindings/UpdateMembership';
import type { UpdateOrganisation } from './bindings/UpdateOrganisation';
import type { UpdatePairing } from './bindings/UpdatePairing';
import type { UpdatePartnership } from './bindings/UpdatePartnership';
import type { UpdatePerson } from './bindings/UpdatePerson';
import type { Conflict } from './bindings/Conflict';
import type { GrantScope } from './bindings/GrantScope';
import type { JoinSharedWorkspace } from './bindings/JoinSharedWorkspace';
import type { ResolveSyncConflict } from './bindings/ResolveSyncConflict';
import type { SetSharedMember } from './bindings/SetSharedMember';
import type { SharedMembers } from './bindings/SharedMembers';
import type { SyncReport } from './bindings/SyncReport';
import type { SyncStatus } from './bindings/SyncStatus';
import { normaliseError } from './errors';

export {
  ERROR_CODES,
  UI_ERROR_CODES,
  isCancelled,
  normaliseError,
  type UiError,
  type UiErrorCode,
} from './errors';

/**
 * What `ui_ready` takes: when each start-up step was reached (Unix ms). The shell takes
 * it as the command's own argument, not under `input`, and ts-rs makes no type for it.
 */
export type UiReady = { marks: Record<string, number> };

/**
 * What `join_shared_workspace` takes: the core's join, and whether the shell keeps the
 * password in the system's credential store (else in memory, for this session only).
 * The shell's own type (src-tauri/src/shared.rs): ts-rs makes none for it.
 */
export type JoinInput = { join: JoinSharedWorkspace; remember: boolean };
/** What `set_shared_password` takes (the shell's own type, like `JoinInput`). */
export type SharedPassword = { password: string; remember: boolean };

/** A command's input (`null`: it takes none) and what it answers. */
interface Command<Input, Output> {
  input: Input;
  output: Output;
}

/**
 * Every command of the shell (src-tauri/src/command_names.rs) with the core's types
 * (src/lib/bindings) of what it takes and what it answers.
 */
export interface Commands {
  // Partnerships
  list_partnerships: Command<PartnershipQuery, PartnershipSummary[]>;
  get_partnership: Command<ById<PartnershipId>, PartnershipDetail>;
  create_partnership: Command<PartnershipDraft, Partnership>;
  update_partnership: Command<UpdatePartnership, Partnership>;
  set_partnership_archived: Command<SetArchived, Partnership>;
  // Organisations
  list_organisations: Command<
    PageRequest<OrganisationQuery, Cursor<OrganisationId>>,
    Page<Organisation, Cursor<OrganisationId>>
  >;
  organisation_names: Command<OrganisationNamesQuery, Names<OrganisationId>>;
  get_organisation: Command<ById<OrganisationId>, Organisation>;
  organisation_memberships: Command<ById<OrganisationId>, Membership[]>;
  create_organisation: Command<OrganisationDraft, Organisation>;
  update_organisation: Command<UpdateOrganisation, Organisation>;
  set_organisation_archived: Command<SetOrganisationArchived, Organisation>;
  organisation_dependents: Command<ById<OrganisationId>, OrganisationDependents>;
  delete_organisation: Command<ById<OrganisationId>, null>;
  // The register of venues
  create_venue: Command<VenueDraft, Venue>;
  list_venues: Command<VenueQuery, Venue[]>;
  get_venue: Command<ById<VenueId>, Venue>;
  update_venue: Command<UpdateVenue, Venue>;
  set_venue_archived: Command<SetVenueArchived, Venue>;
  // People
  list_people: Command<
    PageRequest<PersonQuery, Cursor<PersonId>>,
    Page<PersonSummary, Cursor<PersonId>>
  >;
  person_names: Command<null, Names<PersonId>>;
  get_person: Command<ById<PersonId>, Person>;
  create_person: Command<PersonDraft, Person>;
  update_person: Command<UpdatePerson, Person>;
  delete_person: Command<ById<PersonId>, null>;
  person_erasure_preview: Command<ById<PersonId>, ErasurePreview>;
  export_person: Command<ById<PersonId>, SavedFile>;
  // Memberships
  add_membership: Command<MembershipDraft, Membership>;
  update_membership: Command<UpdateMembership, Membership>;
  remove_membership: Command<ById<MembershipId>, null>;
  // People's roles in a partnership, and the groups inside it
  add_role: Command<RoleDraft, RoleAssignment>;
  end_role: Command<EndRole, RoleAssignment>;
  remove_role: Command<ById<PartnershipRoleId>, null>;
  create_group: Command<CreateGroup, Group>;
  update_group: Command<UpdateGroup, Group>;
  delete_group: Command<ById<GroupId>, null>;
  set_group_members: Command<SetGroupMembers, Group>;
  set_group_reflection: Command<SetGroupReflection, GroupReflection>;
  // Measurable goals: a partnership's indicators and their values
  list_indicators: Command<ById<PartnershipId>, Indicator[]>;
  create_indicator: Command<CreateIndicator, Indicator>;
  update_indicator: Command<UpdateIndicator, Indicator>;
  delete_indicator: Command<ById<IndicatorId>, null>;
  set_indicator_value: Command<SetIndicatorValue, Indicator>;
  delete_indicator_value: Command<DeleteIndicatorValue, Indicator>;
  // Files
  preview_import: Command<ImportRequest, ImportPreview>;
  apply_import: Command<ImportRequest, ImportResult>;
  export_csv: Command<ExportRequest, SavedFile>;
  export_pdf: Command<PdfRequest, SavedFile>;
  minutes_email: Command<MinutesEmailRequest, SavedMinutesEmail>;
  export_calendar: Command<CalendarRequest, SavedCalendar>;
  load_demo_data: Command<null, DemoResult>;
  // Meetings
  list_meetings: Command<
    PageRequest<ById<PartnershipId>, Cursor<MeetingId>>,
    Page<MeetingSummary, Cursor<MeetingId>>
  >;
  create_meeting: Command<CreateMeeting | CreateMeetingWithAgenda, Meeting>;
  update_meeting: Command<UpdateMeeting, Meeting>;
  get_meeting: Command<ById<MeetingId>, MeetingDetail>;
  delete_meeting: Command<ById<MeetingId>, null>;
  propose_cycle: Command<ProposeCycle, PlannedMeeting[]>;
  save_cycle: Command<SaveCycle, MeetingSummary[]>;
  set_agenda: Command<SetAgenda, AgendaItem[]>;
  // Agenda templates and attachments
  list_agenda_templates: Command<ListAgendaTemplates, AgendaTemplate[]>;
  create_agenda_template: Command<TemplateDraft, AgendaTemplate>;
  update_agenda_template: Command<UpdateAgendaTemplate, AgendaTemplate>;
  delete_agenda_template: Command<ById<AgendaTemplateId>, null>;
  save_agenda_as_template: Command<SaveAgendaAsTemplate, AgendaTemplate>;
  agenda_choices: Command<ById<MeetingId>, AgendaChoices>;
  apply_agenda: Command<ApplyAgenda, AgendaItem[]>;
  list_attachments: Command<ById<MeetingId>, Attachment[]>;
  add_attachment: Command<AddAttachment, Attachment>;
  get_logos: Command<LogoOwner, Logos>;
  set_logo: Command<SetLogo, Logos>;
  remove_logo: Command<LogoOwner, Logos>;
  remove_attachment: Command<ById<AttachmentId>, null>;
  open_attachment: Command<ById<AttachmentId>, null>;
  set_decisions: Command<SetDecisions, string[]>;
  set_good_examples: Command<SetGoodExamples, GoodExample[]>;
  set_attendance: Command<SetAttendance, AttendanceRow[]>;
  // Improvement actions
  create_action: Command<CreateAction, Action>;
  update_action: Command<UpdateAction, Action>;
  delete_action: Command<ById<ActionId>, null>;
  record_follow_up: Command<RecordFollowUp, FollowUp>;
  approve_meeting: Command<ApproveMeeting, MeetingApproval>;
  unlock_meeting: Command<UnlockMeeting, MeetingApproval>;
  organisation_actions: Command<ById<OrganisationId>, ActionWithHistory[]>;
  // Statistics and search
  get_statistics: Command<StatisticsScope, Statistics>;
  statistics_overview: Command<OverviewScope, Overview>;
  // Delegations by organisational level
  attendance_by_level: Command<LevelScope, AttendanceByLevel>;
  expected_levels: Command<ById<PartnershipId>, ExpectedLevels>;
  set_expected_levels: Command<SetExpectedLevels, ExpectedLevels>;
  delegations: Command<DelegationScope, Delegations>;
  search: Command<SearchQuery, SearchHit[]>;
  list_good_examples: Command<GoodExampleFilter, GoodExampleLibrary>;
  // Settings
  get_settings: Command<null, Settings>;
  set_language: Command<SetLanguage, Settings>;
  // Mentor pairings
  round_pairings: Command<ById<PartnershipId>, RoundPairings>;
  get_pairing: Command<ById<PairingId>, PairingDetail>;
  create_pairing: Command<PairingDraft, Pairing>;
  update_pairing: Command<UpdatePairing, Pairing>;
  delete_pairing: Command<ById<PairingId>, null>;
  set_mentor_capacity: Command<SetMentorCapacity, RoundPairings>;
  set_round_completion: Command<SetRoundCompletion, RoundPairings>;
  mentor_suggestions: Command<MentorSuggestionQuery, MentorCandidate[]>;
  organisation_lineage: Command<ById<OrganisationId>, Lineage>;
  // Exchange packages and this installation's name
  get_installation: Command<null, Installation>;
  set_installation_name: Command<SetInstallationName, Installation>;
  make_package: Command<MakePackage, SavedFile>;
  preview_package: Command<PackageFile, Preview>;
  open_package: Command<OpenPackage, Applied>;
  // Start-up
  ui_ready: Command<UiReady, null>;
  // Safekeeping and the app's own life
  about: Command<null, About>;
  open_data_folder: Command<null, null>;
  open_log_folder: Command<null, null>;
  list_backups: Command<null, BackupInfo[]>;
  back_up_now: Command<null, SavedFile>;
  restore_backup: Command<RestoreRequest, StartView>;
  choose_backup_file: Command<null, string>;
  open_read_only: Command<null, StartView>;
  daily_backup_outcome: Command<null, BackupOutcome>;
  quit_app: Command<null, null>;
  ready_to_close: Command<null, null>;
  // The shared workspace (the password is the shell's: never in an input but these two)
  sync_status: Command<null, SyncStatus>;
  join_shared_workspace: Command<JoinInput, SyncReport>;
  leave_shared_workspace: Command<null, null>;
  sync_now: Command<null, SyncReport>;
  set_shared_password: Command<SharedPassword, SyncStatus>;
  sync_conflicts: Command<null, Conflict[]>;
  resolve_sync_conflict: Command<ResolveSyncConflict, Applied>;
  shared_members: Command<null, SharedMembers>;
  grant_scope: Command<GrantScope, SharedMembers>;
  revoke_scope: Command<GrantScope, SharedMembers>;
  set_shared_member: Command<SetSharedMember, SharedMembers>;
}

export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = Commands[K]['input'];
export type CommandOutput<K extends CommandName> = Commands[K]['output'];

/** How a command's input crosses IPC: under `input`; nothing when it takes none. */
export function argsOf<K extends CommandName>(
  command: K,
  input: CommandInput<K>,
): InvokeArgs | undefined {
  if (input === null) return undefined;
  return command === 'ui_ready' ? (input as UiReady) : { input };
}

/** The input a command was invoked with: the reverse of `argsOf` (for the tests' fake core). */
export function inputOf<K extends CommandName>(
  command: K,
  args: Record<string, unknown> | undefined,
): CommandInput<K> {
  const input = command === 'ui_ready' ? args : args?.input;
  return (input ?? null) as CommandInput<K>;
}

/** The input argument of `call`: none for a command that takes none. */
type InputArg<K extends CommandName> = CommandInput<K> extends null ? [] : [input: CommandInput<K>];

async function call<K extends CommandName>(
  command: K,
  ...input: InputArg<K>
): Promise<CommandOutput<K>> {
  try {
    const args = argsOf(command, (input[0] ?? null) as CommandInput<K>);
    return await invoke<CommandOutput<K>>(command, args);
  } catch (err) {
    throw normaliseError(err);
  }
}

/** The rows of a list's page the window asks for (about 50 KB of people). */
export const LIST_PAGE = 200;
/** The most rows a page may have (kernel::limits::PAGE_MAX_ROWS). */
export const LIST_PAGE_MAX = 500;

/** Every row of a paged list, asking for page after page until the last. */
export async function allPages<T, C>(
  fetch: (after: C | null) => Promise<Page<T, C>>,
): Promise<T[]> {
  const rows: T[] = [];
  let after: C | null = null;
  do {
    const page: Page<T, C> = await fetch(after);
    rows.push(...page.rows);
    after = page.next;
  } while (after !== null);
  return rows;
}

/** `{ ids, names }` as a list of `{ id, name }`. */
function namedRefs<I>(names: Names<I>): NamedRef<I>[] {
  return names.ids.map((id, i) => ({ id, name: names.names[i] }));
}

export const api = {
  // Partnerships
  listPartnerships(query: PartnershipQuery): Promise<PartnershipSummary[]> {
    return call('list_partnerships', query);
  },
  getPartnership(id: number): Promise<PartnershipDetail> {
    return call('get_partnership', { id });
  },
  createPartnership(draft: PartnershipDraft): Promise<Partnership> {
    return call('create_partnership', draft);
  },
  updatePartnership(id: number, draft: PartnershipDraft): Promise<Partnership> {
    return call('update_partnership', { id, draft });
  },
  setPartnershipArchived(id: number, archived: boolean): Promise<Partnership> {
    return call('set_partnership_archived', { id, archived });
  },

  // Organisations
  /** A page of the organisation list: the first, or the one after `after`. */
  listOrganisations(
    query: OrganisationQuery,
    after: Cursor<OrganisationId> | null = null,
    limit: number = LIST_PAGE,
  ): Promise<Page<Organisation, Cursor<OrganisationId>>> {
    return call('list_organisations', { query, after, limit });
  },
  /** Every organisation's id and name, by name, for a form's choices. */
  async organisationNames(includeArchived: boolean): Promise<NamedRef<OrganisationId>[]> {
    return namedRefs(await call('organisation_names', { includeArchived }));
  },
  getOrganisation(id: number): Promise<Organisation> {
    return call('get_organisation', { id });
  },
  organisationMemberships(id: number): Promise<Membership[]> {
    return call('organisation_memberships', { id });
  },
  createOrganisation(draft: OrganisationDraft): Promise<Organisation> {
    return call('create_organisation', draft);
  },
  updateOrganisation(id: number, draft: OrganisationDraft): Promise<Organisation> {
    return call('update_organisation', { id, draft });
  },
  setOrganisationArchived(id: number, archived: boolean): Promise<Organisation> {
    return call('set_organisation_archived', { id, archived });
  },
  organisationDependents(id: number): Promise<OrganisationDependents> {
    return call('organisation_dependents', { id });
  },
  deleteOrganisation(id: number): Promise<null> {
    return call('delete_organisation', { id });
  },

  // The register of venues
  /** The venues by name; the archived ones only when asked for. */
  listVenues(includeArchived: boolean): Promise<Venue[]> {
    return call('list_venues', { includeArchived });
  },
  getVenue(id: number): Promise<Venue> {
    return call('get_venue', { id });
  },
  createVenue(draft: VenueDraft): Promise<Venue> {
    return call('create_venue', draft);
  },
  /** Also updates the coming, unapproved meetings held there (the core's rule). */
  updateVenue(id: number, draft: VenueDraft): Promise<Venue> {
    return call('update_venue', { id, draft });
  },
  setVenueArchived(id: number, archived: boolean): Promise<Venue> {
    return call('set_venue_archived', { id, archived });
  },

  // People
  /** A page of the people list: the first, or the one after `after`. */
  listPeople(
    query: PersonQuery,
    after: Cursor<PersonId> | null = null,
    limit: number = LIST_PAGE,
  ): Promise<Page<PersonSummary, Cursor<PersonId>>> {
    return call('list_people', { query, after, limit });
  },
  /** Everyone the query finds, page after page: for short lists (an organisation's people). */
  allPeople(query: PersonQuery): Promise<PersonSummary[]> {
    return allPages((after: Cursor<PersonId> | null) =>
      api.listPeople(query, after, LIST_PAGE_MAX),
    );
  },
  /** Everyone's id and name, by name, for a form's choices (about 25 bytes a person). */
  async personNames(): Promise<NamedRef<PersonId>[]> {
    return namedRefs(await call('person_names'));
  },
  getPerson(id: number): Promise<Person> {
    return call('get_person', { id });
  },
  createPerson(draft: PersonDraft): Promise<Person> {
    return call('create_person', draft);
  },
  updatePerson(id: number, draft: PersonDraft): Promise<Person> {
    return call('update_person', { id, draft });
  },
  deletePerson(id: number): Promise<null> {
    return call('delete_person', { id });
  },
  personErasurePreview(id: number): Promise<ErasurePreview> {
    return call('person_erasure_preview', { id });
  },
  exportPerson(id: number): Promise<SavedFile> {
    return call('export_person', { id });
  },

  // Memberships
  addMembership(draft: MembershipDraft): Promise<Membership> {
    return call('add_membership', draft);
  },
  updateMembership(id: number, draft: MembershipDraft): Promise<Membership> {
    return call('update_membership', { id, draft });
  },
  removeMembership(id: number): Promise<null> {
    return call('remove_membership', { id });
  },

  // People's roles in a partnership, and the groups inside it
  addRole(draft: RoleDraft): Promise<RoleAssignment> {
    return call('add_role', draft);
  },
  /** Ends a role on `endDate`, the last day the person held it. */
  endRole(id: number, endDate: string): Promise<RoleAssignment> {
    return call('end_role', { id, endDate });
  },
  removeRole(id: number): Promise<null> {
    return call('remove_role', { id });
  },
  createGroup(partnershipId: number, draft: GroupDraft): Promise<Group> {
    return call('create_group', { partnershipId, draft });
  },
  updateGroup(id: number, draft: GroupDraft): Promise<Group> {
    return call('update_group', { id, draft });
  },
  deleteGroup(id: number): Promise<null> {
    return call('delete_group', { id });
  },
  setGroupMembers(groupId: number, personIds: number[]): Promise<Group> {
    return call('set_group_members', { groupId, personIds });
  },
  setGroupReflection(input: SetGroupReflection): Promise<GroupReflection> {
    return call('set_group_reflection', input);
  },

  // Measurable goals: a partnership's indicators and their values
  listIndicators(partnershipId: number): Promise<Indicator[]> {
    return call('list_indicators', { id: partnershipId });
  },
  createIndicator(partnershipId: number, draft: IndicatorDraft): Promise<Indicator> {
    return call('create_indicator', { partnershipId, draft });
  },
  updateIndicator(id: number, draft: IndicatorDraft): Promise<Indicator> {
    return call('update_indicator', { id, draft });
  },
  deleteIndicator(id: number): Promise<null> {
    return call('delete_indicator', { id });
  },
  /** Records the value measured on a date, replacing one already there. */
  setIndicatorValue(input: SetIndicatorValue): Promise<Indicator> {
    return call('set_indicator_value', input);
  },
  deleteIndicatorValue(indicatorId: number, measuredOn: string): Promise<Indicator> {
    return call('delete_indicator_value', { indicatorId, measuredOn });
  },

  // Files
  previewImport(request: ImportRequest): Promise<ImportPreview> {
    return call('preview_import', request);
  },
  applyImport(request: ImportRequest): Promise<ImportResult> {
    return call('apply_import', request);
  },
  exportCsv(request: ExportRequest): Promise<SavedFile> {
    return call('export_csv', request);
  },
  /**
   * Makes a PDF and saves it through the native save dialog (`cancelled` when the dialog
   * is closed); with `open`, also opens it (`open_failed`: saved, but not opened).
   */
  exportPdf(request: PdfRequest): Promise<SavedFile> {
    return call('export_pdf', request);
  },
  /**
   * Makes the e-mail draft of a meeting's minutes (PDF attached) and saves it like
   * `exportPdf`; with `open`, also opens it in the mail program.
   */
  minutesEmail(request: MinutesEmailRequest): Promise<SavedMinutesEmail> {
    return call('minutes_email', request);
  },
  /**
   * Makes a calendar file (.ics) of a meeting, of a partnership's coming meetings or of a
   * meeting's cancellation, and saves it like `exportPdf`; with `open`, also opens it in
   * the calendar program.
   */
  exportCalendar(request: CalendarRequest): Promise<SavedCalendar> {
    return call('export_calendar', request);
  },
  loadDemoData(): Promise<DemoResult> {
    return call('load_demo_data');
  },

  // Meetings
  /** A page of a partnership's meetings in date order: the first, or the one after `after`. */
  listMeetings(
    partnershipId: number,
    after: Cursor<MeetingId> | null = null,
    limit: number = LIST_PAGE,
  ): Promise<Page<MeetingSummary, Cursor<MeetingId>>> {
    return call('list_meetings', { query: { id: partnershipId }, after, limit });
  },
  createMeeting(partnershipId: number, draft: MeetingDraft): Promise<Meeting> {
    return call('create_meeting', { partnershipId, draft });
  },
  updateMeeting(id: number, draft: MeetingDraft): Promise<Meeting> {
    return call('update_meeting', { id, draft });
  },
  getMeeting(id: number): Promise<MeetingDetail> {
    return call('get_meeting', { id });
  },
  deleteMeeting(id: number): Promise<null> {
    return call('delete_meeting', { id });
  },
  proposeCycle(partnershipId: number, startDate: string): Promise<PlannedMeeting[]> {
    return call('propose_cycle', { partnershipId, startDate });
  },
  saveCycle(partnershipId: number, meetings: PlannedMeeting[]): Promise<MeetingSummary[]> {
    return call('save_cycle', { partnershipId, meetings });
  },
  setAgenda(meetingId: number, items: AgendaItem[]): Promise<AgendaItem[]> {
    return call('set_agenda', { meetingId, items });
  },

  // Agenda templates and attachments
  listAgendaTemplates(partnershipId: number | null): Promise<AgendaTemplate[]> {
    return call('list_agenda_templates', { partnershipId });
  },
  createAgendaTemplate(draft: TemplateDraft): Promise<AgendaTemplate> {
    return call('create_agenda_template', draft);
  },
  updateAgendaTemplate(id: number, draft: TemplateDraft): Promise<AgendaTemplate> {
    return call('update_agenda_template', { id, draft });
  },
  deleteAgendaTemplate(id: number): Promise<null> {
    return call('delete_agenda_template', { id });
  },
  saveAgendaAsTemplate(input: SaveAgendaAsTemplate): Promise<AgendaTemplate> {
    return call('save_agenda_as_template', input);
  },
  agendaChoices(meetingId: number): Promise<AgendaChoices> {
    return call('agenda_choices', { id: meetingId });
  },
  applyAgenda(meetingId: number, from: AgendaFrom, replace: boolean): Promise<AgendaItem[]> {
    return call('apply_agenda', { meetingId, from, replace });
  },
  listAttachments(meetingId: number): Promise<Attachment[]> {
    return call('list_attachments', { id: meetingId });
  },
  getLogos(owner: LogoOwner): Promise<Logos> {
    return call('get_logos', owner);
  },
  setLogo(input: SetLogo): Promise<Logos> {
    return call('set_logo', input);
  },
  removeLogo(owner: LogoOwner): Promise<Logos> {
    return call('remove_logo', owner);
  },
  addAttachment(input: AddAttachment): Promise<Attachment> {
    return call('add_attachment', input);
  },
  removeAttachment(id: number): Promise<null> {
    return call('remove_attachment', { id });
  },
  /** Opens the stored file with the system's program (`open_failed` when it cannot). */
  openAttachment(id: number): Promise<null> {
    return call('open_attachment', { id });
  },
  setDecisions(meetingId: number, decisions: string[]): Promise<string[]> {
    return call('set_decisions', { meetingId, decisions });
  },
  setGoodExamples(meetingId: number, examples: GoodExample[]): Promise<GoodExample[]> {
    return call('set_good_examples', { meetingId, examples });
  },
  setAttendance(meetingId: number, entries: AttendanceEntry[]): Promise<AttendanceRow[]> {
    return call('set_attendance', { meetingId, entries });
  },

  // Improvement actions
  createAction(meetingId: number, draft: ActionDraft): Promise<Action> {
    return call('create_action', { meetingId, draft });
  },
  updateAction(id: number, draft: ActionDraft): Promise<Action> {
    return call('update_action', { id, draft });
  },
  deleteAction(id: number): Promise<null> {
    return call('delete_action', { id });
  },
  recordFollowUp(
    actionId: number,
    meetingId: number,
    status: ActionStatus,
    note: string,
  ): Promise<FollowUp> {
    return call('record_follow_up', { actionId, meetingId, status, note });
  },

  // Approved minutes
  approveMeeting(
    meetingId: number,
    approverIds: number[],
    onDate: string | null,
  ): Promise<MeetingApproval> {
    return call('approve_meeting', { meetingId, approverIds, onDate });
  },
  unlockMeeting(
    meetingId: number,
    personId: number | null,
    reason: string,
  ): Promise<MeetingApproval> {
    return call('unlock_meeting', { meetingId, personId, reason });
  },
  organisationActions(organisationId: number): Promise<ActionWithHistory[]> {
    return call('organisation_actions', { id: organisationId });
  },

  // Mentor pairings
  roundPairings(partnershipId: number): Promise<RoundPairings> {
    return call('round_pairings', { id: partnershipId });
  },
  getPairing(id: number): Promise<PairingDetail> {
    return call('get_pairing', { id });
  },
  createPairing(draft: PairingDraft): Promise<Pairing> {
    return call('create_pairing', draft);
  },
  updatePairing(id: number, draft: PairingDraft): Promise<Pairing> {
    return call('update_pairing', { id, draft });
  },
  deletePairing(id: number): Promise<null> {
    return call('delete_pairing', { id });
  },
  setMentorCapacity(
    partnershipId: number,
    organisationId: number,
    capacity: number,
  ): Promise<RoundPairings> {
    return call('set_mentor_capacity', { partnershipId, organisationId, capacity });
  },
  /** Marks the participants as having completed the round; an empty date clears it. */
  setRoundCompletion(
    partnershipId: number,
    organisationIds: number[],
    completedOn: string,
  ): Promise<RoundPairings> {
    return call('set_round_completion', { partnershipId, organisationIds, completedOn });
  },
  mentorSuggestions(partnershipId: number, participantIds: number[]): Promise<MentorCandidate[]> {
    return call('mentor_suggestions', { partnershipId, participantIds });
  },
  organisationLineage(organisationId: number): Promise<Lineage> {
    return call('organisation_lineage', { id: organisationId });
  },

  // Exchange packages and this installation's name
  /** This installation: its id and the name others see on its packages. */
  getInstallation(): Promise<Installation> {
    return call('get_installation');
  },
  setInstallationName(name: string): Promise<Installation> {
    return call('set_installation_name', { name });
  },
  /**
   * Makes an exchange package (.samlar) of a pairing or a whole partnership and saves it
   * like `exportPdf` (`cancelled` when the save dialog is closed).
   */
  makePackage(request: MakePackage): Promise<SavedFile> {
    return call('make_package', request);
  },
  /** What opening the package would do, with its conflicts; writes nothing. */
  previewPackage(contentBase64: string): Promise<Preview> {
    return call('preview_package', { contentBase64 });
  },
  /** Opens the package with a choice for every conflict, all or nothing. */
  openPackage(request: OpenPackage): Promise<Applied> {
    return call('open_package', request);
  },

  // Statistics and search
  /** A partnership's statistics, or one meeting's; for a period (null ends: open). */
  getStatistics(
    partnershipId: number,
    meetingId: number | null = null,
    period: { from: string | null; to: string | null } = { from: null, to: null },
  ): Promise<Statistics> {
    return call('get_statistics', { partnershipId, meetingId, from: period.from, to: period.to });
  },
  /** The statistics across partnerships: of one kind or all, for a period, archived ones too or not. */
  statisticsOverview(scope: OverviewScope): Promise<Overview> {
    return call('statistics_overview', scope);
  },
  // Delegations by organisational level (dates: `YYYY-MM-DD`, null for an open end)
  /** Attendance by level per meeting and in total, for a partnership or one meeting. */
  attendanceByLevel(
    partnershipId: number,
    meetingId: number | null = null,
    from: string | null = null,
    to: string | null = null,
  ): Promise<AttendanceByLevel> {
    return call('attendance_by_level', { partnershipId, meetingId, from, to });
  },
  /** The levels the partnership expects in each delegation, its kind's default applied. */
  expectedLevels(partnershipId: number): Promise<ExpectedLevels> {
    return call('expected_levels', { id: partnershipId });
  },
  /** Stores the expected levels (an empty list: none expected). */
  setExpectedLevels(partnershipId: number, levels: OrganisationLevel[]): Promise<ExpectedLevels> {
    return call('set_expected_levels', { partnershipId, levels });
  },
  /** Each participating organisation's delegation by level, and what it lacks. */
  delegations(
    partnershipId: number,
    from: string | null = null,
    to: string | null = null,
  ): Promise<Delegations> {
    return call('delegations', { partnershipId, from, to });
  },
  search(text: string, partnershipId: number | null = null): Promise<SearchHit[]> {
    return call('search', { text, partnershipId });
  },
  /** The good examples of every partnership the filter keeps (the newest, capped), with a total. */
  listGoodExamples(filter: GoodExampleFilter): Promise<GoodExampleLibrary> {
    return call('list_good_examples', filter);
  },

  // Start-up
  /**
   * Tells the shell that the first list is painted, with when each start-up step
   * was reached (Unix ms), for the start-up benchmark.
   */
  uiReady(marks: Record<string, number>): Promise<null> {
    return call('ui_ready', { marks });
  },

  // Settings
  getSettings(): Promise<Settings> {
    return call('get_settings');
  },
  setLanguage(language: Language): Promise<Settings> {
    return call('set_language', { language });
  },

  // Safekeeping and the app's own life
  about(): Promise<About> {
    return call('about');
  },
  /** Opens the data folder in the system's file manager (`open_failed` when it cannot). */
  openDataFolder(): Promise<null> {
    return call('open_data_folder');
  },
  /** Opens the log's folder (`logs/` in the data folder) in the file manager. */
  openLogFolder(): Promise<null> {
    return call('open_log_folder');
  },
  /** The automatic backups in the data folder's `backups/`, newest first. */
  listBackups(): Promise<BackupInfo[]> {
    return call('list_backups');
  },
  /** A checked copy of the database, saved where the user chooses (`cancelled`: no file). */
  backUpNow(): Promise<SavedFile> {
    return call('back_up_now');
  },
  /**
   * Puts the database at `path` in place of the current one (which is backed up first), or
   * of the one that could not be opened at start, and answers the start view over it.
   */
  restoreBackup(path: string): Promise<StartView> {
    return call('restore_backup', { path });
  },
  /** Asks for a database file in a native open dialog (`cancelled` when it is closed). */
  chooseBackupFile(): Promise<string> {
    return call('choose_backup_file');
  },
  /** From the start-up error page: opens the database only to read it. */
  openReadOnly(): Promise<StartView> {
    return call('open_read_only');
  },
  /** What the day's automatic backup at start came to, once it is done. */
  dailyBackupOutcome(): Promise<BackupOutcome> {
    return call('daily_backup_outcome');
  },
  quitApp(): Promise<null> {
    return call('quit_app');
  },
  /** The page's last saves have finished: the window may close. */
  readyToClose(): Promise<null> {
    return call('ready_to_close');
  },

  // The shared workspace, synced through a PostgreSQL server
  /**
   * Joined or not, to which server, what waits, since when offline; `lastError` is
   * `password_needed` when no password is known in this session (ask: `setSharedPassword`).
   */
  syncStatus(): Promise<SyncStatus> {
    return call('sync_status');
  },
  /**
   * Joins and syncs once. With `remember`, the password goes to the system's credential
   * store (where there is one); else it is kept in memory until the app closes.
   */
  joinSharedWorkspace(input: JoinSharedWorkspace & { remember: boolean }): Promise<SyncReport> {
    const { remember, ...join } = input;
    return call('join_shared_workspace', { join, remember });
  },
  /** Leaves the shared workspace (the records here stay) and forgets the password. */
  leaveSharedWorkspace(): Promise<null> {
    return call('leave_shared_workspace');
  },
  /** Syncs now (the shell also syncs every few seconds and sends a `sync-status` event). */
  syncNow(): Promise<SyncReport> {
    return call('sync_now');
  },
  /** The password for this session (and the credential store with `remember`); then syncs. */
  setSharedPassword(password: string, remember: boolean): Promise<SyncStatus> {
    return call('set_shared_password', { password, remember });
  },
  /** The records changed both here and on the server, waiting for a person to choose. */
  syncConflicts(): Promise<Conflict[]> {
    return call('sync_conflicts');
  },
  resolveSyncConflict(input: ResolveSyncConflict): Promise<Applied> {
    return call('resolve_sync_conflict', input);
  },
  /** The workspace's members and scopes (`not_administrator` for anyone else). */
  sharedMembers(): Promise<SharedMembers> {
    return call('shared_members');
  },
  grantScope(input: GrantScope): Promise<SharedMembers> {
    return call('grant_scope', input);
  },
  revokeScope(input: GrantScope): Promise<SharedMembers> {
    return call('revoke_scope', input);
  },
  setSharedMember(input: SetSharedMember): Promise<SharedMembers> {
    return call('set_shared_member', input);
  },
};
