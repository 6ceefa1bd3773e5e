import { describe, expect, it } from 'vitest';
import { joinUrl, splitUrl, urlVariants } from './url-variants.js';

describe('splitUrl', () => {
  it('round-trips URLs without normalising them', () => {
    for (const url of [
      'https://example.com/hook',
      'HTTP://user:pw@Example.com:8080/a%7e/?q=1&q=2',
      'http://[::1]:3000/hook?x',
      'https://example.com',
    ]) {
      const parts = splitUrl(url);
      expect(parts && joinUrl(parts)).toBe(url);
    }
  });

  it('finds the port of an IPv6 literal after its closing bracket', () => {
    expect(splitUrl('http://[::1]:3000/x')).toMatchObject({ host: '[::1]', port: '3000' });
    expect(splitUrl('http://[::1]/x')).toMatchObject({ host: '[::1]', port: undefined });
  });
});

describe('urlVariants', () => {
  it('lists single changes before combinations and never the URL itself', () => {
    const url = 'http://example.com:3000/hook?debug=1';
    const variants = urlVariants(url);
    const counts = variants.map((variant) => variant.changes.length);

    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(variants.map((variant) => variant.url)).not.toContain(url);
    const singleChanges = variants.filter((variant) => variant.changes.length === 1);
    expect(singleChanges.map((variant) => variant.url)).toEqual(
      expect.arrayContaining([
        'https://example.com:3000/hook?debug=1',
        'http://example.com:8443/hook?debug=1',
        'http://example.com:3000/hook/?debug=1',
        'http://example.com:3000/hook',
      ]),
    );
  });

  it('keeps the named parameter when it drops the query', () => {
    const variants = urlVariants('https://example.com/hook?tenant=7&bodySHA256=ab', 'bodySHA256');
    const dropped = variants.find((v) => v.changes.some((c) => c.kind === 'query-dropped'));
    expect(dropped?.url).toBe('https://example.com/hook?bodySHA256=ab');
    expect(dropped?.changes).toEqual([{ kind: 'query-dropped', query: 'tenant=7' }]);
  });

  it('records the direction of each change', () => {
    const byUrl = (url: string, target: string) =>
      urlVariants(url).find((variant) => variant.url === target)?.changes;

    expect(byUrl('http://example.com/hook', 'https://example.com/hook')).toEqual([
      { kind: 'scheme', from: 'http', to: 'https' },
    ]);
    expect(byUrl('https://example.com/hook/', 'https://example.com/hook')).toEqual([
      { kind: 'trailing-slash', added: false },
    ]);
    expect(byUrl('https://example.com:3000/hook', 'https://example.com:8443/hook/')).toEqual([
      { kind: 'port', from: '3000', to: '8443' },
      { kind: 'trailing-slash', added: true },
    ]);
  });
});
