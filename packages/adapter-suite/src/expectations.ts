import type { TwilioGuardErrorCode, TwilioParams } from '@twilio-guard/core';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import type { SuiteResponse } from './http.js';

interface Problem {
  status: number;
  code: TwilioGuardErrorCode;
  detail: string;
}

/** A rejection: the status, a problem+json body with `code`, and a handler that never ran. */
export function expectRejected(
  app: TestApp,
  response: SuiteResponse,
  status: number,
  code: TwilioGuardErrorCode,
): Problem {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(response.text) as Problem;
  expect(problem.code).toBe(code);
  expect(problem.status).toBe(status);
  expect(app.handled).toHaveLength(0);
  return problem;
}

/**
 * An accepted request: 200, the handler ran once more than before, and the context it got (and
 * echoed) carries exactly the parameters that were signed.
 */
export function expectAccepted(
  app: TestApp,
  response: SuiteResponse,
  params: TwilioParams,
  handledBefore = 0,
): void {
  expect(response.status, response.text).toBe(200);
  expect(app.handled).toHaveLength(handledBefore + 1);

  const context = app.handled[handledBefore];
  expect({ ...context?.params }).toEqual(params);
  expect(context?.from).toBe(first(params.From));
  expect(context?.messageSid).toBe(first(params.MessageSid) ?? first(params.SmsSid));

  const echoed = JSON.parse(response.text) as { params: TwilioParams; messageSid?: string };
  expect(echoed.params).toEqual(params);
  expect(echoed.messageSid).toBe(context?.messageSid);
}

/**
 * A framework parser that nests names either left the signed data intact (the adapter kept the
 * raw bytes) or is reported as a conflict whose detail says how to fix it. A plain 403 would
 * blame Twilio for the app's own configuration, so it never passes.
 */
export function expectVerifiedOrConflict(
  app: TestApp,
  response: SuiteResponse,
  params: TwilioParams,
): void {
  if (response.status === 200) {
    expectAccepted(app, response, params);
    return;
  }
  const problem = expectRejected(app, response, 500, 'BODY_PARSER_CONFLICT');
  expect(problem.detail).toMatch(/before the body parser/i);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
