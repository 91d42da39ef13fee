// The shared workspace's sync status in words, for the header's indicator and the shared
// workspace's page: the most pressing state first, times in local time.
import type { SyncStatus } from './bindings/SyncStatus';
import { formatTimestamp } from './format';
import { t, tn } from './i18n.svelte';

/** A moment the core stored (RFC 3339, UTC) in local time: "14:05" today, else with the date. */
export function syncTimeText(moment: string, now: Date = new Date()): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return moment;
  const sameDay =
    date.getFullYear() === now.getFullYear() &&
    date.getMonth() === now.getMonth() &&
    date.getDate() === now.getDate();
  const whole = formatTimestamp(moment);
  return sameDay ? whole.slice(-5) : whole;
}

/** What the status comes to, most pressing first. */
export type SyncState =
  | { kind: 'passwordNeeded' }
  | { kind: 'conflicts'; count: number }
  | { kind: 'offline'; since: string }
  | { kind: 'failing'; code: string }
  | { kind: 'waiting'; count: number }
  | { kind: 'synced' };

export function syncState(status: SyncStatus): SyncState {
  if (status.lastError === 'password_needed') return { kind: 'passwordNeeded' };
  if (status.conflicts > 0) return { kind: 'conflicts', count: status.conflicts };
  if (status.offlineSince) return { kind: 'offline', since: status.offlineSince };
  if (status.lastError) return { kind: 'failing', code: status.lastError };
  if (status.waiting > 0) return { kind: 'waiting', count: status.waiting };
  return { kind: 'synced' };
}

/** The status in a few words ("Synkad", "3 ändringar väntar", "Offline sedan 14:05"). */
export function syncStateText(status: SyncStatus, now: Date = new Date()): string {
  const s = syncState(status);
  switch (s.kind) {
    case 'passwordNeeded':
      return t('shared.state.passwordNeeded');
    case 'conflicts':
      return tn('shared.state.conflicts', s.count);
    case 'offline':
      return t('shared.state.offline', { time: syncTimeText(s.since, now) });
    case 'failing':
      return t('shared.state.failing');
    case 'waiting':
      return tn('shared.state.waiting', s.count);
    case 'synced':
      return t('shared.state.synced');
  }
}
