// The polite live region's message. App renders it; views announce through it.
import { tick } from 'svelte';
import { pluralKey, type MessageKey, type PluralBase } from './i18n.svelte';

export interface Announcement {
  key: MessageKey;
  params?: Record<string, string | number>;
}

const state = $state<{ current: Announcement | null }>({ current: null });

export function currentAnnouncement(): Announcement | null {
  return state.current;
}

/** Announce a message (cleared first, so the same message twice is announced twice). */
export async function announce(
  key: MessageKey | null,
  params?: Record<string, string | number>,
): Promise<void> {
  state.current = null;
  if (key) {
    await tick();
    state.current = { key, params };
  }
}

/** Announce a message with a count in its plural form ("1 möte har lagts till."). */
export function announceCount(
  base: PluralBase,
  count: number,
  params?: Record<string, string | number>,
): Promise<void> {
  return announce(pluralKey(base, count), { count, ...params });
}
