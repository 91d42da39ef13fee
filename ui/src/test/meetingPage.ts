// What the tests of a meeting's documents (PDF, calendar file, minutes
// e-mail) share: a partnership with one learning meeting, and the app
// started and opened on the partnership's or the meeting's page.

import { expect } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import { meeting, meetingDetail, membership, organisation, type Store } from './fakeBackend';

export type User = ReturnType<typeof userEvent.setup>;

/** The records beside `partnership()`: an organisation, its membership and learning meeting 1. */
export function oneMeetingStore(): Partial<Store> {
  return {
    organisations: [organisation()],
    memberships: [membership()],
    meetings: [meetingDetail(meeting({ id: 4, number: 1, date: '2027-03-16' }))],
  };
}

/** Starts the app and opens the partnership's page, as a person would. */
export async function openPartnership(): Promise<User> {
  const user = userEvent.setup();
  render(App);
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  await user.click(await screen.findByRole('button', { name: 'Benchlearning Norr' }));
  await screen.findByRole('heading', { level: 1, name: 'Benchlearning Norr' });
  return user;
}

/** Starts the app and opens learning meeting 1's page. */
export async function openMeeting(): Promise<User> {
  const user = await openPartnership();
  await user.click(await screen.findByRole('button', { name: /^Lärandeträff 1/ }));
  await screen.findByRole('heading', { level: 1, name: 'Lärandeträff 1' });
  return user;
}
