import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import { installBackend, partnership } from './test/fakeBackend';

async function startApp() {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return user;
}

/** The value shown for a term of the charter ("Total budget" → "5 466 314 kr"). */
function shown(term: string): string | null | undefined {
  return within(screen.getByRole('main')).getByText(term, { selector: 'dt' }).nextElementSibling
    ?.textContent;
}

describe('amounts in kronor', () => {
  it('keeps granted support beside the total budget and shows both unbroken', async () => {
    const p = partnership({ id: 4, name: 'Kompetenslyftet', budgetSek: 5466314 });
    const backend = installBackend([p]);
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Kompetenslyftet' }));
    await screen.findByRole('heading', { level: 1, name: 'Kompetenslyftet' });
    expect(shown('Total budget')).toBe('5\u00a0466\u00a0314\u00a0kr');
    expect(within(screen.getByRole('main')).queryByText('Beviljat stöd')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Redigera' }));
    await screen.findByRole('heading', { level: 1, name: 'Redigera partnerskap' });
    expect(screen.getByLabelText('Total budget (kr)')).toHaveValue('5 466 314');
    const granted = screen.getByLabelText('Beviljat stöd (kr)');
    expect(granted).toHaveValue('');
    expect(granted).toHaveAccessibleDescription(expect.stringContaining('ESF'));
    await user.type(granted, '4 100 000 kr');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    await screen.findByText('Partnerskapet har sparats.');
    expect(backend.callsOf('update_partnership')[0].args).toMatchObject({
      input: { id: 4, draft: { budget: '5 466 314', granted: '4 100 000 kr' } },
    });
    expect(shown('Beviljat stöd')).toBe('4\u00a0100\u00a0000\u00a0kr');
    expect(shown('Total budget')).toBe('5\u00a0466\u00a0314\u00a0kr');
  });

  it('shows a badly written granted support next to its field', async () => {
    installBackend([], {
      create_partnership: () => {
        throw { code: 'invalid_number', field: 'granted', message: 'not a whole number' };
      },
    });
    const user = await startApp();
    await user.click(await screen.findByRole('button', { name: 'Nytt partnerskap' }));
    await user.type(await screen.findByLabelText('Namn'), 'Kompetenslyftet');
    const granted = screen.getByLabelText('Beviljat stöd (kr)');
    await user.type(granted, 'fyra miljoner');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Skriv ett heltal, till exempel 5 466 314.');
    expect(granted).toHaveAttribute('aria-invalid', 'true');
    expect(granted.getAttribute('aria-describedby')).toContain(alert.id);
    await waitFor(() => expect(granted).toHaveFocus());
    expect(granted).toHaveValue('fyra miljoner');
  });
});
