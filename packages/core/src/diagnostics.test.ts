import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import {
  diagnoseSignature,
  type FailedVerification,
  MAX_VARIANTS,
  urlVariants,
} from './diagnostics.js';
import { createTwilioGuard } from './guard.js';
import { encodeForm } from './testing/sign.js';
import type { GuardRequest, Logger, TwilioParams } from './types.js';

// An inbound WhatsApp message, shaped as Twilio sends it (placeholder identifiers).
const params: TwilioParams = {
  AccountSid: 'AC11111111111111111111111111111111',
  Body: "Hi! I'd like to book 2 seats 🙏",
  From: 'whatsapp:+14155550100',
  MessageSid: 'SM22222222222222222222222222222222',
  ProfileName: "Zoë O'Neil 🌻",
  To: 'whatsapp:+14155550123',
  WaId: '14155550100',
};
const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';

interface LogLine {
  level: keyof Logger;
  details: Record<string, unknown>;
  message: string;
}

function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: keyof Logger) => (details: Record<string, unknown>, message: string) => {
    lines.push({ level, details, message });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function request(url: string, headers: GuardRequest['headers'] = {}): GuardRequest {
  return { method: 'POST', url, headers, ip: '203.0.113.7', body: { none: true } };
}

/** A form request to `receivedUrl` whose signature Twilio made over `signedUrl`. */
function failure(signedUrl: string, receivedUrl: string, token = TOKEN): FailedVerification {
  return {
    url: receivedUrl,
    signature: twilio.getExpectedTwilioSignature(token, signedUrl, params),
    keys: [TOKEN],
    algorithm: 'HMAC_SHA1',
    params,
    rawBody: undefined,
  };
}

function diagnose(
  signedUrl: string,
  received: GuardRequest,
  webhookUrl?: string,
  token = TOKEN,
): LogLine[] {
  const logger = recordingLogger();
  const usedUrl = webhookUrl ?? received.url;
  diagnoseSignature(received, { logger, webhookUrl }, failure(signedUrl, usedUrl, token));
  return logger.lines;
}

describe('diagnoseSignature', () => {
  it('names the scheme a TLS-terminating proxy reported in X-Forwarded-Proto', () => {
    const received = request('http://bot.example.com/whatsapp', {
      host: 'bot.example.com',
      'x-forwarded-proto': 'https',
    });
    const lines = diagnose('https://bot.example.com/whatsapp', received);
    expect(lines).toEqual([
      {
        level: 'warn',
        message: 'twilio-guard: the signature matches a different URL',
        details: {
          matchedUrl: 'https://bot.example.com/whatsapp',
          configuredUrl: 'http://bot.example.com/whatsapp',
          hint:
            'trust the proxy so X-Forwarded-Proto counts, ' +
            'or set webhookUrl to https://bot.example.com/whatsapp',
        },
      },
    ]);
  });

  it('finds a tunnel host in X-Forwarded-Host and drops the local port', () => {
    const received = request('http://localhost:3000/whatsapp', {
      host: 'localhost:3000',
      'x-forwarded-host': 'abc123.tunnel.example, localhost',
      'x-forwarded-proto': 'https',
    });
    const [line, ...rest] = diagnose('https://abc123.tunnel.example/whatsapp', received);
    expect(rest).toEqual([]);
    expect(line?.details.matchedUrl).toBe('https://abc123.tunnel.example/whatsapp');
    expect(line?.details.hint).toBe(
      'trust the proxy so X-Forwarded-Proto and X-Forwarded-Host count, ' +
        'or set webhookUrl to https://abc123.tunnel.example/whatsapp',
    );
  });

  it('finds the Host header when the adapter resolved another host', () => {
    const received = request('http://10.0.0.12:8080/sms', { host: 'sms.example.com' });
    const [line] = diagnose('http://sms.example.com/sms', received);
    expect(line?.level).toBe('warn');
    expect(line?.details.matchedUrl).toBe('http://sms.example.com/sms');
    expect(line?.details.hint).toBe('set webhookUrl to http://sms.example.com/sms');
  });

  it('finds a trailing slash the console URL has and the request lacks', () => {
    const [line] = diagnose('https://example.com/hook/', request('https://example.com/hook'));
    expect(line?.details.matchedUrl).toBe('https://example.com/hook/');
  });

  it('finds a default port Twilio signed behind a non-default one', () => {
    const [line] = diagnose(
      'https://example.com:443/hook',
      request('http://example.com:3000/hook'),
    );
    expect(line?.details.matchedUrl).toBe('https://example.com:443/hook');
  });

  it("falls back to the request's own URL when the configured webhookUrl is stale", () => {
    const received = request('https://new.example.com/hook?tenant=7');
    const lines = diagnose(received.url, received, 'https://old.example.com/hook?tenant=7');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.details).toEqual({
      matchedUrl: 'https://new.example.com/hook?tenant=7',
      configuredUrl: 'https://old.example.com/hook?tenant=7',
      hint:
        'webhookUrl is not the URL Twilio signed: ' +
        'set it to https://new.example.com/hook or remove it',
    });
  });

  it('suggests webhookUrl, not proxy trust, when webhookUrl is already configured', () => {
    const received = request('http://internal/hook', { 'x-forwarded-proto': 'https' });
    const [line] = diagnose('http://example.com/hook/', received, 'https://example.com/hook');
    expect(line?.details.hint).toBe('set webhookUrl to http://example.com/hook/');
  });

  it('logs one debug line and no warning when the token is wrong', () => {
    const received = request('http://bot.example.com/whatsapp', { 'x-forwarded-proto': 'https' });
    const lines = diagnose('https://bot.example.com/whatsapp', received, undefined, 'other-token');
    expect(lines.map((line) => line.level)).toEqual(['debug']);
    expect(lines[0]?.message).toContain('check that the auth token');
    expect(lines[0]?.details.variantsTried).toBeGreaterThan(0);
  });

  it('blames the body, not the URL, when the body does not hash to bodySHA256', () => {
    const body = '{"status":"delivered"}';
    const url = `https://example.com/events?bodySHA256=${twilio.getExpectedBodyHash(body)}`;
    const logger = recordingLogger();
    const failed = { ...failure(url, url), params: {}, rawBody: `${body}\n` };
    diagnoseSignature(request(url), { logger, webhookUrl: undefined }, failed);
    expect(logger.lines.map((line) => line.level)).toEqual(['debug']);
    expect(logger.lines[0]?.message).toContain('bodySHA256');
  });

  it('never logs the token, an expected signature or a whole phone number', () => {
    const query = '?From=whatsapp%3A%2B14155550100';
    const received = request(`http://bot.example.com/whatsapp${query}`, {
      'x-forwarded-proto': 'https',
    });
    const signedUrl = `https://bot.example.com/whatsapp${query}`;
    const logged = JSON.stringify([
      ...diagnose(signedUrl, received),
      ...diagnose(signedUrl, received, undefined, 'other-token'),
    ]);
    const expected = [signedUrl, received.url].map((url) =>
      twilio.getExpectedTwilioSignature(TOKEN, url, params),
    );

    expect(logged).toContain('%2B1415*****00');
    expect(logged).not.toContain('4155550100');
    expect(logged).not.toContain(TOKEN);
    for (const signature of expected) expect(logged).not.toContain(signature);
  });

  it('survives a logger that throws', () => {
    const logger: Logger = {
      ...recordingLogger(),
      warn: () => {
        throw new Error('logger down');
      },
    };
    const received = request('http://example.com/hook', { 'x-forwarded-proto': 'https' });
    const failed = failure('https://example.com/hook', received.url);
    expect(() =>
      diagnoseSignature(received, { logger, webhookUrl: undefined }, failed),
    ).not.toThrow();
  });
});

describe('urlVariants', () => {
  it('stays within the bound and never repeats a URL or the URL used', () => {
    const used = 'https://old.example.com:8443/hook/?x=1';
    const received = request('http://10.0.0.1/hook?x=1', {
      host: 'b.example.com',
      'x-forwarded-host': 'a.example.com',
    });
    const variants = urlVariants(used, received, true);
    const urls = variants.map((variant) => variant.url);
    expect(urls.length).toBe(MAX_VARIANTS);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).not.toContain(used);
    expect(urls[0]).toBe(received.url);
  });

  it('ignores a forwarded host that carries a path or user info', () => {
    const received = request('https://example.com/hook', {
      'x-forwarded-host': 'evil.example/other',
      host: 'user@evil.example',
    });
    const urls = urlVariants(received.url, received, false).map((variant) => variant.url);
    expect(urls.every((url) => url.includes('//example.com/'))).toBe(true);
  });
});

describe('diagnostics in the guard', () => {
  async function verdictFor(diagnostics: boolean) {
    const logger = recordingLogger();
    const guard = createTwilioGuard({
      authToken: TOKEN,
      diagnostics,
      logger,
      rateLimit: false,
      replay: false,
    });
    const signature = twilio.getExpectedTwilioSignature(
      TOKEN,
      'https://bot.example.com/wa',
      params,
    );
    const verdict = await guard.check({
      ...request('http://bot.example.com/wa', {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-proto': 'https',
        'x-twilio-signature': signature,
      }),
      body: { raw: encodeForm(params) },
    });
    await guard.close();
    return { verdict, lines: logger.lines };
  }

  it('warns with the matching URL and answers exactly as without diagnostics', async () => {
    const on = await verdictFor(true);
    const off = await verdictFor(false);

    expect(on.verdict).toEqual(off.verdict);
    expect(on.verdict.action === 'respond' && on.verdict.code).toBe('INVALID_SIGNATURE');
    expect(on.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    expect(on.lines.find((line) => line.level === 'warn')?.details.matchedUrl).toBe(
      'https://bot.example.com/wa',
    );
    expect(off.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });
});
