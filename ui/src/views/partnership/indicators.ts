// Numbers of measurable goals as people write and read them: "12,5" in Swedish, "12.5" in
// English, both accepted when typed (with spaces between thousands), shown grouped the
// language's way. The core keeps them as numbers; a typed text that is no number is
// refused here, with the core's code for it, before anything is sent.
import type { Goal } from '../../lib/bindings/Goal';
import type { Indicator } from '../../lib/bindings/Indicator';
import { currentLanguage, t } from '../../lib/i18n.svelte';

const locale = () => (currentLanguage() === 'sv' ? 'sv-SE' : 'en-GB');

/** A number for reading: "12,5", "1 000", "−3" (Swedish). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 6 }).format(value);
}

/** A number in a field to edit: no grouping, the language's decimal sign. */
export function numberInput(value: number | null): string {
  if (value === null) return '';
  const text = String(value);
  return currentLanguage() === 'sv' ? text.replace('.', ',') : text;
}

/** What was typed: a number, none (empty), or not a number. */
export function parseNumber(text: string): number | null | 'invalid' {
  const cleaned = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace('\u2212', '-')
    .replace(',', '.');
  if (cleaned === '') return null;
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) return 'invalid';
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : 'invalid';
}

/** "10 procent (2026-12-31)", "10", or "Inte angivet". */
export function dated(value: number | null, date: string | null, unit: string): string {
  if (value === null) return t('indicators.notStated');
  const shown = unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  return date ? `${shown} (${date})` : shown;
}

/** The goal an indicator measures, by its text, or the partnership as a whole. */
export function goalText(indicator: Indicator): string {
  return indicator.goal ?? t('indicators.whole');
}

/** The goal choices of a form: the partnership as a whole, then each goal by its text. */
export function goalOptions(goals: Goal[]): { value: string; label: string }[] {
  return [
    { value: '', label: t('indicators.whole') },
    ...goals.map((g, i) => ({ value: String(i), label: g.goal })),
  ];
}
