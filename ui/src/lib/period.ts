// A reporting period as the core takes it (`from`, `to`: YYYY-MM-DD, inclusive, null for an
// open end), and the one place an error of its dates is told apart and focused.
import { tick } from 'svelte';
import type { UiError } from './api';

export interface PeriodInput {
  from: string | null;
  to: string | null;
}

/** The typed dates, trimmed; an empty one is an open end. */
export function periodInput(from: string, to: string): PeriodInput {
  return { from: from.trim() || null, to: to.trim() || null };
}

/** Whether the core refused one of the period's dates (`from` or `to`). */
export function isPeriodError(error: UiError | null): error is UiError {
  return error !== null && (error.field === 'from' || error.field === 'to');
}

/** After the error is shown, moves the focus to its field (`${idPrefix}-from` or `-to`). */
export async function focusPeriodField(idPrefix: string, error: UiError): Promise<void> {
  await tick();
  document.getElementById(`${idPrefix}-${error.field}`)?.focus();
}
