// People's roles in a partnership and the kinds of its groups: their order and names, for
// the partnership page's sections "Roller" and "Grupper" and the meeting page's groups.
import type { GroupKind } from '../../lib/bindings/GroupKind';
import type { PersonRole } from '../../lib/bindings/PersonRole';
import { t, type MessageKey } from '../../lib/i18n.svelte';

/** The roles in the page's order (the core's `PersonRole::ALL`). */
export const PERSON_ROLES: readonly PersonRole[] = [
  'steering_group',
  'project_group',
  'project_leader',
  'coordinator',
  'external_evaluator',
  'trainer',
  'contact_person',
];

export const GROUP_KINDS: readonly GroupKind[] = ['subgroup', 'reflection_group'];

export function personRoleLabel(role: PersonRole): string {
  return t(`personRole.${role}` as MessageKey);
}

export function groupKindLabel(kind: GroupKind): string {
  return t(`groupKind.${kind}` as MessageKey);
}
