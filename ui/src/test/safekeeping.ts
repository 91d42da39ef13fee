// What the safekeeping tests share: the page's globals as the shell sets them, backups,
// start-up problems and start views as the core answers them, and starting the window.
import { expect } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Root from '../Root.svelte';
import { partnership, partnershipSummary } from './fakeBackend';
import type { BackupInfo } from '../lib/bindings/BackupInfo';
import type { ProblemKind } from '../lib/bindings/ProblemKind';
import type { StartView } from '../lib/bindings/StartView';
import type { StartupProblem } from '../lib/bindings/StartupProblem';

export type Page = { __SAMLAR_PROBLEM__?: unknown; __SAMLAR_START__?: unknown };
export const page = globalThis as Page;

/** Removes what the shell (or a restore) put into the page. */
export function clearPage(): void {
  delete page.__SAMLAR_PROBLEM__;
  delete page.__SAMLAR_START__;
}

export function backup(overrides: Partial<BackupInfo> = {}): BackupInfo {
  return {
    fileName: 'samlar-2026-11-30-061200.sqlite3',
    path: '/data/backups/samlar-2026-11-30-061200.sqlite3',
    takenAt: '2026-11-30T06:12:00',
    reason: 'daily',
    sizeBytes: 245_760,
    counts: { partnerships: 3, organisations: 12, people: 40, meetings: 7 },
    ...overrides,
  };
}

export const OLDER = backup({
  fileName: 'samlar-2026-11-02-091500-fore-uppgradering.sqlite3',
  path: '/data/backups/samlar-2026-11-02-091500-fore-uppgradering.sqlite3',
  takenAt: '2026-11-02T09:15:00',
  reason: 'before_upgrade',
  sizeBytes: 1_550_000,
  counts: null,
});

export function problem(
  kind: ProblemKind,
  overrides: Partial<StartupProblem> = {},
): StartupProblem {
  return {
    kind,
    dataDir: '/home/anna/.local/share/samlar',
    database: '/home/anna/.local/share/samlar/samlar.sqlite3',
    databaseSchema: null,
    appSchema: 20261130,
    backups: [],
    lastVersion: null,
    canOpenReadOnly: kind === 'damaged' || kind === 'newer_schema',
    detail: 'what SQLite said',
    ...overrides,
  };
}

export function start(names: string[], readOnly = false): StartView {
  return {
    settings: { language: 'sv' },
    partnershipQuery: { search: '', status: 'active', kind: null, sort: 'newest' },
    partnerships: names.map((name, i) => partnershipSummary(partnership({ id: i + 1, name }))),
    readOnly,
  };
}

export async function startApp() {
  const user = userEvent.setup();
  render(Root);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return user;
}

export function showProblem(found: StartupProblem) {
  page.__SAMLAR_PROBLEM__ = found;
  const user = userEvent.setup();
  render(Root);
  return user;
}

export async function chooseFromMenu(user: ReturnType<typeof userEvent.setup>, item: string) {
  await user.click(screen.getByRole('button', { name: 'Meny' }));
  await user.click(screen.getByRole('menuitem', { name: item }));
}
