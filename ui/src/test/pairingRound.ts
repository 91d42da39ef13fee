// The model-municipality round the pairing tests share: its organisations, memberships and
// people as the fake backend stores them, the round as the core answers it, and the steps that
// start the app and open the round's pairings.
import { expect } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import { membership, organisation, pairing, partnership, person, type Store } from './fakeBackend';
import type { PairingStatus } from '../lib/bindings/PairingStatus';
import type { RoundPairings } from '../lib/bindings/RoundPairings';

export const ROUND = 'Modellkommun 2027';
export const rounds = [partnership({ id: 1, name: ROUND, kind: 'model_municipality_round' })];

export const organisations = [
  organisation({ id: 1, name: 'Umeå kommun', code: '2480' }),
  organisation({ id: 2, name: 'Vännäs kommun', code: '2460' }),
  organisation({ id: 3, name: 'Nordmalings kommun', code: '2401' }),
  organisation({ id: 4, name: 'Skellefteå kommun', code: '2482' }),
  organisation({ id: 5, name: 'Robertsfors kommun', code: '2409' }),
];

export function member(id: number, organisationId: number, role: 'participant' | 'mentor') {
  const o = organisations.find((x) => x.id === organisationId);
  return membership({
    id,
    partnershipId: 1,
    partnershipName: ROUND,
    organisationId,
    organisationName: o?.name ?? '',
    role,
  });
}

export function store(extra: Partial<Store> = {}): Partial<Store> {
  return {
    organisations: organisations.map((o) => ({ ...o })),
    people: [
      person({ id: 1, name: 'Anna Andersson', organisationId: 1, organisationName: 'Umeå kommun' }),
      person({ id: 2, name: 'Bo Berg', organisationId: 2, organisationName: 'Vännäs kommun' }),
      person({
        id: 3,
        name: 'Cecilia Ek',
        organisationId: 3,
        organisationName: 'Nordmalings kommun',
      }),
    ],
    memberships: [member(1, 1, 'mentor'), member(2, 2, 'participant'), member(3, 3, 'participant')],
    ...extra,
  };
}

export const VANNAS_UMEA = 'Vännäs kommun med stöd av Umeå kommun';
export const UMEA = { id: 1, name: 'Umeå kommun' };

/**
 * The round as the core answers it with the pairing of Vännäs and Umeå in `status`:
 * the participants' completion dates by organisation id, and Umeå's capacity.
 */
export function round(
  status: PairingStatus,
  completedOn: Record<number, string> = {},
  capacity = 3,
): RoundPairings {
  const active = status === 'active';
  return {
    pairings: [pairing({ partnershipName: ROUND, status })],
    mentors: [
      { organisationId: 1, name: 'Umeå kommun', capacity, activeParticipants: active ? 1 : 0 },
    ],
    participants: [
      {
        organisationId: 3,
        name: 'Nordmalings kommun',
        completedOn: completedOn[3] ?? null,
        mentor: null,
      },
      {
        organisationId: 2,
        name: 'Vännäs kommun',
        completedOn: completedOn[2] ?? null,
        mentor: active ? UMEA : null,
      },
    ],
  };
}

export async function startApp() {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return user;
}

export type User = Awaited<ReturnType<typeof startApp>>;

export async function openRound(user: User) {
  await user.click(await screen.findByRole('button', { name: ROUND }));
  return await screen.findByRole('region', { name: 'Mentorpar' });
}

export async function openNewPairing(user: User) {
  const section = await openRound(user);
  await user.click(within(section).getByRole('button', { name: 'Nytt mentorpar' }));
  const heading = await screen.findByRole('heading', { level: 1, name: 'Nytt mentorpar' });
  await waitFor(() => expect(heading).toHaveFocus());
  // The organisations are there to choose from.
  await within(screen.getByLabelText('Deltagare 1')).findByRole('option', {
    name: 'Vännäs kommun',
  });
}
