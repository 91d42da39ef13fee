// Delegations by organisational level against the fake core: "Delegationer" on the
// partnership page (the expected levels as checkboxes, each lacking level flagged in
// words, the count of organisations lacking one) and attendance by level in the
// statistics view.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import { installBackend, partnership, type FakeBackend } from './test/fakeBackend';
import { delegation, delegationsOf, levelCounts } from './test/fakeDelegation';
import { oneMeetingStore, openPartnership } from './test/meetingPage';
import ByLevel from './views/statistics/ByLevel.svelte';
import type { Statistics } from './lib/bindings/Statistics';

const round = () => partnership({ kind: 'model_municipality_round' });

/** Three organisations: Umeå complete, Vännäs without a strategist, Malmö with only one. */
function giveDelegations(backend: FakeBackend): void {
  delegationsOf(backend, 1).organisations = [
    { ...delegation(3, 'Malmö stad', levelCounts(0, 0, 1, 0, 0)), roles: ['mentor'] },
    delegation(1, 'Umeå kommun', levelCounts(1, 1, 2, 1, 1)),
    delegation(2, 'Vännäs kommun', levelCounts(1, 1, 0, 0, 2)),
  ];
}

const section = () => screen.getByRole('region', { name: 'Delegationer' });
const rowOf = (name: string) => within(section()).getByRole('row', { name: new RegExp(name) });
/** The cells of a row after its header: politician … operational, not stated. */
const cells = (name: string) =>
  within(rowOf(name))
    .getAllByRole('cell')
    .map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

describe('delegations on the partnership page', () => {
  it('flags each lacking expected level in words and counts the organisations', async () => {
    const backend = installBackend([round()]);
    giveDelegations(backend);
    await openPartnership();

    const expected = await within(section()).findByRole('group', {
      name: 'Förväntade nivåer i varje delegation',
    });
    await waitFor(() => expect(within(expected).getByLabelText('Politiker')).toBeChecked());
    expect(within(expected).getByLabelText('Högre chef')).toBeChecked();
    expect(within(expected).getByLabelText('Strateg eller nyckelperson')).toBeChecked();
    expect(within(expected).getByLabelText('Medarbetare')).not.toBeChecked();
    expect(within(expected).getByText(/Partnerskapstypens standard/)).toBeInTheDocument();

    expect(within(section()).getByText('2 organisationer saknar en förväntad nivå')).toBeVisible();
    expect(cells('Vännäs kommun')).toEqual(['1', '1', '0 Saknas', '0', '2']);
    expect(cells('Malmö stad')).toEqual(['0 Saknas', '0 Saknas', '1', '0', '0']);
    expect(cells('Umeå kommun')).toEqual(['1', '1', '2', '1', '1']);
    expect(within(rowOf('Malmö stad')).getByText('Mentor')).toBeInTheDocument();
  });

  it('saves the expected levels as they are ticked, and the flags follow', async () => {
    const backend = installBackend([round()]);
    giveDelegations(backend);
    const user = await openPartnership();
    const strategist = await within(section()).findByLabelText('Strateg eller nyckelperson');
    await waitFor(() => expect(strategist).toBeChecked());

    await user.click(strategist);
    await waitFor(() =>
      expect(backend.callsOf('set_expected_levels')[0]?.args).toEqual({
        input: { partnershipId: 1, levels: ['politician', 'senior_manager'] },
      }),
    );
    expect(
      await within(section()).findByText('1 organisation saknar en förväntad nivå'),
    ).toBeVisible();
    expect(cells('Vännäs kommun')).toEqual(['1', '1', '0', '0', '2']);
    expect(strategist).not.toBeChecked();
    expect(within(section()).queryByText(/Partnerskapstypens standard/)).not.toBeInTheDocument();

    await user.click(within(section()).getByLabelText('Medarbetare'));
    await waitFor(() => expect(backend.callsOf('set_expected_levels')).toHaveLength(2));
    expect(backend.callsOf('set_expected_levels')[1].args).toEqual({
      input: { partnershipId: 1, levels: ['politician', 'senior_manager', 'operational'] },
    });
    expect(
      await within(section()).findByText('2 organisationer saknar en förväntad nivå'),
    ).toBeVisible();
    expect(cells('Vännäs kommun')).toEqual(['1', '1', '0', '0 Saknas', '2']);

    for (const name of ['Politiker', 'Högre chef', 'Medarbetare']) {
      await user.click(within(section()).getByLabelText(name));
    }
    expect(
      await within(section()).findByText('Inga nivåer förväntas, så ingen organisation flaggas.'),
    ).toBeVisible();
    expect(within(section()).queryByText('Saknas')).not.toBeInTheDocument();
    expect(backend.callsOf('set_expected_levels').at(-1)?.args).toEqual({
      input: { partnershipId: 1, levels: [] },
    });
  });

  it('shows a refused save next to the levels and keeps them as they were', async () => {
    const backend = installBackend([round()]);
    giveDelegations(backend);
    const user = await openPartnership();
    const politician = await within(section()).findByLabelText('Politiker');
    await waitFor(() => expect(politician).toBeChecked());

    backend.failNext('set_expected_levels', 'too_many', 'levels');
    await user.click(politician);
    const alert = await within(section()).findByRole('alert');
    expect(alert.textContent).not.toBe('');
    expect(politician).toHaveAccessibleDescription(alert.textContent ?? '');
    await waitFor(() => expect(politician).toBeChecked());
    expect(within(section()).getByText('2 organisationer saknar en förväntad nivå')).toBeVisible();
  });

  it('expects no level in other kinds of partnership, and says when none are members', async () => {
    installBackend([partnership()]);
    await openPartnership();
    const expected = await within(section()).findByRole('group', {
      name: 'Förväntade nivåer i varje delegation',
    });
    for (const box of within(expected).getAllByRole('checkbox')) {
      expect(box).not.toBeChecked();
    }
    expect(within(section()).getByText(/Inga deltagande organisationer ännu/)).toBeVisible();
  });
});

describe('attendance by level in the statistics view', () => {
  const statistics: Statistics = {
    activities: [
      {
        meetingId: 4,
        kind: 'learning',
        number: 1,
        title: '',
        date: '2027-03-16',
        attended: { women: 3, men: 2, other: 0, notStated: 1, total: 6 },
      },
    ],
    organisations: [],
    total: { women: 3, men: 2, other: 0, notStated: 1, total: 6 },
  };

  function giveByLevel(backend: FakeBackend): void {
    delegationsOf(backend, 1).byLevel = {
      meetings: [
        {
          meetingId: 4,
          kind: 'learning',
          number: 1,
          title: '',
          date: '2027-03-16',
          attended: levelCounts(2, 1, 2, 0, 1),
        },
        {
          meetingId: 5,
          kind: 'learning',
          number: 2,
          title: 'Uppföljning',
          date: '2027-06-01',
          attended: levelCounts(1, 0, 0, 1, 0),
        },
      ],
      total: levelCounts(3, 1, 2, 1, 1),
    };
  }

  it('shows each activity and the total by level as a table', async () => {
    const backend = installBackend([partnership()], {}, { ...oneMeetingStore(), statistics });
    giveByLevel(backend);
    const user = await openPartnership();
    await user.click(screen.getByRole('button', { name: 'Statistik' }));
    const region = await screen.findByRole('region', { name: 'Närvaro per organisatorisk nivå' });
    const table = await within(region).findByRole('table', {
      name: 'Närvarande per aktivitet och nivå',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent?.trim());
    expect(headers).toEqual([
      'Datum',
      'Aktivitet',
      'Politiker',
      'Högre chef',
      'Strateg eller nyckelperson',
      'Medarbetare',
      'Ej angiven',
      'Totalt',
    ]);
    const row = (name: RegExp) =>
      within(within(table).getByRole('row', { name }))
        .getAllByRole('cell')
        .map((c) => c.textContent?.trim());
    expect(row(/Lärandeträff 1/)).toEqual(['2027-03-16', '2', '1', '2', '0', '1', '6']);
    expect(row(/Uppföljning/)).toEqual(['2027-06-01', '1', '0', '0', '1', '0', '2']);
    expect(row(/^Totalt/)).toEqual(['3', '1', '2', '1', '1', '8']);
    expect(backend.callsOf('attendance_by_level')[0].args).toEqual({
      input: { partnershipId: 1, meetingId: null, from: null, to: null },
    });
  });

  it('asks for the period it is given', async () => {
    const backend = installBackend([partnership()]);
    giveByLevel(backend);
    render(ByLevel, { partnershipId: 1, from: '2027-01-01', to: '2027-06-30' });
    await screen.findByRole('table', { name: 'Närvarande per aktivitet och nivå' });
    expect(backend.callsOf('attendance_by_level')[0].args).toEqual({
      input: { partnershipId: 1, meetingId: null, from: '2027-01-01', to: '2027-06-30' },
    });
  });

  it('offers to try again when the figures cannot be read', async () => {
    const backend = installBackend([partnership()]);
    giveByLevel(backend);
    backend.failNext('attendance_by_level', 'storage');
    const user = (await import('@testing-library/user-event')).default.setup();
    render(ByLevel, { partnershipId: 1 });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Närvaron per nivå kunde inte hämtas.');
    await user.click(within(alert).getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });
});
