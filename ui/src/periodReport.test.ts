import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/svelte';
import type { Statistics } from './lib/bindings/Statistics';
import { installBackend, partnership } from './test/fakeBackend';
import { openPartnership } from './test/meetingPage';

const REPORT = 'Spara rapport som PDF';
const PERIOD = 'Rapportens period';
const END_BEFORE_START = 'Till och med-datumet kan inte vara före från och med-datumet.';

describe('The partnership report for a period', () => {
  it('is of all time until a period is chosen, then of the typed dates', async () => {
    const backend = installBackend([partnership()]);
    const user = await openPartnership();

    const group = screen.getByRole('group', { name: PERIOD });
    expect(within(group).getByRole('radio', { name: 'Hela tiden' })).toBeChecked();
    expect(within(group).queryByLabelText('Från och med')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: REPORT }));
    await screen.findByText('Sparad: /home/anna/Dokument/Rapport.pdf');
    expect(backend.pdfRequests[0].document).toEqual({
      document: 'partnership_report',
      partnershipId: 1,
      from: null,
      to: null,
    });

    await user.click(within(group).getByRole('radio', { name: 'En period' }));
    await user.type(within(group).getByLabelText('Från och med'), ' 2026-01-01');
    await user.type(within(group).getByLabelText('Till och med'), '2026-06-30 ');
    await user.click(screen.getByRole('button', { name: REPORT }));
    await expect.poll(() => backend.pdfRequests.length).toBe(2);
    expect(backend.pdfRequests[1].document).toEqual({
      document: 'partnership_report',
      partnershipId: 1,
      from: '2026-01-01',
      to: '2026-06-30',
    });

    // Back to all time: the typed dates are not sent.
    await user.click(within(group).getByRole('radio', { name: 'Hela tiden' }));
    await user.click(screen.getByRole('button', { name: REPORT }));
    await expect.poll(() => backend.pdfRequests.length).toBe(3);
    expect(backend.pdfRequests[2].document).toMatchObject({ from: null, to: null });
  });

  it('shows a refused date at its field, announced and focused, not under the button', async () => {
    const backend = installBackend([partnership()]);
    const user = await openPartnership();
    backend.failNext('export_pdf', 'end_before_start', 'to');

    const group = screen.getByRole('group', { name: PERIOD });
    await user.click(within(group).getByRole('radio', { name: 'En period' }));
    await user.type(within(group).getByLabelText('Från och med'), '2026-06-30');
    await user.type(within(group).getByLabelText('Till och med'), '2026-01-01');
    await user.click(screen.getByRole('button', { name: REPORT }));

    const error = await within(group).findByText(END_BEFORE_START);
    expect(error).toHaveAttribute('role', 'alert');
    const to = within(group).getByLabelText('Till och med');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription(expect.stringContaining(END_BEFORE_START));
    expect(to).toHaveFocus();
    expect(screen.getAllByRole('alert')).toHaveLength(1);

    // Put right, the error goes.
    await user.clear(to);
    await user.type(to, '2026-12-31');
    await user.click(screen.getByRole('button', { name: REPORT }));
    await screen.findByText('Sparad: /home/anna/Dokument/Rapport.pdf');
    expect(within(group).queryByRole('alert')).not.toBeInTheDocument();
    expect(to).not.toHaveAttribute('aria-invalid');
  });

  it('is chosen by keyboard: arrow keys between the choices, then the dates', async () => {
    installBackend([partnership()]);
    const user = await openPartnership();

    const group = screen.getByRole('group', { name: PERIOD });
    const all = within(group).getByRole('radio', { name: 'Hela tiden' });
    all.focus();
    await user.keyboard('{ArrowDown}');
    const period = within(group).getByRole('radio', { name: 'En period' });
    expect(period).toBeChecked();
    expect(period).toHaveFocus();
    await user.tab();
    expect(within(group).getByLabelText('Från och med')).toHaveFocus();
    await user.tab();
    expect(within(group).getByLabelText('Till och med')).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: REPORT })).toHaveFocus();
  });
});

function statistics(dates: string[]): Statistics {
  const counts = { women: 1, men: 1, other: 0, notStated: 0, total: 2 };
  return {
    activities: dates.map((date, i) => ({
      meetingId: i + 1,
      kind: 'learning',
      number: i + 1,
      title: '',
      date,
      attended: counts,
    })),
    organisations: [],
    total: { ...counts, women: dates.length, men: dates.length, total: 2 * dates.length },
  };
}

describe('The statistics for a period', () => {
  it('shows the figures of the typed period and says which period they are', async () => {
    const backend = installBackend([partnership()], {
      get_statistics: ({ from }: { from: string | null }) =>
        from ? statistics(['2026-03-10']) : statistics(['2025-11-01', '2026-03-10']),
    });
    const user = await openPartnership();
    await user.click(screen.getByRole('button', { name: 'Statistik' }));
    await screen.findByRole('heading', { level: 1, name: 'Statistik – Benchlearning Norr' });
    const table = () => screen.getByRole('table', { name: 'Deltagare per aktivitet' });
    expect(within(table()).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByText('Visar: hela tiden')).toHaveAttribute('role', 'status');

    const group = screen.getByRole('group', { name: 'Period' });
    await user.type(within(group).getByLabelText('Från och med'), '2026-01-01');
    await user.type(within(group).getByLabelText('Till och med'), '2026-06-30');
    await user.click(within(group).getByRole('button', { name: 'Visa statistik' }));

    expect(await screen.findByText('Visar: 2026-01-01 – 2026-06-30')).toBeInTheDocument();
    expect(within(table()).getAllByRole('row')).toHaveLength(3);
    expect(backend.callsOf('get_statistics').map((c) => c.args)).toEqual([
      { input: { partnershipId: 1, meetingId: null, from: null, to: null } },
      { input: { partnershipId: 1, meetingId: null, from: '2026-01-01', to: '2026-06-30' } },
    ]);
  });

  it('shows a refused date at its field and keeps the figures shown', async () => {
    const backend = installBackend([partnership()], {
      get_statistics: () => statistics(['2026-03-10']),
    });
    const user = await openPartnership();
    await user.click(screen.getByRole('button', { name: 'Statistik' }));
    await screen.findByRole('heading', { level: 1, name: 'Statistik – Benchlearning Norr' });
    backend.failNext('get_statistics', 'invalid_date', 'from');

    const group = screen.getByRole('group', { name: 'Period' });
    const from = within(group).getByLabelText('Från och med');
    await user.type(from, '1/1');
    await user.click(within(group).getByRole('button', { name: 'Visa statistik' }));

    const error = await within(group).findByRole('alert');
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAccessibleDescription(expect.stringContaining(error.textContent ?? ''));
    expect(from).toHaveFocus();
    expect(screen.getByRole('table', { name: 'Deltagare per aktivitet' })).toBeInTheDocument();
    expect(screen.getByText('Visar: hela tiden')).toBeInTheDocument();
  });
});

describe('Statistics per activity to Excel', () => {
  it('is one of the lists, sent with its period', async () => {
    const backend = installBackend([partnership()]);
    const user = await openPartnership();

    const group = screen.getByRole('group', { name: 'Exportera till Excel (CSV)' });
    await user.selectOptions(
      within(group).getByLabelText('Lista'),
      'Statistik per aktivitet (kvinnor och män)',
    );
    await user.type(within(group).getByLabelText('Från och med'), '2026-01-01');
    await user.click(within(group).getByRole('button', { name: 'Exportera lista' }));

    await screen.findByText('Filen sparades i /home/anna/Dokument/Export.csv.');
    expect(backend.callsOf('export_csv')[0].args).toEqual({
      input: { list: 'activity_statistics', partnershipId: 1, from: '2026-01-01', to: null },
    });
  });
});
