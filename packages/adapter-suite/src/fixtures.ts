import type { TwilioParams } from '@twilio-guard/core';
import data from '../../../fixtures/twilio-webhooks.json' with { type: 'json' };

export interface WebhookFixture {
  name: string;
  params: TwilioParams;
}

/** Parameter sets shaped like real Twilio webhooks, one per kind the suite posts. */
export const webhookFixtures: readonly WebhookFixture[] = Object.entries(data.webhooks).map(
  ([name, fixture]) => ({ name, params: fixture.params as TwilioParams }),
);

/** The fixture in which one name repeats, as Conversations sends address lists. */
export function fixtureNamed(name: string): WebhookFixture {
  const fixture = webhookFixtures.find((candidate) => candidate.name === name);
  if (!fixture) throw new Error(`No webhook fixture named ${name}.`);
  return fixture;
}
