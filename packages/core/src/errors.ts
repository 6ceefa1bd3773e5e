/**
 * Every way a request can be turned away, each with one HTTP status. The set is closed: adapters,
 * hooks and clients can switch on `code` without parsing messages.
 */
export const STATUS_BY_CODE = {
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  MISSING_SIGNATURE: 403,
  CONFIG_ERROR: 500,
  BODY_PARSER_CONFLICT: 500,
  INVALID_BODY: 400,
  REQUEST_TOO_OLD: 400,
  INVALID_TIMESTAMP: 400,
  INVALID_SIGNATURE: 403,
  REPLAY_DETECTED: 409,
  STORE_UNAVAILABLE: 503,
  VALIDATION_ERROR: 500,
} as const;

export type TwilioGuardErrorCode = keyof typeof STATUS_BY_CODE;

const TITLE_BY_CODE: Record<TwilioGuardErrorCode, string> = {
  RATE_LIMITED: 'Too many requests',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  MISSING_SIGNATURE: 'Missing Twilio signature',
  CONFIG_ERROR: 'Webhook validation is not configured',
  BODY_PARSER_CONFLICT: 'Request body was parsed in a way that loses signed data',
  INVALID_BODY: 'Malformed request body',
  REQUEST_TOO_OLD: 'Request too old',
  INVALID_TIMESTAMP: 'Invalid request timestamp',
  INVALID_SIGNATURE: 'Invalid Twilio signature',
  REPLAY_DETECTED: 'Replayed request',
  STORE_UNAVAILABLE: 'Validation store unavailable',
  VALIDATION_ERROR: 'Webhook validation failed unexpectedly',
};

/** The one error type of twilio-guard. `status` always follows from `code`. */
export class TwilioGuardError extends Error {
  override readonly name = 'TwilioGuardError';
  readonly code: TwilioGuardErrorCode;
  readonly status: number;
  /** Response headers that belong with this error, such as `Retry-After`. */
  readonly headers: Record<string, string>;

  constructor(
    code: TwilioGuardErrorCode,
    message: string,
    options: { cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(`twilio-guard: ${message}`, { cause: options.cause });
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.headers = options.headers ?? {};
  }

  /** A short human title for the code, used in problem responses. */
  get title(): string {
    return TITLE_BY_CODE[this.code];
  }
}

export function isTwilioGuardError(value: unknown): value is TwilioGuardError {
  return value instanceof TwilioGuardError;
}
