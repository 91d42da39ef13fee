// The fake core's practice around the meetings (spread into fakeCore.ts): the venue
// register, people's roles and the groups of a partnership with their reflection answers,
// and approving and unlocking minutes. Like the rest of the fake core it keeps what it is
// given and gives it back; the core's rules (overlapping roles, the lock on approved
// minutes, which meetings a venue's changes reach) are tested in tests/core.
import type { ApprovalEvent } from '../lib/bindings/ApprovalEvent';
import type { Group } from '../lib/bindings/Group';
import type { MeetingDetail } from '../lib/bindings/MeetingDetail';
import type { PersonRole } from '../lib/bindings/PersonRole';
import type { RoleAssignment } from '../lib/bindings/RoleAssignment';
import type { Venue } from '../lib/bindings/Venue';
import type { VenueDraft } from '../lib/bindings/VenueDraft';
import type { FakeBackend, Handlers } from './fakeBackend';
import { venue } from './fixtures';
import { byId, meetingOf, nextId, replace } from './fakeRecords';

type PracticeCommands =
  | 'create_venue'
  | 'list_venues'
  | 'get_venue'
  | 'update_venue'
  | 'set_venue_archived'
  | 'add_role'
  | 'end_role'
  | 'remove_role'
  | 'create_group'
  | 'update_group'
  | 'delete_group'
  | 'set_group_members'
  | 'set_group_reflection'
  | 'approve_meeting'
  | 'unlock_meeting';

/** The roles in the partnership page's order (the core's `PersonRole::ALL`). */
export const PERSON_ROLES: PersonRole[] = [
  'steering_group',
  'project_group',
  'project_leader',
  'coordinator',
  'external_evaluator',
  'trainer',
  'contact_person',
];

/** A person's name from the register or the meeting's attendance; null for none. */
function personName(b: FakeBackend, d: MeetingDetail, id: number | null): string | null {
  if (id === null) return null;
  const found = b.people.find((x) => x.id === id) ?? d.attendance.find((x) => x.personId === id);
  return found?.name ?? null;
}

export function practiceHandlers(b: FakeBackend): Pick<Handlers, PracticeCommands> {
  function venueFrom(draft: VenueDraft, base: Venue): Venue {
    const organisationName =
      draft.organisationId === null
        ? null
        : (b.organisations.find((o) => o.id === draft.organisationId)?.name ?? '');
    return { ...base, ...draft, organisationName };
  }
  return {
    // The register of venues, in the order given (the core sorts by name).
    create_venue: (draft) => {
      const id = nextId(b.venues.map((v) => v.id));
      const created = venueFrom(draft, venue({ id }));
      b.venues.push(created);
      return created;
    },
    list_venues: ({ includeArchived }) => b.venues.filter((v) => includeArchived || !v.archived),
    get_venue: ({ id }) => byId(b.venues, id),
    update_venue: ({ id, draft }) => replace(b.venues, venueFrom(draft, byId(b.venues, id))),
    set_venue_archived: ({ id, archived }) =>
      replace(b.venues, { ...byId(b.venues, id), archived }),
    // People's roles and the groups of a partnership
    add_role: ({ partnershipId, personId, role, startDate, endDate }) => {
      const who = b.people.find((x) => x.id === personId);
      const added: RoleAssignment = {
        id: nextId(b.roles.map((r) => r.id)),
        partnershipId,
        personId,
        personName: who?.name ?? '',
        organisationName: who?.organisationName ?? null,
        role,
        startDate: startDate || null,
        endDate: endDate || null,
      };
      b.roles.push(added);
      return added;
    },
    end_role: ({ id, endDate }) => replace(b.roles, { ...byId(b.roles, id), endDate }),
    remove_role: ({ id }) => {
      byId(b.roles, id);
      b.roles = b.roles.filter((r) => r.id !== id);
      return null;
    },
    create_group: ({ partnershipId, draft }) => {
      const id = nextId(b.groups.map((g) => g.id));
      const created: Group = { id, partnershipId, ...draft, members: [] };
      b.groups.push(created);
      return created;
    },
    update_group: ({ id, draft }) => replace(b.groups, { ...byId(b.groups, id), ...draft }),
    delete_group: ({ id }) => {
      byId(b.groups, id);
      b.groups = b.groups.filter((g) => g.id !== id);
      return null;
    },
    set_group_members: ({ groupId, personIds }) => {
      const members = personIds.map((personId) => {
        const x = b.people.find((y) => y.id === personId);
        return { personId, name: x?.name ?? '', organisationName: x?.organisationName ?? null };
      });
      return replace(b.groups, { ...byId(b.groups, groupId), members });
    },
    set_group_reflection: ({ meetingId, groupId, ...answers }) => {
      const d = meetingOf(b, meetingId);
      const g = byId(b.groups, groupId);
      const saved = { groupId, groupName: g.name, groupKind: g.kind, ...answers };
      const known = d.groupReflections.some((r) => r.groupId === groupId);
      d.groupReflections = known
        ? d.groupReflections.map((r) => (r.groupId === groupId ? saved : r))
        : [...d.groupReflections, saved];
      return saved;
    },

    // Approved minutes: each call adds its event, as asked (the core's checks are its own).
    approve_meeting: ({ meetingId, approverIds, onDate }) => {
      const d = meetingOf(b, meetingId);
      const [first = null, second = null] = approverIds;
      const event: ApprovalEvent = {
        event: 'approved',
        personId: first,
        personName: personName(b, d, first),
        secondPersonId: second,
        secondPersonName: personName(b, d, second),
        onDate: onDate ?? '2026-11-23',
        reason: '',
        recordedAt: '2026-11-23T10:15:00Z',
      };
      d.approval = { approved: true, history: [...d.approval.history, event] };
      return d.approval;
    },
    unlock_meeting: ({ meetingId, personId, reason }) => {
      const d = meetingOf(b, meetingId);
      const event: ApprovalEvent = {
        event: 'unlocked',
        personId,
        personName: personName(b, d, personId),
        secondPersonId: null,
        secondPersonName: null,
        onDate: '2026-11-23',
        reason,
        recordedAt: '2026-11-23T10:15:00Z',
      };
      d.approval = { approved: false, history: [...d.approval.history, event] };
      return d.approval;
    },
  };
}
