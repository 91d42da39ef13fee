import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import { installBackend, membership, organisation, partnership, person } from './test/fakeBackend';
import type { ImportPreview } from './lib/bindings/ImportPreview';
import type { ImportRequest } from './lib/bindings/ImportRequest';

async function startApp() {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return user;
}

const nav = () => within(screen.getByRole('navigation'));

const emptyPreview: ImportPreview = {
  encoding: 'windows1252',
  separator: 'semicolon',
  columns: ['Namn', 'Kommunkod'],
  ignoredColumns: ['Övrigt'],
  totalRows: 2,
  rows: [
    { row: 2, action: 'create', name: 'Umeå kommun', key: '2480', membership: null },
    { row: 3, action: 'update', name: 'Skellefteå kommun', key: '2482', membership: null },
  ],
  problems: [],
  problemCount: 0,
  counts: { create: 12, update: 3, unchanged: 5 },
  membershipCounts: { create: 0, update: 0, unchanged: 0 },
};

describe('registry', () => {
  it('moves between the three lists from the header', async () => {
    installBackend([partnership()], {}, { organisations: [organisation()], people: [person()] });
    const user = await startApp();

    await user.click(nav().getByRole('button', { name: 'Organisationer' }));
    const orgHeading = await screen.findByRole('heading', { level: 1, name: 'Organisationer' });
    await waitFor(() => expect(orgHeading).toHaveFocus());
    expect(await screen.findByRole('cell', { name: 'Umeå kommun' })).toBeInTheDocument();
    expect(nav().getByRole('button', { name: 'Organisationer' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.click(nav().getByRole('button', { name: 'Personer' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Personer' })).toHaveFocus();
    expect(await screen.findByRole('button', { name: 'Anna Andersson' })).toBeInTheDocument();

    await user.click(nav().getByRole('button', { name: 'Partnerskap' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Partnerskap' })).toHaveFocus();
  });

  it('shows invalid_code next to the code field of the organisation form', async () => {
    const backend = installBackend([], {
      create_organisation: () => {
        throw { code: 'invalid_code', field: 'code', message: 'bad code' };
      },
    });
    const user = await startApp();
    await user.click(nav().getByRole('button', { name: 'Organisationer' }));
    await user.click(await screen.findByRole('button', { name: 'Ny organisation' }));
    await user.type(await screen.findByLabelText('Namn'), 'Skellefteå kommun');
    const code = screen.getByLabelText('Kommun- eller regionkod');
    await user.type(code, '248');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Koden ska vara fyra siffror, till exempel 2482.');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code.getAttribute('aria-describedby')).toContain(alert.id);
    expect(code).toHaveAccessibleDescription(expect.stringContaining('Fyra siffror'));
    await waitFor(() => expect(code).toHaveFocus());
    expect(backend.callsOf('create_organisation')[0].args).toEqual({
      input: {
        name: 'Skellefteå kommun',
        kind: 'municipality',
        code: '248',
        county: '',
        employees: '',
      },
    });
  });

  it('groups the members of a partnership by role and cluster', async () => {
    const p = partnership({ id: 1, name: 'Benchlearning Norr', budgetSek: 5466314 });
    const orgs = [
      organisation({ id: 1, name: 'Umeå kommun' }),
      organisation({ id: 2, name: 'Luleå kommun' }),
      organisation({ id: 3, name: 'Piteå kommun' }),
      organisation({ id: 4, name: 'Region Norrbotten', kind: 'region' }),
      organisation({ id: 5, name: 'Tampereen kaupunki' }),
    ];
    const ms = [
      membership({
        id: 1,
        organisationId: 4,
        organisationName: 'Region Norrbotten',
        role: 'project_owner',
      }),
      membership({
        id: 2,
        organisationId: 2,
        organisationName: 'Luleå kommun',
        networkLevel: 'cluster',
        cluster: 'Kluster A',
      }),
      membership({
        id: 3,
        organisationId: 3,
        organisationName: 'Piteå kommun',
        networkLevel: 'cluster',
        cluster: 'Kluster A',
      }),
      membership({
        id: 4,
        organisationId: 1,
        organisationName: 'Umeå kommun',
        networkLevel: 'whole',
      }),
      membership({
        id: 5,
        organisationId: 5,
        organisationName: 'Tampereen kaupunki',
        role: 'transnational_partner',
        country: 'Finland',
      }),
    ];
    const people = [
      person({
        id: 7,
        name: 'Berit Berg',
        organisationId: 2,
        organisationName: 'Luleå kommun',
        title: 'Strateg',
      }),
    ];
    installBackend([p], {}, { organisations: orgs, memberships: ms, people });
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Benchlearning Norr' }));

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Organisationer (5)' }),
    ).toBeInTheDocument();
    expect(screen.getByText('5 466 314 kr')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Projektägare (1)' })).toBeInTheDocument();
    const participants = screen.getByRole('heading', { level: 3, name: 'Deltagare (3)' });
    const section = participants.closest('section') as HTMLElement;
    expect(
      within(section).getByRole('heading', { level: 4, name: 'Kluster A (2)' }),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('heading', { level: 4, name: 'Hela nätverket (1)' }),
    ).toBeInTheDocument();
    for (const name of ['Luleå kommun', 'Piteå kommun', 'Umeå kommun']) {
      expect(within(section).getByRole('button', { name })).toBeInTheDocument();
    }
    expect(
      within(section).getByRole('button', { name: 'Ta bort Luleå kommun ur partnerskapet' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 3, name: 'Transnationell partner (1)' }),
    ).toBeInTheDocument();
    expect(screen.getByText('(Finland)')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Personer (1)' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'Luleå kommun (1)' })).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Luleå kommun' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Luleå kommun' }),
    ).toBeInTheDocument();
  });

  it('offers archiving instead when an organisation has dependents', async () => {
    const orgs = [organisation({ id: 1, name: 'Umeå kommun' })];
    const ms = [1, 2, 3].map((id) => membership({ id, partnershipId: id, organisationId: 1 }));
    const people = [1, 2, 3, 4, 5].map((id) => person({ id, name: `P${id}`, organisationId: 1 }));
    const backend = installBackend([], {}, { organisations: orgs, memberships: ms, people });
    const user = await startApp();
    await user.click(nav().getByRole('button', { name: 'Organisationer' }));
    await user.click(await screen.findByRole('button', { name: 'Umeå kommun' }));
    await screen.findByRole('heading', { level: 1, name: 'Umeå kommun' });
    const deleteButton = screen.getByRole('button', { name: 'Ta bort' });
    await user.click(deleteButton);

    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent(
      'Organisationen kan inte tas bort: 3 medlemskap och 5 personer hör till den. Vill du arkivera den i stället?',
    );
    expect(within(dialog).getByRole('button', { name: 'Avbryt' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await waitFor(() => expect(deleteButton).toHaveFocus());

    await user.click(deleteButton);
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', {
        name: 'Arkivera i stället',
      }),
    );
    expect(await screen.findByText('Organisationen har arkiverats.')).toBeInTheDocument();
    expect(backend.callsOf('set_organisation_archived')[0].args).toEqual({
      input: { id: 1, archived: true },
    });
    expect(backend.callsOf('delete_organisation')).toHaveLength(0);
  });

  it('deletes an organisation without dependents after confirming', async () => {
    const backend = installBackend(
      [],
      {},
      { organisations: [organisation({ id: 4, name: 'Tomma AB' })] },
    );
    const user = await startApp();
    await user.click(nav().getByRole('button', { name: 'Organisationer' }));
    await user.click(await screen.findByRole('button', { name: 'Tomma AB' }));
    await user.click(await screen.findByRole('button', { name: 'Ta bort' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Ta bort Tomma AB? Det går inte att ångra.');
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organisationer' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Tomma AB har tagits bort.')).toBeInTheDocument();
    expect(backend.callsOf('delete_organisation')[0].args).toEqual({ input: { id: 4 } });
  });

  it('imports a CSV file: base64, problems block the import, success after apply', async () => {
    let preview: ImportPreview = {
      ...emptyPreview,
      problems: [{ row: 5, column: 'Kommunkod', code: 'invalid_code', value: '12345' }],
      problemCount: 1,
    };
    const backend = installBackend([partnership({ id: 2, name: 'Benchlearning Norr' })], {
      preview_import: () => preview,
      apply_import: () => ({
        counts: { create: 12, update: 3, unchanged: 5 },
        membershipCounts: { create: 0, update: 0, unchanged: 0 },
      }),
    });
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Meny' }));
    await user.click(screen.getByRole('menuitem', { name: 'Importera från CSV' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Importera från CSV' }),
    ).toHaveFocus();
    expect(screen.getByRole('radio', { name: 'Organisationer' })).toBeChecked();

    const bytes = new Uint8Array([0x4e, 0x61, 0x6d, 0x6e, 0x3b, 0xe5, 0x0a]); // "Namn;å\n" in 1252
    const file = new File([bytes], 'kommuner.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('CSV-fil'), file);

    expect(
      await screen.findByRole('heading', { level: 2, name: 'Förhandsgranskning' }),
    ).toBeInTheDocument();
    const request = backend.callsOf('preview_import')[0].args?.input as ImportRequest;
    expect(request).toEqual({
      kind: 'organisations',
      partnershipId: null,
      contentBase64: btoa(String.fromCharCode(...bytes)),
    });
    expect(
      screen.getByText(
        'Filen har 1 problem. Rätta det i filen och välj filen igen. Inget har importerats.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Rad 5, kolumn Kommunkod: Koden ska vara fyra siffror, till exempel 2482. (värde: 12345)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Problem i filen' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Importera' })).toBeDisabled();
    expect(screen.getByText('Importen ger 12 nya, 3 ändrade, 5 oförändrade.')).toBeInTheDocument();

    // Choosing a partnership previews again, now without problems.
    preview = emptyPreview;
    await user.selectOptions(
      screen.getByLabelText('Lägg till som medlemmar i'),
      'Benchlearning Norr',
    );
    await waitFor(() => expect(backend.callsOf('preview_import')).toHaveLength(2));
    expect(backend.callsOf('preview_import')[1].args?.input).toMatchObject({ partnershipId: 2 });
    const apply = await screen.findByRole('button', { name: 'Importera' });
    await waitFor(() => expect(apply).toBeEnabled());
    expect(screen.getByText('Skapas')).toBeInTheDocument();
    await user.click(apply);

    expect(
      await screen.findAllByText('Importen är klar: 12 nya, 3 ändrade, 5 oförändrade.'),
    ).not.toHaveLength(0);
    expect(backend.callsOf('apply_import')[0].args?.input).toEqual(
      backend.callsOf('preview_import')[1].args?.input,
    );
    await user.click(screen.getByRole('button', { name: 'Visa organisationerna' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organisationer' }),
    ).toBeInTheDocument();
  });

  it('refuses a file over 20 MB before reading it, next to the file field', async () => {
    const backend = installBackend();
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Meny' }));
    await user.click(screen.getByRole('menuitem', { name: 'Importera från CSV' }));
    await screen.findByRole('heading', { level: 1, name: 'Importera från CSV' });
    const file = new File(['Namn\n'], 'stor.csv', { type: 'text/csv' });
    Object.defineProperty(file, 'size', { value: 20 * 1024 * 1024 + 1 });
    await user.upload(screen.getByLabelText('CSV-fil'), file);
    const message =
      'Filen är större än 20 MB och kan inte importeras. Dela upp den i mindre filer.';
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByLabelText('CSV-fil')).toHaveAccessibleDescription(
      `Filen granskas först. Inget sparas förrän du väljer Importera. ${message}`,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(backend.callsOf('preview_import')).toHaveLength(0);
  });

  it('never shows accessibility needs in the person list, but on the person page', async () => {
    const secret = 'Behöver hörslinga';
    installBackend(
      [],
      {},
      {
        people: [
          person({ id: 3, name: 'Cecilia Ceder', accessibilityNeeds: secret, hasMandate: true }),
        ],
      },
    );
    const user = await startApp();
    await user.click(nav().getByRole('button', { name: 'Personer' }));
    const row = (await screen.findByRole('button', { name: 'Cecilia Ceder' })).closest(
      'tr',
    ) as HTMLElement;
    expect(within(row).getByText('Ja')).toBeInTheDocument();
    expect(screen.queryByText(secret)).not.toBeInTheDocument();
    expect(
      screen.getByLabelText('Ta med tillgänglighetsbehov (känsliga uppgifter)'),
    ).not.toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Cecilia Ceder' }));
    expect(await screen.findByText(secret)).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: /Tillgänglighetsbehov.*Känslig uppgift/ }),
    ).toBeInTheDocument();
  });

  it('loads the demo data from the menu, operated with the keyboard', async () => {
    const backend = installBackend([], { load_demo_data: () => ({ partnerships: 4 }) });
    const user = await startApp();
    const menuButton = screen.getByRole('button', { name: 'Meny' });
    expect(menuButton).toHaveAttribute('aria-haspopup', 'menu');
    menuButton.focus();
    await user.keyboard('{Enter}');
    expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('menuitem', { name: 'Importera från CSV' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(menuButton).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitem', { name: 'Ladda exempeldata' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(
      await screen.findByText('Exempeldata har lagts till: 4 partnerskap.'),
    ).toBeInTheDocument();
    expect(backend.callsOf('load_demo_data')).toHaveLength(1);
    expect(backend.callsOf('load_demo_data')[0].args).toEqual({});
    expect(screen.getByRole('heading', { level: 1, name: 'Partnerskap' })).toBeInTheDocument();
    // The list was loaded again after the demo data.
    expect(backend.callsOf('list_partnerships').length).toBeGreaterThan(1);
  });
});
