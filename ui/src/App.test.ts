import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import { installBackend, partnership, partnershipSummary } from './test/fakeBackend';
import type { PartnershipDraft } from './lib/bindings/PartnershipDraft';
import type { PartnershipQuery } from './lib/bindings/PartnershipQuery';

const items = [
  partnership({ id: 3, name: 'Modellkommun Syd', kind: 'model_municipality_round' }),
  partnership({ id: 2, name: 'Benchlearning Norr', startDate: null, endDate: null }),
  partnership({ id: 1, name: 'Gammalt nätverk', archived: true }),
];

/** What the core answers to the list queries these tests make. */
function listAnswer({ search, status }: PartnershipQuery) {
  const answer = search === '' ? items : search === 'norr' ? [items[1]] : [];
  return answer.filter((p) => status === 'all' || !p.archived).map((p) => partnershipSummary(p));
}

async function startApp() {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return user;
}

describe('App', () => {
  it('starts in Swedish with the list of active partnerships', async () => {
    const backend = installBackend(items, { list_partnerships: listAnswer });
    await startApp();

    expect(screen.getByRole('heading', { level: 1, name: 'Partnerskap' })).toBeInTheDocument();
    const list = within(screen.getByRole('main')).getByRole('list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByRole('button', { name: 'Modellkommun Syd' })).toBeInTheDocument();
    expect(within(list).getByText('Modellkommunomgång')).toBeInTheDocument();
    expect(within(list).getByText('Ingen period angiven')).toBeInTheDocument();
    expect(screen.getByText('2 partnerskap')).toHaveAttribute('role', 'status');
    expect(backend.callsOf('list_partnerships')[0].args).toEqual({
      input: { search: '', status: 'active', kind: null, sort: 'newest' },
    });
    expect(document.documentElement.lang).toBe('sv');
  });

  it('searches as the user types', async () => {
    const backend = installBackend(items, { list_partnerships: listAnswer });
    const user = await startApp();

    await user.type(screen.getByLabelText('Sök på namn'), 'norr');
    await waitFor(() =>
      expect(backend.callsOf('list_partnerships').at(-1)?.args).toEqual({
        input: { search: 'norr', status: 'active', kind: null, sort: 'newest' },
      }),
    );
    await waitFor(() =>
      expect(within(screen.getByRole('main')).getAllByRole('listitem')).toHaveLength(1),
    );
    expect(screen.getByRole('button', { name: 'Benchlearning Norr' })).toBeInTheDocument();
    // Debounced: not one call per key stroke.
    expect(backend.callsOf('list_partnerships').length).toBeLessThan(5);

    await user.clear(screen.getByLabelText('Sök på namn'));
    await user.type(screen.getByLabelText('Sök på namn'), 'finns inte');
    expect(await screen.findByText('Inga partnerskap matchar sökningen.')).toBeInTheDocument();
  });

  it('shows archived partnerships with a marker when asked', async () => {
    installBackend(items, { list_partnerships: listAnswer });
    const user = await startApp();
    await user.selectOptions(screen.getByLabelText('Visa'), 'Alla');
    await waitFor(() =>
      expect(within(screen.getByRole('main')).getAllByRole('listitem')).toHaveLength(3),
    );
    expect(screen.getByText('Arkiverat')).toBeInTheDocument();
  });

  it('shows the empty state', async () => {
    installBackend([]);
    await startApp();
    // A new user's empty list is the first-run page (ui/src/firstRun.test.ts tests it).
    expect(screen.getByRole('heading', { level: 2, name: 'Kom igång med Samlär' })).toBeVisible();
  });

  it('shows the core error next to the Namn field and keeps what was typed', async () => {
    const backend = installBackend(items, {
      create_partnership: () => {
        throw { code: 'name_required', field: 'name', message: 'name must not be empty' };
      },
    });
    const user = await startApp();

    await user.click(screen.getByRole('button', { name: 'Nytt partnerskap' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Nytt partnerskap' });
    expect(heading).toHaveFocus();

    await user.type(screen.getByLabelText('Syfte'), 'Lära av varandra.\nAndra raden.');
    await user.type(screen.getByLabelText('Startdatum'), '2027-03-14');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Ange ett namn på partnerskapet.');
    const name = screen.getByLabelText('Namn');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(
      expect.stringContaining('Ange ett namn på partnerskapet.'),
    );
    expect(name.getAttribute('aria-describedby')).toContain(alert.id);
    await waitFor(() => expect(name).toHaveFocus());

    expect(screen.getByLabelText('Syfte')).toHaveValue('Lära av varandra.\nAndra raden.');
    expect(screen.getByLabelText('Startdatum')).toHaveValue('2027-03-14');
    expect(backend.callsOf('create_partnership')[0].args).toEqual({
      input: {
        name: '',
        kind: 'benchlearning',
        phase: 'planning',
        purpose: 'Lära av varandra.\nAndra raden.',
        sharedProblem: '',
        delimitation: '',
        startDate: '2027-03-14',
        endDate: null,
        projectOwnerId: null,
        contactPersonId: null,
        fundingSource: '',
        budget: '',
        granted: '',
        region: '',
        mandateNotes: '',
        powerBalanceNotes: '',
        missingPartnersNotes: '',
        carryHomeNotes: '',
        goals: [],
      } satisfies PartnershipDraft,
    });
  });

  it('shows an error without a field above the buttons', async () => {
    installBackend(items, {
      create_partnership: () => Promise.reject('invalid args `input` for command'),
    });
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Nytt partnerskap' }));
    await user.type(await screen.findByLabelText('Namn'), 'Test');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Något gick fel. Inget ändrades.');
    expect(screen.getByLabelText('Namn')).toHaveValue('Test');
  });

  it('saves a new partnership and shows it', async () => {
    const backend = installBackend([...items]);
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Nytt partnerskap' }));
    await user.type(await screen.findByLabelText('Namn'), 'Praktiknätverk Väst');
    await user.selectOptions(screen.getByLabelText('Typ'), 'Praktikgemenskap');
    await user.type(screen.getByLabelText('Syfte'), 'Rad ett\nRad två');
    await user.click(screen.getByRole('button', { name: 'Spara' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Praktiknätverk Väst' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(await screen.findByText('Partnerskapet har sparats.')).toBeInTheDocument();
    expect(screen.getByText('Praktikgemenskap')).toBeInTheDocument();
    expect(backend.callsOf('create_partnership')[0].args).toMatchObject({
      input: { kind: 'community_of_practice', startDate: null, endDate: null },
    });
  });

  it('archives and restores from the detail view', async () => {
    let archived = false;
    const backend = installBackend(items, {
      set_partnership_archived: (input) => {
        archived = input.archived;
        return { ...items[0], archived };
      },
    });
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Modellkommun Syd' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Modellkommun Syd' });
    await waitFor(() => expect(heading).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Arkivera' }));
    expect(await screen.findByText('Partnerskapet har arkiverats.')).toBeInTheDocument();
    expect(archived).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Återställ från arkiv' }));
    expect(await screen.findByText('Partnerskapet är återställt.')).toBeInTheDocument();
    expect(backend.callsOf('set_partnership_archived').map((c) => c.args)).toEqual([
      { input: { id: 3, archived: true } },
      { input: { id: 3, archived: false } },
    ]);

    await user.click(screen.getByRole('button', { name: 'Tillbaka till listan' }));
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Partnerskap' })).toHaveFocus(),
    );
  });

  it('edits an existing partnership with the same form', async () => {
    const backend = installBackend(items.map((p) => ({ ...p })));
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Modellkommun Syd' }));
    await user.click(await screen.findByRole('button', { name: 'Redigera' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Redigera partnerskap' })).toHaveFocus();
    const name = screen.getByLabelText('Namn');
    expect(name).toHaveValue('Modellkommun Syd');
    await user.clear(name);
    await user.type(name, 'Modellkommun Söder');
    await user.click(screen.getByRole('button', { name: 'Spara' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Modellkommun Söder' }),
    ).toBeInTheDocument();
    expect(backend.callsOf('update_partnership')[0].args).toMatchObject({
      input: { id: 3, draft: { name: 'Modellkommun Söder' } },
    });
  });

  it('loads the saved language and switches language through set_language', async () => {
    const backend = installBackend(items, { list_partnerships: listAnswer });
    backend.settings = { language: 'sv' };
    const user = await startApp();

    await user.selectOptions(screen.getByLabelText('Språk'), 'English');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Partnerships' }),
    ).toBeInTheDocument();
    expect(backend.callsOf('set_language')[0].args).toEqual({ input: { language: 'en' } });
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByLabelText('Language')).toHaveValue('en');
    expect(screen.getByText('2 partnerships')).toBeInTheDocument();
  });

  it('starts in English when the settings say so', async () => {
    const backend = installBackend(items);
    backend.settings = { language: 'en' };
    await startApp();
    expect(screen.getByRole('heading', { level: 1, name: 'Partnerships' })).toBeInTheDocument();
    expect(screen.getByLabelText('Search by name')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts with the language and the list the shell put into the page, without asking', async () => {
    const backend = installBackend(items, { list_partnerships: listAnswer });
    backend.settings = { language: 'sv' };
    const page = globalThis as { __SAMLAR_START__?: unknown };
    page.__SAMLAR_START__ = {
      settings: { language: 'en' },
      partnershipQuery: { search: '', status: 'active', kind: null, sort: 'newest' },
      partnerships: [items[1]],
    };
    try {
      const user = await startApp();
      expect(screen.getByRole('heading', { level: 1, name: 'Partnerships' })).toBeInTheDocument();
      expect(document.documentElement.lang).toBe('en');
      const list = within(screen.getByRole('main')).getByRole('list');
      expect(within(list).getAllByRole('listitem')).toHaveLength(1);
      expect(backend.callsOf('get_settings')).toHaveLength(0);
      expect(backend.callsOf('list_partnerships')).toHaveLength(0);

      // Only once: coming back to the list asks the core.
      await user.click(screen.getByRole('button', { name: 'Organisations' }));
      await screen.findByRole('heading', { level: 1, name: 'Organisations' });
      await user.click(screen.getByRole('button', { name: 'Partnerships' }));
      await waitFor(() => expect(backend.callsOf('list_partnerships')).toHaveLength(1));
      await waitFor(() =>
        expect(within(screen.getByRole('main')).getAllByRole('listitem')).toHaveLength(2),
      );
    } finally {
      delete page.__SAMLAR_START__;
    }
  });

  it('asks for the settings when what the shell put into the page is not understood', async () => {
    const backend = installBackend(items);
    backend.settings = { language: 'en' };
    const page = globalThis as { __SAMLAR_START__?: unknown };
    page.__SAMLAR_START__ = { settings: { language: 'fi' }, partnerships: [] };
    try {
      await startApp();
      expect(backend.callsOf('get_settings')).toHaveLength(1);
      expect(screen.getByRole('heading', { level: 1, name: 'Partnerships' })).toBeInTheDocument();
    } finally {
      delete page.__SAMLAR_START__;
    }
  });

  it('tells the core once, two frames after the first list, that the UI is ready', async () => {
    const backend = installBackend(items, {
      ui_ready: () => {
        throw { code: 'internal', field: null, message: 'ignored' };
      },
    });
    // Frames run only when the test says so.
    const frames = new Map<number, FrameRequestCallback>();
    let lastFrame = 0;
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
      frames.set(++lastFrame, callback);
      return lastFrame;
    });
    const caf = vi.spyOn(window, 'cancelAnimationFrame').mockImplementation((id) => {
      frames.delete(id);
    });
    const nextFrame = () => {
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback(performance.now());
    };
    try {
      const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
      const user = await startApp();
      nextFrame();
      await settle();
      expect(backend.callsOf('ui_ready')).toHaveLength(0);
      nextFrame();
      await waitFor(() => expect(backend.callsOf('ui_ready')).toHaveLength(1));
      // With when each start-up step was reached, in order (Unix ms).
      const { marks } = backend.callsOf('ui_ready')[0].args as { marks: Record<string, number> };
      const order = ['navigation', 'list-asked', 'list-received', 'list-rendered', 'first-frame'];
      const times = order.map((step) => marks[step]);
      expect(times.every((at) => typeof at === 'number' && at > 1.7e12)).toBe(true);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      // Its error is ignored.
      await settle();
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();

      // Other lists painting later do not report again.
      await user.click(screen.getByRole('button', { name: 'Organisationer' }));
      await screen.findByRole('heading', { level: 1, name: 'Organisationer' });
      await user.click(screen.getByRole('button', { name: 'Partnerskap' }));
      await screen.findByRole('heading', { level: 1, name: 'Partnerskap' });
      nextFrame();
      nextFrame();
      await settle();
      expect(backend.callsOf('ui_ready')).toHaveLength(1);
    } finally {
      raf.mockRestore();
      caf.mockRestore();
    }
  });

  it('leaves a person where they went while the demo data was loading', async () => {
    let finish: (answer: { partnerships: number }) => void = () => {};
    installBackend(items, {
      list_partnerships: listAnswer,
      load_demo_data: () => new Promise((resolve) => (finish = resolve)),
    });
    const user = await startApp();
    await user.click(screen.getByRole('button', { name: 'Meny' }));
    await user.click(screen.getByRole('menuitem', { name: 'Ladda exempeldata' }));
    await user.click(screen.getByRole('button', { name: 'Nytt partnerskap' }));
    const form = { level: 1, name: 'Nytt partnerskap' } as const;
    expect(await screen.findByRole('heading', form)).toBeInTheDocument();

    finish({ partnerships: 4 });
    expect(
      await screen.findByText('Exempeldata har lagts till: 4 partnerskap.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', form)).toBeInTheDocument();
  });
});
