// An in-memory stand-in for the Rust core, installed with mockIPC.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Action } from '../lib/bindings/Action';
import type { ActionDraft } from '../lib/bindings/ActionDraft';
import type { ActionWithHistory } from '../lib/bindings/ActionWithHistory';
import type { AttendanceEntry } from '../lib/bindings/AttendanceEntry';
import type { FollowUp } from '../lib/bindings/FollowUp';
import type { Goal } from '../lib/bindings/Goal';
import type { Meeting } from '../lib/bindings/Meeting';
import type { MeetingDetail } from '../lib/bindings/MeetingDetail';
import type { MeetingDraft } from '../lib/bindings/MeetingDraft';
import type { MeetingSummary } from '../lib/bindings/MeetingSummary';
import type { PlannedMeeting } from '../lib/bindings/PlannedMeeting';
import type { RecordFollowUp } from '../lib/bindings/RecordFollowUp';
import type { SearchHit } from '../lib/bindings/SearchHit';
import type { Statistics } from '../lib/bindings/Statistics';
import type { Membership } from '../lib/bindings/Membership';
import type { Organisation } from '../lib/bindings/Organisation';
import type { OrganisationQuery } from '../lib/bindings/OrganisationQuery';
import type { Partnership } from '../lib/bindings/Partnership';
import type { PartnershipDetail } from '../lib/bindings/PartnershipDetail';
import type { PartnershipDraft } from '../lib/bindings/PartnershipDraft';
import type { PartnershipQuery } from '../lib/bindings/PartnershipQuery';
import type { PartnershipSummary } from '../lib/bindings/PartnershipSummary';
import type { Person } from '../lib/bindings/Person';
import type { PersonQuery } from '../lib/bindings/PersonQuery';
import type { PersonSummary } from '../lib/bindings/PersonSummary';
import type { Settings } from '../lib/bindings/Settings';

export type Call = { cmd: string; args: Record<string, unknown> | undefined };

const STAMP = '2026-11-23T10:15:00Z';

export function partnership(overrides: Partial<Partnership> = {}): Partnership {
  return {
    id: 1,
    name: 'Benchlearning Norr',
    kind: 'benchlearning',
    phase: 'planning',
    purpose: '',
    sharedProblem: '',
    delimitation: '',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    projectOwnerId: null,
    contactPersonId: null,
    fundingSource: '',
    budgetSek: null,
    region: '',
    mandateNotes: '',
    powerBalanceNotes: '',
    missingPartnersNotes: '',
    carryHomeNotes: '',
    archived: false,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function organisation(overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: 1,
    name: 'Umeå kommun',
    kind: 'municipality',
    code: '2480',
    county: 'Västerbottens län',
    employees: 12000,
    archived: false,
    partnershipCount: 0,
    peopleCount: 0,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 1,
    name: 'Anna Andersson',
    organisationId: null,
    organisationName: null,
    title: '',
    level: null,
    email: null,
    phone: '',
    gender: 'not_stated',
    hasMandate: false,
    competences: [],
    accessibilityNeeds: '',
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function membership(overrides: Partial<Membership> = {}): Membership {
  return {
    id: 1,
    partnershipId: 1,
    partnershipName: 'Benchlearning Norr',
    organisationId: 1,
    organisationName: 'Umeå kommun',
    organisationKind: 'municipality',
    organisationCode: null,
    role: 'participant',
    country: '',
    networkLevel: 'whole',
    cluster: '',
    ...overrides,
  };
}

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: 1,
    partnershipId: 1,
    kind: 'learning',
    number: 1,
    title: '',
    date: '2027-03-16',
    startTime: null,
    endTime: null,
    venueName: '',
    venueAddress: '',
    stepFreeEntrance: null,
    noThresholds: null,
    lift: null,
    accessibleToilet: null,
    hearingLoop: null,
    accessibleSeating: null,
    accessibilityNotes: '',
    hostOrganisationId: null,
    studied: '',
    learned: '',
    notes: '',
    reflectionBest: '',
    reflectionLearn: '',
    reflectionDevelop: '',
    extraWomen: 0,
    extraMen: 0,
    extraOther: 0,
    extraNotStated: 0,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function meetingDetail(
  m: Meeting,
  overrides: Partial<Omit<MeetingDetail, 'meeting'>> = {},
): MeetingDetail {
  return {
    meeting: m,
    partnership: { id: m.partnershipId, name: 'Benchlearning Norr' },
    hostOrganisation: null,
    visitors: [],
    agenda: [],
    attendance: [],
    decisions: [],
    goodExamples: [],
    actions: [],
    followUps: [],
    previous: null,
    next: null,
    ...overrides,
  };
}

export function action(overrides: Partial<Action> = {}): Action {
  return {
    id: 1,
    partnershipId: 1,
    meetingId: 1,
    meetingKind: 'learning',
    meetingNumber: 1,
    meetingDate: '2027-03-16',
    organisationId: null,
    organisationName: null,
    description: 'Införa gemensam mall',
    responsiblePersonId: null,
    responsibleName: null,
    dueDate: null,
    agreedStatus: 'planned',
    status: 'planned',
    ...overrides,
  };
}

export interface Store {
  organisations: Organisation[];
  people: Person[];
  memberships: Membership[];
  goals: Record<number, Goal[]>;
  meetings: MeetingDetail[];
  statistics: Statistics | null;
  searchHits: SearchHit[];
  organisationActions: Record<number, ActionWithHistory[]>;
}

export interface FakeBackend extends Store {
  calls: Call[];
  settings: Settings;
  partnerships: Partnership[];
  callsOf(cmd: string): Call[];
}

type Handler = (args: Record<string, unknown> | undefined) => unknown;

function notFound(): never {
  throw { code: 'not_found', field: null, message: 'not found' };
}

function summaryOf(p: Person): PersonSummary {
  // Lists never carry accessibility needs, just like the core.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { accessibilityNeeds, createdAt, updatedAt, ...rest } = p;
  return rest;
}

function fromDraft(draft: PartnershipDraft, base: Partnership): Partnership {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { goals, budget, ...rest } = draft;
  const digits = budget.replace(/\s/g, '');
  return { ...base, ...rest, budgetSek: digits === '' ? null : Number(digits) };
}

function summaryOfMeeting(d: MeetingDetail): MeetingSummary {
  const m = d.meeting;
  return {
    id: m.id,
    partnershipId: m.partnershipId,
    kind: m.kind,
    number: m.number,
    title: m.title,
    date: m.date,
    startTime: m.startTime,
    venueName: m.venueName,
    attended: d.attendance.filter((a) => a.status === 'attended').length,
    openActions: d.actions.filter((a) => a.status === 'planned' || a.status === 'ongoing').length,
  };
}

function actionFromDraft(draft: ActionDraft, base: Action): Action {
  if (draft.description.trim() === '') {
    throw { code: 'description_required', field: 'description', message: 'empty' };
  }
  return {
    ...base,
    organisationId: draft.organisationId,
    description: draft.description,
    responsiblePersonId: draft.responsiblePersonId,
    dueDate: draft.dueDate === '' ? null : draft.dueDate,
    status: draft.status,
  };
}

/**
 * `handlers` override single commands; everything else is answered from `items` and
 * `store` (filtering as the core does it: case-insensitive substring, status, ids).
 */
export function installBackend(
  items: Partnership[] = [],
  handlers: Record<string, Handler> = {},
  store: Partial<Store> = {},
): FakeBackend {
  const backend: FakeBackend = {
    calls: [],
    settings: { language: 'sv' },
    partnerships: items,
    organisations: store.organisations ?? [],
    people: store.people ?? [],
    memberships: store.memberships ?? [],
    goals: store.goals ?? {},
    meetings: store.meetings ?? [],
    statistics: store.statistics ?? null,
    searchHits: store.searchHits ?? [],
    organisationActions: store.organisationActions ?? {},
    callsOf(cmd) {
      return this.calls.filter((c) => c.cmd === cmd);
    },
  };
  const input = <T>(args: Record<string, unknown> | undefined): T => args?.input as T;

  function findMeeting(id: number): MeetingDetail {
    return backend.meetings.find((d) => d.meeting.id === id) ?? notFound();
  }

  function addMeeting(
    partnershipId: number,
    kind: Meeting['kind'],
    number: number | null,
    date: string,
    title: string,
  ): MeetingDetail {
    if (date.trim() === '') throw { code: 'date_required', field: 'date', message: 'no date' };
    const id = Math.max(0, ...backend.meetings.map((d) => d.meeting.id)) + 1;
    const d = meetingDetail(meeting({ id, partnershipId, kind, number, date, title }));
    backend.meetings.push(d);
    return d;
  }

  mockIPC((cmd, payload) => {
    const args = payload as Record<string, unknown> | undefined;
    backend.calls.push({ cmd, args });
    const handler = handlers[cmd];
    if (handler) return handler(args);
    switch (cmd) {
      case 'get_settings':
        return backend.settings;
      case 'set_language':
        backend.settings = (args?.input ?? backend.settings) as Settings;
        return backend.settings;
      case 'load_demo_data':
        return { partnerships: 0 };
      case 'list_partnerships': {
        const query = input<PartnershipQuery>(args);
        const needle = query.search.toLowerCase();
        return backend.partnerships
          .filter(
            (p) =>
              p.name.toLowerCase().includes(needle) &&
              (query.kind === null || p.kind === query.kind) &&
              (query.status === 'all' || p.archived === (query.status === 'archived')),
          )
          .map((p): PartnershipSummary => ({
            id: p.id,
            name: p.name,
            kind: p.kind,
            phase: p.phase,
            startDate: p.startDate,
            endDate: p.endDate,
            region: p.region,
            organisationCount: backend.memberships.filter((m) => m.partnershipId === p.id).length,
            archived: p.archived,
            createdAt: p.createdAt,
          }));
      }
      case 'get_partnership': {
        const { id } = input<{ id: number }>(args);
        const p = backend.partnerships.find((x) => x.id === id) ?? notFound();
        const memberships = backend.memberships.filter((m) => m.partnershipId === id);
        const orgIds = new Set(memberships.map((m) => m.organisationId));
        const owner = backend.organisations.find((o) => o.id === p.projectOwnerId);
        const contact = backend.people.find((x) => x.id === p.contactPersonId);
        return {
          partnership: p,
          goals: backend.goals[id] ?? [],
          projectOwner: owner ? { id: owner.id, name: owner.name } : null,
          contactPerson: contact ? { id: contact.id, name: contact.name } : null,
          memberships,
          people: backend.people
            .filter((x) => x.organisationId !== null && orgIds.has(x.organisationId))
            .map(summaryOf),
        } satisfies PartnershipDetail;
      }
      case 'create_partnership': {
        const draft = input<PartnershipDraft>(args);
        const id = Math.max(0, ...backend.partnerships.map((p) => p.id)) + 1;
        const created = fromDraft(draft, partnership({ id }));
        backend.partnerships.push(created);
        backend.goals[id] = draft.goals;
        return created;
      }
      case 'update_partnership': {
        const { id, draft } = input<{ id: number; draft: PartnershipDraft }>(args);
        const index = backend.partnerships.findIndex((p) => p.id === id);
        if (index < 0) notFound();
        const updated = fromDraft(draft, backend.partnerships[index]);
        backend.partnerships[index] = updated;
        backend.goals[id] = draft.goals;
        return updated;
      }
      case 'set_partnership_archived': {
        const { id, archived } = input<{ id: number; archived: boolean }>(args);
        const p = backend.partnerships.find((x) => x.id === id) ?? notFound();
        p.archived = archived;
        return { ...p };
      }
      case 'list_organisations': {
        const query = input<OrganisationQuery>(args);
        const needle = query.search.toLowerCase();
        return backend.organisations.filter(
          (o) =>
            (o.name.toLowerCase().includes(needle) || (o.code ?? '').includes(needle)) &&
            (query.kind === null || o.kind === query.kind) &&
            (query.includeArchived || !o.archived),
        );
      }
      case 'get_organisation': {
        const { id } = input<{ id: number }>(args);
        return backend.organisations.find((o) => o.id === id) ?? notFound();
      }
      case 'organisation_memberships': {
        const { id } = input<{ id: number }>(args);
        return backend.memberships.filter((m) => m.organisationId === id);
      }
      case 'organisation_dependents': {
        const { id } = input<{ id: number }>(args);
        return {
          memberships: backend.memberships.filter((m) => m.organisationId === id).length,
          people: backend.people.filter((x) => x.organisationId === id).length,
        };
      }
      case 'set_organisation_archived': {
        const { id, archived } = input<{ id: number; archived: boolean }>(args);
        const o = backend.organisations.find((x) => x.id === id) ?? notFound();
        o.archived = archived;
        return { ...o };
      }
      case 'delete_organisation': {
        const { id } = input<{ id: number }>(args);
        backend.organisations = backend.organisations.filter((o) => o.id !== id);
        return null;
      }
      case 'list_people': {
        const query = input<PersonQuery>(args);
        const needle = query.search.toLowerCase();
        const members = new Set(
          backend.memberships
            .filter((m) => m.partnershipId === query.partnershipId)
            .map((m) => m.organisationId),
        );
        return backend.people
          .filter(
            (x) =>
              [x.name, x.title, x.email ?? ''].some((s) => s.toLowerCase().includes(needle)) &&
              (query.organisationId === null || x.organisationId === query.organisationId) &&
              (query.level === null || x.level === query.level) &&
              (query.partnershipId === null ||
                (x.organisationId !== null && members.has(x.organisationId))),
          )
          .map(summaryOf);
      }
      case 'get_person': {
        const { id } = input<{ id: number }>(args);
        return backend.people.find((x) => x.id === id) ?? notFound();
      }
      case 'organisation_actions': {
        const { id } = input<{ id: number }>(args);
        return backend.organisationActions[id] ?? [];
      }
      case 'list_meetings': {
        const { id } = input<{ id: number }>(args);
        return backend.meetings
          .filter((d) => d.meeting.partnershipId === id)
          .sort((a, b) => a.meeting.date.localeCompare(b.meeting.date))
          .map(summaryOfMeeting);
      }
      case 'get_meeting': {
        const { id } = input<{ id: number }>(args);
        return findMeeting(id);
      }
      case 'create_meeting': {
        const { partnershipId, draft } = input<{ partnershipId: number; draft: MeetingDraft }>(
          args,
        );
        return addMeeting(partnershipId, draft.kind, draft.number, draft.date, draft.title).meeting;
      }
      case 'update_meeting': {
        const { id, draft } = input<{ id: number; draft: MeetingDraft }>(args);
        const d = findMeeting(id);
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { visitorIds, startTime, endTime, ...rest } = draft;
        d.meeting = {
          ...d.meeting,
          ...rest,
          startTime: startTime === '' ? null : startTime,
          endTime: endTime === '' ? null : endTime,
        };
        return d.meeting;
      }
      case 'delete_meeting': {
        const { id } = input<{ id: number }>(args);
        backend.meetings = backend.meetings.filter((d) => d.meeting.id !== id);
        return null;
      }
      case 'propose_cycle': {
        const { startDate } = input<{ startDate: string }>(args);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) {
          throw { code: 'invalid_date', field: 'startDate', message: 'bad date' };
        }
        const year = startDate.slice(0, 4);
        return [
          { kind: 'startup', number: null, date: startDate },
          { kind: 'learning', number: 1, date: `${year}-09-14` },
          { kind: 'learning', number: 2, date: `${year}-10-12` },
          { kind: 'results_conference', number: null, date: `${year}-11-16` },
        ] satisfies PlannedMeeting[];
      }
      case 'save_cycle': {
        const { partnershipId, meetings } = input<{
          partnershipId: number;
          meetings: PlannedMeeting[];
        }>(args);
        return meetings.map((m) =>
          summaryOfMeeting(addMeeting(partnershipId, m.kind, m.number, m.date, '')),
        );
      }
      case 'set_agenda': {
        const { meetingId, items } = input<{ meetingId: number; items: MeetingDetail['agenda'] }>(
          args,
        );
        findMeeting(meetingId).agenda = items;
        return items;
      }
      case 'set_decisions': {
        const { meetingId, decisions } = input<{ meetingId: number; decisions: string[] }>(args);
        findMeeting(meetingId).decisions = decisions;
        return decisions;
      }
      case 'set_good_examples': {
        const { meetingId, examples } = input<{
          meetingId: number;
          examples: MeetingDetail['goodExamples'];
        }>(args);
        findMeeting(meetingId).goodExamples = examples;
        return examples;
      }
      case 'set_attendance': {
        const { meetingId, entries } = input<{ meetingId: number; entries: AttendanceEntry[] }>(
          args,
        );
        const d = findMeeting(meetingId);
        d.attendance = d.attendance.map((row) => ({
          ...row,
          status: entries.find((e) => e.personId === row.personId)?.status ?? null,
        }));
        return d.attendance;
      }
      case 'create_action': {
        const { meetingId, draft } = input<{ meetingId: number; draft: ActionDraft }>(args);
        const d = findMeeting(meetingId);
        const all = backend.meetings.flatMap((x) => x.actions);
        const created = actionFromDraft(
          draft,
          action({
            id: Math.max(0, ...all.map((a) => a.id)) + 1,
            partnershipId: d.meeting.partnershipId,
            meetingId,
            meetingKind: d.meeting.kind,
            meetingNumber: d.meeting.number,
            meetingDate: d.meeting.date,
          }),
        );
        d.actions.push(created);
        return created;
      }
      case 'update_action': {
        const { id, draft } = input<{ id: number; draft: ActionDraft }>(args);
        for (const d of backend.meetings) {
          const index = d.actions.findIndex((a) => a.id === id);
          if (index >= 0) {
            d.actions[index] = actionFromDraft(draft, d.actions[index]);
            return d.actions[index];
          }
        }
        return notFound();
      }
      case 'delete_action': {
        const { id } = input<{ id: number }>(args);
        for (const d of backend.meetings) d.actions = d.actions.filter((a) => a.id !== id);
        return null;
      }
      case 'record_follow_up': {
        const { actionId, meetingId, status, note } = input<RecordFollowUp>(args);
        const d = findMeeting(meetingId);
        const followUp = d.followUps.find((f) => f.action.id === actionId) ?? notFound();
        const saved: FollowUp = {
          ...followUp,
          action: { ...followUp.action, status },
          here: {
            meetingId,
            meetingKind: d.meeting.kind,
            meetingNumber: d.meeting.number,
            meetingDate: d.meeting.date,
            status,
            note,
          },
        };
        d.followUps = d.followUps.map((f) => (f.action.id === actionId ? saved : f));
        return saved;
      }
      case 'get_statistics': {
        const zero = { women: 0, men: 0, other: 0, notStated: 0, total: 0 };
        return (backend.statistics ?? {
          activities: [],
          organisations: [],
          total: zero,
        }) satisfies Statistics;
      }
      case 'search': {
        const { text } = input<{ text: string }>(args);
        return text.trim() === '' ? [] : backend.searchHits;
      }
      default:
        throw { code: 'not_found', field: null, message: `no fake for ${cmd}` };
    }
  });
  return backend;
}
