import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';
import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { computeTwilioSignature, verifyTwilioSignature } from './signature.js';
import type { SignatureAlgorithm, TwilioParams } from './types.js';

const RUNS = { numRuns: 300 };

// Text a handset can send, plus characters that mean something in form encoding.
const tricky = fc.constantFrom('', ' ', '+', '%', '%2B', "'", '&', '=', 'é', 'Zoë', '東京', '🙏🏽');
// Lone surrogates are valid JavaScript strings but not valid UTF-8; both sides must agree on them.
const surrogateBiased = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.integer({ min: 0, max: 0xffff }),
);
const codeUnits = fc.string({ unit: surrogateBiased.map((c) => String.fromCharCode(c)) });
const text = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 8 }), codeUnits);

const names = ['Body', 'body', 'BODY', 'From', 'To', 'MediaUrl0', 'a', 'ab'];
const ownPropertyNames = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty'];
const name = fc.oneof(fc.constantFrom(...names, ...ownPropertyNames), text);

type Shape = 'json' | 'defined' | 'null-prototype';
const paramEntries = fc.array(fc.tuple(name, fc.array(text, { minLength: 1, maxLength: 3 })), {
  maxLength: 8,
});
const params = fc
  .tuple(paramEntries, fc.constantFrom<Shape>('json', 'defined', 'null-prototype'))
  .map(([entries, shape]) => buildParams(entries, shape));

/** Params as own properties, whatever their names, built the ways parsers build them. */
function buildParams(entries: [string, string[]][], shape: Shape): TwilioParams {
  const merged = new Map<string, string[]>();
  for (const [key, values] of entries) merged.set(key, [...(merged.get(key) ?? []), ...values]);
  const fields = [...merged].map(([key, values]): [string, string | string[]] => [
    key,
    values.length === 1 ? (values[0] as string) : values,
  ]);

  if (shape === 'json') {
    const members = fields.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
    return JSON.parse(`{${members.join(',')}}`);
  }
  const target = shape === 'defined' ? {} : Object.create(null);
  for (const [key, value] of fields) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  }
  return target;
}

// Dot segments (`.`, `..`, `%2e`) are left out: there the guard is stricter than the reference on
// purpose (see dot-segments-verify-another-route.test.ts).
const segment = fc.oneof(
  fc.constantFrom('sms', 'voice', "it's", 'a+b', 'x y', 'café', 'caf%C3%A9', '東京', '%7Euser'),
  fc.webSegment().filter((text) => !/^(?:\.|%2e){1,2}$/i.test(text)),
);
const queryPart = fc.oneof(
  fc.constantFrom("q='x'", 'a+b=c+d', 'n=J%C3%BCrgen', 'p=%27', 'plus=%2B', 's=a%20b', 'flag'),
  fc.constantFrom('x=1', 'x=2', 'empty=', "it's=ok", '東=京', 'x=%zz'),
  fc.webQueryParameters(),
);
const url = fc
  .record({
    scheme: fc.constantFrom('http', 'https', 'HTTPS'),
    userInfo: fc.constantFrom('', '', '', 'user:p%40ss@'),
    host: fc.constantFrom('example.com', 'Hooks.Example.COM', '127.0.0.1', '[::1]', 'localhost'),
    port: fc.constantFrom('', '', ':80', ':443', ':8080', ':3000'),
    segments: fc.array(segment, { maxLength: 3 }),
    trailingSlash: fc.boolean(),
    query: fc.option(fc.array(queryPart, { maxLength: 4 })),
    fragment: fc.constantFrom('', '', '', '#top', '#a?b=1'),
  })
  .map((u) => {
    const path = `/${u.segments.join('/')}${u.trailingSlash && u.segments.length ? '/' : ''}`;
    const query = u.query === null ? '' : `?${u.query.join('&')}`;
    return `${u.scheme}://${u.userInfo}${u.host}${u.port}${path}${query}${u.fragment}`;
  });

const token = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }),
    text,
  )
  .filter(Boolean);
const algorithm = fc.constantFrom<SignatureAlgorithm>('HMAC_SHA1', 'HMAC_SHA256');

// Ways the URL Twilio signed and the URL a server sees can differ. Written here with regular
// expressions and the URL API, not with the code under test.
const AUTHORITY_PORT = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*?)(:\d*)?(?=[/?#]|$)/i;
const urlForms: Record<string, (u: string) => string> = {
  asIs: (u) => u,
  withoutPort: (u) => u.replace(AUTHORITY_PORT, '$1'),
  withDefaultPort: (u) =>
    u.replace(AUTHORITY_PORT, (whole, authority: string, port?: string) =>
      port ? whole : `${authority}:${/^https:/i.test(u) ? 443 : 80}`,
    ),
  normalized: (u) => new URL(u).href,
  legacyQuery: (u) => {
    const href = new URL(u).href;
    const [base = '', query] = href.split(/\?(.*)/s);
    return query ? `${base}?${stringifyQuery(parseQuery(query))}` : href;
  },
  slashToggled: (u) => u.replace(/^([^?#]*?)(\/?)(?=[?#]|$)/, (_, p, s) => (s ? p : `${p}/`)),
  otherScheme: (u) =>
    u.replace(/^https?:/i, (s) => (s.toLowerCase() === 'http:' ? 'https:' : 'http:')),
};
const formPair = fc.tuple(
  fc.constantFrom(...Object.keys(urlForms)),
  fc.constantFrom(...Object.keys(urlForms)),
);

const THROWS = Symbol('throws');
/** The oracle's verdict, or `THROWS` where it cannot judge the sample (an unparsable URL). */
function oracle(judge: () => boolean): boolean | typeof THROWS {
  try {
    return judge();
  } catch {
    return THROWS;
  }
}

function formOf(form: string, u: string): string | typeof THROWS {
  try {
    return (urlForms[form] as (u: string) => string)(u);
  } catch {
    return THROWS;
  }
}

describe('computeTwilioSignature agrees with twilio.getExpectedTwilioSignature', () => {
  it('for any URL text, params, token and algorithm', () => {
    const anyUrl = fc.oneof(
      url,
      fc.tuple(url, codeUnits).map(([u, tail]) => u + tail),
    );
    fc.assert(
      fc.property(token, anyUrl, params, algorithm, (key, u, p, alg) => {
        const expected = twilio.getExpectedTwilioSignature(key, u, p, alg);
        expect(computeTwilioSignature(key, u, p, alg)).toBe(expected);
      }),
      RUNS,
    );
  });
});

describe('verifyTwilioSignature agrees with twilio.validateRequest', () => {
  it('accepts every request signed over the URL it arrived at', () => {
    fc.assert(
      fc.property(token, url, params, algorithm, (key, u, p, alg) => {
        const signature = twilio.getExpectedTwilioSignature(key, u, p, alg);
        expect(twilio.validateRequest(key, signature, u, p, alg)).toBe(true);
        const input = { authToken: key, signature, url: u, params: p, algorithm: alg };
        expect(verifyTwilioSignature(input)).toBe(true);
      }),
      RUNS,
    );
  });

  it('for a URL signed in one form and received in another', () => {
    const tokens = fc.array(token, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        tokens,
        fc.nat(),
        url,
        params,
        algorithm,
        formPair,
        (keys, pick, u, p, alg, forms) => {
          const [signedForm, receivedForm] = forms;
          const signedUrl = formOf(signedForm, u);
          const receivedUrl = formOf(receivedForm, u);
          fc.pre(signedUrl !== THROWS && receivedUrl !== THROWS);

          const key = keys[pick % keys.length] as string;
          const signature = twilio.getExpectedTwilioSignature(key, signedUrl, p, alg);
          const expected = oracle(() =>
            keys.some((k) => twilio.validateRequest(k, signature, receivedUrl, p, alg)),
          );
          fc.pre(expected !== THROWS);

          const input = { authToken: keys, signature, url: receivedUrl, params: p, algorithm: alg };
          expect(verifyTwilioSignature(input)).toBe(expected);
        },
      ),
      RUNS,
    );
  });
});

type Mutation = 'value' | 'dropped' | 'url' | 'token' | 'signature';
const mutation = fc.constantFrom<Mutation>('value', 'dropped', 'url', 'token', 'signature');

/** A different base64 character at `index`, so the signature keeps its length. */
function changeCharacter(signature: string, index: number): string {
  const at = index % signature.length;
  const replacement = signature[at] === 'A' ? 'B' : 'A';
  return signature.slice(0, at) + replacement + signature.slice(at + 1);
}

function mutateParams(p: TwilioParams, kind: Mutation, pick: number, extra: string): TwilioParams {
  const copy: TwilioParams = JSON.parse(JSON.stringify(p));
  const keys = Object.keys(copy);
  const target = keys[pick % Math.max(keys.length, 1)];
  if (target === undefined) return copy;
  if (kind === 'dropped') delete copy[target];
  if (kind === 'value') copy[target] = `${String(copy[target])}${extra || '1'}`;
  return copy;
}

describe('verifyTwilioSignature agrees with twilio.validateRequest on altered requests', () => {
  it('for a changed value, dropped param, changed URL, token or signature', () => {
    fc.assert(
      fc.property(
        token,
        url,
        params,
        algorithm,
        mutation,
        fc.nat(),
        text,
        (key, u, p, alg, kind, pick, extra) => {
          const signature = twilio.getExpectedTwilioSignature(key, u, p, alg);
          const sent = {
            authToken: kind === 'token' ? `${key}x` : key,
            signature: kind === 'signature' ? changeCharacter(signature, pick) : signature,
            url: kind === 'url' ? `${u.split('#')[0]}${u.includes('?') ? '&' : '?'}z=1` : u,
            params: mutateParams(p, kind, pick, extra),
            algorithm: alg,
          };
          const expected = oracle(() =>
            twilio.validateRequest(sent.authToken, sent.signature, sent.url, sent.params, alg),
          );
          fc.pre(expected !== THROWS);

          expect(verifyTwilioSignature(sent)).toBe(expected);
          if (kind === 'token' || kind === 'signature' || kind === 'url')
            expect(expected).toBe(false);
        },
      ),
      RUNS,
    );
  });
});

type BodyMutation = 'none' | 'body' | 'hash' | 'token' | 'signature';
const bodyMutation = fc.constantFrom<BodyMutation>('none', 'body', 'hash', 'token', 'signature');
const jsonBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  text,
);

describe('verifyTwilioSignature agrees with twilio.validateRequestWithBody', () => {
  it('for JSON bodies signed through bodySHA256, altered or not', () => {
    fc.assert(
      fc.property(
        token,
        url,
        jsonBody,
        params,
        algorithm,
        bodyMutation,
        fc.nat(),
        formPair,
        (key, u, body, p, alg, kind, pick, forms) => {
          const [base = '', fragment = ''] = u.split(/(?=#)/);
          const signedBase = `${base}${base.includes('?') ? '&' : '?'}bodySHA256=`;
          const signedUrl = signedBase + twilio.getExpectedBodyHash(body) + fragment;
          const receivedUrl = formOf(forms[1], signedUrl);
          fc.pre(receivedUrl !== THROWS);

          const signature = twilio.getExpectedTwilioSignature(key, signedUrl, {}, alg);
          const sent = {
            authToken: kind === 'token' ? `${key}x` : key,
            signature: kind === 'signature' ? changeCharacter(signature, pick) : signature,
            url: kind === 'hash' ? receivedUrl.replace('bodySHA256=', 'bodySHA256=0') : receivedUrl,
            rawBody: kind === 'body' ? `${body} ` : body,
            algorithm: alg,
          };
          const expected = oracle(() =>
            twilio.validateRequestWithBody(
              sent.authToken,
              sent.signature,
              sent.url,
              sent.rawBody,
              alg,
            ),
          );
          fc.pre(expected !== THROWS);

          // Form params are not signed when the URL carries bodySHA256, whatever the caller passes.
          expect(verifyTwilioSignature({ ...sent, params: p })).toBe(expected);
          if (kind !== 'none') expect(expected).toBe(false);
        },
      ),
      RUNS,
    );
  });
});
