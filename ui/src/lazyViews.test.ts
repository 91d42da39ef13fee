import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import { installBackend, partnership } from './test/fakeBackend';

// Views other than the partnership list load on demand. This one fails to load.
vi.mock('./views/SearchView.svelte', () => {
  throw new Error('the chunk could not be read');
});

describe('views loaded on demand', () => {
  it('say so in Swedish when a view cannot be loaded, and the rest still works', async () => {
    installBackend([partnership({ id: 1, name: 'Modellkommun Syd' })]);
    const user = userEvent.setup();
    render(App);
    await waitFor(() => expect(document.body.dataset.ready).toBe('true'));

    const nav = within(screen.getByRole('navigation'));
    await user.click(nav.getByRole('button', { name: 'Sök' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Vyn kunde inte öppnas. Starta om Samlär och försök igen.',
    );

    await user.click(nav.getByRole('button', { name: 'Organisationer' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Organisationer' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
