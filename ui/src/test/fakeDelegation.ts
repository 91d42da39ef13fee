// The fake core's delegations by organisational level (spread into fakeCore.ts): the
// expected levels it keeps per partnership (the kind's default until set), and the
// delegations and attendance by level a test gives it (`delegationsOf`). It applies one
// rule of the core so that ticking a level changes the flags: an organisation lacks an
// expected level none of its people has. Who takes part is tested in tests/core.
import type { AttendanceByLevel } from '../lib/bindings/AttendanceByLevel';
import type { LevelCounts } from '../lib/bindings/LevelCounts';
import type { OrganisationDelegation } from '../lib/bindings/OrganisationDelegation';
import type { OrganisationLevel } from '../lib/bindings/OrganisationLevel';
import type { FakeBackend, Handlers } from './fakeBackend';
import { coreError, notFound } from './fakeRecords';

type DelegationCommands =
  'attendance_by_level' | 'expected_levels' | 'set_expected_levels' | 'delegations';

/** The levels in the core's order (`delegation::LEVELS`). */
export const LEVELS: OrganisationLevel[] = [
  'politician',
  'senior_manager',
  'strategist',
  'operational',
];

/** What a test gives the fake for one partnership. */
export interface DelegationData {
  /** Stored expected levels; undefined: the kind's default. */
  expected?: OrganisationLevel[];
  /** The participating organisations (their `missing` is worked out by the fake). */
  organisations: OrganisationDelegation[];
  byLevel: AttendanceByLevel;
}

const data = new WeakMap<FakeBackend, Record<number, DelegationData>>();

export function emptyCounts(): LevelCounts {
  return {
    politician: 0,
    seniorManager: 0,
    strategist: 0,
    operational: 0,
    notStated: 0,
    total: 0,
  };
}

/** Counts by level: politician, senior manager, strategist, operational, not stated. */
export function levelCounts(...n: [number, number, number, number, number]): LevelCounts {
  const [politician, seniorManager, strategist, operational, notStated] = n;
  return {
    politician,
    seniorManager,
    strategist,
    operational,
    notStated,
    total: n.reduce((a, b) => a + b, 0),
  };
}

/** A participating organisation with these counts and no people listed. */
export function delegation(
  organisationId: number,
  organisationName: string,
  counts: LevelCounts,
): OrganisationDelegation {
  return {
    organisationId,
    organisationName,
    roles: ['participant'],
    counts,
    people: [],
    missing: [],
  };
}

/** The fake's delegation data of one partnership, made empty on first use. */
export function delegationsOf(b: FakeBackend, partnershipId: number): DelegationData {
  const all = data.get(b) ?? {};
  data.set(b, all);
  all[partnershipId] ??= {
    organisations: [],
    byLevel: { meetings: [], total: emptyCounts() },
  };
  return all[partnershipId];
}

const countOf = (c: LevelCounts, level: OrganisationLevel): number =>
  ({
    politician: c.politician,
    senior_manager: c.seniorManager,
    strategist: c.strategist,
    operational: c.operational,
  })[level];

export function delegationHandlers(b: FakeBackend): Pick<Handlers, DelegationCommands> {
  function expected(partnershipId: number) {
    const p = b.partnerships.find((x) => x.id === partnershipId) ?? notFound();
    const stored = delegationsOf(b, partnershipId).expected;
    const byDefault: OrganisationLevel[] =
      p.kind === 'model_municipality_round' ? LEVELS.slice(0, 3) : [];
    return {
      partnershipId,
      levels: stored ?? byDefault,
      isDefault: stored === undefined,
    };
  }
  return {
    attendance_by_level: ({ partnershipId }) => delegationsOf(b, partnershipId).byLevel,
    expected_levels: ({ id }) => expected(id),
    set_expected_levels: ({ partnershipId, levels }) => {
      if (levels.length > LEVELS.length) throw coreError('too_many', 'levels');
      expected(partnershipId);
      delegationsOf(b, partnershipId).expected = LEVELS.filter((l) => levels.includes(l));
      return expected(partnershipId);
    },
    delegations: ({ partnershipId }) => {
      const levels = expected(partnershipId);
      const organisations = delegationsOf(b, partnershipId).organisations.map((o) => ({
        ...o,
        missing: levels.levels.filter((l) => countOf(o.counts, l) === 0),
      }));
      const lacking = organisations.filter((o) => o.missing.length > 0).length;
      return { expected: levels, organisations, lacking };
    },
  };
}
