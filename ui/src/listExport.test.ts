import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/svelte';
import { installBackend, partnership } from './test/fakeBackend';
import { openPartnership } from './test/meetingPage';

const GROUP = 'Exportera till Excel (CSV)';

describe('Exporting a partnership list to Excel', () => {
  it('sends the chosen list and period and says where the file was saved', async () => {
    const backend = installBackend([partnership()]);
    const user = await openPartnership();

    const group = screen.getByRole('group', { name: GROUP });
    await user.selectOptions(
      within(group).getByLabelText('Lista'),
      'Förbättringsåtgärder med uppföljningar',
    );
    await user.type(within(group).getByLabelText('Från och med'), '2027-02-01');
    await user.type(within(group).getByLabelText('Till och med'), ' 2027-03-15 ');
    await user.click(within(group).getByRole('button', { name: 'Exportera lista' }));

    expect(
      await screen.findByText('Filen sparades i /home/anna/Dokument/Export.csv.'),
    ).toBeInTheDocument();
    expect(backend.callsOf('export_csv').map((c) => c.args)).toEqual([
      { input: { list: 'actions', partnershipId: 1, from: '2027-02-01', to: '2027-03-15' } },
    ]);
  });

  it('sends empty dates as none, for all time', async () => {
    const backend = installBackend([partnership()]);
    const user = await openPartnership();

    const group = screen.getByRole('group', { name: GROUP });
    await user.selectOptions(within(group).getByLabelText('Lista'), 'Goda exempel');
    await user.click(within(group).getByRole('button', { name: 'Exportera lista' }));

    await screen.findByText('Filen sparades i /home/anna/Dokument/Export.csv.');
    expect(backend.callsOf('export_csv')[0].args).toEqual({
      input: { list: 'good_examples', partnershipId: 1, from: null, to: null },
    });
  });

  it('shows a period that ends before it starts at the end date, which gets the focus', async () => {
    const backend = installBackend([partnership()]);
    const user = await openPartnership();
    backend.failNext('export_csv', 'end_before_start', 'to');

    const group = screen.getByRole('group', { name: GROUP });
    await user.type(within(group).getByLabelText('Från och med'), '2027-03-15');
    await user.type(within(group).getByLabelText('Till och med'), '2027-02-01');
    await user.click(within(group).getByRole('button', { name: 'Exportera lista' }));

    const message = 'Till och med-datumet kan inte vara före från och med-datumet.';
    const error = await within(group).findByText(message);
    expect(error).toHaveAttribute('role', 'alert');
    const to = within(group).getByLabelText('Till och med');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(to).toHaveFocus();
    expect(within(group).getByLabelText('Från och med')).not.toHaveAttribute('aria-invalid');
  });

  it('is reachable by keyboard and says nothing when the save dialog is closed', async () => {
    const backend = installBackend([partnership()]);
    const user = await openPartnership();
    backend.failNext('export_csv', 'cancelled');

    const group = screen.getByRole('group', { name: GROUP });
    within(group).getByLabelText('Lista').focus();
    await user.tab();
    expect(within(group).getByLabelText('Från och med')).toHaveFocus();
    await user.tab();
    expect(within(group).getByLabelText('Till och med')).toHaveFocus();
    await user.tab();
    const button = within(group).getByRole('button', { name: 'Exportera lista' });
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');

    await expect.poll(() => backend.callsOf('export_csv').length).toBe(1);
    expect(within(group).queryByRole('alert')).not.toBeInTheDocument();
  });
});
