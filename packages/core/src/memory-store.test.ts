import { describe, expect, it, vi } from 'vitest';
import { MemoryStore } from './memory-store.js';
import type { RateLimitRule } from './store.js';
import { describeTwilioGuardStore } from './testing/index.js';

describeTwilioGuardStore('MemoryStore', () => new MemoryStore(), {
  createUnavailableStore: () => {
    const store = new MemoryStore();
    store.close();
    return store;
  },
});

/** A store on a clock the test moves by hand. */
function storeAt(start: number, options: { maxEntries?: number; logger?: object } = {}) {
  const clock = { now: start };
  const store = new MemoryStore({ ...options, now: () => clock.now });
  return { store, clock };
}

const sliding: RateLimitRule = { limit: 10, windowMs: 1_000, algorithm: 'sliding' };

describe('MemoryStore rate limiting on a controlled clock', () => {
  it('has no double burst at a window edge with the sliding algorithm', async () => {
    const { store, clock } = storeAt(10_900);
    for (let i = 0; i < 10; i += 1) await store.hitRateLimit('k', sliding);

    clock.now = 11_000;
    expect((await store.hitRateLimit('k', sliding)).allowed).toBe(false);

    // Half-way through the next window, half of the last window's count still weighs.
    clock.now = 11_500;
    const allowed = [];
    for (let i = 0; i < 10; i += 1) allowed.push((await store.hitRateLimit('k', sliding)).allowed);
    expect(allowed.filter(Boolean)).toHaveLength(5);
  });

  it('allows a second full burst at a window edge with the fixed algorithm', async () => {
    const fixed: RateLimitRule = { ...sliding, algorithm: 'fixed' };
    const { store, clock } = storeAt(10_900);
    for (let i = 0; i < 10; i += 1) await store.hitRateLimit('k', fixed);
    expect((await store.hitRateLimit('k', fixed)).allowed).toBe(false);

    clock.now = 11_000;
    expect(await store.hitRateLimit('k', fixed)).toMatchObject({ allowed: true, remaining: 9 });
  });

  it('does not count refused requests', async () => {
    const { store, clock } = storeAt(10_000);
    for (let i = 0; i < 40; i += 1) await store.hitRateLimit('k', sliding);

    // 10 * 0.4 = 4 used, so 5 remain; had the 30 refusals counted, 40 * 0.4 = 16 would refuse.
    clock.now = 11_600;
    expect(await store.hitRateLimit('k', sliding)).toMatchObject({ allowed: true, remaining: 5 });
  });

  it('forgets counts two windows later', async () => {
    const { store, clock } = storeAt(10_000);
    for (let i = 0; i < 10; i += 1) await store.hitRateLimit('k', sliding);

    clock.now = 12_000;
    expect(await store.hitRateLimit('k', sliding)).toMatchObject({ allowed: true, remaining: 9 });
  });
});

describe('MemoryStore nonces on a controlled clock', () => {
  it('holds a claim until exactly its TTL has passed', async () => {
    const { store, clock } = storeAt(1_000);
    expect(await store.claimNonce('n', 500)).toBe(true);

    clock.now = 1_499;
    expect(await store.claimNonce('n', 500)).toBe(false);
    clock.now = 1_500;
    expect(await store.claimNonce('n', 500)).toBe(true);
  });
});

describe('MemoryStore bounds and lifecycle', () => {
  it('drops the oldest entries first when full, and warns once per thousand drops', async () => {
    const warn = vi.fn();
    const { store } = storeAt(0, { maxEntries: 3, logger: { warn } });
    for (const key of ['a', 'b', 'c', 'd', 'e']) await store.claimNonce(key, 60_000);

    expect(store.size).toBe(3);
    expect(await store.claimNonce('a', 60_000)).toBe(true);
    expect(await store.claimNonce('e', 60_000)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatchObject({ maxEntries: 3 });
  });

  it('counts a re-written counter as new, so the busiest keys are kept', async () => {
    const { store } = storeAt(0, { maxEntries: 2 });
    await store.hitRateLimit('busy', sliding);
    await store.claimNonce('quiet', 60_000);
    await store.hitRateLimit('busy', sliding);
    await store.claimNonce('new', 60_000);

    expect(await store.hitRateLimit('busy', sliding)).toMatchObject({ remaining: 7 });
    expect(await store.claimNonce('quiet', 60_000)).toBe(true);
  });

  it('sweeps expired entries, and only those', async () => {
    const { store, clock } = storeAt(0);
    await store.claimNonce('short', 100);
    await store.claimNonce('long', 10_000);

    clock.now = 100;
    store.sweep();
    expect(store.size).toBe(1);
    expect(await store.claimNonce('long', 10_000)).toBe(false);
  });

  it('sweeps on an unref’d timer that close() stops', () => {
    vi.useFakeTimers();
    try {
      const store = new MemoryStore({ sweepIntervalMs: 1_000 });
      const sweep = vi.spyOn(store, 'sweep');
      vi.advanceTimersByTime(3_000);
      expect(sweep).toHaveBeenCalledTimes(3);

      store.close();
      vi.advanceTimersByTime(3_000);
      expect(sweep).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not keep the process alive', () => {
    const unref = vi.spyOn(globalThis, 'setInterval');
    try {
      const store = new MemoryStore();
      const timer = unref.mock.results[0]?.value as NodeJS.Timeout;
      expect(timer.hasRef()).toBe(false);
      store.close();
    } finally {
      unref.mockRestore();
    }
  });

  it('refuses to work once closed, rather than forget the nonces it saw', async () => {
    const store = new MemoryStore();
    await store.claimNonce('n', 60_000);
    store.close();

    await expect(store.claimNonce('n', 60_000)).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects maxEntries %s as CONFIG_ERROR', (maxEntries) => {
    expect(() => new MemoryStore({ maxEntries })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_ERROR',
        message: expect.stringContaining('maxEntries'),
      }),
    );
  });
});
