import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { run } from '../src/run.js';
import { capturedIo } from './captured-io.js';
import { type OracleServer, type Responder, startOracleServer } from './oracle-server.js';

const token = 'send-test-token';
let server: OracleServer | undefined;

async function serve(respond?: Responder): Promise<OracleServer> {
  server = await startOracleServer(token, respond);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('send: form bodies, judged by the official twilio package', () => {
  it('sends a WhatsApp message from --body that twilio.validateRequest accepts', async () => {
    const { origin, received } = await serve();
    const io = capturedIo();
    const url = `${origin}/api/v1/whatsapp/webhook?tenant=pizza%20place`;

    const code = await run(['send', url, '--body', 'order 2 margherita', '--token', token], io);

    expect(code).toBe(0);
    expect(io.out()).toBe('HTTP 200 OK\naccepted\n');
    expect(received).toHaveLength(1);
    expect(received[0]?.valid).toBe(true);
    expect(received[0]?.params).toMatchObject({
      Body: 'order 2 margherita',
      From: 'whatsapp:+14155550100',
      To: 'whatsapp:+14155550123',
      NumMedia: '0',
    });
    expect(received[0]?.headers['user-agent']).toBe('TwilioProxy/1.1');
  });

  it('encodes characters Twilio escapes so the signature still verifies', async () => {
    const { origin, received } = await serve();
    const body = "Zoë O'Neil 🌻 (2*3) ~ a+b=c & 100% done!";
    const io = capturedIo({ TWILIO_AUTH_TOKEN: token });
    const code = await run(['send', `${origin}/hook`, '--body', body, '--to', '+15550001'], io);

    expect(code).toBe(0);
    expect(received[0]?.valid).toBe(true);
    expect(received[0]?.params).toMatchObject({ Body: body, To: 'whatsapp:+15550001' });
  });

  it('sends a repeated --param name as a repeated form field', async () => {
    const { origin, received } = await serve();
    const params = ['--param', 'To=+2', '--param', 'Body=', '--param', 'To=+1'];
    const code = await run(['send', `${origin}/hook`, '--token', token, ...params], capturedIo());

    expect(code).toBe(0);
    expect(received[0]?.body).toBe('To=%2B2&To=%2B1&Body=');
    expect(received[0]?.valid).toBe(true);
  });

  it('exits 1 and prints the answer when the server rejects the request', async () => {
    const { origin } = await serve();
    const io = capturedIo();
    const code = await run(['send', `${origin}/hook`, '--token', 'not-the-token'], io);

    expect(code).toBe(1);
    expect(io.out()).toBe('HTTP 403 Forbidden\nbad signature\n');
  });
});

describe('send: JSON bodies', () => {
  it('sends the file as is, signed through bodySHA256 as validateRequestWithBody expects', async () => {
    const { origin, received } = await serve();
    const dir = await mkdtemp(join(tmpdir(), 'twilio-guard-cli-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'event.json');
    const json = '{ "event": "delivered",\n  "to": "whatsapp:+14155550100" }\n';
    await writeFile(file, json);

    const code = await run(['send', `${origin}/events`, '--json', file, '-t', token], capturedIo());

    expect(code).toBe(0);
    expect(received[0]?.body).toBe(json);
    expect(received[0]?.url).toBe(
      `${origin}/events?bodySHA256=${twilio.getExpectedBodyHash(json)}`,
    );
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(received[0]?.valid).toBe(true);
  });
});

describe('send --replay', () => {
  it('succeeds on a refused or acknowledged replay, fails on a refused first copy', async () => {
    const send = async (statuses: number[]) => {
      const { origin, close } = await serve(() => statuses.shift() ?? 500);
      const code = await run(
        ['send', `${origin}/hook`, '--token', token, '--replay'],
        capturedIo(),
      );
      await close();
      server = undefined;
      return code;
    };

    expect(await send([200, 200])).toBe(0);
    expect(await send([403, 403])).toBe(1);
    expect(await send([200, 500])).toBe(1);
  });

  it('sends the identical request twice and prints both answers', async () => {
    const seen = new Set<string>();
    const { origin, received } = await serve((request) => {
      const signature = String(request.headers['x-twilio-signature']);
      if (seen.has(signature)) return 409;
      seen.add(signature);
      return 200;
    });
    const io = capturedIo();

    const code = await run(['send', `${origin}/hook`, '--token', token, '--replay'], io);

    expect(code).toBe(0);
    expect(io.out()).toBe('first:  HTTP 200 OK\naccepted\nreplay: HTTP 409 Conflict\naccepted\n');
    const [first, replay] = received;
    expect(replay?.body).toBe(first?.body);
    expect(replay?.headers['x-twilio-signature']).toBe(first?.headers['x-twilio-signature']);
    expect(replay?.headers['i-twilio-idempotency-token']).toBe(
      first?.headers['i-twilio-idempotency-token'],
    );
  });
});

describe('send --count', () => {
  it('sends distinct, valid messages and prints a status histogram', async () => {
    const { origin, received } = await serve();
    const io = capturedIo();
    const args = ['--token', token, '--count', '12', '--concurrency', '4'];

    const code = await run(['send', `${origin}/hook`, ...args], io);

    expect(code).toBe(0);
    expect(received).toHaveLength(12);
    expect(received.every((request) => request.valid)).toBe(true);
    expect(new Set(received.map((request) => request.params.MessageSid)).size).toBe(12);
    expect(io.out()).toMatch(/^12 requests in \d+\.\d\d s \(\d+\/s\)\n {2}200 +12\n$/);
  });

  it('counts each status and exits 1 when any answer is not 2xx', async () => {
    const { origin } = await serve((_request, index) => (index < 5 ? 200 : 429));
    const io = capturedIo();
    const code = await run(['send', `${origin}/hook`, '-t', token, '--count', '8'], io);

    expect(code).toBe(1);
    expect(io.out()).toMatch(/\n {2}200 +5\n {2}429 +3\n$/);
  });
});

describe('send: network failures', () => {
  it('exits 3 and names the URL when nothing listens there', async () => {
    const { origin } = await serve();
    await server?.close();
    server = undefined;
    const io = capturedIo();

    const code = await run(['send', `${origin}/hook`, '--token', token], io);

    expect(code).toBe(3);
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(new RegExp(`^twilio-guard send: could not reach ${origin}/hook: .+`));
  });
});
