import { it } from 'vitest';
import { withApp } from '../app.js';
import { expectAccepted, expectVerifiedOrConflict } from '../expectations.js';
import { fixtureNamed, webhookFixtures } from '../fixtures.js';
import type { StartServer } from '../harness.js';

/** Names a nesting parser rebuilds into objects or lists, with a name that repeats. */
const awkwardNames = {
  AccountSid: 'AC11111111111111111111111111111111',
  'Foo[]': ['one', 'two'],
  'Foo[bar]': 'baz',
  From: '+14155550100',
  MessageSid: 'SM99999999999999999999999999999999',
  'MessagingBinding.Address': ['+14155550150', '+13255550160'],
};

export function nameScenarios(start: StartServer): void {
  it('verifies repeated, dotted and bracketed names from the raw body', async () => {
    await withApp(start, {}, async (app) => {
      const response = await app.send(app.signedForm({ params: awkwardNames }));
      expectAccepted(app, response, awkwardNames);
    });
  });

  it("verifies repeated, dotted and bracketed names after a 'flat' parser ran", async () => {
    await withApp(start, { parser: 'flat' }, async (app) => {
      const response = await app.send(app.signedForm({ params: awkwardNames }));
      expectAccepted(app, response, awkwardNames);
    });
  });

  for (const fixture of webhookFixtures) {
    it(`verifies the ${fixture.name} form after a 'flat' parser ran`, async () => {
      await withApp(start, { parser: 'flat' }, async (app) => {
        const response = await app.send(app.signedForm({ params: fixture.params }));
        expectAccepted(app, response, fixture.params);
      });
    });
  }

  it("verifies bracketed names after a 'nested' parser ran, or says how to fix it", async () => {
    await withApp(start, { parser: 'nested' }, async (app) => {
      const response = await app.send(app.signedForm({ params: awkwardNames }));
      expectVerifiedOrConflict(app, response, awkwardNames);
    });
  });

  it("verifies a repeated name after a 'nested' parser ran, or says how to fix it", async () => {
    const { params } = fixtureNamed('conversations-repeated-key-array');
    await withApp(start, { parser: 'nested' }, async (app) => {
      const response = await app.send(app.signedForm({ params }));
      expectVerifiedOrConflict(app, response, params);
    });
  });
}
