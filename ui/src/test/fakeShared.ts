// The fake core's shared workspace (spread into fakeCore.ts): a joined state a test
// gives it (`sharedOf`), the password the shell would hold, and canned conflicts and
// members. Joining and leaving change the state; syncing counts nothing (the core's
// sync is tested in tests/core/, on a real PostgreSQL server). The fake refuses what
// the shell refuses without a server: a second join, a command when not joined, and a
// command needing the password when none is known (`password_needed`).
import type { Conflict } from '../lib/bindings/Conflict';
import type { SharedMembers } from '../lib/bindings/SharedMembers';
import type { SyncStatus } from '../lib/bindings/SyncStatus';
import type { FakeBackend, Handlers } from './fakeBackend';
import { coreError } from './fakeRecords';

export interface FakeShared {
  status: SyncStatus;
  /** The password the shell holds for this session (null: it must ask). */
  password: string | null;
  /** Whether the last password given was to be remembered on this computer. */
  remembered: boolean;
  conflicts: Conflict[];
  /** What shared_members answers (null: `not_administrator`). */
  members: SharedMembers | null;
}

export function notJoined(): SyncStatus {
  return {
    server: null,
    workspaceName: '',
    waiting: 0,
    conflicts: 0,
    lastSyncedAt: null,
    offlineSince: null,
    lastError: null,
  };
}

/** A status joined to `db.example.se` as `anna`, synced, with `fields` changed. */
export function joinedStatus(fields: Partial<SyncStatus> = {}): SyncStatus {
  return {
    server: {
      host: 'db.example.se',
      port: 5432,
      database: 'samlar',
      user: 'anna',
      tls: 'verify-full',
    },
    workspaceName: 'Nätverket Väst',
    waiting: 0,
    conflicts: 0,
    lastSyncedAt: '2027-03-14T14:05:00Z',
    offlineSince: null,
    lastError: null,
    ...fields,
  };
}

const states = new WeakMap<FakeBackend, FakeShared>();

/** The fake's shared workspace: not joined until a test or a join says otherwise. */
export function sharedOf(b: FakeBackend): FakeShared {
  const state = states.get(b) ?? {
    status: notJoined(),
    password: null,
    remembered: false,
    conflicts: [],
    members: null,
  };
  states.set(b, state);
  return state;
}

export function sharedHandlers(
  b: FakeBackend,
): Pick<
  Handlers,
  | 'sync_status'
  | 'join_shared_workspace'
  | 'leave_shared_workspace'
  | 'sync_now'
  | 'set_shared_password'
  | 'sync_conflicts'
  | 'resolve_sync_conflict'
  | 'shared_members'
  | 'grant_scope'
  | 'revoke_scope'
  | 'set_shared_member'
> {
  const s = () => sharedOf(b);
  const joined = () => {
    if (s().status.server === null) throw coreError('not_joined');
    return s();
  };
  const withPassword = () => {
    if (joined().password === null) throw coreError('password_needed');
    return s();
  };
  /** The status as the shell answers it: `password_needed` while it has none. */
  const status = (): SyncStatus => {
    const state = s();
    const needed = state.status.server !== null && state.password === null;
    return needed ? { ...state.status, lastError: 'password_needed' } : state.status;
  };
  const admin = (): SharedMembers => withPassword().members ?? notAdministrator();
  return {
    sync_status: status,
    join_shared_workspace: ({ join, remember }) => {
      if (s().status.server !== null) throw coreError('already_joined');
      if (join.password === '') throw coreError('password_needed', 'password');
      const state = s();
      state.status = joinedStatus({ server: join.server, workspaceName: join.name ?? '' });
      state.password = join.password;
      state.remembered = remember;
      return { received: 0, sent: 0, newConflicts: 0, heldBack: 0 };
    },
    leave_shared_workspace: () => {
      const state = joined();
      state.status = notJoined();
      state.password = null;
      return null;
    },
    sync_now: () => {
      withPassword();
      return { received: 0, sent: 0, newConflicts: 0, heldBack: 0 };
    },
    set_shared_password: ({ password, remember }) => {
      const state = joined();
      if (password === '') throw coreError('password_needed', 'password');
      state.password = password;
      state.remembered = remember;
      return status();
    },
    sync_conflicts: () => joined().conflicts,
    resolve_sync_conflict: ({ uuid }) => {
      const state = joined();
      state.conflicts = state.conflicts.filter((c) => c.uuid !== uuid);
      return { created: 0, updated: 1, deleted: 0, conflictsSettled: 1 };
    },
    shared_members: admin,
    grant_scope: () => admin(),
    revoke_scope: () => admin(),
    set_shared_member: () => admin(),
  };
}

function notAdministrator(): never {
  throw coreError('not_administrator');
}
