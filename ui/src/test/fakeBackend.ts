// An in-memory stand-in for the Rust core, installed with mockIPC.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Action } from '../lib/bindings/Action';
import type { ActionDraft } from '../lib/bindings/ActionDraft';
import type { ActionWithHistory } from '../lib/bindings/ActionWithHistory';
import type { AttendanceEntry } from '../lib/bindings/AttendanceEntry';
import type { FollowUp } from '../lib/bindings/FollowUp';
import type { Goal } from '../lib/bindings/Goal';
import type { Lineage } from '../lib/bindings/Lineage';
import type { Meeting } from '../lib/bindings/Meeting';
import type { MeetingDetail } from '../lib/bindings/MeetingDetail';
import type { MeetingDraft } from '../lib/bindings/MeetingDraft';
import type { MeetingSummary } from '../lib/bindings/MeetingSummary';
import type { MentorCandidate } from '../lib/bindings/MentorCandidate';
import type { Pairing } from '../lib/bindings/Pairing';
import type { PairingDetail } from '../lib/bindings/PairingDetail';
import type { PairingDraft } from '../lib/bindings/PairingDraft';
import type { RoundPairings } from '../lib/bindings/RoundPairings';
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
import type { PdfRequest } from '../lib/bindings/PdfRequest';
import type { Person } from '../lib/bindings/Person';
import type { PersonQuery } from '../lib/bindings/PersonQuery';
import type { PersonSummary } from '../lib/bindings/PersonSummary';
import type { Role } from '../lib/bindings/Role';
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
    pairingId: null,
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

export function pairing(overrides: Partial<Pairing> = {}): Pairing {
  return {
    id: 1,
    partnershipId: 1,
    partnershipName: 'Benchlearning Norr',
    mentor: { id: 1, name: 'Umeå kommun' },
    participants: [{ id: 2, name: 'Vännäs kommun' }],
    contacts: [],
    startDate: null,
    endDate: null,
    status: 'active',
    endReason: '',
    notes: '',
    sessions: 0,
    ...overrides,
  };
}

export function candidate(overrides: Partial<MentorCandidate> = {}): MentorCandidate {
  return {
    organisationId: 1,
    name: 'Umeå kommun',
    kind: 'municipality',
    county: 'Västerbottens län',
    reasons: [],
    neverCompleted: false,
    title: null,
    capacity: 3,
    activeParticipants: 0,
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
  pairings: Pairing[];
  /** Mentor capacity by "partnershipId:organisationId" (default 3). */
  capacities: Record<string, number>;
  /** Completion dates of participants by "partnershipId:organisationId". */
  completions: Record<string, string>;
  /** What mentor_suggestions answers (less the chosen participants and the round's). */
  suggestions: MentorCandidate[];
  lineages: Record<number, Lineage>;
}

export interface FakeBackend extends Store {
  calls: Call[];
  /** What export_pdf was asked to make, in order. */
  pdfRequests: PdfRequest[];
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
    pdfRequests: [],
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
    pairings: store.pairings ?? [],
    capacities: store.capacities ?? {},
    completions: store.completions ?? {},
    suggestions: store.suggestions ?? [],
    lineages: store.lineages ?? {},
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
    pairingId: number | null = null,
  ): MeetingDetail {
    if (date.trim() === '') throw { code: 'date_required', field: 'date', message: 'no date' };
    const id = Math.max(0, ...backend.meetings.map((d) => d.meeting.id)) + 1;
    const d = meetingDetail(meeting({ id, partnershipId, kind, number, date, title, pairingId }));
    backend.meetings.push(d);
    return d;
  }

  // ---- Mentor pairings (the core's rules, simply) ----
  const fail = (code: string, field: string | null): never => {
    throw { code, field, message: code };
  };
  const roundKey = (partnershipId: number, organisationId: number) =>
    `${partnershipId}:${organisationId}`;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;

  function orgRef(id: number, field: string): { id: number; name: string } {
    const o = backend.organisations.find((x) => x.id === id);
    return o ? { id: o.id, name: o.name } : fail('unknown_organisation', field);
  }

  function ensureMembership(partnershipId: number, organisationId: number, role: Role): void {
    const exists = backend.memberships.some(
      (m) =>
        m.partnershipId === partnershipId && m.organisationId === organisationId && m.role === role,
    );
    if (exists) return;
    const p = backend.partnerships.find((x) => x.id === partnershipId) ?? notFound();
    const o = orgRef(organisationId, 'organisationId');
    backend.memberships.push(
      membership({
        id: Math.max(0, ...backend.memberships.map((m) => m.id)) + 1,
        partnershipId,
        partnershipName: p.name,
        organisationId,
        organisationName: o.name,
        role,
      }),
    );
  }

  function sessionsOf(pairingId: number): MeetingDetail[] {
    return backend.meetings
      .filter((d) => d.meeting.pairingId === pairingId)
      .sort((a, b) => a.meeting.date.localeCompare(b.meeting.date));
  }

  function withSessions(p: Pairing): Pairing {
    return { ...p, sessions: sessionsOf(p.id).length };
  }

  function findPairing(id: number): Pairing {
    return backend.pairings.find((p) => p.id === id) ?? notFound();
  }

  function activeLoad(partnershipId: number, mentorId: number, except: number): number {
    return backend.pairings
      .filter(
        (p) =>
          p.partnershipId === partnershipId &&
          p.mentor.id === mentorId &&
          p.status === 'active' &&
          p.id !== except,
      )
      .reduce((sum, p) => sum + p.participants.length, 0);
  }

  function capacityOf(partnershipId: number, mentorId: number): number {
    return backend.capacities[roundKey(partnershipId, mentorId)] ?? 3;
  }

  function roundOf(partnershipId: number): RoundPairings {
    if (!backend.partnerships.some((p) => p.id === partnershipId)) notFound();
    // By name, as the core lists them.
    const members = backend.memberships
      .filter((m) => m.partnershipId === partnershipId)
      .sort((x, y) => x.organisationName.localeCompare(y.organisationName, 'sv'));
    const pairings = backend.pairings.filter((p) => p.partnershipId === partnershipId);
    return {
      pairings: pairings.map(withSessions),
      mentors: members
        .filter((m) => m.role === 'mentor')
        .map((m) => ({
          organisationId: m.organisationId,
          name: m.organisationName,
          capacity: capacityOf(partnershipId, m.organisationId),
          activeParticipants: activeLoad(partnershipId, m.organisationId, 0),
        })),
      participants: members
        .filter((m) => m.role === 'participant')
        .map((m) => {
          const active = pairings.find(
            (p) => p.status === 'active' && p.participants.some((o) => o.id === m.organisationId),
          );
          return {
            organisationId: m.organisationId,
            name: m.organisationName,
            completedOn: backend.completions[roundKey(partnershipId, m.organisationId)] ?? null,
            mentor: active ? { ...active.mentor } : null,
          };
        }),
    };
  }

  function pairingFromDraft(draft: PairingDraft, id: number): Pairing {
    const p = backend.partnerships.find((x) => x.id === draft.partnershipId) ?? notFound();
    const mentorId = draft.mentorOrganisationId ?? fail('mentor_required', 'mentorOrganisationId');
    const ids = [...new Set(draft.participantIds)];
    if (ids.length === 0) fail('participants_required', 'participantIds');
    if (ids.length > 3) fail('too_many_participants', 'participantIds.3');
    const self = ids.indexOf(mentorId);
    if (self >= 0) fail('mentor_is_participant', `participantIds.${self}`);
    for (const field of ['startDate', 'endDate'] as const) {
      if (draft[field] !== '' && !DATE.test(draft[field])) fail('invalid_date', field);
    }
    if (draft.startDate !== '' && draft.endDate !== '' && draft.endDate < draft.startDate) {
      fail('end_before_start', 'endDate');
    }
    if (draft.status === 'ended_early' && draft.endReason.trim() === '') {
      fail('reason_required', 'endReason');
    }
    const mentor = orgRef(mentorId, 'mentorOrganisationId');
    const participants = ids.map((o, i) => orgRef(o, `participantIds.${i}`));
    const contacts: Pairing['contacts'] = [];
    const sides = [
      ['mentorContactIds', [mentorId], 'mentor'],
      ['participantContactIds', ids, 'participant'],
    ] as const;
    for (const [field, orgs, side] of sides) {
      draft[field].forEach((personId, i) => {
        const x = backend.people.find((y) => y.id === personId);
        if (!x) fail('unknown_person', `${field}.${i}`);
        else if (x.organisationId === null || !orgs.includes(x.organisationId)) {
          fail('contact_not_in_organisation', `${field}.${i}`);
        } else {
          contacts.push({ personId, name: x.name, organisationId: x.organisationId, side });
        }
      });
    }
    if (draft.status === 'active') {
      ids.forEach((o, i) => {
        const taken = backend.pairings.some(
          (x) =>
            x.id !== id &&
            x.partnershipId === draft.partnershipId &&
            x.status === 'active' &&
            x.participants.some((y) => y.id === o),
        );
        if (taken) fail('has_active_mentor', `participantIds.${i}`);
      });
      const capacity = capacityOf(draft.partnershipId, mentorId);
      const others = activeLoad(draft.partnershipId, mentorId, id);
      if (others + ids.length > capacity) {
        fail('capacity_exceeded', `participantIds.${Math.max(0, capacity - others)}`);
      }
    }
    return {
      id,
      partnershipId: p.id,
      partnershipName: p.name,
      mentor,
      participants,
      contacts,
      startDate: draft.startDate === '' ? null : draft.startDate,
      endDate: draft.endDate === '' ? null : draft.endDate,
      status: draft.status,
      endReason: draft.status === 'ended_early' ? draft.endReason.trim() : '',
      notes: draft.notes,
      sessions: sessionsOf(id).length,
    };
  }

  function savePairingMembers(p: Pairing): void {
    ensureMembership(p.partnershipId, p.mentor.id, 'mentor');
    for (const o of p.participants) ensureMembership(p.partnershipId, o.id, 'participant');
  }

  function checkMeetingPairing(partnershipId: number, draft: MeetingDraft): void {
    if (draft.kind === 'mentor_session') {
      if (draft.pairingId === null) fail('pairing_required', 'pairingId');
      const p = backend.pairings.find((x) => x.id === draft.pairingId);
      if (!p || p.partnershipId !== partnershipId) fail('unknown_pairing', 'pairingId');
    } else if (draft.pairingId !== null) {
      fail('not_mentor_session', 'pairingId');
    }
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
      case 'ui_ready':
        return null;
      case 'export_pdf': {
        const request = input<PdfRequest>(args);
        backend.pdfRequests.push(request);
        const name = request.document.document === 'session_summary' ? 'Sammanfattning' : 'Rapport';
        return { path: `/home/anna/Dokument/${name}.pdf` };
      }
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
        checkMeetingPairing(partnershipId, draft);
        return addMeeting(
          partnershipId,
          draft.kind,
          draft.number,
          draft.date,
          draft.title,
          draft.pairingId,
        ).meeting;
      }
      case 'update_meeting': {
        const { id, draft } = input<{ id: number; draft: MeetingDraft }>(args);
        const d = findMeeting(id);
        checkMeetingPairing(d.meeting.partnershipId, draft);
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
      case 'round_pairings': {
        const { id } = input<{ id: number }>(args);
        return roundOf(id);
      }
      case 'get_pairing': {
        const { id } = input<{ id: number }>(args);
        const p = withSessions(findPairing(id));
        const ids = p.participants.map((o) => o.id);
        const actions = backend.meetings
          .filter((d) => d.meeting.partnershipId === p.partnershipId)
          .flatMap((d) => d.actions)
          .filter(
            (a) =>
              a.organisationId !== null &&
              ids.includes(a.organisationId) &&
              (a.status === 'planned' || a.status === 'ongoing'),
          );
        const next = backend.meetings
          .filter(
            (d) => d.meeting.partnershipId === p.partnershipId && d.meeting.kind === 'learning',
          )
          .sort((a, b) => a.meeting.date.localeCompare(b.meeting.date))[0];
        return {
          pairing: p,
          sessions: sessionsOf(p.id).map(summaryOfMeeting),
          openActions: actions,
          nextLearningMeeting: next ? summaryOfMeeting(next) : null,
        } satisfies PairingDetail;
      }
      case 'create_pairing': {
        const draft = input<PairingDraft>(args);
        const id = Math.max(0, ...backend.pairings.map((p) => p.id)) + 1;
        const created = pairingFromDraft(draft, id);
        backend.pairings.push(created);
        savePairingMembers(created);
        return created;
      }
      case 'update_pairing': {
        const { id, draft } = input<{ id: number; draft: PairingDraft }>(args);
        const index = backend.pairings.findIndex((p) => p.id === id);
        if (index < 0) notFound();
        const updated = pairingFromDraft(draft, id);
        backend.pairings[index] = updated;
        savePairingMembers(updated);
        return updated;
      }
      case 'delete_pairing': {
        const { id } = input<{ id: number }>(args);
        findPairing(id);
        if (sessionsOf(id).length > 0) fail('in_use', null);
        backend.pairings = backend.pairings.filter((p) => p.id !== id);
        return null;
      }
      case 'set_mentor_capacity': {
        const { partnershipId, organisationId, capacity } = input<{
          partnershipId: number;
          organisationId: number;
          capacity: number;
        }>(args);
        if (!Number.isInteger(capacity) || capacity < 1 || capacity > 20) {
          fail('invalid_number', 'capacity');
        }
        if (capacity < activeLoad(partnershipId, organisationId, 0)) {
          fail('capacity_exceeded', 'capacity');
        }
        ensureMembership(partnershipId, organisationId, 'mentor');
        backend.capacities[roundKey(partnershipId, organisationId)] = capacity;
        return roundOf(partnershipId);
      }
      case 'set_round_completion': {
        const { partnershipId, organisationIds, completedOn } = input<{
          partnershipId: number;
          organisationIds: number[];
          completedOn: string;
        }>(args);
        if (completedOn !== '' && !DATE.test(completedOn)) fail('invalid_date', 'completedOn');
        organisationIds.forEach((o, i) => {
          const member = backend.memberships.some(
            (m) =>
              m.partnershipId === partnershipId &&
              m.organisationId === o &&
              m.role === 'participant',
          );
          if (!member) fail('not_participant', `organisationIds.${i}`);
          if (completedOn === '') delete backend.completions[roundKey(partnershipId, o)];
          else backend.completions[roundKey(partnershipId, o)] = completedOn;
        });
        if (completedOn !== '') {
          for (const p of backend.pairings) {
            const done = p.participants.every(
              (o) => backend.completions[roundKey(partnershipId, o.id)] !== undefined,
            );
            if (p.partnershipId === partnershipId && p.status === 'active' && done) {
              p.status = 'completed';
              p.endDate = p.endDate ?? completedOn;
            }
          }
        }
        return roundOf(partnershipId);
      }
      case 'mentor_suggestions': {
        const { partnershipId, participantIds } = input<{
          partnershipId: number;
          participantIds: number[];
        }>(args);
        const inRound = backend.memberships
          .filter((m) => m.partnershipId === partnershipId && m.role === 'participant')
          .map((m) => m.organisationId);
        return backend.suggestions.filter(
          (c) => !participantIds.includes(c.organisationId) && !inRound.includes(c.organisationId),
        );
      }
      case 'organisation_lineage': {
        const { id } = input<{ id: number }>(args);
        const o = backend.organisations.find((x) => x.id === id) ?? notFound();
        return (
          backend.lineages[id] ??
          ({
            organisation: { id: o.id, name: o.name, title: null },
            completedRounds: [],
            mentoredBy: [],
            mentored: [],
          } satisfies Lineage)
        );
      }
      default:
        throw { code: 'not_found', field: null, message: `no fake for ${cmd}` };
    }
  });
  return backend;
}
