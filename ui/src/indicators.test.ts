// Measurable goals on the partnership page ("Mål och indikatorer"), against the fake core:
// each indicator's values as a table against baseline and target beside a chart, numbers
// with a decimal comma, and the forms to add, edit and delete an indicator and a value,
// with errors at their field.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import { installBackend, partnership } from './test/fakeBackend';
import { indicator } from './test/fakeIndicators';
import { openPartnership } from './test/meetingPage';

const GOALS = [
  { goal: 'Fler i arbete', expectedEffect: '' },
  { goal: 'Färre sjukskrivna', expectedEffect: '' },
];

const measured = () =>
  indicator({
    id: 7,
    goalPosition: 0,
    goal: 'Fler i arbete',
    unit: 'procent',
    baseline: 10,
    baselineDate: '2026-12-31',
    target: 20,
    targetDate: '2028-12-31',
    source: 'SCB',
    koladaId: 'N00945',
    byGender: true,
    values: [
      { measuredOn: '2027-06-30', value: 11.25, women: 12, men: 10.5, note: '' },
      { measuredOn: '2027-12-31', value: 12.5, women: null, men: null, note: 'Årsskiftet' },
    ],
  });

const section = () => screen.getByRole('region', { name: 'Mål och indikatorer' });

async function open(indicators = [measured()]) {
  const backend = installBackend([partnership()], {}, { goals: { 1: GOALS }, indicators });
  const user = await openPartnership();
  if (indicators.length > 0) {
    await within(section()).findByRole('region', { name: /^Andel i arbete/ });
  } else {
    await within(section()).findByText('Inga indikatorer ännu.');
  }
  return { backend, user };
}

describe('indicators on the partnership page', () => {
  it('shows values against baseline and target, as a table beside a chart', async () => {
    await open();
    const card = within(section()).getByRole('region', { name: 'Andel i arbete (procent)' });
    expect(within(card).getByText('Fler i arbete')).toBeInTheDocument();
    expect(within(card).getByText('10 procent (2026-12-31)')).toBeInTheDocument();
    expect(within(card).getByText('20 procent (2028-12-31)')).toBeInTheDocument();
    expect(within(card).getByText('N00945')).toBeInTheDocument();

    const table = within(card).getByRole('table', { name: 'Värden för Andel i arbete' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) =>
        Array.from(r.children)
          .map((c) => c.textContent?.trim())
          .filter(Boolean)
          .join(' '),
      );
    expect(rows).toEqual([
      'Datum Värde Kvinnor Män Anteckning Åtgärder',
      '2026-12-31 10 Utgångsvärde',
      '2027-06-30 11,25 12 10,5 Ta bort',
      '2027-12-31 12,5 Årsskiftet Ta bort',
      '2028-12-31 20 Målvärde',
    ]);
    const chart = within(card).getByRole('img');
    expect(chart).toHaveAccessibleName(
      'Andel i arbete. 2 värden, senast 12,5 den 2027-12-31. ' +
        'Utgångsvärde 10 (streckad linje). Målvärde 20 (hel linje).',
    );
  });

  it('adds an indicator for a goal, with a decimal comma', async () => {
    const { backend, user } = await open([]);
    expect(within(section()).getByText('Inga indikatorer ännu.')).toBeInTheDocument();
    const form = within(section()).getByRole('group', { name: 'Ny indikator' });
    await user.type(within(form).getByLabelText('Namn'), 'Andel i arbete');
    await user.selectOptions(within(form).getByLabelText('Mål'), 'Färre sjukskrivna');
    await user.type(within(form).getByLabelText('Utgångsvärde'), '10,5');
    await user.type(within(form).getByLabelText('Utgångsvärdets datum'), '2026-12-31');
    await user.type(within(form).getByLabelText(/^Kolada-id/), 'n00945');
    await user.click(within(form).getByLabelText('Värden anges också för kvinnor och män'));
    await user.click(within(form).getByRole('button', { name: 'Lägg till indikator' }));

    expect(backend.callsOf('create_indicator')[0].args).toEqual({
      input: {
        partnershipId: 1,
        draft: {
          goalPosition: 1,
          name: 'Andel i arbete',
          unit: '',
          baseline: 10.5,
          baselineDate: '2026-12-31',
          target: null,
          targetDate: null,
          source: '',
          koladaId: 'n00945',
          byGender: true,
        },
      },
    });
    const card = await within(section()).findByRole('region', { name: 'Andel i arbete' });
    expect(within(card).getByText('Färre sjukskrivna')).toBeInTheDocument();
    expect(within(card).getByText('10,5 (2026-12-31)')).toBeInTheDocument();
    expect(within(form).getByLabelText('Namn')).toHaveValue('');
  });

  it('shows a number that is no number, and the core refusals, at their field', async () => {
    const { backend, user } = await open([]);
    const form = within(section()).getByRole('group', { name: 'Ny indikator' });
    await user.type(within(form).getByLabelText('Namn'), 'Nöjdhet');
    await user.type(within(form).getByLabelText('Målvärde'), 'tjugo');
    await user.click(within(form).getByRole('button', { name: 'Lägg till indikator' }));
    const target = within(form).getByLabelText('Målvärde');
    expect(target).toHaveAttribute('aria-invalid', 'true');
    expect(target).toHaveAccessibleDescription('Skriv ett tal, till exempel 12,5.');
    await waitFor(() => expect(target).toHaveFocus());
    expect(backend.callsOf('create_indicator')).toHaveLength(0);

    await user.clear(target);
    backend.failNext('create_indicator', 'invalid_code', 'koladaId');
    await user.click(within(form).getByRole('button', { name: 'Lägg till indikator' }));
    const kolada = within(form).getByLabelText(/^Kolada-id/);
    await waitFor(() => expect(kolada).toHaveFocus());
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'Skriv Kolada-id som en stor bokstav och fem siffror, till exempel N00945.',
    );
  });

  it('adds a value with women and men, and removes one', async () => {
    const { backend, user } = await open();
    const card = within(section()).getByRole('region', { name: 'Andel i arbete (procent)' });
    const form = within(card).getByRole('group', { name: 'Nytt värde för Andel i arbete' });
    await user.type(within(form).getByLabelText(/^Datum/), '2028-06-30');
    await user.type(within(form).getByLabelText('Värde'), '15,75');
    await user.type(within(form).getByLabelText('Kvinnor'), '16');
    await user.type(within(form).getByLabelText('Män'), '15,5');
    await user.click(within(form).getByRole('button', { name: 'Spara värdet' }));
    expect(backend.callsOf('set_indicator_value')[0].args).toEqual({
      input: {
        indicatorId: 7,
        measuredOn: '2028-06-30',
        value: 15.75,
        women: 16,
        men: 15.5,
        note: '',
      },
    });
    const table = within(card).getByRole('table');
    expect(await within(table).findByText('15,75')).toBeInTheDocument();
    expect(await screen.findByText('Värdet 15,75 för Andel i arbete den 2028-06-30 är sparat.'));

    await user.click(
      within(table).getByRole('button', {
        name: 'Ta bort värdet för Andel i arbete den 2027-06-30',
      }),
    );
    expect(backend.callsOf('delete_indicator_value')[0].args).toEqual({
      input: { indicatorId: 7, measuredOn: '2027-06-30' },
    });
    await waitFor(() => expect(within(table).queryByText('11,25')).not.toBeInTheDocument());
  });

  it('edits an indicator in place and deletes it after confirming', async () => {
    const { backend, user } = await open();
    const card = within(section()).getByRole('region', { name: 'Andel i arbete (procent)' });
    await user.click(within(card).getByRole('button', { name: 'Ändra Andel i arbete' }));
    const form = within(card).getByRole('group', { name: 'Ändra Andel i arbete' });
    const target = within(form).getByLabelText('Målvärde');
    expect(target).toHaveValue('20');
    expect(within(form).getByLabelText('Mål')).toHaveValue('0');
    await user.clear(target);
    await user.type(target, '22,5');
    await user.click(within(form).getByRole('button', { name: 'Spara indikatorn' }));
    expect(backend.callsOf('update_indicator')[0].args).toMatchObject({
      input: { id: 7, draft: { target: 22.5, goalPosition: 0, byGender: true } },
    });
    expect(await within(card).findByText('22,5 procent (2028-12-31)')).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Ta bort Andel i arbete' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort indikatorn' }));
    expect(backend.callsOf('delete_indicator')[0].args).toEqual({ input: { id: 7 } });
    expect(await within(section()).findByText('Inga indikatorer ännu.')).toBeInTheDocument();
  });
});
