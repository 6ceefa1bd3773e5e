import { describe, expect, it } from 'vitest';
import { TwilioMessenger, type TwilioMessengerOptions } from './twilio-messenger.js';

type HttpClient = NonNullable<TwilioMessengerOptions['httpClient']>;

const ACCOUNT_SID = `AC${'a'.repeat(32)}`;

/** Stands in for the official client's HTTP layer: records each call, answers with `status`. */
function fakeHttp(status: number, body: unknown) {
  const calls: { method: string; uri: string; data: Record<string, string> }[] = [];
  const httpClient = {
    request: async (options: { method: string; uri: string; data: Record<string, string> }) => {
      calls.push({ method: options.method, uri: options.uri, data: options.data });
      return { statusCode: status, body, headers: {} };
    },
  } as unknown as HttpClient;
  return { calls, httpClient };
}

describe('TwilioMessenger', () => {
  it("posts the reply to the account's Messages resource and resolves its SID", async () => {
    const { calls, httpClient } = fakeHttp(201, { sid: 'SMsent', account_sid: ACCOUNT_SID });
    const messenger = new TwilioMessenger({ accountSid: ACCOUNT_SID, authToken: 't', httpClient });

    const sent = await messenger.send({
      to: 'whatsapp:+14155550100',
      from: 'whatsapp:+14155550123',
      body: 'Thanks!',
    });

    expect(sent).toEqual({ sid: 'SMsent' });
    expect(calls).toEqual([
      {
        method: 'post',
        uri: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
        data: { To: 'whatsapp:+14155550100', From: 'whatsapp:+14155550123', Body: 'Thanks!' },
      },
    ]);
  });

  it('rejects when Twilio refuses the message', async () => {
    const { httpClient } = fakeHttp(400, {
      code: 63007,
      message: 'Twilio could not find a Channel with the specified From address',
      status: 400,
    });
    const messenger = new TwilioMessenger({ accountSid: ACCOUNT_SID, authToken: 't', httpClient });

    await expect(
      messenger.send({ to: 'whatsapp:+14155550100', from: 'whatsapp:+1999', body: 'Hi' }),
    ).rejects.toThrow(/could not find a Channel/);
  });
});
