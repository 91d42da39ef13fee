// The fake core's statistics across partnerships (spread into fakeCore.ts): the rows a test
// gives it (`overviewOf`), filtered by the scope's kind and archived flag, with their sums
// as the total. The core's rules — which meetings are in the period, people and
// organisations counted once in the total — are tested in tests/core/overview.rs; the fake
// only refuses a period that ends before it starts, at `to`, as the core does.
import type { OverviewFigures } from '../lib/bindings/OverviewFigures';
import type { PartnershipFigures } from '../lib/bindings/PartnershipFigures';
import type { FakeBackend, Handlers } from './fakeBackend';
import { coreError } from './fakeRecords';

const rows = new WeakMap<FakeBackend, PartnershipFigures[]>();

/** The rows the fake answers with (every partnership, archived ones too). */
export function overviewOf(b: FakeBackend): PartnershipFigures[] {
  const list = rows.get(b) ?? [];
  rows.set(b, list);
  return list;
}

export function emptyFigures(): OverviewFigures {
  const zero = { women: 0, men: 0, other: 0, notStated: 0, total: 0 };
  return {
    activities: 0,
    byKind: [],
    participants: { ...zero },
    people: { ...zero },
    organisations: 0,
    memberOrganisations: 0,
    actions: { planned: 0, ongoing: 0, done: 0, dropped: 0, total: 0 },
  };
}

function add(to: OverviewFigures, f: OverviewFigures): void {
  to.activities += f.activities;
  for (const k of f.byKind) {
    const mine = to.byKind.find((x) => x.kind === k.kind);
    if (mine) {
      mine.meetings += k.meetings;
      mine.participants += k.participants;
    } else to.byKind.push({ ...k });
  }
  for (const key of ['women', 'men', 'other', 'notStated', 'total'] as const) {
    to.participants[key] += f.participants[key];
    to.people[key] += f.people[key];
  }
  to.organisations += f.organisations;
  to.memberOrganisations += f.memberOrganisations;
  for (const key of ['planned', 'ongoing', 'done', 'dropped', 'total'] as const) {
    to.actions[key] += f.actions[key];
  }
}

export function overviewHandlers(b: FakeBackend): Pick<Handlers, 'statistics_overview'> {
  return {
    statistics_overview: (scope) => {
      const from = scope.from || null;
      const to = scope.to || null;
      if (from && to && to < from) throw coreError('end_before_start', 'to');
      const partnerships = overviewOf(b).filter(
        (p) =>
          (scope.kind === null || p.kind === scope.kind) && (scope.includeArchived || !p.archived),
      );
      const total = emptyFigures();
      for (const p of partnerships) add(total, p.figures);
      return { period: { from, to }, partnerships, total };
    },
  };
}
