// The start-up error page: each problem in Swedish, and what its buttons do through the
// fake backend (open the data folder, open read-only, restore a backup, quit).
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import { installBackend } from './test/fakeBackend';
import type { ProblemKind } from './lib/bindings/ProblemKind';
import { OLDER, backup, clearPage, problem, showProblem, start } from './test/safekeeping';

afterEach(clearPage);

describe('the start-up error page', () => {
  const headings: [ProblemKind, string][] = [
    ['not_writable', 'Samlär kan inte skriva i datamappen'],
    ['in_use', 'Samlär är redan öppet med den här datamappen'],
    ['not_a_database', 'Databasfilen är ingen Samlär-databas'],
    ['damaged', 'Databasfilen är skadad'],
    ['newer_schema', 'Databasen är gjord av en nyare version av Samlär'],
    ['backup_failed', 'Säkerhetskopian före uppgraderingen misslyckades'],
    ['migration_failed', 'Databasen kunde inte uppgraderas'],
    ['cannot_open', 'Databasen kunde inte öppnas'],
  ];

  it.each(headings)('says in Swedish what happened: %s', async (kind, heading) => {
    const backend = installBackend();
    showProblem(problem(kind));
    const h1 = await screen.findByRole('heading', { level: 1, name: heading });
    await waitFor(() => expect(h1).toHaveFocus());
    // The data folder as text to copy, and a way to open it.
    expect(screen.getByText('/home/anna/.local/share/samlar')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Öppna datamappen' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Avsluta' })).toBeInTheDocument();
    // Nothing of the app: it has no database to work in.
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(backend.callsOf('daily_backup_outcome')).toHaveLength(0);
    const readOnly = screen.queryByRole('button', { name: 'Öppna skrivskyddat' });
    expect(readOnly !== null).toBe(kind === 'damaged' || kind === 'newer_schema');
  });

  it('opens the data folder, and says so next to the button when it cannot', async () => {
    const backend = installBackend();
    const user = showProblem(problem('not_writable'));
    const open = await screen.findByRole('button', { name: 'Öppna datamappen' });
    await user.click(open);
    expect(backend.callsOf('open_data_folder')).toHaveLength(1);
    backend.failNext('open_data_folder', 'open_failed');
    await user.click(open);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Datamappen kunde inte öppnas. Öppna den i filhanteraren med sökvägen ovan.',
    );
    expect(open).toHaveAccessibleDescription(
      'Datamappen kunde inte öppnas. Öppna den i filhanteraren med sökvägen ovan.',
    );
  });

  it('opens a newer database read-only and shows the app with a banner saying so', async () => {
    const backend = installBackend([], {}, { startView: start(['Framtidens nätverk'], true) });
    const user = showProblem(
      problem('newer_schema', { databaseSchema: 99990101, lastVersion: '0.3.0' }),
    );
    await screen.findByRole('heading', {
      level: 1,
      name: 'Databasen är gjord av en nyare version av Samlär',
    });
    expect(screen.getByText('Databasen öppnades senast med Samlär 0.3.0.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Öppna skrivskyddat' }));

    const list = await screen.findByRole('heading', { level: 1, name: 'Partnerskap' });
    await waitFor(() => expect(list).toHaveFocus());
    expect(backend.callsOf('open_read_only')).toHaveLength(1);
    expect(screen.getByText('Framtidens nätverk')).toBeInTheDocument();
    const banner = screen
      .getAllByRole('status')
      .find((s) => s.textContent?.includes('skrivskyddat'));
    expect(banner).toHaveTextContent(
      'Databasen är öppnad skrivskyddat. Ändringar kan inte sparas, men du kan exportera.',
    );
  });

  it('quits when asked to, and shows a failed read-only opening next to its button', async () => {
    const backend = installBackend();
    backend.failNext('open_read_only', 'damaged_database');
    const user = showProblem(problem('newer_schema'));
    const readOnly = await screen.findByRole('button', { name: 'Öppna skrivskyddat' });
    await user.click(readOnly);
    expect(await screen.findByRole('alert')).toHaveTextContent('Databasfilen är skadad.');
    expect(readOnly).toHaveAccessibleDescription('Databasfilen är skadad.');
    await user.click(screen.getByRole('button', { name: 'Avsluta' }));
    expect(backend.callsOf('quit_app')).toHaveLength(1);
  });

  it('restores the latest backup over a damaged file, and the app appears', async () => {
    const backend = installBackend([], {}, { startView: start(['Vännäs med stöd av Umeå']) });
    const user = showProblem(problem('damaged', { backups: [backup(), OLDER] }));
    await screen.findByRole('heading', { level: 1, name: 'Databasfilen är skadad' });
    expect(
      screen.getByText('Den senaste säkerhetskopian är från 30 nov. 2026 06:12 (daglig).'),
    ).toBeInTheDocument();
    // The other backups to choose from.
    const others = screen.getByRole('table');
    expect(within(others).getAllByRole('row')).toHaveLength(2);
    expect(within(others).getByText('2 nov. 2026 09:15')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Återställ den senaste säkerhetskopian' }));
    const list = await screen.findByRole('heading', { level: 1, name: 'Partnerskap' });
    await waitFor(() => expect(list).toHaveFocus());
    expect(backend.callsOf('restore_backup')[0].args).toEqual({
      input: { path: '/data/backups/samlar-2026-11-30-061200.sqlite3' },
    });
    expect(screen.getByText('Vännäs med stöd av Umeå')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByText('Säkerhetskopian från 30 nov. 2026 06:12 är återställd.'),
      ).toBeInTheDocument(),
    );
    // No read-only banner over a restored database.
    expect(screen.queryByText(/skrivskyddat/)).not.toBeInTheDocument();
  });

  it('shows why a restore failed next to its button, and offers another backup', async () => {
    const backend = installBackend([], {}, { startView: start(['Kvar']) });
    backend.failNext('restore_backup', 'damaged_database');
    const user = showProblem(problem('not_a_database', { backups: [backup(), OLDER] }));
    const latest = await screen.findByRole('button', {
      name: 'Återställ den senaste säkerhetskopian',
    });
    expect(screen.queryByRole('button', { name: 'Öppna skrivskyddat' })).not.toBeInTheDocument();
    await user.click(latest);
    const message =
      'Säkerhetskopian är skadad och kan inte återställas. Inget ändrades. Välj en annan.';
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(latest).toHaveAccessibleDescription(message);

    await user.click(
      screen.getByRole('button', { name: 'Återställ säkerhetskopian från 2 nov. 2026 09:15' }),
    );
    await screen.findByRole('heading', { level: 1, name: 'Partnerskap' });
    expect(backend.callsOf('restore_backup')[1].args).toEqual({ input: { path: OLDER.path } });
  });

  it('says so when there is no backup to restore', async () => {
    installBackend();
    showProblem(problem('damaged'));
    expect(
      await screen.findByText(
        'Det finns inga säkerhetskopior i datamappen. Har du en kopia någon annanstans kan du välja den.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Återställ den senaste säkerhetskopian' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Öppna skrivskyddat' })).toBeInTheDocument();
  });

  it('tells of a failed upgrade that the data is unchanged, with the versions for support', async () => {
    installBackend();
    const user = showProblem(
      problem('migration_failed', { databaseSchema: 20260101, appSchema: 20261130 }),
    );
    await screen.findByRole('heading', { level: 1, name: 'Databasen kunde inte uppgraderas' });
    expect(screen.getByText(/Dina uppgifter är oförändrade/)).toHaveTextContent(
      'Använd den version av Samlär som du använde tidigare',
    );
    await user.click(screen.getByText('Uppgifter för supporten'));
    expect(
      screen.getByText('Databasens schemaversion: 20260101. Programmets schemaversion: 20261130.'),
    ).toBeVisible();
  });

  it('lets the window close at once', async () => {
    const backend = installBackend();
    showProblem(problem('in_use'));
    await screen.findByRole('heading', { level: 1 });
    const closing = (window as { __samlarClosing?: () => Promise<void> }).__samlarClosing;
    expect(closing).toBeTypeOf('function');
    await closing?.();
    expect(backend.callsOf('ready_to_close')).toHaveLength(1);
  });
});
