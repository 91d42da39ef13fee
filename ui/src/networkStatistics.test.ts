// "Statistik för alla partnerskap" against the fake core: reached from the menu, the
// filters as labelled fields sent to the core, the summary, the tables (per partnership;
// actions by status) each with a bar chart whose label sums it up, and a refused period
// shown at its field.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import { installBackend, partnership, type FakeBackend } from './test/fakeBackend';
import { emptyFigures, overviewOf } from './test/fakeOverview';
import type { OverviewFigures } from './lib/bindings/OverviewFigures';
import type { OverviewScope } from './lib/bindings/OverviewScope';

function figures(
  activities: number,
  women: number,
  men: number,
  actions: [number, number, number, number],
): OverviewFigures {
  const [planned, ongoing, done, dropped] = actions;
  return {
    ...emptyFigures(),
    activities,
    byKind: [{ kind: 'learning', meetings: activities, participants: women + men }],
    participants: { women, men, other: 0, notStated: 0, total: women + men },
    people: { women: 1, men: 1, other: 0, notStated: 0, total: 2 },
    organisations: 2,
    memberOrganisations: 3,
    actions: { planned, ongoing, done, dropped, total: planned + ongoing + done + dropped },
  };
}

function install(): FakeBackend {
  const backend = installBackend([partnership({ id: 1, name: 'Alfa' })]);
  overviewOf(backend).push(
    {
      partnershipId: 1,
      name: 'Alfa',
      kind: 'benchlearning',
      archived: false,
      figures: figures(3, 4, 2, [1, 1, 1, 0]),
    },
    {
      partnershipId: 2,
      name: 'Beta',
      kind: 'model_municipality_round',
      archived: false,
      figures: figures(1, 1, 0, [0, 0, 0, 1]),
    },
    {
      partnershipId: 3,
      name: 'Cirkel',
      kind: 'model_municipality_round',
      archived: true,
      figures: figures(2, 0, 5, [2, 0, 0, 0]),
    },
  );
  return backend;
}

async function openPage(): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  await user.click(screen.getByRole('button', { name: 'Meny' }));
  await user.click(screen.getByRole('menuitem', { name: 'Statistik för alla partnerskap' }));
  await screen.findByRole('heading', { level: 1, name: 'Statistik för alla partnerskap' });
  return user;
}

const lastScope = (backend: FakeBackend) =>
  backend.callsOf('statistics_overview').at(-1)?.args?.input as OverviewScope;

const table = (caption: string) => screen.getByRole('table', { name: caption });
const cells = (caption: string, row: string) =>
  within(within(table(caption)).getByRole('row', { name: new RegExp(row) }))
    .getAllByRole('cell')
    .map((c) => c.textContent?.trim());

const JOURNEY = { timeout: 20_000 };

describe('statistics across partnerships', () => {
  it('shows every active partnership with the totals, tables and charts', JOURNEY, async () => {
    const backend = install();
    await openPage();
    await screen.findByText(/2 partnerskap i urvalet/);
    expect(lastScope(backend)).toEqual({
      kind: null,
      from: null,
      to: null,
      includeArchived: false,
    });
    const summary = (term: string) => screen.getByText(term, { selector: 'dt' }).parentElement;
    expect(summary('Aktiviteter (möten)')).toHaveTextContent(/^Aktiviteter \(möten\)\s*4$/);
    expect(summary('Olika personer som deltagit')).toHaveTextContent(/deltagit\s*4$/);
    expect(cells('Per partnerskap', 'Alfa')).toEqual([
      'Benchlearning-nätverk',
      '3',
      '6',
      '4',
      '2',
      '0',
      '0',
      '2',
      '2',
      '3',
      '3',
    ]);
    expect(cells('Per partnerskap', 'Totalt')).toEqual([
      '4',
      '7',
      '5',
      '2',
      '0',
      '0',
      '4',
      '4',
      '6',
      '4',
    ]);
    expect(cells('Förbättringsåtgärder per status', 'Avbruten')).toEqual(['1']);
    expect(cells('Förbättringsåtgärder per status', 'Totalt')).toEqual(['4']);
    expect(cells('Kvinnor och män', 'Deltagartillfällen')).toEqual(['5', '2', '0', '0', '7']);
    expect(
      screen.getByRole('img', { name: /deltagartillfällen i 2 partnerskap.*Totalt: 7/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /förbättringsåtgärder per status, 4 åtgärder i allt/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /1 typ av möte\. Antal möten totalt: 4/ }),
    ).toBeVisible();
  });

  it(
    'sends the chosen kind, period and archived choice, and shows what came back',
    JOURNEY,
    async () => {
      const backend = install();
      const user = await openPage();
      await screen.findByText(/2 partnerskap i urvalet/);
      await user.selectOptions(screen.getByLabelText('Typ av partnerskap'), 'Modellkommunomgång');
      await user.type(screen.getByLabelText(/Från och med/), '2027-01-01');
      await user.type(screen.getByLabelText(/Till och med/), '2027-06-30');
      await user.click(screen.getByLabelText('Ta med arkiverade partnerskap'));
      await user.click(screen.getByRole('button', { name: 'Visa statistik' }));
      await screen.findByText(/Visar: 2027-01-01 – 2027-06-30/);
      expect(lastScope(backend)).toEqual({
        kind: 'model_municipality_round',
        from: '2027-01-01',
        to: '2027-06-30',
        includeArchived: true,
      });
      expect(screen.getByText(/2 partnerskap i urvalet/)).toBeInTheDocument();
      expect(within(table('Per partnerskap')).getByText(/Cirkel \(arkiverat\)/)).toBeVisible();
      expect(within(table('Per partnerskap')).queryByText('Alfa')).toBeNull();
      expect(cells('Förbättringsåtgärder per status', 'Planerad')).toEqual(['2']);
    },
  );

  it(
    'shows a period that ends before it starts at its field, with the focus',
    JOURNEY,
    async () => {
      install();
      const user = await openPage();
      await screen.findByText(/2 partnerskap i urvalet/);
      await user.type(screen.getByLabelText(/Från och med/), '2027-07-01');
      await user.type(screen.getByLabelText(/Till och med/), '2027-06-30');
      await user.click(screen.getByRole('button', { name: 'Visa statistik' }));
      const to = screen.getByLabelText(/Till och med/);
      await waitFor(() => expect(to).toHaveFocus());
      expect(to).toHaveAccessibleDescription(/kan inte vara före/);
    },
  );

  it('says so when no partnership is in the selection', JOURNEY, async () => {
    const backend = installBackend([]);
    overviewOf(backend);
    await openPage();
    expect(await screen.findByText(/Inga partnerskap i urvalet/)).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
