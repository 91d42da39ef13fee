// Formats and labels the whole interface shares: dates, numbers, kronor and every enum's
// label. Long because it is one flat list of small functions, each used on several pages.
import type { ActionStatus } from './bindings/ActionStatus';
import type { BackupReason } from './bindings/BackupReason';
import type { AttendanceStatus } from './bindings/AttendanceStatus';
import type { Gender } from './bindings/Gender';
import type { LevelCounts } from './bindings/LevelCounts';
import type { MeetingKind } from './bindings/MeetingKind';
import type { SearchSource } from './bindings/SearchSource';
import type { Mention } from './bindings/Mention';
import type { TextPlace } from './bindings/TextPlace';
import type { NetworkLevel } from './bindings/NetworkLevel';
import type { OrganisationKind } from './bindings/OrganisationKind';
import type { OrganisationLevel } from './bindings/OrganisationLevel';
import type { ModelTitle } from './bindings/ModelTitle';
import type { PairingStatus } from './bindings/PairingStatus';
import type { SuggestionReason } from './bindings/SuggestionReason';
import type { PartnershipKind } from './bindings/PartnershipKind';
import type { Phase } from './bindings/Phase';
import type { Role } from './bindings/Role';
import type { UiErrorCode } from './api';
import { currentLanguage, hasMessage, t, tn, type MessageKey } from './i18n.svelte';

export const KINDS: readonly PartnershipKind[] = [
  'benchlearning',
  'model_municipality_round',
  'development_partnership',
  'community_of_practice',
  'other',
];

export const PHASES: readonly Phase[] = ['planning', 'mobilisation', 'implementation', 'closed'];

export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'municipality',
  'region',
  'county_council',
  'university',
  'authority',
  'union',
  'association',
  'company',
  'other',
];

export const ROLES: readonly Role[] = [
  'project_owner',
  'participant',
  'cooperation_partner',
  'mentor',
  'transnational_partner',
];

export const NETWORK_LEVELS: readonly NetworkLevel[] = ['whole', 'cluster', 'internal'];

export const PERSON_LEVELS: readonly OrganisationLevel[] = [
  'politician',
  'senior_manager',
  'strategist',
  'operational',
];

/** Where a level's count is in the figures by level (`LevelCounts`). */
export const LEVEL_COUNT: Record<OrganisationLevel, keyof LevelCounts> = {
  politician: 'politician',
  senior_manager: 'seniorManager',
  strategist: 'strategist',
  operational: 'operational',
};

export const GENDERS: readonly Gender[] = ['woman', 'man', 'other', 'not_stated'];

/** The competences with a name of their own; any other competence is a free-text tag. */
export const NAMED_COMPETENCES = ['gender_equality', 'quality_development'] as const;

export function kindLabel(kind: PartnershipKind): string {
  return t(`kind.${kind}` as MessageKey);
}

export function phaseLabel(phase: Phase): string {
  return t(`phase.${phase}` as MessageKey);
}

export function organisationKindLabel(kind: OrganisationKind): string {
  return t(`organisationKind.${kind}` as MessageKey);
}

export function roleLabel(role: Role): string {
  return t(`role.${role}` as MessageKey);
}

export function networkLevelLabel(level: NetworkLevel): string {
  return t(`networkLevel.${level}` as MessageKey);
}

export function personLevelLabel(level: OrganisationLevel): string {
  return t(`personLevel.${level}` as MessageKey);
}

export function genderLabel(gender: Gender): string {
  return t(`gender.${gender}` as MessageKey);
}

/** A competence tag: the named ones translated, the others as written. */
export function competenceLabel(competence: string): string {
  const key = `competence.${competence}`;
  return hasMessage(key) ? t(key) : competence;
}

export function yesNo(value: boolean): string {
  return t(value ? 'csv.yes' : 'csv.no');
}

/** The message for an error code, preferring the form's own text (`error.<form>.<code>`). */
export function errorText(code: UiErrorCode, form?: string): string {
  if (form) {
    const specific = `error.${form}.${code}`;
    if (hasMessage(specific)) return t(specific);
  }
  return t(`error.${code}` as MessageKey);
}

/** "2026-01-01 – 2026-12-31", "Från 2026-01-01", … (ISO dates, the Swedish way). */
export function periodText(start: string | null, end: string | null): string {
  if (start && end) return t('period.range', { start, end });
  if (start) return t('period.from', { start });
  if (end) return t('period.until', { end });
  return t('period.none');
}

/** 5466314 → "5 466 314" (the form the core reads back). */
export function groupDigits(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const SWEDISH_WHOLE = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/**
 * 5466314 → "5 466 314" grouped with no-break spaces (U+00A0), so that an
 * amount on a page never wraps; the Swedish way in both languages, as the
 * core's `documents::messages::group_digits` writes it in PDFs.
 */
export function groupDigitsNoBreak(value: number): string {
  return SWEDISH_WHOLE.format(Math.trunc(value)).replace(/[\s\u202f]/g, '\u00a0');
}

/** 5466314 → "5 466 314 kr" with no-break spaces (the message has one before "kr"). */
export function budgetText(value: number): string {
  return t('format.budget', { amount: groupDigitsNoBreak(value) });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An RFC 3339 timestamp as "2026-11-23 10:15" in local time. */
export function formatTimestamp(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** Base64 of raw bytes, built in chunks so that files of several MB do not overflow the stack. */
export function toBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return btoa(parts.join(''));
}

/**
 * The largest file the import takes: the core's `documents::import::MAX_FILE_BYTES`
 * (tests/core/import.rs checks that the two agree). Checked before a file is read.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * The largest exchange package (`.samlar`) the window reads: the core's
 * `exchange::package::MAX_PACKAGE_BYTES` (tests/core/import.rs checks that the two agree).
 */
export const MAX_PACKAGE_BYTES = 50 * 1024 * 1024;

/** Reads a chosen file as bytes (FileReader works in every webview and in jsdom). */
export function readFileBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** How many rows a long list shows at first, and how many more each "Visa fler" adds. */
export const PAGE_SIZE = 200;

/** Consecutive-or-not items with the same key, in order of first appearance. */
export function groupBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
): { key: string; items: T[] }[] {
  const groups = new Map<string, { key: string; items: T[] }>();
  for (const item of items) {
    const key = keyOf(item);
    let group = groups.get(key);
    if (!group) {
      group = { key, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

export const MEETING_KINDS: readonly MeetingKind[] = [
  'startup',
  'learning',
  'results_conference',
  'coordinator',
  'strategist',
  'study_visit',
  'mentor_session',
  'workshop',
  'other',
];

export const ACTION_STATUSES: readonly ActionStatus[] = ['planned', 'ongoing', 'done', 'dropped'];

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['invited', 'attended', 'absent'];

export const SEARCH_SOURCES: readonly SearchSource[] = [
  'notes',
  'agenda',
  'decision',
  'reflection',
  'good_example',
  'study_visit',
  'action',
  'follow_up',
];

export function meetingKindLabel(kind: MeetingKind): string {
  return t(`meetingKind.${kind}` as MessageKey);
}

export function actionStatusLabel(status: ActionStatus): string {
  return t(`actionStatus.${status}` as MessageKey);
}

export function attendanceStatusLabel(status: AttendanceStatus): string {
  return t(`attendanceStatus.${status}` as MessageKey);
}

export function searchSourceLabel(source: SearchSource): string {
  return t(`searchSource.${source}` as MessageKey);
}

/**
 * "Lärandeträff 1", "Uppstartsmöte", "Studiebesök – Umeå": the kind, the number of a
 * learning meeting, and the title when there is one.
 */
export function meetingLabel(kind: MeetingKind, number: number | null, title = ''): string {
  const base =
    kind === 'learning' && number !== null
      ? t('meeting.label', { kind: meetingKindLabel(kind), number })
      : meetingKindLabel(kind);
  return title.trim() === '' ? base : t('meeting.labelTitle', { label: base, title: title.trim() });
}

/** Every place of free text where a person's name can be written (`privacy::mentions`). */
export const TEXT_PLACES = [
  'partnership_purpose',
  'partnership_shared_problem',
  'partnership_delimitation',
  'partnership_funding_source',
  'partnership_region',
  'partnership_mandate_notes',
  'partnership_power_balance_notes',
  'partnership_missing_partners_notes',
  'partnership_carry_home_notes',
  'goal',
  'goal_effect',
  'indicator_source',
  'indicator_value_note',
  'meeting_title',
  'meeting_venue',
  'meeting_venue_address',
  'meeting_accessibility_notes',
  'meeting_studied',
  'meeting_learned',
  'meeting_notes',
  'reflection_best',
  'reflection_learn',
  'reflection_develop',
  'agenda_title',
  'agenda_notes',
  'decision',
  'good_example_title',
  'good_example_description',
  'good_example_tags',
  'action',
  'follow_up_note',
  'pairing_notes',
  'pairing_end_reason',
  'group_name',
  'group_purpose',
  'attachment_name',
  'unlock_reason',
] as const satisfies readonly TextPlace[];

// Fails to compile when a place of the core's is missing above.
const everyTextPlace: Exclude<TextPlace, (typeof TEXT_PLACES)[number]> extends never
  ? true
  : false = true;
void everyTextPlace;

export function textPlaceLabel(place: TextPlace): string {
  return t(`mention.place.${place}` as MessageKey);
}

/**
 * Where a mention is, as the erasure dialog names it: "Dropin – Lärandeträff 2 (2027-04-20)",
 * "Dropin – mentorpar", or the partnership alone.
 */
export function mentionWhere(m: Mention): string {
  if (m.meeting) {
    const label = meetingLabel(m.meeting.kind, m.meeting.number, m.meeting.title);
    return `${m.partnership.name} – ${label} (${m.meeting.date})`;
  }
  if (m.pairingId !== null) return `${m.partnership.name} – ${t('mention.pairing')}`;
  return m.partnership.name;
}

/** A follow-up as "Lärandeträff 2 (2027-08-24): Klar – note". */
export function followUpText(entry: {
  meetingKind: MeetingKind;
  meetingNumber: number | null;
  meetingDate: string;
  status: ActionStatus;
  note: string;
}): string {
  const params = {
    label: meetingLabel(entry.meetingKind, entry.meetingNumber),
    date: entry.meetingDate,
    status: actionStatusLabel(entry.status),
    note: entry.note.trim(),
  };
  return t(params.note === '' ? 'followUp.entry' : 'followUp.entryNote', params);
}

/** A search snippet split at U+0002 (mark starts) and U+0003 (mark ends). */
export function snippetParts(snippet: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let mark = false;
  let text = '';
  const push = () => {
    if (text !== '') parts.push({ text, mark });
    text = '';
  };
  for (const ch of snippet) {
    if (ch === '\u0002') {
      push();
      mark = true;
    } else if (ch === '\u0003') {
      push();
      mark = false;
    } else {
      text += ch;
    }
  }
  push();
  return parts;
}

/** "" → null, "12" → 12; anything else → undefined (not a whole number ≥ 0). */
export function parseCount(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : undefined;
}

// ---- Mentor pairings ----

export const PAIRING_STATUSES: readonly PairingStatus[] = ['active', 'completed', 'ended_early'];

export const MODEL_TITLES: readonly ModelTitle[] = [
  'model_municipality',
  'model_region',
  'model_organisation',
];

export function pairingStatusLabel(status: PairingStatus): string {
  return t(`pairingStatus.${status}` as MessageKey);
}

export function modelTitleLabel(title: ModelTitle): string {
  return t(`modelTitle.${title}` as MessageKey);
}

/** "A", "A och B", "A, B och C" (with the language's "and"). */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')}${t('common.and')}${names[names.length - 1]}`;
}

/** "Vännäs kommun och Nordmalings kommun med stöd av Umeå kommun". */
export function pairingName(pairing: {
  participants: readonly { name: string }[];
  mentor: { name: string };
}): string {
  return t('pairing.name', {
    participants: joinNames(pairing.participants.map((p) => p.name)),
    mentor: pairing.mentor.name,
  });
}

/** "Genomförde Modellkommun 2024 (2025-05-20)", "Samma län: Västerbottens län", … */
export function suggestionReasonText(reason: SuggestionReason): string {
  switch (reason.kind) {
    case 'completed_round':
      return t('suggestion.completed_round', {
        partnership: reason.partnershipName,
        date: reason.completedOn,
      });
    case 'mentored_before':
      return tn('suggestion.mentored_before', reason.rounds);
    case 'same_county':
      return t('suggestion.same_county', { county: reason.county });
    case 'same_cluster':
      return t('suggestion.same_cluster', { cluster: reason.cluster });
  }
}

/** "{active} av {capacity} platser". */
export function loadText(active: number, capacity: number): string {
  return tn('mentors.load', capacity, { active });
}

/** Today's date in local time as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A message split around one placeholder, so that the placeholder can be rendered as
 * a link: `slotParts('x', { org: … }, 'org')` for "{org} var mentor i …" gives
 * ["", " var mentor i …"].
 */
export function slotParts(
  key: MessageKey,
  params: Record<string, string | number>,
  slot: string,
): [string, string] {
  const marker = '\u0000';
  const text = t(key, { ...params, [slot]: marker });
  const at = text.indexOf(marker);
  if (at < 0) return [text, ''];
  return [text.slice(0, at), text.slice(at + marker.length)];
}

export const BACKUP_REASONS: readonly BackupReason[] = [
  'daily',
  'before_upgrade',
  'before_restore',
];

/** Why an automatic backup was taken: "daglig", "före uppgradering", "före återställning". */
export function backupReasonLabel(reason: BackupReason): string {
  return t(`backupReason.${reason}` as MessageKey);
}

/**
 * A backup's time as the core writes it (`YYYY-MM-DDTHH:MM:SS`, the user's clock, no zone)
 * the way people write it: "30 nov. 2026 06:12". Anything else is shown as it is.
 */
export function backupTime(takenAt: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(takenAt);
  const months = t('format.months').split(',');
  const month = m ? months[Number(m[2]) - 1] : undefined;
  if (!m || month === undefined) return takenAt;
  return t('format.dateTime', {
    day: Number(m[3]),
    month,
    year: m[1],
    time: `${m[4]}:${m[5]}`,
  });
}

/** A file's size: "240 kB" under a megabyte, else "1,5 MB" (with the language's decimal sign). */
export function fileSize(bytes: number): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: digits }).format(value);
  if (bytes < 1_000_000) return t('format.kilobytes', { n: number(Math.max(1, bytes / 1000), 0) });
  return t('format.megabytes', { n: number(bytes / 1_000_000, 1) });
}

/** What an exchange package would do or did, e.g. "12 nya, 2 ändrade, 1 borttagen". */
export function exchangeCountsText(c: {
  created: number;
  updated: number;
  deleted: number;
  conflicts?: number;
  unchanged?: number;
}): string {
  const part = (name: ChangeCount, count: number): string => tn(`exchange.count.${name}`, count);
  const parts = [
    part('created', c.created),
    part('updated', c.updated),
    part('deleted', c.deleted),
  ];
  if (c.conflicts) parts.push(part('conflicts', c.conflicts));
  if (c.unchanged) parts.push(part('unchanged', c.unchanged));
  return parts.join(', ');
}

type ChangeCount = 'created' | 'updated' | 'deleted' | 'conflicts' | 'unchanged';

/** What an import would do or did, e.g. "3 nya, 1 ändrad, 12 oförändrade". */
export function changeCountsText(c: { create: number; update: number; unchanged: number }): string {
  return [
    tn('exchange.count.created', c.create),
    tn('exchange.count.updated', c.update),
    tn('exchange.count.unchanged', c.unchanged),
  ].join(', ');
}

/** A record's field as a package names it: translated when known, else as it is. */
export function exchangeFieldLabel(field: string): string {
  const key = `exchange.field.${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** A moment from a package ("2026-11-30T09:12:05Z") as local "2026-11-30 10:12". */
export function exchangeTimeText(moment: string): string {
  const date = new Date(moment);
  if (moment.trim() === '' || Number.isNaN(date.getTime())) return moment || '–';
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}`
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The text of one item of a list field (agenda items, decisions, goals …), if it has one. */
function itemText(item: unknown): string | null {
  if (typeof item === 'string') return item;
  if (typeof item === 'number') return String(item);
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    for (const name of ['title', 'text', 'goal', 'description', 'competence', 'name']) {
      const value = record[name];
      if (typeof value === 'string' && value.trim() !== '') return value;
    }
  }
  return null;
}

/**
 * A field's value in a package conflict, readable: none as "–", yes/no, text as it is,
 * a list with text as its first items, any other list (attendance, contacts) as a count,
 * a reference to another record as such.
 */
export function exchangeValueText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (value.trim() === '') return '–';
    // A reference to another record travels as its UUID: say so rather than show it.
    return UUID.test(value) ? t('exchange.value.reference') : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '–';
    const texts = value.map(itemText);
    if (texts.every((x) => x !== null)) {
      const shown = texts.slice(0, 3).join('; ');
      return value.length > 3
        ? tn('exchange.value.more', value.length - 3, { items: shown })
        : shown;
    }
    return tn('exchange.value.items', value.length);
  }
  return JSON.stringify(value);
}
