// A venue of the register as its form holds it, and the checklist both a venue and a
// meeting carry: from the saved record to the form, and from the form to the draft.
import type { Venue } from '../../lib/bindings/Venue';
import type { VenueDraft } from '../../lib/bindings/VenueDraft';
import { CHECKS, boolOf, triOf, type CheckKey, type Tri } from '../meeting/record';

/** The six answers of the checklist, as a venue or a meeting stores them. */
export type CheckValues = Record<CheckKey, boolean | null>;

export function checksOf(values: CheckValues): Record<CheckKey, Tri> {
  return Object.fromEntries(CHECKS.map((k) => [k, triOf(values[k])])) as Record<CheckKey, Tri>;
}

export function checkValuesOf(checks: Record<CheckKey, Tri>): CheckValues {
  return Object.fromEntries(CHECKS.map((k) => [k, boolOf(checks[k])])) as CheckValues;
}

/** Every question not checked. */
export function uncheckedChecks(): Record<CheckKey, Tri> {
  return Object.fromEntries(CHECKS.map((k) => [k, 'unknown'])) as Record<CheckKey, Tri>;
}

export interface VenueForm {
  name: string;
  address: string;
  organisationId: string;
  checks: Record<CheckKey, Tri>;
  accessibilityNotes: string;
  notes: string;
}

export function venueFormOf(v: Venue | null): VenueForm {
  return {
    name: v?.name ?? '',
    address: v?.address ?? '',
    organisationId: v?.organisationId == null ? '' : String(v.organisationId),
    checks: v ? checksOf(v) : uncheckedChecks(),
    accessibilityNotes: v?.accessibilityNotes ?? '',
    notes: v?.notes ?? '',
  };
}

export function venueDraftOf(f: VenueForm): VenueDraft {
  return {
    name: f.name,
    address: f.address,
    organisationId: f.organisationId === '' ? null : Number(f.organisationId),
    ...checkValuesOf(f.checks),
    accessibilityNotes: f.accessibilityNotes,
    notes: f.notes,
  };
}
