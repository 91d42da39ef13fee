// Words on the pages: goals with their expected effects.
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/svelte';
import { installBackend, partnership } from './test/fakeBackend';
import { oneMeetingStore, openPartnership } from './test/meetingPage';

/** What a sighted reader sees of an element: its text without the visually hidden parts. */
function visibleText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('words on the partnership page', () => {
  it('shows a goal and its expected effect with a space on both sides of the arrow', async () => {
    installBackend(
      [partnership()],
      {},
      {
        ...oneMeetingStore(),
        goals: {
          1: [
            { goal: 'Jämställdhet är integrerad.', expectedEffect: 'Jämställd service.' },
            { goal: 'Fler träffar.', expectedEffect: '' },
          ],
        },
      },
    );
    await openPartnership();
    // The charter's list (the indicators section names the goal too).
    const item = screen
      .getAllByText(/Jämställdhet är integrerad\./)
      .map((e) => e.closest('li'))
      .find((li) => li?.textContent?.includes('→')) as HTMLElement;
    expect(visibleText(item)).toBe('Jämställdhet är integrerad. → Jämställd service.');
    // A screen reader hears words, not the arrow.
    expect(item).toHaveTextContent(
      'Jämställdhet är integrerad. → förväntad effekt: Jämställd service.',
    );
    const alone = screen
      .getAllByText(/Fler träffar\./)
      .map((e) => e.closest('li'))
      .find((li) => li !== null) as HTMLElement;
    expect(visibleText(alone)).toBe('Fler träffar.');
  });
});
