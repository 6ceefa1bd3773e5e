import { describe, expect, it } from 'vitest';
import { TwilioGuardError } from './errors.js';
import { EMPTY_TWIML, emptyTwimlResponse, problemResponse } from './problem.js';

describe('problemResponse', () => {
  it('writes an RFC 9457 document with the code, and the error headers over the others', () => {
    const error = new TwilioGuardError('RATE_LIMITED', 'too many requests.', {
      headers: { 'Retry-After': '7' },
      cause: new Error('secret detail'),
    });
    const response = problemResponse(error, { RateLimit: '"twilio-guard";r=0;t=7' });

    expect(response.status).toBe(429);
    expect(response.headers).toEqual({
      RateLimit: '"twilio-guard";r=0;t=7',
      'Retry-After': '7',
      'Content-Type': 'application/problem+json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    expect(JSON.parse(response.body)).toEqual({
      type: 'urn:twilio-guard:error:rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: 'twilio-guard: too many requests.',
      code: 'RATE_LIMITED',
    });
    expect(response.body).not.toContain('secret detail');
  });
});

describe('emptyTwimlResponse', () => {
  it('answers 200 with an empty TwiML document', () => {
    const response = emptyTwimlResponse({ RateLimit: 'x' });
    expect(response).toEqual({
      status: 200,
      headers: { RateLimit: 'x', 'Content-Type': 'text/xml; charset=utf-8' },
      body: EMPTY_TWIML,
    });
    expect(EMPTY_TWIML).toMatch(/^<\?xml [^>]+\?><Response\/>$/);
  });
});
