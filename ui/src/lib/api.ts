// Typed wrapper around the Tauri commands of the Samlär core.
// Every function rejects with a UiError (never anything else).
import { invoke } from '@tauri-apps/api/core';
import type { Action } from './bindings/Action';
import type { ActionDraft } from './bindings/ActionDraft';
import type { ActionWithHistory } from './bindings/ActionWithHistory';
import type { AgendaItem } from './bindings/AgendaItem';
import type { AttendanceEntry } from './bindings/AttendanceEntry';
import type { AttendanceRow } from './bindings/AttendanceRow';
import type { FollowUp } from './bindings/FollowUp';
import type { GoodExample } from './bindings/GoodExample';
import type { Meeting } from './bindings/Meeting';
import type { MeetingDetail } from './bindings/MeetingDetail';
import type { MeetingDraft } from './bindings/MeetingDraft';
import type { MeetingSummary } from './bindings/MeetingSummary';
import type { PlannedMeeting } from './bindings/PlannedMeeting';
import type { SearchHit } from './bindings/SearchHit';
import type { Statistics } from './bindings/Statistics';
import type { ActionStatus } from './bindings/ActionStatus';
import type { CommandError } from './bindings/CommandError';
import type { DemoResult } from './bindings/DemoResult';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ExportRequest } from './bindings/ExportRequest';
import type { ImportPreview } from './bindings/ImportPreview';
import type { ImportRequest } from './bindings/ImportRequest';
import type { ImportResult } from './bindings/ImportResult';
import type { Language } from './bindings/Language';
import type { Lineage } from './bindings/Lineage';
import type { MentorCandidate } from './bindings/MentorCandidate';
import type { Membership } from './bindings/Membership';
import type { MembershipDraft } from './bindings/MembershipDraft';
import type { Organisation } from './bindings/Organisation';
import type { OrganisationDependents } from './bindings/OrganisationDependents';
import type { OrganisationDraft } from './bindings/OrganisationDraft';
import type { OrganisationQuery } from './bindings/OrganisationQuery';
import type { Partnership } from './bindings/Partnership';
import type { PartnershipDetail } from './bindings/PartnershipDetail';
import type { PartnershipDraft } from './bindings/PartnershipDraft';
import type { PartnershipQuery } from './bindings/PartnershipQuery';
import type { PartnershipSummary } from './bindings/PartnershipSummary';
import type { Pairing } from './bindings/Pairing';
import type { PairingDetail } from './bindings/PairingDetail';
import type { PairingDraft } from './bindings/PairingDraft';
import type { PdfRequest } from './bindings/PdfRequest';
import type { RoundPairings } from './bindings/RoundPairings';
import type { Person } from './bindings/Person';
import type { PersonDraft } from './bindings/PersonDraft';
import type { PersonQuery } from './bindings/PersonQuery';
import type { PersonSummary } from './bindings/PersonSummary';
import type { SavedFile } from './bindings/SavedFile';
import type { Settings } from './bindings/Settings';

export type UiErrorCode = ErrorCode | 'internal';

/** A CommandError from the core, or an "internal" one made up on the UI side. */
export type UiError = Omit<CommandError, 'code'> & { code: UiErrorCode };

/** Every code the core may send. Kept in step with bindings/ErrorCode.ts by the type below. */
export const ERROR_CODES = [
  'name_required',
  'name_too_long',
  'text_too_long',
  'invalid_date',
  'date_required',
  'invalid_time',
  'end_before_start',
  'name_taken',
  'invalid_number',
  'invalid_email',
  'email_taken',
  'invalid_code',
  'code_taken',
  'goal_required',
  'description_required',
  'not_later_meeting',
  'unknown_organisation',
  'unknown_person',
  'country_required',
  'cluster_required',
  'membership_exists',
  'in_use',
  'invalid_file',
  'missing_column',
  'too_many_cells',
  'unknown_value',
  'duplicate_in_file',
  'mentor_required',
  'participants_required',
  'too_many_participants',
  'mentor_is_participant',
  'has_active_mentor',
  'capacity_exceeded',
  'reason_required',
  'contact_not_in_organisation',
  'not_participant',
  'pairing_required',
  'unknown_pairing',
  'not_mentor_session',
  'invalid_input',
  'not_found',
  'conflict',
  'storage',
  'cancelled',
  'open_failed',
] as const satisfies readonly ErrorCode[];

// Compile-time check that ERROR_CODES lists every ErrorCode.
type Missing = Exclude<ErrorCode, (typeof ERROR_CODES)[number]>;
const allCodesListed: Missing extends never ? true : Missing = true;
void allCodesListed;

export const UI_ERROR_CODES: readonly UiErrorCode[] = [...ERROR_CODES, 'internal'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Turns whatever a command rejected with into a UiError.
 * An object with a string `code` is a CommandError and passes through; anything else
 * (e.g. the plain string Tauri sends when arguments cannot be deserialised) becomes
 * an "internal" error. A code this UI does not know is also treated as "internal".
 * Idempotent: normalising a UiError again gives an equal UiError.
 */
export function normaliseError(err: unknown): UiError {
  if (isRecord(err) && typeof err.code === 'string') {
    const known = (UI_ERROR_CODES as readonly string[]).includes(err.code);
    return {
      code: known ? (err.code as UiErrorCode) : 'internal',
      field: typeof err.field === 'string' ? err.field : null,
      message: typeof err.message === 'string' ? err.message : String(err.message ?? err.code),
    };
  }
  return { code: 'internal', field: null, message: String(err) };
}

/** True when the user closed a native save dialog without choosing a file. */
export function isCancelled(err: UiError): boolean {
  return err.code === 'cancelled';
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw normaliseError(err);
  }
}

export const api = {
  // Partnerships
  listPartnerships(query: PartnershipQuery): Promise<PartnershipSummary[]> {
    return call('list_partnerships', { input: query });
  },
  getPartnership(id: number): Promise<PartnershipDetail> {
    return call('get_partnership', { input: { id } });
  },
  createPartnership(draft: PartnershipDraft): Promise<Partnership> {
    return call('create_partnership', { input: draft });
  },
  updatePartnership(id: number, draft: PartnershipDraft): Promise<Partnership> {
    return call('update_partnership', { input: { id, draft } });
  },
  setPartnershipArchived(id: number, archived: boolean): Promise<Partnership> {
    return call('set_partnership_archived', { input: { id, archived } });
  },

  // Organisations
  listOrganisations(query: OrganisationQuery): Promise<Organisation[]> {
    return call('list_organisations', { input: query });
  },
  getOrganisation(id: number): Promise<Organisation> {
    return call('get_organisation', { input: { id } });
  },
  organisationMemberships(id: number): Promise<Membership[]> {
    return call('organisation_memberships', { input: { id } });
  },
  createOrganisation(draft: OrganisationDraft): Promise<Organisation> {
    return call('create_organisation', { input: draft });
  },
  updateOrganisation(id: number, draft: OrganisationDraft): Promise<Organisation> {
    return call('update_organisation', { input: { id, draft } });
  },
  setOrganisationArchived(id: number, archived: boolean): Promise<Organisation> {
    return call('set_organisation_archived', { input: { id, archived } });
  },
  organisationDependents(id: number): Promise<OrganisationDependents> {
    return call('organisation_dependents', { input: { id } });
  },
  deleteOrganisation(id: number): Promise<null> {
    return call('delete_organisation', { input: { id } });
  },

  // People
  listPeople(query: PersonQuery): Promise<PersonSummary[]> {
    return call('list_people', { input: query });
  },
  getPerson(id: number): Promise<Person> {
    return call('get_person', { input: { id } });
  },
  createPerson(draft: PersonDraft): Promise<Person> {
    return call('create_person', { input: draft });
  },
  updatePerson(id: number, draft: PersonDraft): Promise<Person> {
    return call('update_person', { input: { id, draft } });
  },
  deletePerson(id: number): Promise<null> {
    return call('delete_person', { input: { id } });
  },
  exportPerson(id: number): Promise<SavedFile> {
    return call('export_person', { input: { id } });
  },

  // Memberships
  addMembership(draft: MembershipDraft): Promise<Membership> {
    return call('add_membership', { input: draft });
  },
  updateMembership(id: number, draft: MembershipDraft): Promise<Membership> {
    return call('update_membership', { input: { id, draft } });
  },
  removeMembership(id: number): Promise<null> {
    return call('remove_membership', { input: { id } });
  },

  // Files
  previewImport(request: ImportRequest): Promise<ImportPreview> {
    return call('preview_import', { input: request });
  },
  applyImport(request: ImportRequest): Promise<ImportResult> {
    return call('apply_import', { input: request });
  },
  exportCsv(request: ExportRequest): Promise<SavedFile> {
    return call('export_csv', { input: request });
  },
  /**
   * Makes a PDF and saves it through the native save dialog (`cancelled` when the dialog
   * is closed); with `open`, also opens it (`open_failed`: saved, but not opened).
   */
  exportPdf(request: PdfRequest): Promise<SavedFile> {
    return call('export_pdf', { input: request });
  },
  loadDemoData(): Promise<DemoResult> {
    return call('load_demo_data');
  },

  // Meetings
  listMeetings(partnershipId: number): Promise<MeetingSummary[]> {
    return call('list_meetings', { input: { id: partnershipId } });
  },
  createMeeting(partnershipId: number, draft: MeetingDraft): Promise<Meeting> {
    return call('create_meeting', { input: { partnershipId, draft } });
  },
  updateMeeting(id: number, draft: MeetingDraft): Promise<Meeting> {
    return call('update_meeting', { input: { id, draft } });
  },
  getMeeting(id: number): Promise<MeetingDetail> {
    return call('get_meeting', { input: { id } });
  },
  deleteMeeting(id: number): Promise<null> {
    return call('delete_meeting', { input: { id } });
  },
  proposeCycle(partnershipId: number, startDate: string): Promise<PlannedMeeting[]> {
    return call('propose_cycle', { input: { partnershipId, startDate } });
  },
  saveCycle(partnershipId: number, meetings: PlannedMeeting[]): Promise<MeetingSummary[]> {
    return call('save_cycle', { input: { partnershipId, meetings } });
  },
  setAgenda(meetingId: number, items: AgendaItem[]): Promise<AgendaItem[]> {
    return call('set_agenda', { input: { meetingId, items } });
  },
  setDecisions(meetingId: number, decisions: string[]): Promise<string[]> {
    return call('set_decisions', { input: { meetingId, decisions } });
  },
  setGoodExamples(meetingId: number, examples: GoodExample[]): Promise<GoodExample[]> {
    return call('set_good_examples', { input: { meetingId, examples } });
  },
  setAttendance(meetingId: number, entries: AttendanceEntry[]): Promise<AttendanceRow[]> {
    return call('set_attendance', { input: { meetingId, entries } });
  },

  // Improvement actions
  createAction(meetingId: number, draft: ActionDraft): Promise<Action> {
    return call('create_action', { input: { meetingId, draft } });
  },
  updateAction(id: number, draft: ActionDraft): Promise<Action> {
    return call('update_action', { input: { id, draft } });
  },
  deleteAction(id: number): Promise<null> {
    return call('delete_action', { input: { id } });
  },
  recordFollowUp(
    actionId: number,
    meetingId: number,
    status: ActionStatus,
    note: string,
  ): Promise<FollowUp> {
    return call('record_follow_up', { input: { actionId, meetingId, status, note } });
  },
  organisationActions(organisationId: number): Promise<ActionWithHistory[]> {
    return call('organisation_actions', { input: { id: organisationId } });
  },

  // Mentor pairings
  roundPairings(partnershipId: number): Promise<RoundPairings> {
    return call('round_pairings', { input: { id: partnershipId } });
  },
  getPairing(id: number): Promise<PairingDetail> {
    return call('get_pairing', { input: { id } });
  },
  createPairing(draft: PairingDraft): Promise<Pairing> {
    return call('create_pairing', { input: draft });
  },
  updatePairing(id: number, draft: PairingDraft): Promise<Pairing> {
    return call('update_pairing', { input: { id, draft } });
  },
  deletePairing(id: number): Promise<null> {
    return call('delete_pairing', { input: { id } });
  },
  setMentorCapacity(
    partnershipId: number,
    organisationId: number,
    capacity: number,
  ): Promise<RoundPairings> {
    return call('set_mentor_capacity', { input: { partnershipId, organisationId, capacity } });
  },
  /** Marks the participants as having completed the round; an empty date clears it. */
  setRoundCompletion(
    partnershipId: number,
    organisationIds: number[],
    completedOn: string,
  ): Promise<RoundPairings> {
    return call('set_round_completion', {
      input: { partnershipId, organisationIds, completedOn },
    });
  },
  mentorSuggestions(partnershipId: number, participantIds: number[]): Promise<MentorCandidate[]> {
    return call('mentor_suggestions', { input: { partnershipId, participantIds } });
  },
  organisationLineage(organisationId: number): Promise<Lineage> {
    return call('organisation_lineage', { input: { id: organisationId } });
  },

  // Statistics and search
  getStatistics(partnershipId: number, meetingId: number | null = null): Promise<Statistics> {
    return call('get_statistics', { input: { partnershipId, meetingId } });
  },
  search(text: string, partnershipId: number | null = null): Promise<SearchHit[]> {
    return call('search', { input: { text, partnershipId } });
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
    return call('set_language', { input: { language } });
  },
};
