// What the sections of the meeting page share: how a section hands its autosave to the
// page (one status line; everything saved before leaving, deleting or making a PDF),
// errors next to a section's fields, and small helpers for its rows and options.
import { tick } from 'svelte';
import type { Autosaver, SaveState } from '../../lib/autosave.svelte';
import type { NamedRef } from '../../lib/bindings/NamedRef';
import { errorText } from '../../lib/format';
import { t } from '../../lib/i18n.svelte';

/** What the page needs of a section's autosave. */
export interface SectionSave {
  /** Something is unsaved or being saved. */
  readonly busy: boolean;
  /** Something has been saved (or tried). */
  readonly touched: boolean;
  /** A save failed, or something typed cannot be saved; the message is at the field. */
  readonly failed: boolean;
  /** A save failed for a reason another try may not have, and is tried again. */
  readonly retrying: boolean;
  flush(): Promise<void>;
  settle(): Promise<void>;
  dispose(): void;
}

/** Each section hands its autosave to the page once, when it is created. */
export type RegisterSave = (save: SectionSave) => void;

type Saver = Pick<
  Autosaver<unknown>,
  'busy' | 'touched' | 'error' | 'retrying' | 'flush' | 'settle' | 'dispose'
>;

/** A section's saver as the page sees it; `invalid` tells of typed text that cannot be sent. */
export function sectionSave(saver: Saver, invalid: () => boolean = () => false): SectionSave {
  return {
    get busy() {
      return saver.busy;
    },
    get touched() {
      return saver.touched;
    },
    get failed() {
      return saver.error !== null || invalid();
    },
    get retrying() {
      return saver.retrying;
    },
    flush: () => saver.flush(),
    settle: () => saver.settle(),
    dispose: () => saver.dispose(),
  };
}

/** The core's error for one field of a part, if the last save failed there. */
export function partError(saver: SaveState, field: string): string | null {
  const e = saver.error;
  return e && e.field === field ? errorText(e.code, 'meeting') : null;
}

/** An error of a part that has no field on the page: shown in the part's section. */
export function looseError(saver: SaveState, known: (field: string) => boolean): string | null {
  const e = saver.error;
  if (!e || (e.field !== null && known(e.field))) return null;
  return errorText(e.code, 'meeting');
}

/** Whether a field such as `items.2.title` belongs to one of the `length` rows shown. */
export const itemField = (prefix: string, length: number) => (field: string) => {
  const match = new RegExp(`^${prefix}\\.(\\d+)(\\.|$)`).exec(field);
  return match !== null && Number(match[1]) < length;
};

export function focusLater(elementId: string): void {
  void tick().then(() => document.getElementById(elementId)?.focus());
}

export const orNull = (value: string): number | null => (value === '' ? null : Number(value));

/** Options of a select of organisations or people, "none" first. */
export function refOptions(refs: NamedRef<number>[]): { value: string; label: string }[] {
  return [
    { value: '', label: t('common.none') },
    ...refs.map((o) => ({ value: String(o.id), label: o.name })),
  ];
}
