// The fake core the UI tests run against (installed by fakeBackend.ts): an answer to
// every command of the command map in lib/api.ts, each with the core's types. It only
// keeps what it is given and gives it back: records by id, and by what they belong to
// (a partnership's members and meetings, an organisation's people, a pairing's
// sessions); empty text is stored as none. It has none of the core's rules, which the
// core's own tests and the end-to-end tests check: it does not validate, search, filter
// by a query, sort, parse text, count open actions or attendance, or work out statuses,
// capacities, cycle dates or suggestions. A test that needs such an answer gives it.
import type { CommandName } from '../lib/api';
import type { Action } from '../lib/bindings/Action';
import type { ActionDraft } from '../lib/bindings/ActionDraft';
import type { ContactSide } from '../lib/bindings/ContactSide';
import type { Cursor } from '../lib/bindings/Cursor';
import type { FollowUp } from '../lib/bindings/FollowUp';
import type { Lineage } from '../lib/bindings/Lineage';
import type { Meeting } from '../lib/bindings/Meeting';
import type { MeetingDetail } from '../lib/bindings/MeetingDetail';
import type { MeetingDraft } from '../lib/bindings/MeetingDraft';
import type { Membership } from '../lib/bindings/Membership';
import type { MembershipDraft } from '../lib/bindings/MembershipDraft';
import type { Names } from '../lib/bindings/Names';
import type { Organisation } from '../lib/bindings/Organisation';
import type { OrganisationDraft } from '../lib/bindings/OrganisationDraft';
import type { OrganisationRef } from '../lib/bindings/OrganisationRef';
import type { Page } from '../lib/bindings/Page';
import type { Pairing } from '../lib/bindings/Pairing';
import type { PairingContact } from '../lib/bindings/PairingContact';
import type { PairingDraft } from '../lib/bindings/PairingDraft';
import type { Partnership } from '../lib/bindings/Partnership';
import type { PartnershipDraft } from '../lib/bindings/PartnershipDraft';
import type { Person } from '../lib/bindings/Person';
import type { PersonDraft } from '../lib/bindings/PersonDraft';
import type { RoundPairings } from '../lib/bindings/RoundPairings';
import type { FakeBackend, Handlers } from './fakeBackend';
import { agendaFileHandlers } from './fakeAgendaFiles';
import { indicatorHandlers } from './fakeIndicators';
import { handbookHandlers } from './fakeHandbook';
import { PERSON_ROLES, practiceHandlers } from './fakePractice';
import { delegationHandlers } from './fakeDelegation';
import { overviewHandlers } from './fakeOverview';
import { sharedHandlers } from './fakeShared';
import {
  byId,
  coreError,
  meetingOf as meetingOfIn,
  nextId,
  notFound,
  replace,
} from './fakeRecords';
export { coreError } from './fakeRecords';
import {
  action,
  meeting,
  meetingDetail,
  meetingSummary,
  membership,
  organisation,
  partnership,
  partnershipSummary,
  person,
  personSummary,
} from './fixtures';

function cancelled(): never {
  throw coreError('cancelled');
}

/** For a command whose answer only the core can work out: the test must give it. */
function missing(cmd: CommandName): never {
  throw { ...coreError('not_found'), message: `no canned answer for ${cmd}: give one` };
}

/**
 * A page of `rows` as the core sends it: `limit` rows after the row the cursor names (by
 * its id; the fake keeps the order it is given, and its cursor holds only the id).
 */
export function pageOf<T extends { id: number }>(
  rows: T[],
  request: { after: Cursor<number> | null; limit: number },
): Page<T, Cursor<number>> {
  const start = request.after ? rows.findIndex((r) => r.id === request.after?.id) + 1 : 0;
  const page = rows.slice(start, start + request.limit);
  const last = page[page.length - 1];
  const more = start + request.limit < rows.length;
  const next = more && last ? { rank: 0, group: '', key: '', id: last.id } : null;
  return { rows: page, total: rows.length, next };
}

/** `{ ids, names }` of records with a name, in the order given. */
function namesOf(list: { id: number; name: string }[]): Names<number> {
  return { ids: list.map((x) => x.id), names: list.map((x) => x.name) };
}

/** The fake core, keeping its records in `b`. */
export function fakeCore(b: FakeBackend): Handlers {
  const orgRef = (id: number | null): OrganisationRef => ({
    id: id ?? 0,
    name: b.organisations.find((o) => o.id === id)?.name ?? '',
  });
  const meetingOf = (id: number): MeetingDetail => meetingOfIn(b, id);
  const sessionsOf = (pairingId: number) =>
    b.meetings.filter((d) => d.meeting.pairingId === pairingId);
  const withSessions = (p: Pairing): Pairing => ({ ...p, sessions: sessionsOf(p.id).length });

  function roundOf(partnershipId: number): RoundPairings {
    byId(b.partnerships, partnershipId);
    const { mentors, participants } = b.rounds[partnershipId] ?? { mentors: [], participants: [] };
    return {
      pairings: b.pairings.filter((p) => p.partnershipId === partnershipId).map(withSessions),
      mentors,
      participants,
    };
  }

  /** An amount as the core reads it, loosely: "4 100 000 kr" → 4100000, "" → null. */
  function amount(text: string): number | null {
    const digits = text.replace(/\D/g, '');
    return digits === '' ? null : Number(digits);
  }

  function partnershipFrom(draft: PartnershipDraft, base: Partnership): Partnership {
    const { goals, budget, granted, ...rest } = draft;
    b.goals[base.id] = goals;
    return { ...base, ...rest, budgetSek: amount(budget), grantedSek: amount(granted) };
  }

  // The number of employees is text the core parses: kept as it was.
  function organisationFrom(draft: OrganisationDraft, base: Organisation): Organisation {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { employees, ...rest } = draft;
    return { ...base, ...rest, code: draft.code || null };
  }

  function personFrom(draft: PersonDraft, base: Person): Person {
    const organisationName =
      draft.organisationId === null ? null : orgRef(draft.organisationId).name;
    return { ...base, ...draft, organisationName, email: draft.email || null };
  }

  function membershipFrom(draft: MembershipDraft, id: number): Membership {
    const o = b.organisations.find((x) => x.id === draft.organisationId);
    return membership({
      id,
      ...draft,
      partnershipName: byId(b.partnerships, draft.partnershipId).name,
      organisationName: o?.name ?? '',
      organisationKind: o?.kind ?? 'other',
      organisationCode: o?.code ?? null,
    });
  }

  function meetingFields(draft: MeetingDraft): Partial<Meeting> {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { visitorIds, startTime, endTime, onlineLink, ...rest } = draft;
    return {
      ...rest,
      startTime: startTime || null,
      endTime: endTime || null,
      onlineLink: onlineLink.trim(),
    };
  }

  function addMeeting(partnershipId: number, fields: Partial<Meeting>): MeetingDetail {
    const id = nextId(b.meetings.map((d) => d.meeting.id));
    const d = meetingDetail(meeting({ ...fields, id, partnershipId }));
    b.meetings.push(d);
    return d;
  }

  function actionFrom(draft: ActionDraft, base: Action): Action {
    const { organisationId, description, responsiblePersonId, dueDate, status } = draft;
    return {
      ...base,
      organisationId,
      description,
      responsiblePersonId,
      status,
      dueDate: dueDate || null,
    };
  }

  function pairingFrom(draft: PairingDraft, id: number): Pairing {
    const contact =
      (side: ContactSide) =>
      (personId: number): PairingContact => {
        const x = b.people.find((y) => y.id === personId);
        return { personId, name: x?.name ?? '', organisationId: x?.organisationId ?? null, side };
      };
    return {
      id,
      partnershipId: draft.partnershipId,
      partnershipName: byId(b.partnerships, draft.partnershipId).name,
      mentor: orgRef(draft.mentorOrganisationId),
      participants: draft.participantIds.map((o) => orgRef(o)),
      contacts: [
        ...draft.mentorContactIds.map(contact('mentor')),
        ...draft.participantContactIds.map(contact('participant')),
      ],
      startDate: draft.startDate || null,
      endDate: draft.endDate || null,
      status: draft.status,
      endReason: draft.endReason,
      notes: draft.notes,
      sessions: sessionsOf(id).length,
    };
  }

  return {
    // Partnerships
    list_partnerships: () =>
      b.partnerships.map((p) =>
        partnershipSummary(p, b.memberships.filter((m) => m.partnershipId === p.id).length),
      ),
    get_partnership: ({ id }) => {
      const p = byId(b.partnerships, id);
      const memberships = b.memberships.filter((m) => m.partnershipId === id);
      const members = new Set(memberships.map((m) => m.organisationId));
      const owner = b.organisations.find((o) => o.id === p.projectOwnerId);
      const contact = b.people.find((x) => x.id === p.contactPersonId);
      return {
        partnership: p,
        goals: b.goals[id] ?? [],
        projectOwner: owner ? { id: owner.id, name: owner.name } : null,
        contactPerson: contact ? { id: contact.id, name: contact.name } : null,
        memberships,
        people: b.people
          .filter((x) => x.organisationId !== null && members.has(x.organisationId))
          .map(personSummary),
        roles: PERSON_ROLES.map((role) => ({
          role,
          holders: b.roles.filter((r) => r.partnershipId === id && r.role === role),
        })),
        groups: b.groups.filter((g) => g.partnershipId === id),
      };
    },
    create_partnership: (draft) => {
      const id = nextId(b.partnerships.map((p) => p.id));
      const created = partnershipFrom(draft, partnership({ id }));
      b.partnerships.push(created);
      return created;
    },
    update_partnership: ({ id, draft }) =>
      replace(b.partnerships, partnershipFrom(draft, byId(b.partnerships, id))),
    set_partnership_archived: ({ id, archived }) =>
      replace(b.partnerships, { ...byId(b.partnerships, id), archived }),

    // Organisations
    list_organisations: (request) => pageOf(b.organisations, request),
    organisation_names: ({ includeArchived }) =>
      namesOf(b.organisations.filter((o) => includeArchived || !o.archived)),
    get_organisation: ({ id }) => byId(b.organisations, id),
    organisation_memberships: ({ id }) => b.memberships.filter((m) => m.organisationId === id),
    create_organisation: (draft) => {
      const id = nextId(b.organisations.map((o) => o.id));
      const created = organisationFrom(draft, organisation({ id, employees: null }));
      b.organisations.push(created);
      return created;
    },
    update_organisation: ({ id, draft }) =>
      replace(b.organisations, organisationFrom(draft, byId(b.organisations, id))),
    set_organisation_archived: ({ id, archived }) =>
      replace(b.organisations, { ...byId(b.organisations, id), archived }),
    organisation_dependents: ({ id }) => ({
      memberships: b.memberships.filter((m) => m.organisationId === id).length,
      people: b.people.filter((x) => x.organisationId === id).length,
    }),
    ...practiceHandlers(b),
    ...delegationHandlers(b),
    ...overviewHandlers(b),
    ...sharedHandlers(b),
    delete_organisation: ({ id }) => {
      b.organisations = b.organisations.filter((o) => o.id !== id);
      return null;
    },

    // People: an organisation's people when asked for them, else everyone.
    list_people: ({ query, ...request }) =>
      pageOf(
        b.people
          .filter((x) => query.organisationId === null || x.organisationId === query.organisationId)
          .map(personSummary),
        request,
      ),
    person_names: () => namesOf(b.people),
    get_person: ({ id }) => byId(b.people, id),
    create_person: (draft) => {
      const created = personFrom(draft, person({ id: nextId(b.people.map((x) => x.id)) }));
      b.people.push(created);
      return created;
    },
    update_person: ({ id, draft }) => replace(b.people, personFrom(draft, byId(b.people, id))),
    delete_person: ({ id }) => {
      b.people = b.people.filter((x) => x.id !== id);
      return null;
    },
    export_person: () => ({ path: '/home/anna/Dokument/Person.json' }),
    person_erasure_preview: () => missing('person_erasure_preview'),

    // Memberships
    add_membership: (draft) => {
      const added = membershipFrom(draft, nextId(b.memberships.map((m) => m.id)));
      b.memberships.push(added);
      return added;
    },
    update_membership: ({ id, draft }) => replace(b.memberships, membershipFrom(draft, id)),
    remove_membership: ({ id }) => {
      b.memberships = b.memberships.filter((m) => m.id !== id);
      return null;
    },

    // Files
    preview_import: () => missing('preview_import'),
    apply_import: () => missing('apply_import'),
    export_csv: () => ({ path: '/home/anna/Dokument/Export.csv' }),
    export_pdf: (request) => {
      b.pdfRequests.push(request);
      const name = request.document.document === 'session_summary' ? 'Sammanfattning' : 'Rapport';
      return { path: `/home/anna/Dokument/${name}.pdf` };
    },
    minutes_email: () => ({
      path: '/home/anna/Dokument/Sammanfattning.eml',
      counts: { recipients: 0, withoutAddress: 0 },
    }),
    export_calendar: ({ calendar }) => ({
      path: `/home/anna/Dokument/${calendar.calendar}.ics`,
      events: 1,
    }),
    load_demo_data: () => ({ partnerships: 0 }),

    // Meetings
    list_meetings: ({ query, ...request }) =>
      pageOf(
        b.meetings
          .filter((d) => d.meeting.partnershipId === query.id)
          .map((d) => meetingSummary(d)),
        request,
      ),
    create_meeting: ({ partnershipId, draft }) =>
      addMeeting(partnershipId, meetingFields(draft)).meeting,
    update_meeting: ({ id, draft }) => {
      const d = meetingOf(id);
      d.meeting = { ...d.meeting, ...meetingFields(draft) };
      return d.meeting;
    },
    get_meeting: ({ id }) => meetingOf(id),
    delete_meeting: ({ id }) => {
      b.meetings = b.meetings.filter((d) => d.meeting.id !== id);
      return null;
    },
    propose_cycle: () => missing('propose_cycle'),
    save_cycle: ({ partnershipId, meetings }) =>
      meetings.map((m) => meetingSummary(addMeeting(partnershipId, m))),
    set_agenda: ({ meetingId, items }) => {
      meetingOf(meetingId).agenda = items;
      return items;
    },
    ...agendaFileHandlers(b),
    ...indicatorHandlers(b),
    ...handbookHandlers(b),
    set_decisions: ({ meetingId, decisions }) => {
      meetingOf(meetingId).decisions = decisions;
      return decisions;
    },
    set_good_examples: ({ meetingId, examples }) => {
      meetingOf(meetingId).goodExamples = examples;
      return examples;
    },
    set_attendance: ({ meetingId, entries }) => {
      const d = meetingOf(meetingId);
      d.attendance = d.attendance.map((row) => ({
        ...row,
        status: entries.find((e) => e.personId === row.personId)?.status ?? null,
      }));
      return d.attendance;
    },

    // Improvement actions
    create_action: ({ meetingId, draft }) => {
      const d = meetingOf(meetingId);
      const { partnershipId, kind, number, date } = d.meeting;
      const created = actionFrom(
        draft,
        action({
          id: nextId(b.meetings.flatMap((x) => x.actions.map((a) => a.id))),
          partnershipId,
          meetingId,
          meetingKind: kind,
          meetingNumber: number,
          meetingDate: date,
        }),
      );
      d.actions.push(created);
      return created;
    },
    update_action: ({ id, draft }) => {
      const d = b.meetings.find((x) => x.actions.some((a) => a.id === id)) ?? notFound();
      return replace(d.actions, actionFrom(draft, byId(d.actions, id)));
    },
    delete_action: ({ id }) => {
      for (const d of b.meetings) d.actions = d.actions.filter((a) => a.id !== id);
      return null;
    },
    record_follow_up: ({ actionId, meetingId, status, note }) => {
      const d = meetingOf(meetingId);
      const { kind, number, date } = d.meeting;
      const followUp = d.followUps.find((f) => f.action.id === actionId) ?? notFound();
      const saved: FollowUp = {
        ...followUp,
        here: {
          meetingId,
          meetingKind: kind,
          meetingNumber: number,
          meetingDate: date,
          status,
          note,
        },
      };
      d.followUps = d.followUps.map((f) => (f === followUp ? saved : f));
      return saved;
    },
    organisation_actions: ({ id }) => b.organisationActions[id] ?? [],

    // Statistics and search
    get_statistics: () =>
      b.statistics ?? {
        activities: [],
        organisations: [],
        total: { women: 0, men: 0, other: 0, notStated: 0, total: 0 },
      },
    search: () => b.searchHits,

    // Settings
    get_settings: () => b.settings,
    set_language: ({ language }) => {
      b.settings = { language };
      return b.settings;
    },

    // Mentor pairings
    round_pairings: ({ id }) => roundOf(id),
    get_pairing: ({ id }) => ({
      pairing: withSessions(byId(b.pairings, id)),
      sessions: sessionsOf(id).map((d) => meetingSummary(d)),
      openActions: [],
      nextLearningMeeting: null,
    }),
    create_pairing: (draft) => {
      const created = pairingFrom(draft, nextId(b.pairings.map((p) => p.id)));
      b.pairings.push(created);
      return created;
    },
    update_pairing: ({ id, draft }) => replace(b.pairings, pairingFrom(draft, id)),
    delete_pairing: ({ id }) => {
      byId(b.pairings, id);
      b.pairings = b.pairings.filter((p) => p.id !== id);
      return null;
    },
    set_mentor_capacity: ({ partnershipId }) => roundOf(partnershipId),
    set_round_completion: ({ partnershipId }) => roundOf(partnershipId),
    mentor_suggestions: () => b.suggestions,
    organisation_lineage: ({ id }) => {
      const o = byId(b.organisations, id);
      const none: Lineage = {
        organisation: { id: o.id, name: o.name, title: null },
        completedRounds: [],
        mentoredBy: [],
        mentored: [],
      };
      return b.lineages[id] ?? none;
    },

    // Exchange packages: what a package holds and what opening it does are the core's.
    get_installation: () => b.installation,
    set_installation_name: ({ name }) => {
      b.installation = { ...b.installation, name: name.trim() };
      return b.installation;
    },
    make_package: ({ scope }) => ({
      path: `/home/anna/Dokument/${scope.kind === 'pairing' ? 'Mentorpaket' : 'Partnerskap'}.samlar`,
    }),
    preview_package: () => missing('preview_package'),
    open_package: () => missing('open_package'),

    // Start-up
    ui_ready: () => null,

    // Safekeeping and the app's own life: canned answers only.
    about: () => b.about ?? missing('about'),
    open_data_folder: () => null,
    open_log_folder: () => null,
    list_backups: () => b.backups,
    back_up_now: () => ({ path: '/tmp/samlar-säkerhetskopia.sqlite3' }),
    restore_backup: () => b.startView ?? missing('restore_backup'),
    choose_backup_file: () => b.chosenFile ?? cancelled(),
    open_read_only: () => b.startView ?? missing('open_read_only'),
    daily_backup_outcome: () => b.backupOutcome,
    quit_app: () => null,
    ready_to_close: () => null,
  };
}
