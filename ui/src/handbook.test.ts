// The library of good examples (Meny → Goda exempel): every partnership's examples with
// where they were told, the filters as labelled fields, the count announced politely, a
// link to each example's meeting, an error at the field the core names, the cap's total,
// and the handbook (exempelsamling) saved as a PDF for the filters chosen.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from './App.svelte';
import {
  installBackend,
  meeting,
  meetingDetail,
  organisation,
  partnership,
  type FakeBackend,
} from './test/fakeBackend';
import type { GoodExampleFilter } from './lib/bindings/GoodExampleFilter';

const vannas = organisation({ id: 1, name: 'Vännäs kommun' });
const umea = organisation({ id: 2, name: 'Umeå kommun' });

function store() {
  const example = (title: string, organisationId: number | null, tags: string[]) => ({
    title,
    description: `${title}: så gjorde vi.`,
    organisationId,
    tags,
  });
  return {
    organisations: [vannas, umea],
    meetings: [
      meetingDetail(meeting({ id: 4, partnershipId: 1, number: 1, date: '2027-01-10' }), {
        goodExamples: [example('Öppen förskola', 1, ['Skola', 'Digitalisering'])],
      }),
      meetingDetail(meeting({ id: 5, partnershipId: 1, number: 2, date: '2027-03-15' }), {
        goodExamples: [example('Lotsfunktion', 2, ['Arbetsmarknad'])],
      }),
      meetingDetail(meeting({ id: 6, partnershipId: 2, number: 1, date: '2027-03-31' }), {
        goodExamples: [example('Digital träffpunkt', null, ['digitalisering'])],
      }),
    ],
  };
}

function install(): FakeBackend {
  return installBackend(
    [partnership({ id: 1, name: 'Dropin' }), partnership({ id: 2, name: 'Modellkommuner' })],
    {},
    store(),
  );
}

async function openLibrary(): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  await user.click(screen.getByRole('button', { name: 'Meny' }));
  await user.click(screen.getByRole('menuitem', { name: 'Goda exempel' }));
  await screen.findByRole('heading', { level: 1, name: 'Goda exempel' });
  return user;
}

const titles = () =>
  within(screen.getByRole('list', { name: 'Goda exempel i urvalet' }))
    .getAllByRole('heading', { level: 2 })
    .map((h) => h.textContent?.trim());

/** The line announcing how many examples matched (a polite status). */
const status = () => screen.getByText(/^\d+ (goda|gott) exempel/, { selector: '[role=status]' });

function lastFilter(backend: FakeBackend): GoodExampleFilter | undefined {
  return backend.callsOf('list_good_examples').at(-1)?.args?.input as GoodExampleFilter;
}

const JOURNEY = { timeout: 20_000 };

describe('the library of good examples', () => {
  it('lists every partnership’s examples with where they were told', JOURNEY, async () => {
    const backend = install();
    const user = await openLibrary();
    await waitFor(() =>
      expect(titles()).toEqual(['Digital träffpunkt', 'Lotsfunktion', 'Öppen förskola']),
    );
    expect(status()).toHaveTextContent('3 goda exempel');
    expect(status()).toHaveAttribute('aria-live', 'polite');
    const item = screen.getByRole('heading', { level: 2, name: 'Öppen förskola' }).closest('li');
    const facts = within(item as HTMLElement);
    expect(facts.getByText('Vännäs kommun')).toBeInTheDocument();
    expect(facts.getByText('Dropin')).toBeInTheDocument();
    expect(facts.getByText('Skola, Digitalisering')).toBeInTheDocument();
    expect(facts.getByText('Öppen förskola: så gjorde vi.')).toBeInTheDocument();
    const none = screen.getByRole('heading', { level: 2, name: 'Digital träffpunkt' });
    expect(
      within(none.closest('li') as HTMLElement).getByText('Ingen organisation angiven'),
    ).toBeInTheDocument();

    await user.click(facts.getByRole('button', { name: /^Lärandeträff 1.*2027-01-10$/ }));
    await waitFor(() =>
      expect(backend.callsOf('get_meeting').at(-1)?.args?.input).toEqual({ id: 4 }),
    );
  });

  it('filters by tag, organisation, partnership, period and search', JOURNEY, async () => {
    const backend = install();
    const user = await openLibrary();
    await waitFor(() => expect(titles()).toHaveLength(3));

    const tag = screen.getByLabelText('Tagg');
    expect(
      within(tag)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Alla taggar', 'Arbetsmarknad', 'Digitalisering', 'Skola']);
    await user.selectOptions(tag, 'Digitalisering');
    await waitFor(() => expect(titles()).toEqual(['Digital träffpunkt', 'Öppen förskola']));
    expect(status()).toHaveTextContent('2 goda exempel');
    expect(lastFilter(backend)).toMatchObject({ tag: 'Digitalisering' });

    await user.selectOptions(screen.getByLabelText('Partnerskap'), 'Dropin');
    await waitFor(() => expect(titles()).toEqual(['Öppen förskola']));
    expect(status()).toHaveTextContent('1 gott exempel');
    expect(lastFilter(backend)).toMatchObject({ tag: 'Digitalisering', partnershipId: 1 }); // Dropin;

    await user.selectOptions(screen.getByLabelText('Tagg'), 'Alla taggar');
    await user.selectOptions(screen.getByLabelText('Organisation'), 'Umeå kommun');
    await waitFor(() => expect(titles()).toEqual(['Lotsfunktion']));
    expect(lastFilter(backend)).toMatchObject({ tag: null, organisationId: umea.id });

    await user.selectOptions(screen.getByLabelText('Organisation'), 'Alla organisationer');
    await user.selectOptions(screen.getByLabelText('Partnerskap'), 'Alla partnerskap');
    await user.type(screen.getByLabelText(/^Från och med/), '2027-03-15');
    await user.type(screen.getByLabelText(/^Till och med/), '2027-03-30');
    await waitFor(() => expect(titles()).toEqual(['Lotsfunktion']));
    await waitFor(() =>
      expect(lastFilter(backend)).toMatchObject({ from: '2027-03-15', to: '2027-03-30' }),
    );

    await user.clear(screen.getByLabelText(/^Från och med/));
    await user.clear(screen.getByLabelText(/^Till och med/));
    await user.type(screen.getByLabelText('Sök i titel, beskrivning och taggar'), 'FÖRSKOLA');
    await waitFor(() => expect(titles()).toEqual(['Öppen förskola']));
    expect(lastFilter(backend)).toEqual({
      tag: null,
      organisationId: null,
      partnershipId: null,
      from: null,
      to: null,
      search: 'FÖRSKOLA',
    });

    await user.type(screen.getByLabelText('Sök i titel, beskrivning och taggar'), ' finns inte');
    expect(await screen.findByText('Inga goda exempel motsvarar urvalet.')).toBeInTheDocument();
    expect(status()).toHaveTextContent('0 goda exempel');
  });

  it('shows the error the core gives at its field', JOURNEY, async () => {
    const backend = install();
    const user = await openLibrary();
    await waitFor(() => expect(titles()).toHaveLength(3));
    backend.failNext('list_good_examples', 'end_before_start', 'to');
    await user.type(screen.getByLabelText(/^Till och med/), '2020-01-01');
    const to = screen.getByLabelText(/^Till och med/);
    await waitFor(() =>
      expect(to).toHaveAccessibleDescription(
        expect.stringContaining('Till och med-datumet kan inte vara före från och med-datumet.'),
      ),
    );
    expect(screen.queryByRole('list', { name: 'Goda exempel i urvalet' })).not.toBeInTheDocument();
  });

  it('says how many matched when the core sends only the newest', JOURNEY, async () => {
    const base = install();
    const few = base.meetings.slice(0, 1);
    installBackend([partnership({ id: 1, name: 'Dropin' })], {
      list_good_examples: () => ({
        examples: few[0].goodExamples.map((g) => ({
          ...g,
          organisationName: 'Vännäs kommun',
          partnershipId: 1,
          partnershipName: 'Dropin',
          meetingId: 4,
          meetingKind: 'learning',
          meetingNumber: 1,
          meetingTitle: '',
          meetingDate: '2027-01-10',
        })),
        total: 250,
        tags: [],
        organisations: { ids: [], names: [] },
        partnerships: { ids: [], names: [] },
      }),
    });
    await openLibrary();
    await waitFor(() =>
      expect(status()).toHaveTextContent(
        '250 goda exempel. Visar de 1 senaste. Begränsa urvalet för att se övriga.',
      ),
    );
  });

  it('saves the handbook of the filters chosen', JOURNEY, async () => {
    const backend = install();
    const user = await openLibrary();
    await waitFor(() => expect(titles()).toHaveLength(3));
    await user.selectOptions(screen.getByLabelText('Tagg'), 'Skola');
    await user.type(screen.getByLabelText(/^Från och med/), '2027-01-01');
    await waitFor(() => expect(titles()).toEqual(['Öppen förskola']));
    await user.click(screen.getByRole('button', { name: 'Spara exempelsamling (PDF)' }));
    await waitFor(() => expect(backend.pdfRequests).toHaveLength(1));
    expect(backend.pdfRequests[0].document).toEqual({
      document: 'handbook',
      filter: {
        tag: 'Skola',
        organisationId: null,
        partnershipId: null,
        from: '2027-01-01',
        to: null,
        search: '',
      },
    });

    backend.failNext('export_pdf', 'invalid_date', 'from');
    await user.click(screen.getByRole('button', { name: 'Spara exempelsamling (PDF)' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Från och med/)).toHaveAccessibleDescription(
        expect.stringContaining('ÅÅÅÅ-MM-DD'),
      ),
    );
    expect(screen.getByLabelText(/^Från och med/)).toHaveAttribute('aria-invalid', 'true');
  });
});
