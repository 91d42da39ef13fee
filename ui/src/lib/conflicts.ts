// The choices a person makes in conflicts, for an exchange package (OpenPackageView) and
// for the shared workspace (SyncConflicts): one per differing field of a changed record,
// one per deletion, kept by `choiceKey` until they are sent as the core's `Choice`s.
import type { Choice } from './bindings/Choice';
import type { Conflict } from './bindings/Conflict';
import type { Side } from './bindings/Side';

/** One choice a conflict needs: a field of a changed record, or (null) a deletion. */
export interface NeededChoice {
  uuid: string;
  field: string | null;
}

/** The key of a choice in a map of choices ("uuid/field", "uuid/" for a deletion). */
export const choiceKey = (uuid: string, field: string | null): string => `${uuid}/${field ?? ''}`;

/** Every choice the conflicts need: one per differing field, one per deletion. */
export function neededChoices(conflicts: readonly Conflict[]): NeededChoice[] {
  return conflicts.flatMap((c): NeededChoice[] =>
    c.conflict === 'changed'
      ? c.fields.map((f) => ({ uuid: c.uuid, field: f.field }))
      : [{ uuid: c.uuid, field: null }],
  );
}

/** The choices made, as the core takes them; null while one is still to be made. */
export function choiceList(
  needed: readonly NeededChoice[],
  choices: Readonly<Record<string, Side>>,
): Choice[] | null {
  const list: Choice[] = [];
  for (const n of needed) {
    const take = choices[choiceKey(n.uuid, n.field)];
    if (!take) return null;
    list.push(n.field === null ? { uuid: n.uuid, take } : { uuid: n.uuid, field: n.field, take });
  }
  return list;
}
