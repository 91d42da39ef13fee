// Delad arbetsyta → Konflikter att lösa: each record changed both here and in the shared
// workspace, field by field, with a choice per field; "Spara valen" sends exactly the
// choices made for that record, and the list is read again until none are left.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import SyncConflicts from './views/shared/SyncConflicts.svelte';
import { installBackend } from './test/fakeBackend';
import { conflictHandlers, syncConflicts } from './test/fakeSharedAdmin';
import { joinedStatus, sharedOf } from './test/fakeShared';
import { chooseFromMenu, clearPage, page, start as startView, startApp } from './test/safekeeping';

const MEETING = 'Träff: 2027-02-01 Mentorsträff';
const KEPT = 'Förbättringsåtgärd: Gemensam mall';
const RESTORED = 'Förbättringsåtgärd: Checklista';

function start(state = { conflicts: syncConflicts() }) {
  const backend = installBackend([], conflictHandlers(state));
  const onBack = vi.fn();
  const onresolved = vi.fn();
  render(SyncConflicts, { focusHeading: true, onBack, onresolved });
  return { backend, onBack, onresolved, user: userEvent.setup() };
}

describe('Konflikter att lösa', () => {
  it('shows each field on both sides and sends exactly the choices made', async () => {
    const { backend, onresolved, user } = start();
    expect(screen.getByRole('heading', { level: 1, name: 'Konflikter att lösa' })).toHaveFocus();
    const meeting = await screen.findByRole('region', { name: MEETING });
    expect(
      within(meeting).getByText(
        /^Ändrad både på den här datorn \(.+\) och i den delade arbetsytan/,
      ),
    ).toBeInTheDocument();

    const notes = within(meeting).getByRole('group', { name: 'Anteckningar' });
    expect(within(notes).getByText('På den här datorn')).toBeInTheDocument();
    expect(within(notes).getByText('I den delade arbetsytan')).toBeInTheDocument();
    expect(within(notes).getByText('Vi talade om rutiner.')).toBeInTheDocument();
    expect(within(notes).getByText('Vi talade om uppföljning.')).toBeInTheDocument();
    const attendance = within(meeting).getByRole('group', { name: 'Närvaro' });
    expect(within(attendance).getByText('1 post')).toBeInTheDocument();

    // Not every field chosen: nothing is sent, and the button says why.
    const save = within(meeting).getByRole('button', { name: 'Spara valen' });
    await user.click(within(notes).getByRole('radio', { name: 'Ta den delade arbetsytans' }));
    await user.click(save);
    const hint = await within(meeting).findByRole('alert');
    expect(hint).toHaveTextContent('Välj en version för varje uppgift först.');
    expect(save).toHaveAccessibleDescription('Välj en version för varje uppgift först.');
    expect(backend.callsOf('resolve_sync_conflict')).toHaveLength(0);

    // Chosen by keyboard: the radios of a field are one group.
    within(attendance).getByRole('radio', { name: 'Ta den delade arbetsytans' }).focus();
    await user.keyboard('{ArrowUp}');
    expect(within(attendance).getByRole('radio', { name: 'Behåll den här datorns' })).toBeChecked();
    expect(within(meeting).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(save);
    await waitFor(() => expect(backend.callsOf('resolve_sync_conflict')).toHaveLength(1));
    expect(backend.callsOf('resolve_sync_conflict')[0].args).toEqual({
      input: {
        uuid: 'm-3',
        choices: [
          { uuid: 'm-3', field: 'notes', take: 'there' },
          { uuid: 'm-3', field: 'attendance', take: 'here' },
        ],
      },
    });
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: MEETING })).not.toBeInTheDocument(),
    );
    expect(
      screen.getByText(`Valen för ${MEETING} är sparade och skickas vid nästa synkning.`),
    ).toHaveAttribute('role', 'status');
    expect(onresolved).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();

    // A deletion is one choice: keep or delete, restore or stay deleted.
    const kept = screen.getByRole('region', { name: KEPT });
    const deletedThere = within(kept).getByRole('group', {
      name: 'Posten är borttagen i den delade arbetsytan',
    });
    expect(within(deletedThere).getByRole('radio', { name: 'Behåll posten' })).toBeInTheDocument();
    await user.click(within(deletedThere).getByRole('radio', { name: 'Ta bort den' }));
    await user.click(within(kept).getByRole('button', { name: 'Spara valen' }));
    await waitFor(() => expect(backend.callsOf('resolve_sync_conflict')).toHaveLength(2));
    expect(backend.callsOf('resolve_sync_conflict')[1].args).toEqual({
      input: { uuid: 'a-2', choices: [{ uuid: 'a-2', take: 'there' }] },
    });

    const restored = await screen.findByRole('region', { name: RESTORED });
    await waitFor(() => expect(screen.queryByRole('region', { name: KEPT })).toBeNull());
    const deletedHere = within(restored).getByRole('group', {
      name: 'Posten är borttagen på den här datorn',
    });
    expect(within(deletedHere).getByRole('radio', { name: 'Återställ den' })).toBeInTheDocument();
    await user.click(within(deletedHere).getByRole('radio', { name: 'Låt den vara borttagen' }));
    await user.click(within(restored).getByRole('button', { name: 'Spara valen' }));
    expect(await screen.findByText('Inga konflikter att lösa.')).toBeInTheDocument();
    expect(backend.callsOf('resolve_sync_conflict')[2].args).toEqual({
      input: { uuid: 'a-3', choices: [{ uuid: 'a-3', take: 'here' }] },
    });
    expect(backend.callsOf('sync_conflicts')).toHaveLength(4);
  });

  it('shows a refusal next to its record and keeps the choices', async () => {
    const { backend, onBack, user } = start();
    backend.failNext('resolve_sync_conflict', 'storage');
    const kept = await screen.findByRole('region', { name: KEPT });
    await user.click(within(kept).getByRole('radio', { name: 'Behåll posten' }));
    const save = within(kept).getByRole('button', { name: 'Spara valen' });
    await user.click(save);
    const alert = await within(kept).findByRole('alert');
    expect(alert).toHaveTextContent(/\S/);
    expect(save).toHaveAccessibleDescription(alert.textContent?.trim() ?? '');
    expect(within(kept).getByRole('radio', { name: 'Behåll posten' })).toBeChecked();
    await user.click(save);
    await waitFor(() => expect(screen.queryByRole('region', { name: KEPT })).toBeNull());
    expect(backend.callsOf('resolve_sync_conflict')[1].args).toEqual({
      input: { uuid: 'a-2', choices: [{ uuid: 'a-2', take: 'here' }] },
    });
    await user.click(screen.getByRole('button', { name: 'Tillbaka till den delade arbetsytan' }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });

  it('says when there is nothing to resolve', async () => {
    start({ conflicts: [] });
    expect(await screen.findByText('Inga konflikter att lösa.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Spara valen' })).not.toBeInTheDocument();
  });
});

describe('from the shared workspace page', () => {
  afterEach(clearPage);

  it('opens the conflicts and the members, and comes back', async () => {
    const backend = installBackend();
    Object.assign(sharedOf(backend), {
      status: joinedStatus({ conflicts: 3 }),
      password: 'hemligt',
      conflicts: syncConflicts(),
    });
    page.__SAMLAR_START__ = startView(['Nätverket']);
    const user = await startApp();
    await chooseFromMenu(user, 'Delad arbetsyta');
    await user.click(await screen.findByRole('button', { name: '3 konflikter att lösa' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Konflikter att lösa' }),
    ).toHaveFocus();
    expect(await screen.findByRole('region', { name: MEETING })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tillbaka till den delade arbetsytan' }));
    await user.click(await screen.findByRole('button', { name: 'Medlemmar och behörigheter' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Medlemmar och behörigheter' }),
    ).toHaveFocus();
    // The fake's member is no administrator.
    expect(await screen.findByRole('alert')).toHaveTextContent(/Bara arbetsytans administratörer/);
    await user.click(screen.getByRole('button', { name: 'Tillbaka till den delade arbetsytan' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Delad arbetsyta' }),
    ).toBeInTheDocument();
  });
});
