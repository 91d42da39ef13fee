// Safekeeping in the app: the read-only and backup-failure banners, Meny →
// Säkerhetskopiera…, Återställ… and Om Samlär, and closing the window after the last save.
// Against the fake backend, with the core's answers canned per test.
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import {
  installBackend,
  meeting,
  meetingDetail,
  membership,
  organisation,
  partnership,
} from './test/fakeBackend';
import {
  OLDER,
  backup,
  chooseFromMenu,
  clearPage,
  page,
  start,
  startApp,
} from './test/safekeeping';

afterEach(clearPage);

describe('the banners', () => {
  it('say that the database is read-only', async () => {
    installBackend();
    page.__SAMLAR_START__ = start(['Läsbart nätverk'], true);
    await startApp();
    const banner = screen
      .getAllByRole('status')
      .find((s) => s.textContent?.includes('skrivskyddat'));
    expect(banner).toHaveTextContent(
      'Databasen är öppnad skrivskyddat. Ändringar kan inte sparas, men du kan exportera.',
    );
  });

  it('show no read-only banner for a database open for work', async () => {
    installBackend();
    page.__SAMLAR_START__ = start(['Skrivbart nätverk']);
    await startApp();
    expect(screen.queryByText(/skrivskyddat/)).not.toBeInTheDocument();
  });

  it('say that the day’s backup failed, until dismissed', async () => {
    const error = { code: 'disk_full' as const, field: null, message: 'disk full' };
    const backend = installBackend(
      [],
      {},
      { backupOutcome: { taken: null, error, damaged: false } },
    );
    const user = await startApp();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Den automatiska säkerhetskopian misslyckades: Disken är full. Inget sparades.',
    );
    expect(alert).toHaveTextContent('Du kan arbeta vidare.');
    expect(backend.callsOf('daily_backup_outcome')).toHaveLength(1);
    await user.click(within(alert).getByRole('button', { name: 'Stäng meddelandet' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('say that the file is damaged and now read-only, when the check at start finds it', async () => {
    const error = { code: 'damaged_database' as const, field: null, message: 'quick_check' };
    installBackend([], {}, { backupOutcome: { taken: null, error, damaged: true } });
    await startApp();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Databasfilen är skadad. Samlär sparar inga fler ändringar i den. Återställ en säkerhetskopia (Meny → Återställ…), eller exportera det som går att läsa.',
    );
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByText(/säkerhetskopian misslyckades/)).not.toBeInTheDocument();
  });

  it('say nothing when the day’s backup was taken', async () => {
    const backend = installBackend(
      [],
      {},
      { backupOutcome: { taken: backup(), error: null, damaged: false } },
    );
    await startApp();
    await waitFor(() => expect(backend.callsOf('daily_backup_outcome')).toHaveLength(1));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('Meny → Säkerhetskopiera…', () => {
  it('saves a backup and says where; a closed dialog says nothing', async () => {
    const backend = installBackend([], {
      back_up_now: () => ({ path: '/home/anna/Säkerhetskopior/samlar-2026-11-30.sqlite3' }),
    });
    const user = await startApp();
    await chooseFromMenu(user, 'Säkerhetskopiera…');
    expect(
      await screen.findByText(
        'Säkerhetskopian sparades: /home/anna/Säkerhetskopior/samlar-2026-11-30.sqlite3',
      ),
    ).toBeInTheDocument();

    backend.failNext('back_up_now', 'cancelled');
    await chooseFromMenu(user, 'Säkerhetskopiera…');
    await waitFor(() => expect(backend.callsOf('back_up_now')).toHaveLength(2));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // "Making a backup …" said while it is made goes with the closed dialog.
    await waitFor(() => expect(screen.queryByText('Gör en säkerhetskopia …')).toBeNull());

    backend.failNext('back_up_now', 'disk_full');
    await chooseFromMenu(user, 'Säkerhetskopiera…');
    expect(await screen.findByRole('alert')).toHaveTextContent('Disken är full.');
  });
});

describe('Meny → Återställ…', () => {
  it('lists the automatic backups with when, why, how big and how much', async () => {
    installBackend([], {}, { backups: [backup(), OLDER] });
    const user = await startApp();
    await chooseFromMenu(user, 'Återställ…');
    const heading = await screen.findByRole('heading', {
      level: 1,
      name: 'Återställ en säkerhetskopia',
    });
    await waitFor(() => expect(heading).toHaveFocus());
    const table = await screen.findByRole('table');
    const [header, first, second] = within(table).getAllByRole('row');
    expect(
      within(header)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual([
      'Datum och tid',
      'Varför',
      'Storlek',
      'Partnerskap',
      'Organisationer',
      'Personer',
      'Möten',
      'Återställ',
    ]);
    const cells = (row: HTMLElement) =>
      [...row.querySelectorAll('th, td')].map((c) => c.textContent?.trim());
    expect(cells(first)).toEqual([
      '30 nov. 2026 06:12',
      'daglig',
      '246 kB',
      '3',
      '12',
      '40',
      '7',
      'Återställ',
    ]);
    expect(cells(second)).toEqual([
      '2 nov. 2026 09:15',
      'före uppgradering',
      '1,6 MB',
      'kunde inte läsas',
      'Återställ',
    ]);
    expect(
      within(first).getByRole('button', {
        name: 'Återställ säkerhetskopian från 30 nov. 2026 06:12',
      }),
    ).toBeInTheDocument();
  });

  it('restores a backup after asking, and the app starts again over it', async () => {
    const backend = installBackend(
      [partnership({ id: 9, name: 'Efter' })],
      {},
      {
        backups: [backup()],
        startView: start(['Före']),
      },
    );
    const user = await startApp();
    expect(screen.getByText('Efter')).toBeInTheDocument();
    await chooseFromMenu(user, 'Återställ…');
    const restore = await screen.findByRole('button', {
      name: 'Återställ säkerhetskopian från 30 nov. 2026 06:12',
    });

    // Cancelled: nothing happens, the focus is back on the button.
    await user.click(restore);
    let dialog = screen.getByRole('alertdialog', { name: 'Återställa säkerhetskopian?' });
    expect(dialog).toHaveTextContent('Nuvarande uppgifter säkerhetskopieras först');
    await user.click(within(dialog).getByRole('button', { name: 'Avbryt' }));
    expect(restore).toHaveFocus();
    expect(backend.callsOf('restore_backup')).toHaveLength(0);

    await user.click(restore);
    dialog = screen.getByRole('alertdialog');
    expect(dialog).toHaveTextContent(
      'Uppgifterna i Samlär ersätts med säkerhetskopian från 30 nov. 2026 06:12.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Återställ' }));

    const list = await screen.findByRole('heading', { level: 1, name: 'Partnerskap' });
    await waitFor(() => expect(list).toHaveFocus());
    expect(backend.callsOf('restore_backup')[0].args).toEqual({ input: { path: backup().path } });
    expect(screen.getByText('Före')).toBeInTheDocument();
    expect(screen.queryByText('Efter')).not.toBeInTheDocument();
    await screen.findByText('Säkerhetskopian från 30 nov. 2026 06:12 är återställd.');
  });

  it.each([
    ['not_a_database', 'Filen är ingen Samlär-databas. Inget ändrades.'],
    [
      'newer_schema',
      'Filen är gjord av en nyare version av Samlär och kan inte återställas här. Inget ändrades.',
    ],
    [
      'damaged_database',
      'Säkerhetskopian är skadad och kan inte återställas. Inget ändrades. Välj en annan.',
    ],
    [
      'backup_failed',
      'Nuvarande uppgifter kunde inte säkerhetskopieras först, så inget återställdes. Inget ändrades.',
    ],
    [
      'disk_full',
      'Disken är full. Inget sparades. Frigör utrymme på disken eller USB-minnet, så sparas ändringen när du försöker igen.',
    ],
  ] as const)('shows %s next to the button that failed', async (code, message) => {
    const backend = installBackend([], {}, { backups: [backup(), OLDER], startView: start([]) });
    backend.failNext('restore_backup', code);
    const user = await startApp();
    await chooseFromMenu(user, 'Återställ…');
    const restore = await screen.findByRole('button', {
      name: 'Återställ säkerhetskopian från 2 nov. 2026 09:15',
    });
    await user.click(restore);
    await user.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Återställ' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(restore).toHaveAccessibleDescription(message);
    // Next to it: in the same row, not at the other backup.
    const row = restore.closest('tr');
    expect(row).toContainElement(alert);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Återställ en säkerhetskopia',
    );
  });

  it('restores another file chosen in a dialog; a closed dialog says nothing', async () => {
    const backend = installBackend([], {}, { backups: [], startView: start(['Från USB']) });
    const user = await startApp();
    await chooseFromMenu(user, 'Återställ…');
    expect(
      await screen.findByText('Det finns inga automatiska säkerhetskopior ännu.'),
    ).toBeInTheDocument();
    const choose = screen.getByRole('button', { name: 'Välj en annan fil…' });
    await user.click(choose);
    await waitFor(() => expect(backend.callsOf('choose_backup_file')).toHaveLength(1));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    backend.chosenFile = '/media/usb/kopia.sqlite3';
    backend.failNext('restore_backup', 'not_a_database');
    await user.click(choose);
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent(
      'Uppgifterna i Samlär ersätts med innehållet i kopia.sqlite3.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Återställ' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Filen är ingen Samlär-databas. Inget ändrades.',
    );
    expect(choose).toHaveAccessibleDescription('Filen är ingen Samlär-databas. Inget ändrades.');

    await user.click(choose);
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Återställ' }),
    );
    await screen.findByRole('heading', { level: 1, name: 'Partnerskap' });
    expect(screen.getByText('Från USB')).toBeInTheDocument();
    await screen.findByText('Säkerhetskopian kopia.sqlite3 är återställd.');
  });
});

describe('Meny → Om Samlär', () => {
  const about = {
    version: '0.4.0',
    dataDir: '/home/anna/.local/share/samlar',
    logDir: '/home/anna/.local/share/samlar/logs',
    database: '/home/anna/.local/share/samlar/samlar.sqlite3',
    schemaVersion: 20261130,
    appSchemaVersion: 20261130,
    licence: 'EUPL-1.2',
    readOnly: false,
  };

  it('shows the version, the data and log folders, the schema versions and the licence', async () => {
    const backend = installBackend([], {}, { about });
    const user = await startApp();
    await chooseFromMenu(user, 'Om Samlär');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Om Samlär' });
    await waitFor(() => expect(heading).toHaveFocus());
    const term = (name: string) => {
      const dt = screen.getByText(name, { selector: 'dt' });
      return dt.nextElementSibling?.textContent?.trim();
    };
    await waitFor(() => expect(term('Version')).toBe('0.4.0'));
    expect(term('Datamapp')).toContain('/home/anna/.local/share/samlar');
    expect(term('Databasfil')).toBe('/home/anna/.local/share/samlar/samlar.sqlite3');
    expect(term('Databasens schemaversion')).toBe('20261130');
    expect(term('Programmets schemaversion')).toBe('20261130');
    expect(term('Licens')).toBe('EUPL-1.2');
    expect(term('Skrivskyddad')).toBe('Nej');
    await user.click(screen.getByRole('button', { name: 'Öppna datamappen' }));
    expect(backend.callsOf('open_data_folder')).toHaveLength(1);
    expect(term('Loggmapp')).toContain('/home/anna/.local/share/samlar/logs');
    expect(term('Loggmapp')).toContain('aldrig namn');
    await user.click(screen.getByRole('button', { name: 'Öppna loggmappen' }));
    expect(backend.callsOf('open_log_folder')).toHaveLength(1);
    expect(backend.callsOf('open_data_folder')).toHaveLength(1);
  });

  it('says so next to the button when the log folder cannot be opened', async () => {
    const backend = installBackend([], {}, { about });
    backend.failNext('open_log_folder', 'open_failed');
    const user = await startApp();
    await chooseFromMenu(user, 'Om Samlär');
    await user.click(await screen.findByRole('button', { name: 'Öppna loggmappen' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Loggmappen kunde inte öppnas');
    expect(screen.getByRole('button', { name: 'Öppna loggmappen' })).toHaveAccessibleDescription(
      /Loggmappen kunde inte öppnas/,
    );
  });
});

describe('closing the window', () => {
  it(
    'waits for the meeting page to save what was typed, then lets the window close',
    { timeout: 20_000 },
    async () => {
      let release = () => {};
      const saved = new Promise<void>((resolve) => (release = resolve));
      const backend = installBackend(
        [partnership({ id: 1, name: 'Benchlearning Norr' })],
        { update_meeting: () => saved.then(() => meeting({ id: 1, number: 1 })) },
        {
          organisations: [organisation()],
          memberships: [membership()],
          meetings: [meetingDetail(meeting({ id: 1, number: 1, date: '2027-03-16' }))],
        },
      );
      const user = await startApp();
      await user.click(await screen.findByRole('button', { name: 'Benchlearning Norr' }));
      // The partnership and meeting pages load on demand: the first time takes a while here.
      const slow = { timeout: 5000 };
      await screen.findByRole('heading', { level: 2, name: /^Möten \(/ }, slow);
      await user.click(await screen.findByRole('button', { name: /^Lärandeträff 1/ }));
      await screen.findByRole('heading', { level: 1, name: 'Lärandeträff 1' }, slow);
      await user.type(screen.getByLabelText('Anteckningar från mötet'), 'Sista raden');
      expect(backend.callsOf('update_meeting')).toHaveLength(0);

      // The close button: the typing is sent at once, and the window waits for its answer.
      const closing = (window as { __samlarClosing?: () => Promise<void> }).__samlarClosing;
      const closed = closing?.();
      await waitFor(() => expect(backend.callsOf('update_meeting')).toHaveLength(1));
      expect(backend.callsOf('update_meeting')[0].args).toMatchObject({
        input: { id: 1, draft: { notes: 'Sista raden' } },
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(backend.callsOf('ready_to_close')).toHaveLength(0);
      release();
      await closed;
      expect(backend.callsOf('ready_to_close')).toHaveLength(1);
    },
  );
});
