// The fake core's library of good examples (spread into fakeCore.ts): the good examples of
// the meetings it keeps, filtered as the page asks, newest meeting first. It folds case
// with toLowerCase as the core folds it; the core's cap, its checks of the dates and its
// order within a day are the core's (tests/core/good_example_library.rs). A test that
// needs an error at a field makes the command fail with `failNext`.
import type { GoodExampleLibrary } from '../lib/bindings/GoodExampleLibrary';
import type { LibraryExample } from '../lib/bindings/LibraryExample';
import type { FakeBackend, Handlers } from './fakeBackend';

const fold = (text: string): string => text.trim().toLowerCase();

export function handbookHandlers(b: FakeBackend): Pick<Handlers, 'list_good_examples'> {
  const nameOf = (list: { id: number; name: string }[], id: number | null) =>
    list.find((x) => x.id === id)?.name ?? null;
  const all = (): LibraryExample[] =>
    [...b.meetings]
      .sort((x, y) => (x.meeting.date < y.meeting.date ? 1 : -1))
      .flatMap(({ meeting, goodExamples }) =>
        goodExamples.map((g) => ({
          ...g,
          organisationName: nameOf(b.organisations, g.organisationId),
          partnershipId: meeting.partnershipId,
          partnershipName: nameOf(b.partnerships, meeting.partnershipId) ?? '',
          meetingId: meeting.id,
          meetingKind: meeting.kind,
          meetingNumber: meeting.number,
          meetingTitle: meeting.title,
          meetingDate: meeting.date,
        })),
      );
  return {
    list_good_examples: (f): GoodExampleLibrary => {
      const words = fold(f.search).split(/\s+/).filter(Boolean);
      const examples = all().filter(
        (e) =>
          (f.tag === null || e.tags.some((t) => fold(t) === fold(f.tag ?? ''))) &&
          (f.organisationId === null || e.organisationId === f.organisationId) &&
          (f.partnershipId === null || e.partnershipId === f.partnershipId) &&
          (f.from === null || e.meetingDate >= f.from) &&
          (f.to === null || e.meetingDate <= f.to) &&
          words.every((w) => fold([e.title, e.description, ...e.tags].join('\n')).includes(w)),
      );
      const tags = [
        ...new Map(
          all()
            .flatMap((e) => e.tags)
            .map((t) => [fold(t), t]),
        ).entries(),
      ]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, t]) => t);
      const used = <T extends { id: number; name: string }>(list: T[], ids: (number | null)[]) =>
        list.filter((x) => ids.includes(x.id));
      const organisations = used(
        b.organisations,
        all().map((e) => e.organisationId),
      );
      const partnerships = used(
        b.partnerships,
        all().map((e) => e.partnershipId),
      );
      return {
        examples,
        total: examples.length,
        tags,
        organisations: {
          ids: organisations.map((o) => o.id),
          names: organisations.map((o) => o.name),
        },
        partnerships: {
          ids: partnerships.map((p) => p.id),
          names: partnerships.map((p) => p.name),
        },
      };
    },
  };
}
