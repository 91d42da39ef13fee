// What the fake core's files share (fakeCore.ts and the handlers spread into it): the
// core's error shape, and finding, numbering and replacing records kept by id.
import type { CommandError } from '../lib/bindings/CommandError';
import type { ErrorCode } from '../lib/bindings/ErrorCode';
import type { MeetingDetail } from '../lib/bindings/MeetingDetail';
import type { FakeBackend } from './fakeBackend';

/** An error as the core sends it. */
export function coreError(code: ErrorCode, field: string | null = null): CommandError {
  return { code, field, message: code };
}

export function notFound(): never {
  throw coreError('not_found');
}

export const nextId = (ids: number[]): number => Math.max(0, ...ids) + 1;

export function byId<T extends { id: number }>(list: T[], id: number): T {
  return list.find((x) => x.id === id) ?? notFound();
}

/** Puts `item` where the record with its id was; not found when there is none. */
export function replace<T extends { id: number }>(list: T[], item: T): T {
  const index = list.findIndex((x) => x.id === item.id);
  if (index < 0) notFound();
  list[index] = item;
  return item;
}

export function meetingOf(b: FakeBackend, id: number): MeetingDetail {
  return b.meetings.find((d) => d.meeting.id === id) ?? notFound();
}
