import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import { installBackend, partnership, type FakeBackend } from './test/fakeBackend';

async function startApp() {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return user;
}

function firstRun(): HTMLElement {
  return screen.getByRole('region', { name: 'Kom igång med Samlär' });
}

const WAYS = ['Skapa ett partnerskap', 'Importera från en CSV-fil', 'Ladda exempeldata'];

describe('first run: the empty start page of a new user', () => {
  it('says what Samlär is for and offers three ways to begin, under headings', async () => {
    installBackend([]);
    await startApp();

    expect(screen.getByRole('heading', { level: 1, name: 'Partnerskap' })).toBeVisible();
    const page = firstRun();
    expect(within(page).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Kom igång med Samlär',
    );
    expect(page).toHaveTextContent(/samordnar ett lärande partnerskap/);
    expect(
      within(page).getByRole('heading', { level: 3, name: 'Tre sätt att börja' }),
    ).toBeVisible();
    const ways = within(page).getByRole('list', { name: 'Tre sätt att börja' });
    expect(within(ways).getAllByRole('listitem')).toHaveLength(3);
    expect(
      within(ways)
        .getAllByRole('heading', { level: 4 })
        .map((h) => h.textContent),
    ).toEqual(['Ett nytt partnerskap', 'Organisationer från Excel', 'Exempeldata']);
    for (const name of WAYS) expect(within(ways).getByRole('button', { name })).toBeVisible();
    expect(screen.queryByText('Inga partnerskap ännu.')).not.toBeInTheDocument();
  });

  it('reaches the three ways with the keyboard, in reading order', async () => {
    installBackend([]);
    const user = await startApp();
    const page = firstRun();
    const buttons = WAYS.map((name) => within(page).getByRole('button', { name }));
    const reached: HTMLElement[] = [];
    for (let i = 0; i < 40 && reached.length < 3; i += 1) {
      await user.tab();
      const focused = document.activeElement as HTMLElement;
      if (buttons.includes(focused)) reached.push(focused);
    }
    expect(reached).toEqual(buttons);
  });

  it('opens the form for a new partnership', async () => {
    installBackend([]);
    const user = await startApp();
    await user.click(within(firstRun()).getByRole('button', { name: 'Skapa ett partnerskap' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Nytt partnerskap' }),
    ).toBeInTheDocument();
  });

  it('opens the import of a CSV file saved from Excel', async () => {
    installBackend([]);
    const user = await startApp();
    within(firstRun()).getByRole('button', { name: 'Importera från en CSV-fil' }).focus();
    await user.keyboard('{Enter}');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Importera från CSV' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('CSV-fil')).toBeInTheDocument();
  });

  it('loads the example data and lands on the filled list', async () => {
    let backend: FakeBackend | null = null;
    backend = installBackend([], {
      load_demo_data: () => {
        backend?.partnerships.push(partnership({ id: 7, name: 'CLN – Collaborative Learning' }));
        return { partnerships: 1 };
      },
    });
    const user = await startApp();
    await user.click(within(firstRun()).getByRole('button', { name: 'Ladda exempeldata' }));

    // "1 partnerskap", one form: the count chooses it.
    expect(
      await screen.findByText('Exempeldata har lagts till: 1 partnerskap.'),
    ).toBeInTheDocument();
    expect(backend.callsOf('load_demo_data')).toHaveLength(1);
    expect(
      await screen.findByRole('button', { name: 'CLN – Collaborative Learning' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Kom igång med Samlär' })).not.toBeInTheDocument();
    expect(screen.getByText('1 partnerskap')).toHaveAttribute('role', 'status');
  });

  it('keeps the short empty text when a filter makes the list empty', async () => {
    installBackend([]);
    const user = await startApp();
    await user.type(screen.getByLabelText('Sök på namn'), 'norr');
    expect(await screen.findByText('Inga partnerskap matchar sökningen.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Kom igång med Samlär' })).not.toBeInTheDocument();
  });
});
