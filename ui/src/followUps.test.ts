import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/svelte';
import {
  action,
  installBackend,
  meeting,
  meetingDetail,
  membership,
  organisation,
  partnership,
} from './test/fakeBackend';
import { openMeeting } from './test/meetingPage';
import type { FollowUp } from './lib/bindings/FollowUp';

/** Learning meeting 1 following up `count` actions agreed at the startup meeting. */
function followUps(count: number): FollowUp[] {
  return Array.from({ length: count }, (_, i) => ({
    action: action({
      id: 100 + i,
      meetingId: 9,
      meetingKind: 'startup',
      meetingNumber: null,
      meetingDate: '2027-02-02',
      description: `Åtgärd ${i + 1}`,
      status: 'ongoing',
    }),
    statusBefore: 'ongoing',
    history: [],
    here: null,
  }));
}

function install(count: number) {
  return installBackend(
    [partnership()],
    {},
    {
      organisations: [organisation()],
      memberships: [membership()],
      meetings: [
        meetingDetail(meeting({ id: 4, number: 1, date: '2027-03-16' }), {
          followUps: followUps(count),
        }),
      ],
    },
  );
}

/** The follow-ups' section, found by its heading. */
function section(): HTMLElement {
  return document.getElementById('md-followups')?.closest('section') as HTMLElement;
}

/** The follow-ups shown, each a group named by its action (a fieldset; cheaper to count). */
function followUpGroups(): HTMLFieldSetElement[] {
  return Array.from(section().querySelectorAll('fieldset'));
}

function moreButton(): HTMLElement | null {
  return within(section()).queryByRole('button', { name: /^Visa fler uppföljningar/ });
}

describe('follow-ups at a meeting', () => {
  it('shows the first 20 of many, and the next ones on request, by keyboard', async () => {
    install(60);
    const user = await openMeeting();

    expect(section()).toHaveAccessibleName('Uppföljning av tidigare åtgärder');
    expect(followUpGroups()).toHaveLength(20);
    expect(screen.getByText('Visar 20 av 60 åtgärder att följa upp.')).toBeInTheDocument();
    const more = moreButton();
    expect(more).toHaveAccessibleName('Visa fler uppföljningar (40 åtgärder kvar)');

    // Keyboard: from the last shown follow-up's save button, Tab reaches the button.
    within(followUpGroups()[19]).getByRole('button', { name: 'Spara uppföljning' }).focus();
    await user.tab();
    expect(more).toHaveFocus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(followUpGroups()).toHaveLength(40));
    const first = followUpGroups()[20];
    expect(first).toHaveAccessibleName('Åtgärd 21');
    await waitFor(() => expect(first).toHaveFocus());
    // Announced in the polite live region, and said under the list.
    expect(
      await screen.findByText('Visar 40 av 60 åtgärder att följa upp.', {
        selector: '[role="status"]',
      }),
    ).toHaveAttribute('aria-live', 'polite');
    expect(within(section()).getByText('Visar 40 av 60 åtgärder att följa upp.')).toBeVisible();
    expect(within(first).getByLabelText('Status nu')).toHaveValue('ongoing');
    expect(within(first).getByLabelText('Uppföljning')).toHaveValue('');
    expect(moreButton()).toHaveAccessibleName('Visa fler uppföljningar (20 åtgärder kvar)');

    await user.click(moreButton() as HTMLElement);
    await waitFor(() => expect(followUpGroups()).toHaveLength(60));
    expect(followUpGroups()[40]).toHaveAccessibleName('Åtgärd 41');
    expect(followUpGroups()[40]).toHaveFocus();
    expect(moreButton()).toBeNull();
  }, 30_000);

  it('names the one follow-up left in the singular', async () => {
    install(21);
    await openMeeting();
    expect(followUpGroups()).toHaveLength(20);
    expect(moreButton()).toHaveAccessibleName('Visa fler uppföljningar (1 åtgärd kvar)');
  });

  it('shows a short list whole, without the button', async () => {
    install(20);
    await openMeeting();
    expect(followUpGroups()).toHaveLength(20);
    expect(moreButton()).toBeNull();
  });
});
