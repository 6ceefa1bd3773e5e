import { describe, expect, it } from 'vitest';
import { addPort, candidateUrls, removePort } from './url-candidates.js';

describe('candidateUrls', () => {
  it('puts the URL as received first', () => {
    for (const url of [
      'https://example.com/hook',
      'https://example.com:443/hook',
      'http://example.com:8080/hook?x=1',
      "https://Example.COM/it's?q='x'",
      'not a url',
    ]) {
      expect(candidateUrls(url)[0]).toBe(url);
    }
  });

  it('never repeats a candidate', () => {
    for (const url of [
      'https://example.com/hook',
      'https://example.com:443/hook?a=1&b=2',
      "http://[::1]:3000/it's/?q='x'&p=a+b",
      'https://user:p%40ss@Example.com/caf%C3%A9?n=%27',
    ]) {
      const candidates = candidateUrls(url);
      expect(new Set(candidates).size).toBe(candidates.length);
      // The bound matchTwilioSignature documents: six candidates per token.
      expect(candidates.length).toBeLessThanOrEqual(6);
    }
  });

  it('offers the URL with its port removed and with the default port added', () => {
    expect(candidateUrls('https://example.com/hook')).toEqual([
      'https://example.com/hook',
      'https://example.com:443/hook',
    ]);
    expect(candidateUrls('http://example.com:8080/hook')).toEqual(
      expect.arrayContaining(['http://example.com/hook', 'http://example.com:8080/hook']),
    );
  });

  it('offers the normalised URL and its legacy-querystring form', () => {
    // `new URL()` escapes ' in a query but not in a path; legacy querystring writes a space as
    // %20 and leaves ~ bare.
    const candidates = candidateUrls("https://example.com/it's?q='x'&p=a+b&t=%7e");
    expect(candidates).toContain("https://example.com/it's?q=%27x%27&p=a+b&t=%7e");
    expect(candidates).toContain("https://example.com/it's?q='x'&p=a%20b&t=~");
    expect(candidates).toContain("https://example.com:443/it's?q='x'&p=a%20b&t=~");
  });

  it('offers only the text itself for a string that is not a URL', () => {
    expect(candidateUrls('not a url')).toEqual(['not a url']);
  });
});

describe('removePort and addPort', () => {
  it('handle IPv6 literals, user info and upper-case schemes', () => {
    expect(removePort('http://[::1]:3000/a')).toBe('http://[::1]/a');
    expect(addPort('http://[::1]/a')).toBe('http://[::1]:80/a');
    expect(removePort('https://u:p@host:8443/a?b=:1')).toBe('https://u:p@host/a?b=:1');
    expect(addPort('HTTPS://host/a')).toBe('HTTPS://host:443/a');
  });

  it('leave a URL that has a port, or no scheme, as it is', () => {
    expect(addPort('https://host:8443/a')).toBe('https://host:8443/a');
    expect(addPort('host/a')).toBe('host/a');
    expect(removePort('host:80/a')).toBe('host:80/a');
  });
});
