import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach } from 'vitest';

export { sleep };

/** Creates a store for one test. May be async, e.g. to connect a client first. */
export type CreateStore<Store> = () => Store | Promise<Store>;

/** What every store conformance suite accepts. */
export interface StoreSuiteOptions<Store> {
  /**
   * Multiplies every TTL, window and wait of the time-based tests, for a store whose clock or
   * expiry is coarse or far away (a remote server, a database that expires keys once a second).
   * The suites never fake timers: a store such as Redis keeps its own clock.
   * @default 1
   */
  ttlScale?: number;
  /**
   * Builds a store whose backend cannot answer: a stopped server, a closed connection. When it
   * is given, the suites check that every operation rejects promptly instead of guessing, and
   * that a guard using the store answers `503 STORE_UNAVAILABLE`.
   */
  createUnavailableStore?: CreateStore<Store>;
  /**
   * Releases a store after each test.
   * @default calls the store's `close()` when it has one
   */
  disposeStore?: (store: Store) => void | Promise<void>;
}

const HOUR = 3_600_000;

/** A TTL or window far longer than any test, so nothing expires by accident. */
export const LONG_MS = HOUR;

/**
 * A window long enough that a test almost never straddles two fixed windows (about one run in
 * ten million), so counts within one test are counts of one window.
 */
export const LONG_WINDOW_MS = 24 * HOUR;

/**
 * A key no other test, run or process uses, so suites can share one server. Keys are opaque to
 * a store: they may hold `:` and any printable character.
 */
export function uniqueKey(label: string): string {
  return `conformance:${label}:${randomUUID()}`;
}

/**
 * Registers per-test setup and teardown in the surrounding `describe` and returns a getter for
 * the current test's store.
 */
export function useStore<Store>(
  createStore: CreateStore<Store>,
  disposeStore: StoreSuiteOptions<Store>['disposeStore'] = closeStore,
): () => Store {
  let current: Store | undefined;

  beforeEach(async () => {
    current = await createStore();
  });
  afterEach(async () => {
    const store = current;
    current = undefined;
    if (store !== undefined) await disposeStore(store);
  });

  return () => {
    if (current === undefined) throw new Error('the store is only available inside a test');
    return current;
  };
}

async function closeStore(store: unknown): Promise<void> {
  const close = (store as { close?: () => unknown } | undefined)?.close;
  if (typeof close === 'function') await close.call(store);
}

/** Resolves every promise and counts how many resolved to `true`. */
export async function countTrue(results: Promise<boolean>[]): Promise<number> {
  return (await Promise.all(results)).filter(Boolean).length;
}
