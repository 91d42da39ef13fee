// The shared workspace in the window: the sync status in the header (its texts, and
// following the shell's `sync-status` event), Meny → Delad arbetsyta with the join form
// (errors at their fields), the password form when the session has none, and leaving.
// Against the fake backend (test/fakeShared.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import { installBackend } from './test/fakeBackend';
import { joinedStatus, sharedOf } from './test/fakeShared';
import { chooseFromMenu, clearPage, page, start, startApp } from './test/safekeeping';
import { syncStateText, syncTimeText } from './lib/syncText';
import type { JoinInput } from './lib/api';

afterEach(clearPage);

/** A moment today at `hh:mm` local time, as the core stores it (UTC). */
function todayAt(hours: number, minutes: number): string {
  const d = new Date();
  d.setHours(hours, minutes, 0, 0);
  return d.toISOString();
}

function indicator(): HTMLElement {
  const region = document.querySelector<HTMLElement>('.sync-indicator');
  if (!region) throw new Error('no sync indicator');
  return region;
}

describe('the sync status in words', () => {
  it('says synced, changes waiting, offline since, conflicts and a password needed', () => {
    expect(syncStateText(joinedStatus())).toBe('Synkad');
    expect(syncStateText(joinedStatus({ waiting: 1 }))).toBe('1 ändring väntar');
    expect(syncStateText(joinedStatus({ waiting: 3 }))).toBe('3 ändringar väntar');
    expect(syncStateText(joinedStatus({ offlineSince: todayAt(14, 5), waiting: 3 }))).toBe(
      'Offline sedan 14:05',
    );
    expect(syncStateText(joinedStatus({ conflicts: 2, waiting: 3 }))).toBe('2 konflikter att lösa');
    expect(syncStateText(joinedStatus({ conflicts: 1 }))).toBe('1 konflikt att lösa');
    expect(
      syncStateText(joinedStatus({ lastError: 'password_needed', conflicts: 2, waiting: 3 })),
    ).toBe('Lösenord behövs');
    expect(syncStateText(joinedStatus({ lastError: 'server_not_trusted' }))).toBe(
      'Synkningen fungerar inte',
    );
  });

  it('gives the date of a moment that was not today', () => {
    const now = new Date(2027, 2, 14, 9, 0);
    const before = new Date(2027, 2, 12, 14, 5).toISOString();
    expect(syncTimeText(before, now)).toBe('2027-03-12 14:05');
    expect(syncTimeText(new Date(2027, 2, 14, 8, 30).toISOString(), now)).toBe('08:30');
  });
});

describe('the indicator in the header', () => {
  it('is not there while the database is not joined', async () => {
    installBackend();
    page.__SAMLAR_START__ = start(['Nätverket']);
    await startApp();
    expect(indicator()).toHaveAttribute('role', 'status');
    expect(within(indicator()).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the status, follows the shell’s events and opens the shared workspace', async () => {
    const backend = installBackend();
    Object.assign(sharedOf(backend), { status: joinedStatus(), password: 'hemligt' });
    page.__SAMLAR_START__ = start(['Nätverket']);
    const user = await startApp();
    const button = await within(indicator()).findByRole('button', {
      name: 'Delad arbetsyta: Synkad',
    });
    expect(indicator()).toHaveAttribute('aria-live', 'polite');
    await emit('sync-status', joinedStatus({ waiting: 3 }));
    await waitFor(() => expect(button).toHaveTextContent('3 ändringar väntar'));
    await emit('sync-status', joinedStatus({ lastError: 'password_needed' }));
    await waitFor(() => expect(button).toHaveTextContent('Lösenord behövs'));
    await user.click(button);
    expect(await screen.findByRole('heading', { name: 'Delad arbetsyta' })).toBeInTheDocument();
  });
});

describe('joining', () => {
  async function openJoinForm() {
    const backend = installBackend();
    page.__SAMLAR_START__ = start(['Nätverket']);
    const user = await startApp();
    await chooseFromMenu(user, 'Delad arbetsyta');
    await screen.findByRole('heading', { name: 'Anslut till en delad arbetsyta' });
    return { backend, user };
  }

  it('sends the server, the password, TLS, the start and whether to remember', async () => {
    const { backend, user } = await openJoinForm();
    expect(screen.getByLabelText('Port')).toHaveValue('5432');
    expect(screen.getByLabelText('Krävs, med verifierat certifikat')).toBeChecked();
    expect(screen.getByLabelText('Lösenord')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Lösenord')).toHaveAttribute('autocomplete', 'off');
    await user.type(screen.getByLabelText('Server'), 'db.example.se');
    await user.type(screen.getByLabelText('Databas'), 'samlar');
    await user.type(screen.getByLabelText('Användare'), 'anna');
    await user.type(screen.getByLabelText('Lösenord'), 'hemligt');
    await user.click(screen.getByLabelText('Kom ihåg lösenordet på den här datorn'));
    await user.type(screen.getByLabelText('Arbetsytans namn'), 'Nätverket Väst');
    await user.click(screen.getByRole('button', { name: 'Anslut' }));
    await screen.findByRole('button', { name: 'Synka nu' });
    const sent = backend.callsOf('join_shared_workspace')[0].args?.input as JoinInput;
    expect(sent).toEqual({
      join: {
        server: {
          host: 'db.example.se',
          port: 5432,
          database: 'samlar',
          user: 'anna',
          tls: 'verify-full',
        },
        password: 'hemligt',
        start: 'push_this_database',
        name: 'Nätverket Väst',
      },
      remember: true,
    });
    expect(screen.getByText('anna på db.example.se:5432, databasen samlar')).toBeInTheDocument();
    expect(await within(indicator()).findByRole('button')).toHaveTextContent('Synkad');
  });

  it('starting from the shared workspace asks for no name', async () => {
    const { backend, user } = await openJoinForm();
    await user.click(
      screen.getByLabelText('Börja från den delade arbetsytan (den här databasen måste vara tom)'),
    );
    expect(screen.queryByLabelText('Arbetsytans namn')).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Av – bara för en server på den här datorn'));
    await user.type(screen.getByLabelText('Server'), 'localhost');
    await user.click(screen.getByRole('button', { name: 'Anslut' }));
    await waitFor(() => expect(backend.callsOf('join_shared_workspace')).toHaveLength(1));
    const sent = backend.callsOf('join_shared_workspace')[0].args?.input as JoinInput;
    expect(sent.join.start).toBe('start_from_shared');
    expect(sent.join.server.tls).toBe('disable');
    expect(sent.join.name).toBeUndefined();
  });

  it('refuses a port that is not one, at the field, before asking the core', async () => {
    const { backend, user } = await openJoinForm();
    const port = screen.getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '70000');
    await user.click(screen.getByRole('button', { name: 'Anslut' }));
    const message = 'Ange en port mellan 1 och 65535, oftast 5432.';
    expect(await screen.findByText(message)).toHaveAttribute('role', 'alert');
    expect(port).toHaveAccessibleDescription(message);
    expect(port).toHaveAttribute('aria-invalid', 'true');
    expect(port).toHaveFocus();
    expect(backend.callsOf('join_shared_workspace')).toHaveLength(0);
  });

  it('shows the core’s error at its field and moves the focus there', async () => {
    const { backend, user } = await openJoinForm();
    backend.failNext('join_shared_workspace', 'name_required', 'host');
    await user.click(screen.getByRole('button', { name: 'Anslut' }));
    const host = screen.getByLabelText('Server');
    await waitFor(() => expect(host).toHaveFocus());
    expect(host).toHaveAccessibleDescription(
      'Serverns namn eller adress, till exempel db.kommun.se. Ange servern, till exempel db.kommun.se.',
    );
    backend.failNext('join_shared_workspace', 'tls_required', 'tls');
    await user.click(screen.getByRole('button', { name: 'Anslut' }));
    const tls = screen.getByRole('group', { name: 'Kryptering (TLS)' });
    await waitFor(() =>
      expect(tls).toHaveAccessibleDescription(
        'Kryptering krävs för en server på en annan dator. Den kan bara stängas av för en server på den här datorn.',
      ),
    );
    expect(screen.getByLabelText('Krävs, med verifierat certifikat')).toHaveFocus();
    expect(host).not.toHaveAttribute('aria-invalid');
  });

  it('says an error of no field under the button', async () => {
    const { backend, user } = await openJoinForm();
    backend.failNext('join_shared_workspace', 'server_unreachable');
    await user.click(screen.getByRole('button', { name: 'Anslut' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /^Servern kunde inte nås\. Kontrollera servern och porten/,
    );
    backend.failNext('join_shared_workspace', 'database_not_empty');
    await user.click(screen.getByRole('button', { name: 'Anslut' }));
    const start = screen.getByRole('group', { name: 'Hur ska den här datorn börja?' });
    await waitFor(() =>
      expect(start).toHaveAccessibleDescription(/^Den här databasen har redan innehåll\./),
    );
  });
});

describe('when joined', () => {
  async function openJoined(password: string | null, fields = {}) {
    const backend = installBackend();
    Object.assign(sharedOf(backend), { status: joinedStatus(fields), password });
    page.__SAMLAR_START__ = start(['Nätverket']);
    const user = await startApp();
    await chooseFromMenu(user, 'Delad arbetsyta');
    await screen.findByRole('heading', { name: 'Delad arbetsyta' });
    return { backend, user };
  }

  it('asks for the password when the session has none, and says a refused one at the field', async () => {
    const { backend, user } = await openJoined(null);
    await screen.findByRole('heading', { name: 'Lösenord till den delade arbetsytan' });
    expect(screen.getByText(/inget sparat lösenord för anna på db\.example\.se/)).toBeVisible();
    backend.failNext('set_shared_password', 'server_login_refused', 'password');
    const field = screen.getByLabelText('Lösenord');
    await user.type(field, 'fel');
    await user.click(screen.getByRole('button', { name: 'Synka med lösenordet' }));
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        'Servern godtog inte användarnamnet eller lösenordet.',
      ),
    );
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, 'hemligt');
    await user.click(screen.getByLabelText('Kom ihåg lösenordet på den här datorn'));
    await user.click(screen.getByRole('button', { name: 'Synka med lösenordet' }));
    await waitFor(() => expect(screen.queryByLabelText('Lösenord')).not.toBeInTheDocument());
    expect(backend.callsOf('set_shared_password').at(-1)?.args?.input).toEqual({
      password: 'hemligt',
      remember: true,
    });
  });

  it('links the conflicts to resolve and the members', async () => {
    await openJoined('hemligt', { conflicts: 2 });
    expect(screen.getByRole('button', { name: '2 konflikter att lösa' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Medlemmar och behörigheter' })).toBeInTheDocument();
    expect(screen.getByText(/Nätverket Väst/)).toBeInTheDocument();
  });

  it('syncs on demand and says why it could not', async () => {
    const { backend, user } = await openJoined('hemligt');
    await user.click(screen.getByRole('button', { name: 'Synka nu' }));
    await waitFor(() => expect(backend.callsOf('sync_now')).toHaveLength(1));
    backend.failNext('sync_now', 'server_schema_newer');
    await user.click(screen.getByRole('button', { name: 'Synka nu' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Den delade arbetsytan används av en nyare version av Samlär.',
    );
  });

  it('leaves after a confirmation that the local copy stays', async () => {
    const { backend, user } = await openJoined('hemligt');
    await user.click(screen.getByRole('button', { name: 'Lämna den delade arbetsytan' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Lämna den delade arbetsytan?' });
    expect(dialog).toHaveTextContent('Allt som finns här blir kvar');
    await user.click(within(dialog).getByRole('button', { name: 'Lämna' }));
    await screen.findByRole('heading', { name: 'Anslut till en delad arbetsyta' });
    expect(backend.callsOf('leave_shared_workspace')).toHaveLength(1);
    await waitFor(() => expect(within(indicator()).queryByRole('button')).not.toBeInTheDocument());
  });
});
