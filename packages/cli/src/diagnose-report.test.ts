import { describe, expect, it } from 'vitest';
import type { Diagnosis } from './diagnose.js';
import { diagnosisReport, isVerified } from './diagnose-report.js';

const base = { signatureShape: 'sha1', bodyHash: undefined } as const;

describe('diagnosisReport', () => {
  it('tells an app behind a TLS proxy to trust the proxy or set webhookUrl', () => {
    const report = diagnosisReport({
      ...base,
      finding: {
        kind: 'url-mismatch',
        url: 'https://example.com/sms',
        changes: [
          { kind: 'scheme', from: 'http', to: 'https' },
          { kind: 'port', from: undefined, to: '8443' },
        ],
      },
    });
    expect(report).toContain('  https://example.com/sms\n');
    expect(report).toMatch(/scheme: Twilio signed https, the app saw http.*trust the proxy/);
    expect(report).toMatch(/port: Twilio signed :8443, the app saw none/);
    expect(report).toContain('webhookUrl');
  });

  it('points at the token and the parameters when nothing matches', () => {
    const report = diagnosisReport({ ...base, finding: { kind: 'no-match', tried: 64 } });
    expect(report).toMatch(/none of the 64 URL variants/);
    expect(report).toMatch(/token: use the auth token of the account/);
    expect(report).toMatch(/parameters: pass every parameter exactly as received/);
  });

  it('reports a changed JSON body before the URL finding', () => {
    const report = diagnosisReport({
      ...base,
      bodyHash: { inUrl: 'aa', ofBody: 'bb' },
      finding: { kind: 'verified', url: 'https://x.test/e?bodySHA256=aa', variant: 'exactly' },
    });
    expect(report.indexOf('Body mismatch')).toBeLessThan(report.indexOf('Match:'));
  });
});

describe('isVerified', () => {
  const verified: Diagnosis = {
    ...base,
    finding: { kind: 'verified', url: 'https://x.test/e', variant: 'exactly as received' },
  };

  it('holds only for an official match with an intact body', () => {
    expect(isVerified(verified)).toBe(true);
    expect(isVerified({ ...verified, bodyHash: { inUrl: 'aa', ofBody: 'aa' } })).toBe(true);
    expect(isVerified({ ...verified, bodyHash: { inUrl: 'aa', ofBody: 'bb' } })).toBe(false);
    expect(isVerified({ ...base, finding: { kind: 'no-match', tried: 1 } })).toBe(false);
  });
});
