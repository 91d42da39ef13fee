// Where the app can be: every view as a value (App renders the current one) and the
// header section each belongs to.
import type { MeetingKind } from './bindings/MeetingKind';
import type { Organisation } from './bindings/Organisation';
import type { Pairing } from './bindings/Pairing';
import type { PartnershipDetail } from './bindings/PartnershipDetail';
import type { Person } from './bindings/Person';

export type Section = 'partnerships' | 'organisations' | 'people' | 'search';

export type View =
  | { name: 'partnerships' }
  | { name: 'partnership-new' }
  | { name: 'partnership'; id: number }
  | { name: 'partnership-edit'; detail: PartnershipDetail }
  | { name: 'organisations' }
  | { name: 'organisation-new' }
  | { name: 'organisation'; id: number }
  | { name: 'organisation-edit'; organisation: Organisation }
  | { name: 'people' }
  | { name: 'person-new' }
  | { name: 'person'; id: number }
  | { name: 'person-edit'; person: Person }
  | { name: 'import'; partnershipId: number | null; back: View }
  | { name: 'meeting'; id: number }
  | {
      name: 'meeting-new';
      partnershipId: number;
      kind?: MeetingKind;
      pairingId?: number | null;
      back?: View;
    }
  | { name: 'plan-cycle'; partnershipId: number }
  | { name: 'statistics'; partnershipId: number }
  | { name: 'search' }
  | { name: 'pairing'; id: number }
  | { name: 'pairing-new'; partnershipId: number }
  | { name: 'pairing-edit'; pairing: Pairing }
  | { name: 'lineage'; organisationId: number }
  | { name: 'venues' }
  | { name: 'good-examples' }
  | { name: 'network-statistics' }
  | { name: 'restore' }
  | { name: 'open-package' }
  | { name: 'shared' }
  | { name: 'shared-conflicts' }
  | { name: 'shared-members' }
  | { name: 'about' };

/** The header's sections, each with the view it opens. */
export const NAV_ITEMS: readonly { section: Section; view: View }[] = [
  { section: 'partnerships', view: { name: 'partnerships' } },
  { section: 'organisations', view: { name: 'organisations' } },
  { section: 'people', view: { name: 'people' } },
  { section: 'search', view: { name: 'search' } },
];

/** The header section a view belongs to (marked as the current page). */
export function sectionOf(v: View): Section | null {
  if (v.name.startsWith('partnership')) return 'partnerships';
  if (v.name.startsWith('pairing')) return 'partnerships';
  if (v.name === 'lineage') return 'organisations';
  if (['meeting', 'meeting-new', 'plan-cycle', 'statistics'].includes(v.name)) {
    return 'partnerships';
  }
  if (v.name === 'search') return 'search';
  if (v.name.startsWith('organisation')) return 'organisations';
  if (v.name === 'people' || v.name.startsWith('person')) return 'people';
  return null;
}
