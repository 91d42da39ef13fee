// Records as the core sends them, for the UI tests: each factory gives a plain
// example that a test changes with `overrides`, and the summaries lists show.
import type { Action } from '../lib/bindings/Action';
import type { Meeting } from '../lib/bindings/Meeting';
import type { MeetingDetail } from '../lib/bindings/MeetingDetail';
import type { MeetingSummary } from '../lib/bindings/MeetingSummary';
import type { Membership } from '../lib/bindings/Membership';
import type { MentorCandidate } from '../lib/bindings/MentorCandidate';
import type { Organisation } from '../lib/bindings/Organisation';
import type { Pairing } from '../lib/bindings/Pairing';
import type { Partnership } from '../lib/bindings/Partnership';
import type { PartnershipSummary } from '../lib/bindings/PartnershipSummary';
import type { Person } from '../lib/bindings/Person';
import type { PersonSummary } from '../lib/bindings/PersonSummary';
import type { Venue } from '../lib/bindings/Venue';

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
    grantedSek: null,
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
    onlineLink: '',
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
    venueId: null,
    mode: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...overrides,
  };
}

export function venue(overrides: Partial<Venue> = {}): Venue {
  return {
    id: 1,
    name: 'Folkets hus',
    address: 'Storgatan 1, 911 31 Vännäs',
    organisationId: null,
    organisationName: null,
    stepFreeEntrance: null,
    noThresholds: null,
    lift: null,
    accessibleToilet: null,
    hearingLoop: null,
    accessibleSeating: null,
    accessibilityNotes: '',
    notes: '',
    archived: false,
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
    groupReflections: [],
    approval: { approved: false, history: [] },
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

/** A partnership as the list shows it; how many organisations is `organisationCount`. */
export function partnershipSummary(p: Partnership, organisationCount = 0): PartnershipSummary {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    phase: p.phase,
    startDate: p.startDate,
    endDate: p.endDate,
    region: p.region,
    organisationCount,
    archived: p.archived,
    createdAt: p.createdAt,
  };
}

/** A person as lists show them: without accessibility needs. */
export function personSummary(p: Person): PersonSummary {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { accessibilityNeeds, createdAt, updatedAt, ...rest } = p;
  return rest;
}

/** A meeting as lists show it; the counts are `counts` (none unless given). */
export function meetingSummary(
  d: MeetingDetail,
  counts: Pick<MeetingSummary, 'attended' | 'openActions'> = { attended: 0, openActions: 0 },
): MeetingSummary {
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
    ...counts,
  };
}
