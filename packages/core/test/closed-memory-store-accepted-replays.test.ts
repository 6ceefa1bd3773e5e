import { expect, it } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import { MemoryStore } from '../src/memory-store.js';
import { TOKEN, twilioRequest } from './support/requests.js';

// close() empties the MemoryStore. A guard still holding it used to carry on with an empty
// store, so a delivery seen before the close was accepted again. It now fails closed.
it('answers 503 after the store is closed instead of accepting a replay', async () => {
  const store = new MemoryStore();
  const guard = createTwilioGuard({ authToken: TOKEN, store });
  const request = twilioRequest();

  expect((await guard.check(request)).action).toBe('continue');
  store.close();

  expect(await guard.check(request)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
});
