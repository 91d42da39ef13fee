// Handlers for the views of the shared workspace's conflicts and members (given to
// installBackend in place of fakeShared.ts's, which need a joined state): conflicts a test
// gives, settled one by one, and members whose grants and flags change as the server
// would change them, or `not_administrator` for a member who is none. Who may see what
// is the server's rule, tested in tests/core/ against a real PostgreSQL server.
import type { Conflict } from '../lib/bindings/Conflict';
import type { SharedMembers } from '../lib/bindings/SharedMembers';
import type { Handlers } from './fakeBackend';
import { coreError } from './fakeRecords';

type ConflictCommands = 'sync_conflicts' | 'resolve_sync_conflict';
type MemberCommands = 'shared_members' | 'grant_scope' | 'revoke_scope' | 'set_shared_member';

/** A meeting changed on both sides (notes and attendance) and two deletion conflicts. */
export function syncConflicts(): Conflict[] {
  return [
    {
      uuid: 'm-3',
      kind: 'meeting',
      label: '2027-02-01 Mentorsträff',
      conflict: 'changed',
      changedHereAt: '2027-02-02T10:00:00Z',
      changedThereAt: '2027-02-03T10:00:00Z',
      fields: [
        { field: 'notes', here: 'Vi talade om rutiner.', there: 'Vi talade om uppföljning.' },
        { field: 'attendance', here: [{ person: 'x', status: 'present' }], there: [] },
      ],
    },
    {
      uuid: 'a-2',
      kind: 'action',
      label: 'Gemensam mall',
      conflict: 'deleted_there',
      changedHereAt: '2027-02-04T10:00:00Z',
      changedThereAt: '2027-02-05T10:00:00Z',
      fields: [],
    },
    {
      uuid: 'a-3',
      kind: 'action',
      label: 'Checklista',
      conflict: 'deleted_here',
      changedHereAt: '2027-02-04T10:00:00Z',
      changedThereAt: '2027-02-05T10:00:00Z',
      fields: [],
    },
  ];
}

/** The waiting conflicts in `state`; settling one takes it off the list. */
export function conflictHandlers(state: {
  conflicts: Conflict[];
}): Pick<Handlers, ConflictCommands> {
  return {
    sync_conflicts: () => structuredClone(state.conflicts),
    resolve_sync_conflict: ({ uuid, choices }) => {
      if (!state.conflicts.some((c) => c.uuid === uuid)) throw coreError('not_found', 'uuid');
      state.conflicts = state.conflicts.filter((c) => c.uuid !== uuid);
      return { created: 0, updated: 1, deleted: 0, conflictsSettled: choices.length };
    },
  };
}

/**
 * Anna (an administrator, granted the round) and Bo (a mentor, granted a pairing of
 * it); the round, its pairing and a second partnership.
 */
export function sharedMembers(): SharedMembers {
  return {
    members: [
      { role: 'anna', administrator: true, sensitive: false, scopes: ['p-1'] },
      { role: 'bo', administrator: false, sensitive: false, scopes: ['pa-1'] },
    ],
    scopes: [
      { scope: 'p-1', kind: 'partnership', partnership: 'p-1', label: 'Modellkommun 2027' },
      {
        scope: 'pa-1',
        kind: 'pairing',
        partnership: 'p-1',
        label: 'Umeå kommun → Vännäs kommun',
      },
      { scope: 'p-2', kind: 'partnership', partnership: 'p-2', label: 'Nätverket Väst' },
    ],
  };
}

/** The members in `state` (null: this member is no administrator). */
export function memberHandlers(state: {
  members: SharedMembers | null;
}): Pick<Handlers, MemberCommands> {
  const admin = (): SharedMembers => {
    if (state.members === null) throw coreError('not_administrator');
    return state.members;
  };
  const member = (role: string) => {
    const m = admin().members.find((x) => x.role === role);
    if (!m) throw coreError('not_found', 'role');
    return m;
  };
  return {
    shared_members: () => structuredClone(admin()),
    grant_scope: ({ role, scope }) => {
      const m = member(role);
      if (!admin().scopes.some((s) => s.scope === scope)) throw coreError('not_found', 'scope');
      if (!m.scopes.includes(scope)) m.scopes = [...m.scopes, scope];
      return structuredClone(admin());
    },
    revoke_scope: ({ role, scope }) => {
      const m = member(role);
      m.scopes = m.scopes.filter((s) => s !== scope);
      return structuredClone(admin());
    },
    set_shared_member: ({ role, administrator, sensitive }) => {
      Object.assign(member(role), { administrator, sensitive });
      return structuredClone(admin());
    },
  };
}
