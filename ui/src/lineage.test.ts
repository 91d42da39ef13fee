import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import { installBackend } from './test/fakeBackend';
import { ROUND, rounds, startApp, store } from './test/pairingRound';
import type { Lineage } from './lib/bindings/Lineage';

describe('mentor lineage', () => {
  it('shows the lineage as lists and a diagram', async () => {
    const lineage: Lineage = {
      organisation: { id: 2, name: 'Vännäs kommun', title: 'model_municipality' },
      completedRounds: [{ partnershipId: 1, partnershipName: ROUND, completedOn: '2027-11-20' }],
      mentoredBy: [
        {
          pairingId: 1,
          partnershipId: 1,
          partnershipName: ROUND,
          since: '2027-01-15',
          status: 'completed',
          organisation: { id: 1, name: 'Umeå kommun', title: 'model_municipality' },
          next: [
            {
              pairingId: 7,
              partnershipId: 9,
              partnershipName: 'Modellkommun 2024',
              since: '2024-02-01',
              status: 'completed',
              organisation: { id: 4, name: 'Skellefteå kommun', title: null },
              next: [],
            },
          ],
        },
      ],
      mentored: [
        {
          pairingId: 3,
          partnershipId: 2,
          partnershipName: 'Modellkommun 2029',
          since: '2029-01-10',
          status: 'active',
          organisation: { id: 5, name: 'Robertsfors kommun', title: null },
          next: [],
        },
      ],
    };
    installBackend(rounds, {}, store({ lineages: { 2: lineage } }));
    const user = await startApp();
    await user.click(
      within(screen.getByRole('navigation')).getByRole('button', { name: 'Organisationer' }),
    );
    await user.click(await screen.findByRole('button', { name: 'Vännäs kommun' }));
    const mentorship = await screen.findByRole('region', { name: 'Mentorskap' });
    expect(await within(mentorship).findByText('Har titeln Modellkommun')).toBeInTheDocument();
    expect(within(mentorship).getByText(`Genomförde ${ROUND} 2027-11-20`)).toBeInTheDocument();
    await user.click(within(mentorship).getByRole('button', { name: 'Visa mentorslinje' }));

    const heading = await screen.findByRole('heading', {
      level: 1,
      name: 'Mentorslinje för Vännäs kommun',
    });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText('Har titeln Modellkommun')).toBeInTheDocument();
    const completed = screen.getByRole('region', { name: 'Genomförda omgångar' });
    expect(completed).toHaveTextContent(`${ROUND}, genomförd 2027-11-20`);

    const mentors = screen.getByRole('region', { name: 'Mentorer' });
    const [top] = within(mentors).getAllByRole('listitem');
    expect(top).toHaveTextContent(
      /^Umeå kommun var mentor i Modellkommun 2027 från 2027-01-15 \(Avslutat\)/,
    );
    const nested = within(top).getByRole('list');
    expect(within(nested).getByRole('listitem')).toHaveTextContent(
      'som i sin tur hade Skellefteå kommun som mentor i Modellkommun 2024 från 2024-02-01 (Avslutat)',
    );
    expect(within(nested).getByRole('button', { name: 'Skellefteå kommun' })).toBeInTheDocument();

    const mentored = screen.getByRole('region', { name: 'Har varit mentor för' });
    expect(within(mentored).getByRole('listitem')).toHaveTextContent(
      'Robertsfors kommun i Modellkommun 2029 från 2029-01-10 (Aktivt)',
    );

    const diagram = screen.getByRole('img', {
      name: 'Diagram över mentorslinjen. Samma innehåll finns i listorna ovan.',
    });
    expect(diagram.tagName.toLowerCase()).toBe('svg');
    expect(diagram.querySelectorAll('rect')).toHaveLength(4);
    expect(diagram.querySelectorAll('line')).toHaveLength(3);
    expect(diagram.querySelector('[style]')).toBeNull();

    await user.click(within(mentors).getByRole('button', { name: 'Umeå kommun' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Umeå kommun' }),
    ).toBeInTheDocument();
  });

  it('shows the empty lineage texts', async () => {
    installBackend(rounds, {}, store());
    const user = await startApp();
    await user.click(
      within(screen.getByRole('navigation')).getByRole('button', { name: 'Organisationer' }),
    );
    await user.click(await screen.findByRole('button', { name: 'Skellefteå kommun' }));
    await user.click(await screen.findByRole('button', { name: 'Visa mentorslinje' }));
    await screen.findByRole('heading', { level: 1, name: 'Mentorslinje för Skellefteå kommun' });
    expect(screen.getByText('Inga genomförda omgångar.')).toBeInTheDocument();
    expect(screen.getByText('Ingen mentor registrerad.')).toBeInTheDocument();
    expect(screen.getByText('Har inte varit mentor ännu.')).toBeInTheDocument();
  });
});
