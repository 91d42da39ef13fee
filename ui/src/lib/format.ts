import type { PartnershipKind } from './bindings/PartnershipKind';
import type { UiErrorCode } from './api';
import { t, type MessageKey } from './i18n.svelte';

export const KINDS: readonly PartnershipKind[] = [
  'benchlearning',
  'model_municipality_round',
  'development_partnership',
  'community_of_practice',
  'other',
];

export function kindLabel(kind: PartnershipKind): string {
  return t(`kind.${kind}` as MessageKey);
}

export function errorText(code: UiErrorCode): string {
  return t(`error.${code}` as MessageKey);
}

/** "2026-01-01 – 2026-12-31", "Från 2026-01-01", … (ISO dates, the Swedish way). */
export function periodText(start: string | null, end: string | null): string {
  if (start && end) return t('period.range', { start, end });
  if (start) return t('period.from', { start });
  if (end) return t('period.until', { end });
  return t('period.none');
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
