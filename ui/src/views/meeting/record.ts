// The meeting's own record as the form on the meeting page holds it: from the saved
// meeting to the form, from the form to the draft the core saves, and the fields whose
// text is not a number (shown at once; the saved value is sent instead).
import type { Meeting } from '../../lib/bindings/Meeting';
import type { MeetingDetail } from '../../lib/bindings/MeetingDetail';
import type { MeetingDraft } from '../../lib/bindings/MeetingDraft';
import type { MeetingKind } from '../../lib/bindings/MeetingKind';
import type { MeetingMode } from '../../lib/bindings/MeetingMode';
import { parseCount } from '../../lib/format';
import type { MessageKey } from '../../lib/i18n.svelte';
import { orNull } from './parts';

export const CHECKS = [
  'stepFreeEntrance',
  'noThresholds',
  'lift',
  'accessibleToilet',
  'hearingLoop',
  'accessibleSeating',
] as const;
export type CheckKey = (typeof CHECKS)[number];
export type Tri = 'yes' | 'no' | 'unknown';
export const EXTRAS = ['extraWomen', 'extraMen', 'extraOther', 'extraNotStated'] as const;
export type ExtraKey = (typeof EXTRAS)[number];
/** The people at the meeting who are not in the register, by gender. */
export type ExtraCounts = Record<ExtraKey, number>;

export interface RecordForm {
  kind: MeetingKind;
  number: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  /** The venue of the register ('' for none). */
  venueId: string;
  /** How the meeting is held ('' when not stated, as on meetings made before it was kept). */
  mode: MeetingMode | '';
  venueName: string;
  venueAddress: string;
  onlineLink: string;
  checks: Record<CheckKey, Tri>;
  accessibilityNotes: string;
  hostOrganisationId: string;
  pairingId: string;
  visitorIds: number[];
  studied: string;
  learned: string;
  notes: string;
  reflectionBest: string;
  reflectionLearn: string;
  reflectionDevelop: string;
  extras: Record<ExtraKey, string>;
}

/** The fields the record shows; an error of any other field is shown above the record. */
export const RECORD_FIELDS: readonly string[] = [
  'kind',
  'date',
  'startTime',
  'endTime',
  'number',
  'title',
  'mode',
  'venueId',
  'venueName',
  'venueAddress',
  'onlineLink',
  'accessibilityNotes',
  'hostOrganisationId',
  'pairingId',
  'visitorIds',
  'studied',
  'learned',
  'notes',
  'reflectionBest',
  'reflectionLearn',
  'reflectionDevelop',
  ...EXTRAS,
];

export const triOf = (value: boolean | null): Tri =>
  value === null ? 'unknown' : value ? 'yes' : 'no';
export const boolOf = (value: Tri): boolean | null =>
  value === 'unknown' ? null : value === 'yes';

export function formOf(m: Meeting, d: MeetingDetail): RecordForm {
  return {
    kind: m.kind,
    number: m.number === null ? '' : String(m.number),
    title: m.title,
    date: m.date,
    startTime: m.startTime ?? '',
    endTime: m.endTime ?? '',
    venueId: m.venueId === null ? '' : String(m.venueId),
    mode: m.mode ?? '',
    venueName: m.venueName,
    venueAddress: m.venueAddress,
    onlineLink: m.onlineLink,
    checks: {
      stepFreeEntrance: triOf(m.stepFreeEntrance),
      noThresholds: triOf(m.noThresholds),
      lift: triOf(m.lift),
      accessibleToilet: triOf(m.accessibleToilet),
      hearingLoop: triOf(m.hearingLoop),
      accessibleSeating: triOf(m.accessibleSeating),
    },
    accessibilityNotes: m.accessibilityNotes,
    hostOrganisationId: m.hostOrganisationId === null ? '' : String(m.hostOrganisationId),
    pairingId: m.pairingId === null ? '' : String(m.pairingId),
    visitorIds: d.visitors.map((v) => v.id),
    studied: m.studied,
    learned: m.learned,
    notes: m.notes,
    reflectionBest: m.reflectionBest,
    reflectionLearn: m.reflectionLearn,
    reflectionDevelop: m.reflectionDevelop,
    extras: {
      extraWomen: String(m.extraWomen),
      extraMen: String(m.extraMen),
      extraOther: String(m.extraOther),
      extraNotStated: String(m.extraNotStated),
    },
  };
}

/** Fields whose text is not a number: shown at once, and the saved value is sent. */
export function localErrorsOf(form: RecordForm): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (form.kind === 'learning' && parseCount(form.number) === undefined) {
    errors.number = 'error.invalid_number';
  }
  for (const key of EXTRAS) {
    if (parseCount(form.extras[key]) === undefined) errors[key] = 'error.invalid_number';
  }
  return errors;
}

/** The extra people as numbers (text that is not a number counts as none). */
export function extraCountsOf(form: RecordForm): ExtraCounts {
  const count = (key: ExtraKey): number => parseCount(form.extras[key]) ?? 0;
  return {
    extraWomen: count('extraWomen'),
    extraMen: count('extraMen'),
    extraOther: count('extraOther'),
    extraNotStated: count('extraNotStated'),
  };
}

export function draftOf(f: RecordForm, saved: Meeting): MeetingDraft {
  const count = (key: ExtraKey): number => parseCount(f.extras[key]) ?? 0;
  const number = parseCount(f.number);
  return {
    kind: f.kind,
    number: f.kind !== 'learning' ? null : number === undefined ? saved.number : number,
    title: f.title,
    date: f.date.trim(),
    startTime: f.startTime.trim(),
    endTime: f.endTime.trim(),
    venueName: f.venueName,
    venueAddress: f.venueAddress,
    // A meeting held on site has no link: the one typed before stays in the form only.
    onlineLink: f.mode === 'on_site' ? '' : f.onlineLink,
    stepFreeEntrance: boolOf(f.checks.stepFreeEntrance),
    noThresholds: boolOf(f.checks.noThresholds),
    lift: boolOf(f.checks.lift),
    accessibleToilet: boolOf(f.checks.accessibleToilet),
    hearingLoop: boolOf(f.checks.hearingLoop),
    accessibleSeating: boolOf(f.checks.accessibleSeating),
    accessibilityNotes: f.accessibilityNotes,
    hostOrganisationId: orNull(f.hostOrganisationId),
    pairingId: f.kind === 'mentor_session' ? orNull(f.pairingId) : null,
    venueId: orNull(f.venueId),
    mode: f.mode === '' ? null : f.mode,
    visitorIds: f.kind === 'study_visit' ? [...f.visitorIds] : [],
    studied: f.studied,
    learned: f.learned,
    notes: f.notes,
    reflectionBest: f.reflectionBest,
    reflectionLearn: f.reflectionLearn,
    reflectionDevelop: f.reflectionDevelop,
    extraWomen:
      parseCount(f.extras.extraWomen) === undefined ? saved.extraWomen : count('extraWomen'),
    extraMen: parseCount(f.extras.extraMen) === undefined ? saved.extraMen : count('extraMen'),
    extraOther:
      parseCount(f.extras.extraOther) === undefined ? saved.extraOther : count('extraOther'),
    extraNotStated:
      parseCount(f.extras.extraNotStated) === undefined
        ? saved.extraNotStated
        : count('extraNotStated'),
  };
}
