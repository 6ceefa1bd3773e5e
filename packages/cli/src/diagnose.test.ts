import { computeTwilioSignature } from '@twilio-guard/core';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose.js';

const token = 'diagnose-token';
const params = {
  AccountSid: `AC${'1'.repeat(32)}`,
  Body: 'order 2 margherita',
  From: 'whatsapp:+14155550100',
  To: 'whatsapp:+14155550123',
};

/** What Twilio sends for `signedUrl`, checked against the URL the app saw. */
function diagnoseSeen(signedUrl: string, seenUrl: string, seenParams = params) {
  const signature = twilio.getExpectedTwilioSignature(token, signedUrl, params);
  return diagnose({ url: seenUrl, token, signature, params: seenParams });
}

describe('diagnose: official candidates', () => {
  it('verifies the URL exactly as received', () => {
    const url = 'https://example.com/sms?tenant=7';
    expect(diagnoseSeen(url, url)).toMatchObject({
      finding: { kind: 'verified', url, variant: 'exactly as received' },
      signatureShape: 'sha1',
      bodyHash: undefined,
    });
  });

  it('verifies when the app sees its own listening port, which the validator drops', () => {
    const finding = diagnoseSeen('https://example.com/sms', 'https://example.com:3000/sms').finding;
    expect(finding).toMatchObject({ kind: 'verified', variant: 'with port 3000 removed' });
  });

  it('verifies when the app sees the default port Twilio left out', () => {
    const finding = diagnoseSeen('https://example.com/sms', 'https://example.com:443/sms').finding;
    expect(finding).toEqual({
      kind: 'verified',
      url: 'https://example.com/sms',
      variant: 'with port 443 removed',
    });
  });
});

describe('diagnose: URL mistakes', () => {
  it('finds https signed behind a proxy that ends TLS', () => {
    const finding = diagnoseSeen('https://example.com/sms', 'http://example.com/sms').finding;
    expect(finding).toEqual({
      kind: 'url-mismatch',
      url: 'https://example.com/sms',
      changes: [{ kind: 'scheme', from: 'http', to: 'https' }],
    });
  });

  it('blames only the scheme when the app also sees its listening port', () => {
    // Like the official validator, candidateUrls drops any port, so :3000 needs no fixing.
    const finding = diagnoseSeen('https://example.com/sms', 'http://example.com:3000/sms').finding;
    expect(finding).toEqual({
      kind: 'url-mismatch',
      url: 'https://example.com/sms',
      changes: [{ kind: 'scheme', from: 'http', to: 'https' }],
    });
  });

  it('finds a non-default port Twilio signed that a proxy dropped', () => {
    const finding = diagnoseSeen('https://example.com:8443/sms', 'https://example.com/sms').finding;
    expect(finding).toEqual({
      kind: 'url-mismatch',
      url: 'https://example.com:8443/sms',
      changes: [{ kind: 'port', from: undefined, to: '8443' }],
    });
  });

  it('finds a trailing slash in the URL configured in Twilio', () => {
    const finding = diagnoseSeen('https://example.com/sms/', 'https://example.com/sms').finding;
    expect(finding).toEqual({
      kind: 'url-mismatch',
      url: 'https://example.com/sms/',
      changes: [{ kind: 'trailing-slash', added: true }],
    });
  });

  it('finds a query added after Twilio signed', () => {
    const seen = 'https://example.com/sms?utm_source=tunnel';
    expect(diagnoseSeen('https://example.com/sms', seen).finding).toMatchObject({
      kind: 'url-mismatch',
      changes: [{ kind: 'query-dropped', query: 'utm_source=tunnel' }],
    });
  });

  it('finds a signature over the URL alone when parameters were passed', () => {
    const url = 'https://example.com/voice?CallSid=CA1';
    const signature = twilio.getExpectedTwilioSignature(token, url, {});
    expect(diagnose({ url, token, signature, params }).finding).toEqual({
      kind: 'params-unsigned',
      url,
      changes: [],
    });
  });
});

describe('diagnose: nothing matches', () => {
  it('reports no match for another token', () => {
    const url = 'https://example.com/sms';
    const signature = twilio.getExpectedTwilioSignature('another-token', url, params);
    const { finding } = diagnose({ url, token, signature, params });
    expect(finding.kind).toBe('no-match');
    expect(finding.kind === 'no-match' && finding.tried).toBeGreaterThan(10);
  });

  it('reports no match for a changed parameter', () => {
    const url = 'https://example.com/sms';
    const changed = { ...params, Body: 'order 3 margherita' };
    expect(diagnoseSeen(url, url, changed).finding.kind).toBe('no-match');
  });
});

describe('diagnose: JSON bodies', () => {
  const body = '{"event":"delivered","to":"whatsapp:+14155550100"}';
  const hash = twilio.getExpectedBodyHash(body);
  const signedUrl = `https://example.com/events?bodySHA256=${hash}`;
  const signature = twilio.getExpectedTwilioSignature(token, signedUrl, {});

  it('verifies the URL with bodySHA256 and the body it hashes', () => {
    const diagnosis = diagnose({ url: signedUrl, token, signature, params: {}, json: body });
    expect(diagnosis.finding).toMatchObject({ kind: 'verified', url: signedUrl });
    expect(diagnosis.bodyHash).toEqual({ inUrl: hash, ofBody: hash });
  });

  it('reports a body that no longer hashes to bodySHA256', () => {
    const reserialized = JSON.stringify(JSON.parse(body), null, 2);
    const diagnosis = diagnose({
      url: signedUrl,
      token,
      signature,
      params: {},
      json: reserialized,
    });
    expect(diagnosis.bodyHash?.inUrl).toBe(hash);
    expect(diagnosis.bodyHash?.ofBody).not.toBe(hash);
  });

  it('appends the body hash when the URL given has none', () => {
    const url = 'https://example.com/events';
    const diagnosis = diagnose({ url, token, signature, params: {}, json: body });
    expect(diagnosis.bodyHash).toEqual({ inUrl: undefined, ofBody: hash });
    expect(diagnosis.finding).toMatchObject({ kind: 'verified', url: signedUrl });
  });
});

describe('diagnose: signature shape', () => {
  it('tells an HMAC-SHA256 signature and a malformed one from an HMAC-SHA1', () => {
    const url = 'https://example.com/sms';
    const sha256 = computeTwilioSignature(token, url, params, 'HMAC_SHA256');
    expect(diagnose({ url, token, signature: sha256, params }).signatureShape).toBe('sha256');
    expect(diagnose({ url, token, signature: 'abc', params }).signatureShape).toBe('malformed');
  });
});
