import { describe, expect, it } from 'vitest';
import { rawQuery, resolvePublicUrl } from './public-url.js';
import type { GuardRequest } from './types.js';

function request(url: string, headers: GuardRequest['headers'] = {}): GuardRequest {
  return { method: 'POST', url, headers, ip: '203.0.113.7', body: { none: true } };
}

describe('resolvePublicUrl', () => {
  it("uses the adapter's URL unchanged when no webhookUrl is configured", () => {
    const url = "http://internal:3000/hook/?q='x'&a+b=%2B";
    expect(resolvePublicUrl(request(url))).toBe(url);
  });

  it('drops the fragment Twilio uses for connection overrides', () => {
    const configured = 'https://example.com/hook#rc=5&rp=all&ct=1000';
    expect(resolvePublicUrl(request('http://internal/hook'), configured)).toBe(
      'https://example.com/hook',
    );
  });

  it("appends the request's raw query when the configured URL has none", () => {
    const received = "http://internal/hook?MessageSid=SM1&note=it's+ok#ignored";
    expect(resolvePublicUrl(request(received), 'https://example.com/hook#rc=5')).toBe(
      "https://example.com/hook?MessageSid=SM1&note=it's+ok",
    );
  });

  it('keeps the configured query and ignores the one received', () => {
    const configured = 'https://example.com/hook?tenant=a';
    expect(resolvePublicUrl(request('http://internal/hook?tenant=b'), configured)).toBe(configured);
  });

  it('adds nothing when neither URL has a query', () => {
    expect(resolvePublicUrl(request('http://internal/hook'), 'https://example.com/hook')).toBe(
      'https://example.com/hook',
    );
  });

  it('calls the function form with the request', () => {
    const seen: GuardRequest[] = [];
    const incoming = request('http://internal/t/acme/hook?x=1', { host: 'acme.example.com' });
    const resolved = resolvePublicUrl(incoming, (req) => {
      seen.push(req);
      return `https://${String(req.headers.host)}/hook#ct=500`;
    });
    expect(resolved).toBe('https://acme.example.com/hook?x=1');
    expect(seen).toEqual([incoming]);
  });
});

describe('rawQuery', () => {
  it('returns the query exactly as written', () => {
    expect(rawQuery("https://x/a?q='x'&b=%2B+c")).toBe("q='x'&b=%2B+c");
    expect(rawQuery('https://x/a?')).toBe('');
    expect(rawQuery('https://x/a')).toBe('');
  });

  it('finds no query in a question mark that sits inside the fragment', () => {
    expect(rawQuery('https://x/a#frag?bodySHA256=abc')).toBe('');
    expect(rawQuery('https://x/a?x=1#frag?y=2')).toBe('x=1');
  });
});
