import { expect, it } from 'vitest';
import type { Page } from './bindings/Page';
import { ListLoader } from './listLoader.svelte';

interface Call {
  query: string;
  after: number | null;
  answer: (page: Page<number, number>) => void;
}

it('a page of a list that was replaced meanwhile does not let the new list fetch a page twice', async () => {
  const calls: Call[] = [];
  let query = 'anna';
  const loader = new ListLoader<string, number, number>({
    query: () => query,
    fetch: (asked, after) => new Promise((answer) => calls.push({ query: asked, after, answer })),
  });
  const page = (rows: number[], next: number | null) => ({ rows, total: 6, next });

  const firstList = loader.load();
  calls[0]!.answer(page([1, 2], 2));
  await firstList;
  const oldMore = loader.need(4); // asks for the page after 2 …
  query = 'berg'; // … while the user types a new search
  const secondList = loader.load();
  calls[2]!.answer(page([10, 11], 11));
  await secondList;
  const newMore = loader.need(4); // the new list's second page
  calls[1]!.answer(page([3, 4], 4)); // the old page arrives late
  await oldMore;
  const rest = loader.need(6); // still waiting for the same second page
  expect(calls).toHaveLength(4);
  calls[3]!.answer(page([12, 13], 13));
  await newMore;
  await Promise.resolve();
  expect(calls[4]?.after).toBe(13);
  calls[4]!.answer(page([14, 15], null));
  await rest;
  expect(loader.items).toEqual([10, 11, 12, 13, 14, 15]);
  expect(calls.map((c) => c.query)).toEqual(['anna', 'anna', 'berg', 'berg', 'berg']);
});
