import { afterEach, describe, expect, it, vi } from 'vitest';
import { Autosaver } from './autosave.svelte';

afterEach(() => {
  vi.useRealTimers();
});

describe('Autosaver', () => {
  it('debounces, never overlaps saves and sends the latest state afterwards', async () => {
    vi.useFakeTimers();
    let value = 'a';
    const sent: string[] = [];
    let release: () => void = () => {};
    const saver = new Autosaver(
      () => value,
      (v) => {
        sent.push(v);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      700,
    );

    saver.changed();
    value = 'ab';
    saver.changed();
    await vi.advanceTimersByTimeAsync(699);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['ab']);
    expect(saver.busy).toBe(true);

    // Changes while the save is in flight wait for it.
    value = 'abc';
    saver.changed();
    void saver.flush();
    value = 'abcd';
    saver.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['ab']);

    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['ab', 'abcd']);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['ab', 'abcd']);
    expect(saver.busy).toBe(false);
    expect(saver.error).toBeNull();
  });

  it('keeps the error of a failed save until the next one succeeds', async () => {
    let fail = true;
    const saver = new Autosaver(
      () => 1,
      async () => {
        if (fail) throw { code: 'invalid_time', field: 'startTime', message: 'x' };
      },
    );
    saver.changed();
    await saver.flush();
    expect(saver.error).toMatchObject({ code: 'invalid_time', field: 'startTime' });
    fail = false;
    saver.changed();
    await saver.flush();
    expect(saver.error).toBeNull();
    saver.dispose();
  });

  it('settles once the save in flight and the changes made meanwhile are saved', async () => {
    let value = 'a';
    const sent: string[] = [];
    const releases: (() => void)[] = [];
    const saver = new Autosaver(
      () => value,
      (v) => {
        sent.push(v);
        return new Promise<void>((resolve) => releases.push(resolve));
      },
    );
    saver.changed();
    void saver.flush();
    expect(sent).toEqual(['a']);
    value = 'ab';
    saver.changed();

    let settled = false;
    void saver.settle().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    releases[0]();
    await vi.waitFor(() => expect(sent).toEqual(['a', 'ab']));
    expect(settled).toBe(false);
    releases[1]();
    await vi.waitFor(() => expect(settled).toBe(true));
    expect(saver.busy).toBe(false);
    saver.dispose();
  });

  it('settles at once when nothing is unsaved, and after a failed save', async () => {
    const saver = new Autosaver(
      () => 1,
      async () => {
        throw { code: 'storage', field: null, message: 'x' };
      },
    );
    await saver.settle();
    saver.changed();
    await saver.settle();
    expect(saver.busy).toBe(false);
    expect(saver.error).toMatchObject({ code: 'storage' });
    saver.dispose();
  });
});
