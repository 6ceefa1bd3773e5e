import { expect, it } from 'vitest';
import { createTwilioGuard } from '../src/guard.js';
import { statusOf, twilioRequest } from './support/requests.js';

// A token resolver (or webhookUrl function) that threw used to end the check before the store
// was asked, so such requests were never counted and could be sent without limit.
it('counts requests whose token lookup throws, and refuses them past the limit', async () => {
  const guard = createTwilioGuard({
    authToken: () => {
      throw new Error('tenant database unreachable');
    },
    rateLimit: { max: 2 },
  });

  const verdicts = [];
  for (let i = 0; i < 3; i += 1) verdicts.push(await guard.check(twilioRequest()));

  expect(verdicts.map(statusOf)).toEqual([500, 500, 429]);
});
